"""Budget execution and the cost linked to goals and tasks (amounts in thousand tenge)."""

from __future__ import annotations

from decimal import Decimal

from tests.evaluate._build import fact
from zhospar.evaluate import (
    FactRef,
    allocation_costs,
    budget_execution,
    expenditure_id,
    planned_expenditure,
)
from zhospar.model.plan import (
    Allocation,
    BudgetProgram,
    Expenditure,
    ExpenditureKind,
    Plan,
    ProgramForm,
    ProgramType,
)


def _money(year: int, value: str, kind: ExpenditureKind, line: int) -> Expenditure:
    return Expenditure(year=year, kind=kind, value=Decimal(value), raw=value, line=line)


def _plan() -> Plan:
    planned, actual = ExpenditureKind.PLANNED, ExpenditureKind.ACTUAL
    form = ProgramForm(
        id="P002",
        code="002",
        name="Зейнетақы бағдарламасы",
        expenditure=[
            _money(2008, "363594434", actual, 785),
            _money(2010, "400000", planned, 785),
        ],
        line=763,
        end_line=787,
    )
    listed = BudgetProgram(
        id="P002",
        code="002",
        name="Зейнетақы бағдарламасы",
        type=ProgramType.CURRENT,
        expenditure=[_money(2010, "554655853", planned, 629), _money(2013, "900", planned, 629)],
        line=629,
    )
    other = BudgetProgram(
        id="P016",
        code="016",
        name="Зиянды өтеу",
        type=ProgramType.CURRENT,
        expenditure=[_money(2010, "0", planned, 647)],
        line=647,
    )
    rows = [
        Allocation(
            id="X1",
            goal="4.1",
            is_goal_total=True,
            line=1405,
            expenditure=[_money(2010, "755010200", planned, 1405)],
        ),
        Allocation(
            id="X2",
            goal="4.1",
            task="4.1.2",
            program="002",
            line=1406,
            expenditure=[_money(2010, "122888809", planned, 1406)],
        ),
        Allocation(
            id="X3",
            goal="4.1",
            task="4.1.2",
            program="002",
            line=1408,
            expenditure=[_money(2010, "434667873", planned, 1408)],
        ),
        Allocation(
            id="X4",
            goal="4.1",
            task="4.1.4",
            program="003",
            line=1409,
            expenditure=[_money(2010, "115607711", planned, 1409)],
        ),
    ]
    return Plan(
        title="t",
        period_start=2010,
        period_end=2014,
        program_forms=[form],
        budget_programs=[listed, other],
        allocations=rows,
    )


def _facts(*values: tuple[str, str]) -> dict[str, list[FactRef]]:
    refs = [FactRef.of(fact(expenditure_id("002"), p, v)) for p, v in values]
    return {expenditure_id("002"): refs}


def test_planned_comes_from_the_form_then_the_list_never_an_actual() -> None:
    plan = _plan()
    in_2010 = planned_expenditure(plan, "002", 2010)
    assert in_2010 is not None
    assert (in_2010.value, in_2010.where, in_2010.figure.line) == (400000, "form", 785)
    in_2013 = planned_expenditure(plan, "002", 2013)
    assert in_2013 is not None and (in_2013.value, in_2013.where) == (900, "list")
    assert planned_expenditure(plan, "002", 2008) is None  # the form's 2008 is an actual


def test_execution_rate_from_quarterly_facts() -> None:
    # 4 quarters of 95 000 = 380 000 against 400 000 planned: 95.00 %
    facts = _facts(*((f"2010-Q{q}", "95000") for q in range(1, 5)))
    rows = {row.program: row for row in budget_execution(_plan(), facts, 2010)}
    assert list(rows) == ["002", "016"]
    pension = rows["002"]
    assert pension.actual is not None and pension.actual.value == 380000
    assert pension.display_rate == "95.00"
    assert len(pension.actual.facts) == 4
    assert rows["016"].rate is None
    assert "no actual expenditure recorded for P016-X in 2010" in rows["016"].message


def test_zero_plan_and_missing_plan_say_so() -> None:
    plan = _plan()
    facts = {expenditure_id("016"): [FactRef.of(fact("P016-X", "2010", "5"))]}
    rows = {row.program: row for row in budget_execution(plan, facts, 2010)}
    assert rows["016"].rate is None and "planned expenditure is 0 (line 647)" in rows["016"].message
    later = {row.program: row for row in budget_execution(plan, {}, 2011)}
    assert "states no planned expenditure for program 002 in 2011" in later["002"].message


def test_cost_of_goal_and_tasks_from_the_appendix() -> None:
    (goal,) = allocation_costs(_plan(), 2010)
    assert goal.goal == "4.1"
    assert goal.stated == Decimal(755010200)
    assert goal.stated_row is not None and goal.stated_row.line == 1405
    assert goal.from_rows == Decimal(122888809 + 434667873 + 115607711)
    tasks = {t.task: t for t in goal.tasks}
    assert tasks["4.1.2"].amount == Decimal(557556682)  # 122 888 809 + 434 667 873
    assert [r.line for r in tasks["4.1.2"].rows] == [1406, 1408]
    assert tasks["4.1.4"].amount == Decimal(115607711)
