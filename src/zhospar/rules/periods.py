"""The periods of a year and the years of a plan."""

from __future__ import annotations

from zhospar.model.periods import Period, PeriodKind
from zhospar.model.plan import Plan

__all__ = ["periods_of_year", "plan_years"]


def periods_of_year(year: int, kind: PeriodKind = PeriodKind.YEAR) -> list[Period]:
    """The periods of one kind that make up a year: 1 year, 2 halves, 4 quarters or 12 months."""
    count = {PeriodKind.YEAR: 1, PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}
    return [Period.of(year, kind, index) for index in range(1, count[kind] + 1)]


def plan_years(plan: Plan) -> range | None:
    """The years a plan speaks of: its reported years and its planned period (None if unknown)."""
    if not plan.period_start or not plan.period_end:
        return None
    first = min([plan.period_start, *plan.reported_years])
    return range(first, plan.period_end + 1)
