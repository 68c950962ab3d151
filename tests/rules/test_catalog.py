"""What an actual may refer to, worked out from the plan model alone.

The plan is the hand-made ``small`` one (tests/store/plan_fixture.py), copied from the bundled
text; the line numbers are the text's.
"""

from __future__ import annotations

from decimal import Decimal

from zhospar.model.plan import MILESTONE_UNIT, Plan
from zhospar.rules.catalog import EXPENDITURE_UNIT, catalog_of, program_money
from zhospar.rules.ranges import RangeRule


def test_every_indicator_program_and_milestone_takes_values(small_plan: Plan) -> None:
    cat = catalog_of(small_plan, "small")
    indicators = ["G1.1-I1", "G1.1-I1-b1", "G1.1-I1-b2", "T1.3.1-I1", "G2.1-I1", "G2.1-I1-b1",
                  "G2.1-I1-b2", "G2.1-I2", "G2.1-I3", "G2.1-I4", "G4.1-I2"]  # fmt: skip
    milestones = ["T4.1.1-M1", "T4.1.1-M2", "T4.1.1-M3", "T4.1.1-M4"]
    assert sorted(cat.indicators) == sorted([*indicators, "P002-X", *milestones])
    assert cat.years == range(2008, 2015)  # reported 2008-2009, planned 2010-2014
    assert cat.plan_key == "small"


def test_each_row_has_the_range_of_its_unit(small_plan: Plan) -> None:
    cat = catalog_of(small_plan, "small").indicators
    ranges = {k: (i.unit, i.rule, i.low, i.high) for k, i in cat.items()}
    assert ranges["G1.1-I1"] == ("%-бен", RangeRule.SHARE, 0, 100)  # line 216
    assert ranges["T1.3.1-I1"] == ("мың адам", RangeRule.COUNT, 0, None)  # line 250
    assert ranges["G4.1-I2"] == ("өткен жылға %-бен", RangeRule.NON_NEGATIVE_PERCENT, 0, None)
    assert ranges["G2.1-I4"] == (None, RangeRule.NONE, None, None)  # a position, no unit
    assert ranges["P002-X"] == (EXPENDITURE_UNIT, RangeRule.AMOUNT, 0, None)
    assert ranges["T4.1.1-M1"] == (MILESTONE_UNIT, RangeRule.MILESTONE, 0, 1)


def test_deletions_breakdowns_and_programs_as_the_plan_prints_them(small_plan: Plan) -> None:
    cat = catalog_of(small_plan, "small")
    assert cat.indicators["G2.1-I1-b2"].deleted_by == "415"  # line 269
    assert cat.indicators["T4.1.1-M3"].deleted_by == "1417"  # line 319
    assert cat.indicators["G2.1-I1-b1"].deleted_by is None
    assert [r.id for r in cat.breakdowns["G1.1-I1"]] == ["G1.1-I1-b1", "G1.1-I1-b2"]
    assert cat.indicators["G1.1-I1-b1"].label == ("әйелдер",)
    assert cat.indicators["P002-X"].name == "Зейнетақы бағдарламасы"  # line 629
    (money,) = program_money(small_plan)
    assert (money.indicator_id, money.money[0].value) == ("P002-X", Decimal(363541309))


def test_a_breakdown_row_without_a_unit_is_measured_as_its_parent(small_plan: Plan) -> None:
    plan = small_plan.model_copy(deep=True)
    women = plan.directions[0].goals[0].target_indicators[0].breakdowns[0]
    women.unit = None
    info = catalog_of(plan, "small").indicators["G1.1-I1-b1"]
    assert (info.unit, info.rule, info.high) == ("%-бен", RangeRule.SHARE, 100)
