"""The report model on the real facts, against values read off the plan text by hand.

Expectations (plan text lines, facts-2010-2014.csv rows):
* G1.1-I1 unemployment rate, "%-бен", line 217: targets 6,6 6,4 6,2 6,0 5,9 for 2010-2014;
  facts 5.775 5.4 5.3 5.25 5.0; lower is better, so target / fact:
  6.6/5.775 = 114.29 %, 6.4/5.4 = 118.52 %, 6.2/5.3 = 116.98 %, 6.0/5.25 = 114.29 %,
  5.9/5.0 = 118.00 %.
* T4.1.2-I1 base pension, "ЕТҚД шамасына %", line 322: targets 40 50 50 50 50; facts 40.0 (2010),
  50.0 (2011), 50.0 (2014): 100 % each; no fact in 2012 and 2013.
* G5.1-I1 share below the subsistence minimum, line 372: target 15,6 in 2012, fact 3.8:
  15.6/3.8 = 410.53 %, achieved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zhospar._exceptions import ValidationError
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.periods import Period
from zhospar.report import AnnualReport, build_report

UNEMPLOYMENT = {
    2010: ("6.6", "5.775", "114.29"),
    2011: ("6.4", "5.4", "118.52"),
    2012: ("6.2", "5.3", "116.98"),
    2013: ("6.0", "5.25", "114.29"),
    2014: ("5.9", "5.0", "118.00"),
}
PENSION = {2010: ("40", "40.0"), 2011: ("50", "50.0"), 2014: ("50", "50.0")}


@pytest.fixture(scope="module")
def reports(bundled: ReadResult, real_facts: list[ActualInput]) -> dict[int, AnnualReport]:
    at = dt.datetime(2015, 3, 1, tzinfo=dt.UTC)
    return {
        year: build_report(bundled.plan, real_facts, year, generated_at=at)
        for year in range(2010, 2015)
    }


@pytest.mark.parametrize("year", sorted(UNEMPLOYMENT))
def test_unemployment_rate_is_scored_as_a_decrease(
    reports: dict[int, AnnualReport], year: int
) -> None:
    target, fact, shown = UNEMPLOYMENT[year]
    line = reports[year].indicator("G1.1-I1")
    assert line is not None
    assert line.name == "Жұмыссыздық деңгейі"
    assert (line.target, line.fact) == (Decimal(target), Decimal(fact))
    assert line.target_line == 217
    assert line.polarity == "decrease"
    assert line.display_percent == shown
    assert line.status == "achieved"


@pytest.mark.parametrize("year", sorted(PENSION))
def test_base_pension_is_met_exactly(reports: dict[int, AnnualReport], year: int) -> None:
    target, fact = PENSION[year]
    line = reports[year].indicator("T4.1.2-I1")
    assert line is not None
    assert line.unit == "ЕТҚД шамасына %"
    assert (line.target, line.fact, line.target_line) == (Decimal(target), Decimal(fact), 322)
    assert line.display_percent == "100.00"
    assert line.status_label == "achieved"


@pytest.mark.parametrize("year", [2012, 2013])
def test_base_pension_without_a_fact_says_so(reports: dict[int, AnnualReport], year: int) -> None:
    line = reports[year].indicator("T4.1.2-I1")
    assert line is not None
    assert line.target == Decimal(50)
    assert line.fact is None and line.percent is None
    assert line.status_label == "no fact"


def test_poverty_share_far_below_its_target(reports: dict[int, AnnualReport]) -> None:
    line = reports[2012].indicator("G5.1-I1")
    assert line is not None
    assert (line.target, line.fact, line.target_line) == (Decimal("15.6"), Decimal("3.8"), 372)
    assert line.display_percent == "410.53"
    assert line.status == "achieved"


def test_goal_score_caps_the_outlier(reports: dict[int, AnnualReport]) -> None:
    """Goal 5.1 in 2012: G5.1-I1 counts 100 (the default cap), not 410.53; milestone 5.1.4-1
    (line 393, due 2009-2011) has no report, so it has no data and no weight. Mean: 100 / 1."""
    goal = reports[2012].directions[4].goals[0]
    assert goal.code == "5.1"
    assert goal.score.display == "100.00"
    assert (goal.score.achieved, goal.score.not_achieved) == (1, 0)


def test_every_fact_names_its_source_and_row(reports: dict[int, AnnualReport]) -> None:
    line = reports[2012].indicator("G1.1-I1")
    assert line is not None
    (fact,) = line.facts
    assert (fact.file, fact.row) == ("facts-2010-2014.csv", 4)
    assert fact.source == "IMF World Economic Outlook, annual unemployment rate, Kazakhstan"
    assert line.target_source == 'plan line 217: "6,2"'


def test_indicators_without_facts_show_no_fact(reports: dict[int, AnnualReport]) -> None:
    line = reports[2011].indicator("G1.2-I1")
    assert line is not None
    assert line.status_label == "no fact"
    assert line.fact is None


def test_budget_planned_comes_from_the_form(reports: dict[int, AnnualReport]) -> None:
    """Program 002 in 2010: 557 556 682 in its form (line 785), not the list's 554 655 853."""
    (row,) = [b for b in reports[2010].budget if b.program == "002"]
    assert row.planned == Decimal(557556682)
    assert "line 785" in row.planned_source
    assert row.actual is None and row.rate is None


def test_the_comment_of_a_fact_is_the_explanation(bundled: ReadResult) -> None:
    fact = ActualInput(
        indicator_id="G1.2-I1",
        period=Period.parse("2011"),
        value=Decimal("60"),
        comment="fewer graduates entered the labour force",
        origin=Origin(file="q.csv", row=2),
    )
    report = build_report(bundled.plan, [fact], 2011)
    line = report.indicator("G1.2-I1")
    assert line is not None
    assert line.explanation == "fewer graduates entered the labour force"
    assert line.facts[0].comment == "fewer graduates entered the labour force"


def test_a_year_outside_the_plan_is_refused(bundled: ReadResult) -> None:
    with pytest.raises(ValidationError, match="year 2016 is outside the plan's period"):
        build_report(bundled.plan, [], 2016)


def test_charts_hold_plan_and_facts_up_to_the_year(reports: dict[int, AnnualReport]) -> None:
    (chart,) = [c for c in reports[2011].charts if c.indicator_id == "G1.1-I1"]
    points = {p.year: p for p in chart.points}
    assert points[2008].reported == Decimal("6.9")  # line 217, reported period
    assert points[2011].target == Decimal("6.4")
    assert points[2011].fact == Decimal("5.4")
    assert points[2012].fact is None  # after the report's year
