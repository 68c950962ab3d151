"""Check 3: a goal's total in the appendix vs the sum of its rows (hand-built plans)."""

from __future__ import annotations

from decimal import Decimal

from tests.audit._plans import F, goal_total, plan, row
from zhospar.audit import Explanation, FindingKind, Severity, audit_plan
from zhospar.model.plan import Allocation

GOALS = [FindingKind.GOAL_TOTAL]


def test_goal_1_1_states_66_226_for_2008_while_its_only_row_holds_0() -> None:
    # Lines 1392-1393: goal 1.1's total 66 226 / 330 050 / 596 762 / 313 843 / 0; its one
    # row, РБ (011), 0 / 330 050 / 596 762 / 313 843 / 0.
    p = plan(
        allocations=[
            goal_total(1, 1392, "1.1", 66226, 330050, 596762, 313843, 0),
            row(2, 1393, "1.1", "011", 0, 330050, 596762, 313843, 0),
        ]
    )
    (found,) = audit_plan(p, kinds=GOALS).findings
    assert found.id == "F-goal-total-1.1-2008"
    assert found.expenditure_kind is F
    assert (found.a.line, found.a.value) == (1392, Decimal(66226))
    assert (found.b.line, found.b.value, found.b.label) == (1393, Decimal(0), "РБ (011)")
    assert found.difference == Decimal(-66226)
    assert found.severity is Severity.HIGH
    assert found.explanation is Explanation.CONTRADICTION


def test_goal_5_1_2010_is_off_by_the_490_000_of_a_program_007_row() -> None:
    # Goal 5.1 (line 1434) states 47 296 313 for 2010; its rows add up to 15 504 018
    # + 19 918 260 + 0 + 2 967 928 + 8 280 134 + 0 + 1 115 973 = 47 786 313 (by hand).
    p = plan(
        allocations=[
            goal_total(1, 1434, "5.1", 0, 0, 47296313, 0, 0),
            row(2, 1435, "5.1", "007.100", 0, 0, 15504018, 0, 0),
            row(3, 1436, "5.1", "007.101", 0, 0, 19918260, 0, 0),
            row(4, 1437, "5.1", "020.101", 0, 0, 0, 0, 0),
            row(5, 1438, "5.1", "030", 0, 0, 2967928, 0, 0),
            row(6, 1440, "5.1", "007.102", 0, 0, 8280134, 0, 0),
            row(7, 1441, "5.1", "020.100", 0, 0, 0, 0, 0),
            row(8, 1442, "5.1", "029", 0, 0, 1115973, 0, 0),
        ]
    )
    (found,) = audit_plan(p, kinds=GOALS).findings
    assert found.year == 2010
    assert found.b.value == Decimal(47786313)
    assert found.difference == Decimal(490000)
    assert found.b.lines == (1435, 1436, 1437, 1438, 1440, 1441, 1442)


def test_rows_belong_to_a_goal_by_their_task_code_when_they_carry_no_goal() -> None:
    # A task heading with neither program nor value adds nothing and is not "missing".
    heading = Allocation(id="X3", task="2.2.1", line=1404)
    p = plan(
        allocations=[
            goal_total(1, 1403, "2.2", 65618, 76745, 90178, 96732, 110000),
            heading,
            Allocation(
                id="X4",
                task="2.2.2",
                program="012",
                reference="РБ (012)",
                expenditure=row(0, 1405, "x", "012", 65618, 76745, 90178, 96732, 1).expenditure,
                line=1405,
            ),
        ]
    )
    (found,) = audit_plan(p, kinds=GOALS).findings
    assert (found.year, found.a.value, found.b.value) == (2012, Decimal(110000), Decimal(1))
