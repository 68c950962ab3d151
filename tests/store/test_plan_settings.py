"""A plan's cap: recorded with who, when and why, append-only, and used in every stored score.

The plan is the hand-made ``small`` one: goal 1.1 holds the unemployment rate G1.1-I1 (2012
target 6,2, lower is better) and, through task 1.3.1, the people placed in jobs T1.3.1-I1 (2012
target 230,3). With the facts 5,3 and 184,24: 6.2 / 5.3 = 116.981 % and 184.24 / 230.3 = 80 %.
Default cap 100: (100 + 80) / 2 = 90.00 %, nearly. Cap 120: (116.981 + 80) / 2 = 98.49 %.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from tests.store.plan_fixture import one
from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.evaluate import CAP, evaluate_year
from zhospar.store import Database, evaluation_inputs, record_actuals
from zhospar.store.db import head_revision, migrate, schema_revision
from zhospar.store.plan_settings import cap_in_force, plan_settings, set_cap


def _goal_score(db: Database) -> Decimal | None:
    stored = evaluation_inputs(db, "small")
    result = evaluate_year(stored.plan, stored.facts, 2012, stored.options())
    goal = result.plan_score.children[0].children[0]
    assert goal.code == "1.1"
    return goal.score


def _facts(db: Database) -> None:
    facts = [one("G1.1-I1", "2012", "5,3"), one("T1.3.1-I1", "2012", "184,24")]
    record_actuals(db, "small", facts, entered_by="t")


def test_the_default_cap_is_100_and_a_plans_cap_changes_the_mean(loaded: Database) -> None:
    _facts(loaded)
    assert cap_in_force(loaded, "small") == (CAP, None) and Decimal(100) == CAP
    assert _goal_score(loaded) == Decimal(90)  # (100 + 80) / 2
    done = set_cap(loaded, "small", "120 %", "as the 2011 methodology allowed", "aigerim")
    assert (done.value, done.entered_by) == ("120", "aigerim")
    score = _goal_score(loaded)
    assert score is not None and score.quantize(Decimal("0.01")) == Decimal("98.49")
    stored = evaluation_inputs(loaded, "small")
    assert "cap 120 % (set by aigerim on" in stored.origin


def test_the_latest_decision_is_in_force_and_the_history_is_kept(loaded: Database) -> None:
    set_cap(loaded, "small", "120", "first", "aigerim")
    set_cap(loaded, "small", "100", "back to the state's scale", "nurlan")
    cap, setting = cap_in_force(loaded, "small")
    assert cap == Decimal(100) and setting is not None and setting.entered_by == "nurlan"
    assert [(s.value, s.reason) for s in plan_settings(loaded, "small")] == [
        ("120", "first"),
        ("100", "back to the state's scale"),
    ]


@pytest.mark.parametrize(
    ("percent", "reason", "user", "message"),
    [
        ("90", "x", "a", "from 100 to 1000"),  # an achieved indicator would count as less
        ("5000", "x", "a", "from 100 to 1000"),
        ("abc", "x", "a", 'such as 100 or 120; got "abc"'),
        ("NaN", "x", "a", "from 100 to 1000"),
        ("120", "  ", "a", "needs a reason"),
        ("120", "x", " ", "must be named"),
    ],
)
def test_a_bad_cap_is_refused_and_nothing_is_written(
    loaded: Database, percent: str, reason: str, user: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        set_cap(loaded, "small", percent, reason, user)
    assert plan_settings(loaded, "small") == []


def test_an_unknown_plan_is_named(loaded: Database) -> None:
    with pytest.raises(NotFoundError, match="nope"):
        set_cap(loaded, "nope", "120", "x", "a")


@pytest.mark.parametrize(
    "statement", ["UPDATE plan_settings SET value = '500'", "DELETE FROM plan_settings"]
)
def test_triggers_refuse_rewriting_the_settings(loaded: Database, statement: str) -> None:
    set_cap(loaded, "small", "120", "why", "aigerim")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text(statement))
    assert [s.value for s in plan_settings(loaded, "small")] == ["120"]


def test_migration_0003_goes_down_and_up_again(loaded: Database) -> None:
    set_cap(loaded, "small", "120", "why", "aigerim")
    migrate(loaded.engine, "0002", down=True)
    assert schema_revision(loaded.engine) == "0002"
    assert "plan_settings" not in set(inspect(loaded.engine).get_table_names())
    migrate(loaded.engine, "head")
    assert schema_revision(loaded.engine) == head_revision()
    assert cap_in_force(loaded, "small") == (CAP, None)  # the table came back empty
    set_cap(loaded, "small", "110", "again", "aigerim")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text("DELETE FROM plan_settings"))  # its triggers came back too
    assert cap_in_force(loaded, "small")[0] == Decimal(110)
