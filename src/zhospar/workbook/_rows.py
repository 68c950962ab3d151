"""A plan as the rows of the plan workbook's sheets (``layout.SHEETS``), nothing lost."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from zhospar.model.plan import Deletion, Expenditure, Indicator, Plan

__all__ = ["Cell", "plan_rows"]

Cell = str | int | Decimal | bool | None
Rows = list[list[Cell]]


def plan_rows(plan: Plan) -> dict[str, Rows]:
    """Each sheet's rows, in the columns ``layout`` gives, in the order of the plan."""
    rows: dict[str, Rows] = {
        "Plan": _plan(plan),
        "Acts": _acts(plan),
        "Directions": [[d.id, d.number, d.name, d.line] for d in plan.directions],
        "Goals": [
            [g.id, d.number, g.code, g.name, g.only_in_alignment, g.line]
            for d in plan.directions
            for g in d.goals
        ],
        "Tasks": [
            [t.id, g.code, t.code, t.name, "\n".join(t.co_executors) or None, t.line]
            for d in plan.directions
            for g in d.goals
            for t in g.tasks
        ],
        "Milestones": [
            [m.id, t.code, m.name, _years(m.due_years), *_deleted(m.deleted), m.line]
            for d in plan.directions
            for g in d.goals
            for t in g.tasks
            for m in t.milestones
        ],
        **_indicators(plan),
        "Programs": [
            [
                p.id,
                p.code,
                p.name,
                p.type.value,
                p.proposed,
                p.functional_group,
                p.functional_subgroup,
                p.line,
            ]
            for p in plan.budget_programs
        ],
        "Forms": [
            [f.id, f.code, f.name, f.administrator, f.description, f.line, f.end_line]
            for f in plan.program_forms
        ],
        "Form blocks": _blocks(plan),
        "Expenditure": _expenditure(plan),
        "Allocation": [
            [
                a.id,
                a.direction,
                a.goal,
                a.task,
                a.program,
                ", ".join(a.subprograms) or None,
                a.reference,
                a.label,
                a.is_goal_total,
                a.line,
            ]
            for a in plan.allocations
        ],
        "Totals": [[t.id, t.label, ", ".join(t.programs) or None, t.line] for t in plan.totals],
        "Risks": [
            [
                r.id,
                r.number,
                "\n".join(r.risks),
                "\n".join(r.consequences),
                "\n".join(r.measures),
                r.line,
                r.end_line,
            ]
            for r in plan.risks
        ],
        "Legal acts": [[a.id, a.number, a.title, a.line, a.end_line] for a in plan.legal_acts],
        "Alignment": [
            [
                a.id,
                a.direction,
                a.direction_name,
                a.goal,
                a.goal_name,
                a.state_goal,
                a.source_document,
                a.line,
            ]
            for a in plan.alignment
        ],
        "Prose": _prose(plan),
        "Gaps": [[g.where, g.what, g.line] for g in plan.gaps],
    }
    rows["Units"] = [[u] for u in plan_units(plan)]
    return rows


def plan_units(plan: Plan) -> list[str]:
    """The units the plan's indicators use, in the order they first appear."""
    from zhospar.model.walk import iter_indicators

    units = (p.indicator.unit for p in iter_indicators(plan))
    return list(dict.fromkeys(u for u in units if u))


def _years(years: Iterable[int]) -> str | None:
    return ", ".join(str(y) for y in years) or None


def _deleted(deletion: Deletion | None) -> list[Cell]:
    if deletion is None:
        return [None, None, None]
    return [deletion.act.number, deletion.act.line, deletion.line]


def _plan(plan: Plan) -> Rows:
    source = plan.source
    fields: list[tuple[str, Cell]] = [
        ("title", plan.title),
        ("ministry", plan.ministry),
        ("period_start", plan.period_start),
        ("period_end", plan.period_end),
        ("reported_years", _years(plan.reported_years)),
        ("mission", plan.mission),
        ("vision", plan.vision),
        ("analysis", plan.analysis),
        ("functional_capabilities", plan.functional_capabilities),
        ("organisational_structure", plan.organisational_structure),
        ("source_name", source.name if source else None),
        ("source_sha256", source.sha256 if source else None),
        ("source_lines", source.lines if source else None),
    ]
    return [[name, value] for name, value in fields]


def _acts(plan: Plan) -> Rows:
    acts = [("approved", plan.approved_by)] if plan.approved_by else []
    acts += [("amended", a) for a in plan.amended_by]
    return [
        [role, a.number, a.date.isoformat() if a.date else None, a.kind, a.line] for role, a in acts
    ]


def _indicators(plan: Plan) -> dict[str, Rows]:
    indicators: Rows = []
    values: Rows = []

    def add(ind: Indicator, of: str, parent: str | None) -> None:
        kind = ind.kind.value if ind.kind else None
        indicators.append(
            [
                ind.id,
                ind.section.value,
                of,
                parent,
                ind.number,
                ind.name,
                ind.unit,
                ind.breakdown,
                kind,
                *_deleted(ind.deleted),
                ind.line,
            ]
        )
        for v in ind.values:
            values.append([ind.id, v.year, v.phase.value, v.value, v.raw, v.note, v.line, v.source])
        for child in ind.breakdowns:
            add(child, of, ind.id)

    for d in plan.directions:
        for g in d.goals:
            for ind in g.target_indicators:
                add(ind, g.code, None)
            for t in g.tasks:
                for ind in t.indicators:
                    add(ind, t.code, None)
    for f in plan.program_forms:
        for n, s in enumerate(f.sections, start=1):
            for ind in s.indicators:
                add(ind, f.code if n == 1 else f"{f.code}/{n}", None)
    return {"Indicators": indicators, "Values": values}


def _blocks(plan: Plan) -> Rows:
    return [
        [
            f.code,
            n,
            s.title,
            _years(s.directions),
            ", ".join(s.goals) or None,
            ", ".join(s.tasks) or None,
            s.directions_text,
            s.goals_text,
            s.tasks_text,
            s.line,
        ]
        for f in plan.program_forms
        for n, s in enumerate(f.sections, start=1)
    ]


def _expenditure(plan: Plan) -> Rows:
    holders: list[tuple[str, str, list[Expenditure]]] = [
        *(("program", p.code, p.expenditure) for p in plan.budget_programs),
        *(("form", f.code, f.expenditure) for f in plan.program_forms),
        *(("allocation", a.id, a.expenditure) for a in plan.allocations),
        *(("total", t.id, t.expenditure) for t in plan.totals),
    ]
    return [
        [table, of, e.year, e.kind.value, e.value, e.raw, e.inferred, e.line, e.source]
        for table, of, spent in holders
        for e in spent
    ]


def _prose(plan: Plan) -> Rows:
    rows: Rows = []
    for s in plan.prose:
        head: list[Cell] = [s.kind, s.heading, s.line]
        if not s.paragraphs:
            rows.append([*head, None, None, None])
        rows.extend([*head, p.text, p.line, p.end_line] for p in s.paragraphs)
    return rows
