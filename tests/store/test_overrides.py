"""Users' overrides of polarity and roll-up rule: recorded, kept, in force, and used in scoring.

The plan is the hand-made ``small`` one (tests/store/plan_fixture.py), copied from the bundled
text: the unemployment rate G1.1-I1 ("%-бен", line 217: 2012 target 6,2) and the number of
people placed in jobs T1.3.1-I1 ("мың адам", line 250: 2012 target 230,3).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from tests.store.plan_fixture import one
from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.evaluate import (
    Polarity,
    PolaritySource,
    RollupRule,
    Status,
    YearEvaluation,
    evaluate_year,
)
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.store import (
    REGIONS,
    Database,
    OverrideKind,
    evaluation_inputs,
    override_history,
    overrides,
    record_actuals,
    set_polarity,
    set_rollup,
)
from zhospar.store.db import head_revision, migrate, schema_revision


def _evaluate(db: Database, year: int = 2012) -> YearEvaluation:
    stored = evaluation_inputs(db, "small")
    return evaluate_year(stored.plan, stored.facts, year, stored.options())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- recording ----------------------------------------------------------------------------------


def test_an_override_is_recorded_with_user_time_and_reason(loaded: Database) -> None:
    before = _now()
    done = set_polarity(loaded, "small", "G1.1-I1", "increase", " ILO definition ", "aigerim")
    after = _now()
    assert (done.indicator_id, done.kind, done.value) == (
        "G1.1-I1",
        OverrideKind.POLARITY,
        "increase",
    )
    assert (done.reason, done.entered_by) == ("ILO definition", "aigerim")
    assert before <= done.entered_at <= after
    [stored] = override_history(loaded, "small")
    assert stored == done  # read back from the database: the same who, when and why
    found = overrides(loaded, "small").polarity["G1.1-I1"]
    assert (found.polarity, found.user, found.reason, found.at) == (
        Polarity.INCREASE,
        "aigerim",
        "ILO definition",
        done.entered_at,
    )


def test_history_is_kept_and_the_latest_decision_is_in_force(loaded: Database) -> None:
    set_polarity(loaded, "small", "G1.1-I1", "increase", "first thought", "aigerim")
    set_polarity(loaded, "small", "G1.1-I1", Polarity.KEEP, "second thought", "nurlan")
    set_rollup(loaded, "small", "T1.3.1-I1", "last", "a stock after all", "nurlan")
    set_polarity(loaded, "small", "G1.1-I1", "DECREASE", "back to the wording", "dana")
    history = override_history(loaded, "small", kind=OverrideKind.POLARITY)
    assert [(r.value, r.entered_by) for r in history] == [
        ("increase", "aigerim"),
        ("keep", "nurlan"),
        ("decrease", "dana"),
    ]
    assert [r.entered_at for r in history] == sorted(r.entered_at for r in history)
    polarity, rollups = overrides(loaded, "small")
    assert polarity["G1.1-I1"].polarity is Polarity.DECREASE
    assert polarity["G1.1-I1"].user == "dana"
    assert rollups["T1.3.1-I1"].rule is RollupRule.LAST
    assert "nurlan" in str(rollups["T1.3.1-I1"].reason) and "a stock after all" in str(
        rollups["T1.3.1-I1"].reason
    )


def test_inferred_ends_an_override_and_is_history_too(loaded: Database) -> None:
    set_polarity(loaded, "small", "G1.1-I1", "increase", "try", "aigerim")
    set_rollup(loaded, "small", "T1.3.1-I1", "last", "try", "aigerim")
    set_polarity(loaded, "small", "G1.1-I1", "inferred", "the wording was right", "aigerim")
    set_rollup(loaded, "small", "T1.3.1-I1", "inferred", "a flow after all", "aigerim")
    assert overrides(loaded, "small") == ({}, {})
    assert [r.value for r in override_history(loaded, "small")] == [
        "increase",
        "last",
        "inferred",
        "inferred",
    ]
    assert [r.value for r in override_history(loaded, "small", indicator_id="T1.3.1-I1")] == [
        "last",
        "inferred",
    ]


# --- the overrides change the evaluation -------------------------------------------------------


def test_an_overridden_polarity_changes_the_achievement(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2012", "5,3")], entered_by="t")
    inferred = _evaluate(loaded).achievements["G1.1-I1"]
    # "Жұмыссыздық деңгейі" is a decrease: 6.2 / 5.3 × 100 = 116.981... %
    assert inferred.polarity.polarity is Polarity.DECREASE
    assert (inferred.display_percent, inferred.status) == ("116.98", Status.ACHIEVED)

    set_polarity(loaded, "small", "G1.1-I1", "increase", "read as employment", "aigerim")
    result = _evaluate(loaded).achievements["G1.1-I1"]
    # increase: 5.3 / 6.2 × 100 = 85.483... %, below the 90 % of "nearly"
    assert (result.display_percent, result.status) == ("85.48", Status.NOT_ACHIEVED)
    assert result.polarity.source is PolaritySource.OVERRIDE
    assert result.polarity.inferred is not None
    assert result.polarity.inferred.polarity is Polarity.DECREASE
    assert "aigerim" in str(result.polarity.reason) and "read as employment" in str(
        result.polarity.reason
    )


def _regional_months(indicator: str, year: int) -> list[ActualInput]:
    """Every region, every month: 1 (thousand people) in January-November, 2 in December."""
    return [
        ActualInput(
            indicator_id=indicator,
            period=Period.parse(f"{year}-{month:02d}"),
            value=Decimal(2 if month == 12 else 1),
            region=region.code,
        )
        for region in REGIONS
        for month in range(1, 13)
    ]


def test_a_rollup_override_sum_versus_last(loaded: Database) -> None:
    record_actuals(loaded, "small", _regional_months("T1.3.1-I1", 2012), entered_by="t")
    flow = _evaluate(loaded)
    assert flow.rollups["T1.3.1-I1"].rule is RollupRule.SUM  # "мың адам", "саны": a count
    summed = flow.achievements["T1.3.1-I1"]
    # SUM: 16 regions × (11 × 1 + 2) = 208; 208 / 230.3 × 100 = 90.317... %: nearly
    assert summed.fact_value == Decimal(208)
    assert (summed.display_percent, summed.status) == ("90.32", Status.NEARLY)

    set_rollup(loaded, "small", "T1.3.1-I1", "last", "a stock at the year's end", "aigerim")
    stock = _evaluate(loaded)
    assert stock.rollups["T1.3.1-I1"].overridden
    last = stock.achievements["T1.3.1-I1"]
    # LAST: each region's December value 2, regions added: 32; 32 / 230.3 × 100 = 13.894... %
    assert last.fact_value == Decimal(32)
    assert (last.display_percent, last.status) == ("13.89", Status.NOT_ACHIEVED)


def test_a_ratio_override_recomputes_a_rate_from_its_parts(loaded: Database) -> None:
    facts = [
        one("T1.3.1-I1", "2012", "3", region="11"),
        one("T1.3.1-I1", "2012", "2", region="15"),
        one("G2.1-I4", "2012", "50", region="11"),
        one("G2.1-I4", "2012", "50", region="15"),
    ]
    record_actuals(loaded, "small", facts, entered_by="t")
    assert _evaluate(loaded).achievements["G1.1-I1"].status is Status.NO_DATA  # no rule: none
    done = set_rollup(
        loaded, "small", "G1.1-I1", "ratio", "unemployed / labour force", "aigerim",
        numerator="T1.3.1-I1", denominator="G2.1-I4",
    )  # fmt: skip
    assert done.scale == Decimal(100)  # the unit "%-бен" is a percentage
    assert done.rule == "ratio T1.3.1-I1 / G2.1-I4 × 100"
    result = _evaluate(loaded).achievements["G1.1-I1"]
    # (3 + 2) / (50 + 50) × 100 = 5.0 %; decrease: 6.2 / 5.0 × 100 = 124 %
    assert result.fact_value == Decimal(5)
    assert (result.display_percent, result.status) == ("124.00", Status.ACHIEVED)


# --- what is refused ----------------------------------------------------------------------------


N, V = NotFoundError, ValidationError
RATIO_PARTS = {"numerator": "T1.3.1-I1", "denominator": "G2.1-I4"}
REFUSED: list[tuple[str, str, str, dict[str, Any], type[Exception], str]] = [
    ("polarity", "G1.1-I7", "increase", {}, N, "closest: G1.1-I1"),
    ("polarity", "G2.1-I2", "increase", {}, V, "from plan small by resolution No. 415"),
    ("polarity", "T4.1.1-M1", "increase", {}, V, "is a milestone"),
    ("polarity", "P002-X", "decrease", {}, V, "budget program's expenditure"),
    ("polarity", "G1.1-I1", "higher", {}, V, 'unknown polarity "higher"'),
    ("rollup", "G1.1-I1", "average", {}, V, 'unknown roll-up rule "average"'),
    ("rollup", "G1.1-I1", "sum", {}, V, "is a percentage"),
    ("rollup", "G1.1-I1", "ratio", {"numerator": "T1.3.1-I1"}, V, "needs a numerator and a"),
    ("rollup", "G1.1-I1", "ratio", {**RATIO_PARTS, "numerator": "T1.3.1-I9"}, N, "closest: T1"),
    ("rollup", "G1.1-I1", "ratio", {**RATIO_PARTS, "numerator": "G2.1-I4"}, V, "both G2.1-I4"),
    ("rollup", "G1.1-I1", "ratio", {**RATIO_PARTS, "scale": Decimal(0)}, V, "above 0"),
    ("rollup", "G1.1-I1", "weighted", {}, V, "needs a base"),
    ("rollup", "G1.1-I1", "weighted", {"base": "G1.1-I1"}, V, "its own base"),
    ("rollup", "G1.1-I1", "weighted", {"base": "G2.1-I3"}, V, "by resolution No. 1417"),
    ("rollup", "T1.3.1-I1", "last", {"base": "G2.1-I4"}, V, "takes no base"),
]


@pytest.mark.parametrize(("kind", "indicator", "value", "params", "error", "words"), REFUSED)
def test_a_bad_override_is_refused_and_nothing_is_written(
    loaded: Database,
    kind: str,
    indicator: str,
    value: str,
    params: dict[str, Any],
    error: type[Exception],
    words: str,
) -> None:
    with pytest.raises(error, match=re.escape(words)):
        if kind == "polarity":
            set_polarity(loaded, "small", indicator, value, "a reason", "aigerim")
        else:
            set_rollup(loaded, "small", indicator, value, "a reason", "aigerim", **params)
    assert override_history(loaded, "small") == []


@pytest.mark.parametrize(("reason", "user"), [("  ", "aigerim"), ("because", " ")])
def test_a_reason_and_a_user_are_required(loaded: Database, reason: str, user: str) -> None:
    with pytest.raises(ValidationError):
        set_polarity(loaded, "small", "G1.1-I1", "increase", reason, user)
    assert override_history(loaded, "small") == []


# --- the table and its migration ----------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    ["UPDATE indicator_overrides SET value = 'keep'", "DELETE FROM indicator_overrides"],
)
def test_triggers_refuse_rewriting_the_overrides(loaded: Database, statement: str) -> None:
    set_polarity(loaded, "small", "G1.1-I1", "increase", "why", "aigerim")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text(statement))
    assert [r.value for r in override_history(loaded, "small")] == ["increase"]


def test_migration_0002_goes_down_and_up_again(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2012", "5,3")], entered_by="t")
    set_polarity(loaded, "small", "G1.1-I1", "increase", "why", "aigerim")
    migrate(loaded.engine, "0001", down=True)
    assert schema_revision(loaded.engine) == "0001"
    tables = set(inspect(loaded.engine).get_table_names())
    assert "indicator_overrides" not in tables and "actuals" in tables
    with loaded.reading() as conn:  # the actuals of 0001 are untouched
        assert conn.execute(text("SELECT count(*) FROM actuals")).scalar_one() == 1
    migrate(loaded.engine, "head")
    assert schema_revision(loaded.engine) == head_revision()
    assert override_history(loaded, "small") == []  # the table came back empty
    set_polarity(loaded, "small", "G1.1-I1", "keep", "again", "aigerim")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text("DELETE FROM indicator_overrides"))  # its triggers came back too
    assert overrides(loaded, "small").polarity["G1.1-I1"].polarity is Polarity.KEEP
