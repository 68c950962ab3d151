"""The evaluation on the bundled plan, with expectations read from the document itself.

Line numbers and values below are those of the published text
(src/zhospar/data/mlsp-strategic-plan-2010-2014.kk.txt); the facts are the shared official
statistics (tests/data/facts-2010-2014.csv), mapped to ids by hand.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from tests.conftest import FACTS
from zhospar.evaluate import (
    Chance,
    Counts,
    NoScore,
    Polarity,
    PolaritySource,
    Status,
    allocation_costs,
    budget_execution,
    evaluate_year,
    expenditure_id,
    infer_polarities,
    planned_expenditure,
    polarity_note,
    status_sentence,
)
from zhospar.evaluate.facts import FactRef
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.periods import Period
from zhospar.model.plan import Indicator, Plan
from zhospar.model.walk import iter_indicators

# (code, leading words of the name as the CSV gives them) -> the indicator id in the plan
IDS = {
    ("1.1", "Жұмыссыздық деңгейі"): "G1.1-I1",
    ("5.1", "Табысы ең төмен күнкөріс деңгейінен төмен халықтың үлесі"): "G5.1-I1",
    ("4.1.2", "Базалық зейнетақы төлемдерінің мөлшері"): "T4.1.2-I1",
}


def _shared_facts() -> list[ActualInput]:
    rows = csv.DictReader(FACTS.read_text(encoding="utf-8").splitlines())
    return [
        ActualInput(
            indicator_id=IDS[(row["code"], row["indicator"])],
            period=Period.parse(row["year"]),
            value=Decimal(row["value"]),
            source=row["source"],
            origin=Origin(file=FACTS.name, row=number),
        )
        for number, row in enumerate(rows, start=2)
    ]


@pytest.fixture(scope="module")
def plan(bundled: ReadResult) -> Plan:
    return bundled.plan


def _named(plan: Plan, *words: str) -> Indicator:
    found = [
        p.indicator
        for p in iter_indicators(plan)
        if all(w in f"{p.indicator.name} {p.indicator.unit}" for w in words)
    ]
    assert found, f"no indicator named with {words}"
    return found[0]


@pytest.mark.parametrize(
    ("indicator_id", "polarity", "source"),
    [
        ("G1.1-I1", Polarity.DECREASE, PolaritySource.WORDING),  # line 216: unemployment rate
        ("G1.1-I1-b1", Polarity.DECREASE, PolaritySource.WORDING),  # line 220: women
        ("G1.1-I1-b2", Polarity.DECREASE, PolaritySource.WORDING),  # line 221: youth
        (
            "G1.3-I2",
            Polarity.DECREASE,
            PolaritySource.WORDING,
        ),  # line 247: "позиция ... төмен емес"
        ("G5.1-I1", Polarity.DECREASE, PolaritySource.WORDING),  # line 371: below subsistence
        ("G1.2-I1", Polarity.INCREASE, PolaritySource.TARGETS),  # line 230: 64,8 ... 65,0
        ("T4.1.2-I1", Polarity.INCREASE, PolaritySource.TARGETS),  # line 322: 40 50 50 50 50
        ("T4.1.2-I2", Polarity.INCREASE, PolaritySource.WORDING),  # line 324: % өткен жылға
        ("T5.1.2-I1", Polarity.KEEP, PolaritySource.TARGETS),  # line 384: 40 in every year
        # Issue 15: counts of things delivered and people served are increase whatever their
        # falling targets (32 ... 15; 26 ... 10; 933 ... 487; 65,5 ... 30,0).
        ("T2.1.2-I1", Polarity.INCREASE, PolaritySource.QUANTITY),  # norms agreed, бірлік
        ("P001-Q19", Polarity.INCREASE, PolaritySource.QUANTITY),  # standards drafted, бірлік
        ("P011-Q3", Polarity.INCREASE, PolaritySource.QUANTITY),  # computers bought, дана
        ("T1.2.2-I1", Polarity.INCREASE, PolaritySource.QUANTITY),  # sent to training, мың адам
        # People working in harmful conditions: a count whose reduction is the aim.
        ("T2.1.3-I2", Polarity.DECREASE, PolaritySource.WORDING),
        # A share with no telling word: its falling targets (37,6 ... 32,0) are weak evidence.
        ("T5.1.3-I1", Polarity.DECREASE, PolaritySource.TARGETS),
    ],
)
def test_polarity_of_the_plans_indicators(
    plan: Plan, indicator_id: str, polarity: Polarity, source: PolaritySource
) -> None:
    inferred = infer_polarities(plan)[indicator_id]
    assert (inferred.polarity, inferred.source) == (polarity, source)


@pytest.mark.parametrize(
    "words",
    [
        ("жарақаттану",),  # line 284: industrial injury rate
        ("уақытын қысқарту", "күн"),  # program form: time to assign pensions, in days
        ("әкімшілік шығындарының ара салмағы",),  # program 013: administrative cost share
    ],
)
def test_decrease_wording_in_tasks_and_forms(plan: Plan, words: tuple[str, ...]) -> None:
    inferred = infer_polarities(plan)[_named(plan, *words).id]
    assert inferred.polarity is Polarity.DECREASE


@pytest.mark.parametrize(
    ("year", "percent", "line"),
    [
        (2010, "114.29", 217),  # 6,6 / 5.775
        (2011, "118.52", 217),  # 6,4 / 5.4
        (2012, "116.98", 217),  # 6,2 / 5.3 (the example)
        (2013, "114.29", 217),  # 6,0 / 5.25
        (2014, "118.00", 217),  # 5,9 / 5.0
    ],
)
def test_unemployment_rate_every_year(plan: Plan, year: int, percent: str, line: int) -> None:
    result = evaluate_year(plan, _shared_facts(), year).achievements["G1.1-I1"]
    assert result.status is Status.ACHIEVED
    assert result.display_percent == percent
    assert result.target is not None and result.target.line == line
    assert result.observed is not None
    assert result.observed.facts[0].file == "facts-2010-2014.csv"


def test_poverty_share_2012_and_base_pension(plan: Plan) -> None:
    in_2012 = evaluate_year(plan, _shared_facts(), 2012).achievements
    poverty = in_2012["G5.1-I1"]
    assert poverty.display_percent == "410.53"  # 15,6 / 3.8 (line 372)
    assert poverty.target is not None and poverty.target.line == 372
    assert in_2012["T4.1.2-I1"].no_score is NoScore.NO_FACT  # no 2012 fact in the file
    in_2011 = evaluate_year(plan, _shared_facts(), 2011).achievements
    assert in_2011["T4.1.2-I1"].display_percent == "100.00"  # 50 / 50 (line 322)


def test_reported_year_has_no_target(plan: Plan) -> None:
    result = evaluate_year(plan, _shared_facts(), 2009).achievements["G1.1-I1"]
    assert result.no_score is NoScore.NO_TARGET


def test_deleted_indicators_name_their_resolution(plan: Plan) -> None:
    achievements = evaluate_year(plan, [], 2012).achievements
    goal = next(g for d in plan.directions for g in d.goals if g.code == "2.1")
    rows = [i for t in goal.target_indicators for i in [t, *t.breakdowns] if i.deleted]
    # lines 269 and 270: No. 415 of 14.05.2010; line 271: No. 1417 of 27.12.2010
    assert sorted(i.line for i in rows) == [269, 270, 271]
    numbers = sorted(achievements[i.id].message.split("No. ")[1].split()[0] for i in rows)
    assert numbers == ["1417", "415", "415"]
    assert all(achievements[i.id].no_score is NoScore.DELETED for i in rows)


def test_goal_5_1_in_2012(plan: Plan) -> None:
    # G5.1-I1 410.53 % capped at 100 (the default cap); the milestone of 5.1.4 (line 393, due
    # 2009-2011) has no report at all, so it has no data (not a failure). The seven other rows
    # have no fact.
    result = evaluate_year(plan, _shared_facts(), 2012)
    goal = next(g for d in result.plan_score.children for g in d.children if g.code == "5.1")
    assert goal.score == Decimal(100)
    assert goal.counts == Counts(achieved=1, nearly=0, not_achieved=0, no_data=8)


def test_norms_agreed_above_the_plan_are_achieved(plan: Plan) -> None:
    # Issue 15. T2.1.2-I1, line 278-279: "бірлік 44 44 32 34 25 15 15", a count of norms agreed:
    # increase, though its targets fall. 2012: 30 agreed against a plan of 25: 30 / 25 × 100 =
    # 120 %, achieved, and the report's sentence says "achieved" (it prints no more than 100).
    norms = ActualInput(indicator_id="T2.1.2-I1", period=Period.of(2012), value=Decimal(30))
    result = evaluate_year(plan, [*_shared_facts(), norms], 2012)
    agreed = result.achievements["T2.1.2-I1"]
    assert agreed.polarity.polarity is Polarity.INCREASE
    assert (agreed.status, agreed.display_percent) == (Status.ACHIEVED, "120.00")
    assert status_sentence(agreed) == "achieved"
    unemployment = result.achievements["G1.1-I1"]  # 6.2 / 5.3: lower is better, by its wording
    assert unemployment.polarity.polarity is Polarity.DECREASE
    assert status_sentence(unemployment) == "achieved (decrease: positive dynamics)"


def test_a_share_with_falling_targets_awaits_confirmation(plan: Plan) -> None:
    # T5.1.3-I1 (line 387-388): the share of the able-bodied among TSA recipients, unit "% of all
    # recipients", targets 37,6 ... 32,0 and no telling word: decrease, to be confirmed.
    polarity = infer_polarities(plan)["T5.1.3-I1"]
    assert (polarity.polarity, polarity.to_confirm) == (Polarity.DECREASE, True)
    assert polarity_note(polarity) == "polarity inferred from the targets' trend: to be confirmed"
    assert polarity_note(infer_polarities(plan)["T2.1.2-I1"]) is None


def test_unemployment_forecast_as_of_2012(plan: Plan) -> None:
    # slope -0.2375, 2014: 4.779167 against 5,9: margin 1.12 > spread 0.295 -> likely
    result = evaluate_year(plan, _shared_facts(), 2012).forecasts["G1.1-I1"]
    assert result.chance is Chance.LIKELY
    assert result.projected is not None
    assert result.projected.quantize(Decimal("0.0001")) == Decimal("4.7792")


def test_program_002_planned_from_its_form_not_the_list(plan: Plan) -> None:
    # list of programs, line 629: 554 655 853; form, lines 785-786: 557 556 682
    planned = planned_expenditure(plan, "002", 2010)
    assert planned is not None
    assert (planned.value, planned.where) == (Decimal(557556682), "form")
    assert planned_expenditure(plan, "002", 2013) is None  # no column for 2013 anywhere
    fact = FactRef.of(
        ActualInput(indicator_id="P002-X", period=Period.of(2010), value=Decimal(557556682))
    )
    rows = budget_execution(plan, {expenditure_id("002"): [fact]}, 2010)
    assert next(r for r in rows if r.program == "002").display_rate == "100.00"


def test_cost_of_goals_and_tasks_in_2010(plan: Plan) -> None:
    costs = {c.goal: c for c in allocation_costs(plan, 2010)}
    pensions = costs["4.1"]
    assert pensions.stated == Decimal(755010200)  # line 1411
    tasks = {t.task: t.amount for t in pensions.tasks}
    assert tasks["4.1.2"] == Decimal(557556682)  # 122 888 809 + 434 667 873 (lines 1412, 1414)
    assert pensions.from_rows == Decimal(755010200)  # the eleven program rows of 4.1 add up
    employment = costs["1.1"]
    assert employment.stated == Decimal(596762)  # line 1392
    assert {t.task: t.amount for t in employment.tasks} == {"1.1.2": Decimal(596762)}
