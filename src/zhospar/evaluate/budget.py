"""Budget execution per program and year, and the cost linked to each goal and task.

* Planned: the figure the plan states for the program and year, taken from the program's form
  (Бюджеттік бағдарламаның нысаны); where the form has no figure for that year (the forms cover
  three years), from the list of budget programs. A figure marked as actual ("нақты") is not a
  plan and is not used as one.
* Actual: the facts recorded for ``P{code}-X`` (e.g. ``P002-X``), rolled up by SUM (money).
* Execution rate: actual / planned × 100 %.
* Cost of a goal or task: the rows of the allocation appendix for it; a goal's stated total row
  is shown beside the sum of its rows (the audit, not this module, judges any difference).
All amounts are in thousand tenge, as the plan states them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.evaluate.facts import FactRef
from zhospar.evaluate.rollup import Observed, RollupRule, RollupSpec, rollup_year
from zhospar.i18n import Message, format_figure, format_number, gettext
from zhospar.model.decimals import rounded_text
from zhospar.model.plan import Allocation, Expenditure, ExpenditureKind, Plan

__all__ = [
    "BudgetExecution",
    "GoalCost",
    "PlannedFigure",
    "TaskCost",
    "allocation_costs",
    "budget_execution",
    "expenditure_id",
    "planned_expenditure",
]

_MONEY = RollupSpec(RollupRule.SUM, Message("expenditure is money: months and regions add up"))


def expenditure_id(code: str) -> str:
    """The indicator id under which a program's actual expenditure is recorded: ``P002-X``."""
    return f"P{code}-X"


@dataclass(frozen=True)
class PlannedFigure:
    """A planned amount and where the plan states it."""

    value: Decimal
    where: str  # "form" or "list"
    figure: Expenditure  # year, kind, raw text and line


@dataclass(frozen=True)
class BudgetExecution:
    program: str  # code, "002"
    name: str
    year: int
    planned: PlannedFigure | None
    actual: Observed | None
    rate: Decimal | None  # actual / planned × 100, unrounded
    message: str

    @property
    def display_rate(self) -> str | None:
        return rounded_text(self.rate)


def _planned_in(figures: Sequence[Expenditure], year: int) -> Expenditure | None:
    for figure in figures:
        planned = figure.kind is not ExpenditureKind.ACTUAL
        if figure.year == year and planned and figure.value is not None:
            return figure
    return None


def planned_expenditure(plan: Plan, code: str, year: int) -> PlannedFigure | None:
    """The plan's planned expenditure of program ``code`` in ``year``: the form first."""
    for form in plan.program_forms:
        if form.code == code and (figure := _planned_in(form.expenditure, year)):
            return PlannedFigure(figure.value or Decimal(0), "form", figure)
    for program in plan.budget_programs:
        if program.code == code and (figure := _planned_in(program.expenditure, year)):
            return PlannedFigure(figure.value or Decimal(0), "list", figure)
    return None


def _programs(plan: Plan) -> dict[str, str]:
    """code -> name, from the forms and the list, in code order."""
    names: dict[str, str] = {}
    for program in plan.budget_programs:
        names.setdefault(program.code, program.name)
    for form in plan.program_forms:
        names[form.code] = form.name or names.get(form.code, "")
    return dict(sorted(names.items()))


def budget_execution(
    plan: Plan, facts: Mapping[str, Sequence[FactRef]], year: int
) -> list[BudgetExecution]:
    """Planned vs actual expenditure of every program of the plan in ``year``."""
    out = []
    for code, name in _programs(plan).items():
        planned = planned_expenditure(plan, code, year)
        actual = rollup_year(expenditure_id(code), year, _MONEY, facts)
        rate, message = _rate(planned, actual, code, year)
        out.append(BudgetExecution(code, name, year, planned, actual, rate, message))
    return out


def _rate(
    planned: PlannedFigure | None, actual: Observed | None, code: str, year: int
) -> tuple[Decimal | None, str]:
    if planned is None:
        why = gettext("the plan states no planned expenditure for program {code} in {year}")
        return None, why.format(code=code, year=year)
    if actual is None or actual.value is None:
        why = gettext("no actual expenditure recorded for {id} in {year}")
        return None, why.format(id=expenditure_id(code), year=year)
    if planned.value == 0:
        why = gettext("planned expenditure is 0 (line {line}): no rate")
        return None, why.format(line=planned.figure.line)
    rate = actual.value / planned.value * 100
    shown = f"{format_number(actual.value)} / {format_number(planned.value)}"
    return rate, f"{shown} × 100 = {format_figure(rate)} %"


@dataclass(frozen=True)
class TaskCost:
    task: str  # code, "4.1.2"
    year: int
    amount: Decimal
    rows: tuple[Allocation, ...]  # the appendix rows summed (each with its line)


@dataclass(frozen=True)
class GoalCost:
    goal: str  # code, "4.1"
    year: int
    stated: Decimal | None  # the goal's own total row, as printed
    stated_row: Allocation | None
    from_rows: Decimal  # the sum of the goal's program rows
    tasks: tuple[TaskCost, ...]
    rows: tuple[Allocation, ...]


def _amount(row: Allocation, year: int) -> Decimal | None:
    for figure in row.expenditure:
        if figure.year == year:
            return figure.value
    return None


def allocation_costs(plan: Plan, year: int) -> list[GoalCost]:
    """The cost linked to each goal and task in ``year`` through the allocation appendix."""
    goals: dict[str, list[Allocation]] = {}
    for row in plan.allocations:
        if row.goal:
            goals.setdefault(row.goal, []).append(row)
    return [_goal_cost(code, rows, year) for code, rows in goals.items()]


def _goal_cost(code: str, rows: list[Allocation], year: int) -> GoalCost:
    totals = [r for r in rows if r.is_goal_total]
    parts = tuple(r for r in rows if not r.is_goal_total and _amount(r, year) is not None)
    tasks: dict[str, list[Allocation]] = {}
    for row in parts:
        if row.task:
            tasks.setdefault(row.task, []).append(row)
    task_costs = tuple(
        TaskCost(
            task, year, sum((_amount(r, year) or Decimal(0) for r in trs), Decimal(0)), tuple(trs)
        )
        for task, trs in tasks.items()
    )
    stated_row = totals[0] if totals else None
    return GoalCost(
        goal=code,
        year=year,
        stated=_amount(stated_row, year) if stated_row else None,
        stated_row=stated_row,
        from_rows=sum((_amount(r, year) or Decimal(0) for r in parts), Decimal(0)),
        tasks=task_costs,
        rows=parts,
    )
