"""The plan's sections as published: prose, alignment, capabilities, legal acts, allocation.

The reader keeps every section with its lines; this module only gathers them for a page or the
API: the prose sections paragraph by paragraph, the alignment rows grouped by goal, the
allocation appendix as a table of years with the goals' totals and the audit's findings on it.
Nothing is computed that the plan states, except the sum of the goals' totals, which is marked
as computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from zhospar.audit import Finding, audit_plan
from zhospar.model.plan import AlignmentRow, Allocation, Expenditure, Plan, ProseSection

__all__ = [
    "APPENDIX_SECTION",
    "AllocationTable",
    "PlanText",
    "alignment_by_goal",
    "allocation_table",
    "plan_text",
]

APPENDIX_SECTION = "allocation appendix"  # the audit's name of the appendix (audit._values)
TEXT_KINDS = ("mission", "vision", "analysis")
CAPABILITIES = "functional-capabilities"


@dataclass(frozen=True)
class PlanText:
    """The prose sections of the plan, each with its heading and paragraphs with their lines.

    ``lines_known`` is False for a plan stored before the reader kept paragraphs' lines: its
    text is shown whole, without lines.
    """

    sections: tuple[ProseSection, ...]
    lines_known: bool


def _fallback(plan: Plan) -> dict[str, str | None]:
    return {
        "mission": plan.mission,
        "vision": plan.vision,
        "analysis": plan.analysis,
        CAPABILITIES: plan.functional_capabilities,
    }


def plan_text(plan: Plan, kinds: Iterable[str] = TEXT_KINDS) -> PlanText:
    """The prose sections of ``kinds`` in the plan's order (mission, vision, analysis ...)."""
    wanted = tuple(kinds)
    if plan.prose:
        return PlanText(tuple(s for s in plan.prose if s.kind in wanted), True)
    texts = _fallback(plan)
    sections = tuple(
        ProseSection(kind=k, paragraphs=[]) for k in wanted if texts.get(k) is not None
    )
    return PlanText(sections, False)


def fallback_text(plan: Plan, kind: str) -> str | None:
    """A section's whole text, for a plan stored without paragraphs' lines."""
    return _fallback(plan).get(kind)


def alignment_by_goal(plan: Plan) -> dict[str, list[AlignmentRow]]:
    """The alignment rows of each goal code ("1.1"), in the table's order; "" for rows that
    name no goal."""
    grouped: dict[str, list[AlignmentRow]] = {}
    for row in plan.alignment:
        grouped.setdefault(row.goal or "", []).append(row)
    return grouped


@dataclass(frozen=True)
class AllocationTable:
    """The allocation appendix: its rows, its years, the goals' totals and the audit on it."""

    years: tuple[int, ...]
    rows: tuple[Allocation, ...]
    goal_totals: tuple[Allocation, ...]  # the goals' total rows as printed
    total: dict[int, Decimal]  # per year: the sum of the goals' printed totals (computed)
    findings: tuple[Finding, ...]  # the audit's findings with a place in the appendix
    cells: dict[str, dict[int, Expenditure]] = field(default_factory=dict)  # row id -> year
    kinds: dict[int, str] = field(default_factory=dict)  # year -> actual / planned, as read


def _appendix_findings(plan: Plan) -> tuple[Finding, ...]:
    found = audit_plan(plan).findings
    return tuple(f for f in found if APPENDIX_SECTION in (f.a.section, f.b.section))


def allocation_table(plan: Plan) -> AllocationTable:
    """The appendix as a table of years (one cell per row and year, with its line)."""
    rows = tuple(plan.allocations)
    years = tuple(sorted({e.year for r in rows for e in r.expenditure}))
    cells = {r.id: {e.year: e for e in r.expenditure} for r in rows}
    goal_totals = tuple(r for r in rows if r.is_goal_total)
    total = {
        y: sum(
            (c.value for r in goal_totals if (c := cells[r.id].get(y)) and c.value is not None),
            Decimal(0),
        )
        for y in years
    }
    kinds = {e.year: e.kind.value for r in reversed(rows) for e in r.expenditure}
    return AllocationTable(years, rows, goal_totals, total, _appendix_findings(plan), cells, kinds)
