"""Achievement per indicator and year: the table of hand-computed cases, then the edges."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tests.evaluate._build import fact, indicator, small_plan
from zhospar.evaluate import (
    ACHIEVED_AT,
    NEARLY_AT,
    FactRef,
    IndicatorPolarity,
    MilestoneState,
    NoScore,
    Observed,
    Polarity,
    PolaritySource,
    Status,
    achieve,
    achieve_milestone,
    status_of,
)
from zhospar.evaluate.achievement import years_text
from zhospar.model.plan import Milestone

CASES = list(
    csv.DictReader(
        (Path(__file__).parent / "cases" / "achievement.csv").read_text("utf-8").splitlines()
    )
)


def _polarity(kind: str) -> IndicatorPolarity:
    return IndicatorPolarity("X-I1", Polarity(kind), PolaritySource.OVERRIDE, "test")


def _observed(value: str, year: int = 2012) -> Observed:
    return Observed.single(FactRef.of(fact("X-I1", str(year), value)))


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_achievement_table(case: dict[str, str]) -> None:
    ind = indicator("X-I1", "x", "%", {2012: case["target"] or None})
    observed = _observed(case["fact"]) if case["fact"] else None
    result = achieve(ind, _polarity(case["polarity"]), 2012, observed)
    assert result.status == Status(case["status"])
    assert result.display_percent == (case["percent"] or None)
    assert result.no_score == (NoScore(case["no_score"]) if case["no_score"] else None)
    shown = result.deviation.quantize(Decimal("0.01")) if result.deviation is not None else None
    assert shown == (Decimal(case["deviation"]) if case["deviation"] else None)
    assert result.message


def test_bands_are_stated_constants() -> None:
    assert (Decimal(100), Decimal(90)) == (ACHIEVED_AT, NEARLY_AT)
    assert status_of(Decimal("99.999")) is Status.NEARLY
    assert status_of(Decimal("89.999")) is Status.NOT_ACHIEVED


def test_issue_example_keeps_full_precision_and_traces_its_inputs() -> None:
    plan = small_plan()
    target_indicator = plan.directions[0].goals[0].target_indicators[0]
    observed = Observed.single(FactRef.of(fact("G1.1-I1", "2012", "5.3", row=4, source="IMF")))
    decrease = _polarity("decrease")
    result = achieve(target_indicator, decrease, 2012, observed)
    assert result.percent is not None
    assert abs(result.percent - Decimal("116.9811320754716981132075472")) < Decimal("1e-20")
    assert result.target is not None and result.target.line == 217
    assert result.target.raw == "6.2"
    assert result.observed is not None
    assert result.observed.facts[0].describe() == "facts.csv, row 4; source: IMF"
    assert "6.2 / 5.3" in result.message


def test_missing_target_and_missing_fact_say_so() -> None:
    ind = indicator("X-I1", "x", "%", {2012: "5", 2013: None})
    increase = _polarity("increase")
    no_target = achieve(ind, increase, 2013, _observed("5", 2013))
    assert no_target.message == 'no target for 2013 (the plan prints "-" at line 10)'
    assert achieve(ind, increase, 2008, _observed("5", 2008)).message == "no target for 2008"
    assert achieve(ind, increase, 2012, None).message == "no fact yet for 2012"


def test_refused_roll_up_is_not_a_number() -> None:
    ind = indicator("X-I1", "x", "%", {2012: "5"})
    refused = Observed("X-I1", 2012, None, (), note="not rolled up: a rate or share")
    result = achieve(ind, _polarity("increase"), 2012, refused)
    assert (result.status, result.no_score) == (Status.NO_DATA, NoScore.NOT_ROLLED_UP)
    assert result.percent is None
    assert "rate or share" in result.message


def test_deleted_indicator_names_the_resolution() -> None:
    ind = indicator("X-I1", "x", "%", {2012: "5"}, deleted_by="415", line=270)
    result = achieve(ind, _polarity("increase"), 2012, _observed("5"))
    assert result.no_score is NoScore.DELETED
    assert result.message == "deleted by resolution No. 415 (line 270)"


MILESTONE = Milestone(id="T1-M1", name="Заң жобасы", due_years=[2011, 2012], line=30)
DONE_BY = _polarity("milestone")


@pytest.mark.parametrize(
    ("done_in", "year", "status", "state", "percent"),
    [
        ("2011", 2012, Status.ACHIEVED, MilestoneState.DONE, "100.00"),
        ("2012", 2012, Status.ACHIEVED, MilestoneState.DONE, "100.00"),
        ("2013", 2013, Status.NEARLY, MilestoneState.LATE, "90.00"),
        # Past due with no report at all: no data, not a failure (a reported 0 is a failure).
        (None, 2012, Status.NO_DATA, None, None),
        (None, 2011, Status.NO_DATA, MilestoneState.NOT_YET_DUE, None),
        ("2013", 2012, Status.NO_DATA, None, None),
    ],
)
def test_milestone_done_late_not_done(
    done_in: str | None, year: int, status: Status, state: MilestoneState, percent: str | None
) -> None:
    facts = [FactRef.of(fact("T1-M1", done_in, "1"))] if done_in else []
    result = achieve_milestone(MILESTONE, DONE_BY, year, facts)
    assert (result.status, result.milestone, result.display_percent) == (status, state, percent)


def test_milestone_fact_other_than_done_or_not_is_refused() -> None:
    result = achieve_milestone(MILESTONE, DONE_BY, 2012, [FactRef.of(fact("T1-M1", "2011", "3"))])
    assert result.no_score is NoScore.BAD_FACT
    assert "must be 1 (done) or 0 (not done); got 3" in result.message


def test_milestone_reported_not_done_is_not_done() -> None:
    facts = [FactRef.of(fact("T1-M1", "2012", "0"))]
    result = achieve_milestone(MILESTONE, DONE_BY, 2012, facts)
    assert result.milestone is MilestoneState.NOT_DONE


def test_score_on_partial_facts_says_so() -> None:
    ind = indicator("X-I1", "x", "адам", {2012: "100"})
    partial = Observed("X-I1", 2012, Decimal(75), (), complete=False, note="covers 9 of 12 months")
    result = achieve(ind, _polarity("increase"), 2012, partial)
    assert result.display_percent == "75.00"
    assert result.message.endswith("(on partial facts: covers 9 of 12 months)")


@pytest.mark.parametrize(
    ("years", "text"),
    [([2011], "2011"), ([2011, 2009, 2010], "2009-2011"), ([2010, 2012], "2010, 2012"), ([], "")],
)
def test_due_years_read_as_the_plan_prints_them(years: list[int], text: str) -> None:
    assert years_text(years) == text
