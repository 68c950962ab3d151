"""How many of each element a plan holds: the figures ``summary``, ``validate`` and the
workbook's reading-report sheet all show, counted in one place so they always agree."""

from __future__ import annotations

from zhospar.model.plan import IndicatorSection, Plan
from zhospar.model.walk import iter_indicators

__all__ = ["element_counts"]


def element_counts(plan: Plan) -> dict[str, int]:
    """Counts per element, in the order the plan presents them."""
    places = list(iter_indicators(plan))
    own = [p.indicator for p in places if p.parent is None]
    goals = [g for d in plan.directions for g in d.goals]
    tasks = [t for g in goals for t in g.tasks]
    return {
        "directions": len(plan.directions),
        "goals": len(goals),
        "tasks": len(tasks),
        "target indicators": sum(1 for i in own if i.section is IndicatorSection.TARGET),
        "task indicators": sum(1 for i in own if i.section is IndicatorSection.TASK),
        "program indicators": sum(1 for i in own if i.section is IndicatorSection.PROGRAM),
        "breakdown rows": len(places) - len(own),
        "indicator values": sum(len(p.indicator.values) for p in places),
        "milestones": sum(len(t.milestones) for t in tasks),
        "alignment rows": len(plan.alignment),
        "risks": len(plan.risks),
        "legal acts": len(plan.legal_acts),
        "budget programs": len(plan.budget_programs),
        "program forms": len(plan.program_forms),
        "expenditure values": _expenditure_values(plan),
        "allocation rows": len(plan.allocations),
        "plan totals": len(plan.totals),
        "gaps": len(plan.gaps),
    }


def _expenditure_values(plan: Plan) -> int:
    return (
        sum(len(p.expenditure) for p in plan.budget_programs)
        + sum(len(f.expenditure) for f in plan.program_forms)
        + sum(len(a.expenditure) for a in plan.allocations)
        + sum(len(t.expenditure) for t in plan.totals)
    )
