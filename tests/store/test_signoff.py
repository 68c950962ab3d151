"""The sign-off of a year on SQLite and PostgreSQL: an approved year takes no new value (the
message names who approved it and when) until a planner reopens it with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.store.plan_fixture import one
from zhospar._exceptions import ConflictError, ValidationError
from zhospar.store import Database, record_actuals
from zhospar.store.activity import activity
from zhospar.store.signoff import approve_year, reopen_year, year_states


def test_an_approved_year_takes_no_value_until_reopened(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2012", "5,3")], entered_by="dana")
    approved = approve_year(loaded, "small", 2012, by="planner")
    with pytest.raises(ConflictError, match=r"takes no new value: 2012 approved by planner on "):
        record_actuals(loaded, "small", [one("G1.1-I1", "2012", "5,4")], entered_by="dana")
    with pytest.raises(ConflictError):  # a quarter of the year too, and in a batch with others
        batch = [one("G1.1-I1", "2011", "6"), one("G1.1-I1", "2012-Q3", "5")]
        record_actuals(loaded, "small", batch, entered_by="dana")
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6")], entered_by="dana")  # open
    assert year_states(loaded, "small") == {2012: approved}
    reopened = reopen_year(loaded, "small", 2012, "the bulletin was revised", by="planner")
    assert not reopened.approved and reopened.reason == "the bulletin was revised"
    record_actuals(loaded, "small", [one("G1.1-I1", "2012", "5,4")], entered_by="dana")
    logged = [(a.action, a.detail) for a in activity(loaded) if a.action.startswith("period")]
    assert logged == [
        ("period-reopen", "reopened 2012: the bulletin was revised"),
        ("period-approve", "approved 2012"),
    ]


def test_wrong_sign_offs_are_refused(loaded: Database) -> None:
    with pytest.raises(ValidationError, match="outside the plan's period"):
        approve_year(loaded, "small", 2030, by="p")
    with pytest.raises(ConflictError, match="2012 is not approved"):
        reopen_year(loaded, "small", 2012, "why", by="p")
    approve_year(loaded, "small", 2012, by="p")
    with pytest.raises(ConflictError, match="already approved: 2012 approved by p"):
        approve_year(loaded, "small", 2012, by="q")
    with pytest.raises(ValidationError, match="needs a reason"):
        reopen_year(loaded, "small", 2012, "  ", by="p")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text("DELETE FROM period_signoffs"))
