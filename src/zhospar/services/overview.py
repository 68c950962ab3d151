"""The plan over its years, for the dashboard's and the budget page's charts and totals.

Every planned year's aggregates and budget execution come from one pass over the facts
(``zhospar.evaluate.service.scores_by_year``): the plan's score and each direction's per year,
and per year the programs' planned and actual expenditure added up, beside the total the plan
itself states ("Шығыстардың барлығы", with its line).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zhospar.evaluate.service import YearScores, scores_by_year
from zhospar.model.decimals import rounded_text
from zhospar.model.plan import Expenditure, ExpenditureKind, Plan
from zhospar.report import Score
from zhospar.report._lines import score_of
from zhospar.store.evaluation import StoredEvaluation

__all__ = ["BudgetYear", "DirectionYears", "Overview", "overview"]


@dataclass(frozen=True)
class BudgetYear:
    """One year's budget over every program, in thousand tenge."""

    year: int
    programs: int  # programs of the plan
    planned: Decimal | None  # the programs' planned amounts (form, else list), added
    with_plan: int  # programs with a planned amount for the year
    actual: Decimal | None  # the actuals recorded, added (None: none recorded)
    with_actual: int
    rate: Decimal | None  # actual / planned over the programs with both, × 100
    stated: Expenditure | None  # the plan's own total of its programs for the year

    @property
    def display_rate(self) -> str | None:
        return rounded_text(self.rate)


@dataclass(frozen=True)
class DirectionYears:
    id: str
    number: str
    name: str
    scores: tuple[Score, ...]  # one per planned year, in order


@dataclass(frozen=True)
class Overview:
    years: tuple[int, ...]
    plan: tuple[Score, ...]  # the plan's score per year
    directions: tuple[DirectionYears, ...]
    budget: tuple[BudgetYear, ...]


def _added(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) if values else None


def _stated(plan: Plan, year: int) -> Expenditure | None:
    """The planned figure of the total that covers the most programs ("Шығыстардың
    барлығы"), for ``year``, if the plan states one."""
    if not plan.totals:
        return None
    grand = max(plan.totals, key=lambda t: len(t.programs))
    return next(
        (
            e
            for e in grand.expenditure
            if e.year == year and e.kind is ExpenditureKind.PLANNED and e.value is not None
        ),
        None,
    )


def _budget_year(plan: Plan, scores: YearScores) -> BudgetYear:
    lines = scores.budget
    planned = [b.planned.value for b in lines if b.planned is not None]
    actual = [b.actual.value for b in lines if b.actual is not None and b.actual.value is not None]
    both = [b for b in lines if b.rate is not None and b.planned is not None and b.actual]
    plan_both = sum((b.planned.value for b in both if b.planned is not None), Decimal(0))
    actual_both = sum((b.actual.value or Decimal(0) for b in both if b.actual), Decimal(0))
    rate = actual_both / plan_both * 100 if plan_both else None
    return BudgetYear(
        scores.year,
        len(lines),
        _added(planned),
        len(planned),
        _added(actual),
        len(actual),
        rate,
        _stated(plan, scores.year),
    )


def overview(stored: StoredEvaluation) -> Overview:
    """The plan's years: scores, each direction's, and the budget (see the module's doc)."""
    years = scores_by_year(stored.plan, stored.facts, stored.options())
    directions = []
    for i, d in enumerate(years[0].plan_score.children if years else ()):
        scores = tuple(score_of(y.plan_score.children[i]) for y in years)
        directions.append(DirectionYears(d.id, d.code, d.name, scores))
    return Overview(
        tuple(y.year for y in years),
        tuple(score_of(y.plan_score) for y in years),
        tuple(directions),
        tuple(_budget_year(stored.plan, y) for y in years),
    )
