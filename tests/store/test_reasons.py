"""Reasons for non-achievement on SQLite and PostgreSQL: append-only history with the named
person, the latest in force, refused for an approved year, every write in the activity log."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from zhospar._exceptions import ConflictError, NotFoundError, ValidationError
from zhospar.rules.reasons import REASON_LIMIT
from zhospar.store import Database
from zhospar.store.activity import activity
from zhospar.store.reasons import (
    ReasonInput,
    reason_history,
    reasons_in_year,
    record_reason,
    record_reasons,
)
from zhospar.store.signoff import approve_year, reopen_year


def test_the_latest_reason_is_in_force_and_the_history_keeps_every_one(loaded: Database) -> None:
    first = record_reason(loaded, "small", "G1.1-I1", 2012, " the survey moved ", by="dana")
    assert first.text == "the survey moved" and first.entered_by == "dana"
    record_reason(loaded, "small", "G1.1-I1", 2011, "another year", by="dana")
    second = record_reason(loaded, "small", "G1.1-I1", 2012, "the ILO method changed", by="aru")
    in_force = reasons_in_year(loaded, "small", 2012)
    assert list(in_force) == ["G1.1-I1"]
    assert in_force["G1.1-I1"].text == "the ILO method changed"
    assert in_force["G1.1-I1"].entered_by == "aru"
    assert in_force["G1.1-I1"].entered_at >= first.entered_at
    history = reason_history(loaded, "small", "G1.1-I1", 2012)
    assert [(r.text, r.entered_by) for r in history] == [
        ("the survey moved", "dana"),
        ("the ILO method changed", "aru"),
    ]
    assert second.id == history[-1].id
    assert len(reason_history(loaded, "small", "G1.1-I1")) == 3
    logged = [(a.action, a.detail, a.user) for a in activity(loaded, action="record-reason")]
    assert logged[0] == ("record-reason", "G1.1-I1 2012: the ILO method changed", "aru")
    assert len(logged) == 3


def test_bad_reasons_are_refused_before_anything_is_written(loaded: Database) -> None:
    with pytest.raises(NotFoundError, match=r"G9\.9-I9"):
        record_reason(loaded, "small", "G9.9-I9", 2012, "why", by="dana")
    with pytest.raises(ValidationError, match="outside the plan's period: expected 2008 to 2014"):
        record_reason(loaded, "small", "G1.1-I1", 2030, "why", by="dana")
    with pytest.raises(ValidationError, match="needs a text"):
        record_reason(loaded, "small", "G1.1-I1", 2012, "   ", by="dana")
    with pytest.raises(ValidationError, match=f"at most {REASON_LIMIT} characters"):
        record_reason(loaded, "small", "G1.1-I1", 2012, "x" * (REASON_LIMIT + 1), by="dana")
    with pytest.raises(NotFoundError):  # all or nothing: the good first one is not written
        batch = [ReasonInput("G1.1-I1", 2012, "fine"), ReasonInput("nope", 2012, "x")]
        record_reasons(loaded, "small", batch, by="dana")
    assert reasons_in_year(loaded, "small", 2012) == {}
    assert activity(loaded, action="record-reason") == []


def test_an_approved_year_takes_no_new_reason(loaded: Database) -> None:
    approve_year(loaded, "small", 2012, by="planner")
    with pytest.raises(ConflictError, match="2012 approved by planner on "):
        record_reason(loaded, "small", "G1.1-I1", 2012, "too late", by="dana")
    assert reasons_in_year(loaded, "small", 2012) == {}
    reopen_year(loaded, "small", 2012, "a reason is missing", by="planner")
    record_reason(loaded, "small", "G1.1-I1", 2012, "in time", by="dana")
    assert reasons_in_year(loaded, "small", 2012)["G1.1-I1"].text == "in time"


@pytest.mark.parametrize(
    "statement", ["UPDATE indicator_reasons SET text = 'x'", "DELETE FROM indicator_reasons"]
)
def test_reasons_are_append_only(loaded: Database, statement: str) -> None:
    record_reason(loaded, "small", "G1.1-I1", 2012, "why", by="dana")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text(statement))
