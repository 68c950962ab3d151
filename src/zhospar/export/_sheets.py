"""The plan laid out as sheets: named tables of cells, one per section of the plan.

Kept apart from the workbook writer so that the layout (which columns, which rows) is plain
data that tests and other writers can use. Yearly values are spread into one column per year
(``2010 (planned)``), so a sheet reads like the plan's own tables; every row keeps its
``source_line``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import ActRef, Deletion, Expenditure, Plan, YearValue
from zhospar.model.walk import IndicatorPlace, iter_indicators

__all__ = ["Cell", "Sheet", "plan_sheets"]

Cell = str | int | Decimal | bool | None
_YearKey = tuple[int, str, int]  # year, label, occurrence within the row


@dataclass
class Sheet:
    """A table: a header row and rows of cells (text, whole numbers, Decimals, flags)."""

    name: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def plan_sheets(plan: Plan, report: ReadingReport | None = None) -> list[Sheet]:
    """Every sheet of the workbook, in the order the plan presents its sections."""
    places = list(iter_indicators(plan))
    sheets = [
        _plan_sheet(plan),
        _directions_sheet(plan),
        _indicator_sheet("Target indicators", "target", [p for p in places if _is(p, "target")]),
        _tasks_sheet(plan),
        _indicator_sheet("Task indicators", "task", [p for p in places if _is(p, "task")]),
        _milestones_sheet(plan),
        _programs_sheet(plan),
        _forms_sheet(plan),
        _indicator_sheet(
            "Program form indicators", "program", [p for p in places if _is(p, "program")]
        ),
        _expenditure_sheet(plan),
        _allocation_sheet(plan),
        _totals_sheet(plan),
        _risks_sheet(plan),
        _acts_sheet(plan),
        _alignment_sheet(plan),
        _gaps_sheet(plan),
    ]
    if report is not None:
        sheets.append(_report_sheet(report))
    return sheets


def _is(place: IndicatorPlace, where: str) -> bool:
    """Whether the indicator stands under a goal (target), a task or a program form."""
    if place.program is not None:
        return where == "program"
    return where == ("task" if place.task else "target")


def _act(act: ActRef | None) -> str | None:
    if act is None:
        return None
    date = f" of {act.date.isoformat()}" if act.date else ""
    return f"{act.kind} № {act.number}{date}"


def _deleted(deletion: Deletion | None) -> str | None:
    return None if deletion is None else f"deleted by {_act(deletion.act)}"


def _plan_sheet(plan: Plan) -> Sheet:
    sheet = Sheet("Plan", ["field", "value", "source_line"])
    approved = plan.approved_by
    amended: list[list[Cell]] = [["amended by", _act(a), a.line] for a in plan.amended_by]
    sheet.rows = [
        ["title", plan.title, None],
        ["ministry", plan.ministry, None],
        ["approved by", _act(approved), approved.line if approved else None],
        *amended,
        ["period", f"{plan.period_start}-{plan.period_end}", None],
        ["reported years", ", ".join(str(y) for y in plan.reported_years), None],
        ["mission", plan.mission, None],
        ["vision", plan.vision, None],
        ["analysis", plan.analysis, None],
        ["functional capabilities", plan.functional_capabilities, None],
        ["organisational structure", plan.organisational_structure, None],
    ]
    if plan.source is not None:
        sheet.rows += [
            ["source file", plan.source.name, None],
            ["source sha256", plan.source.sha256, None],
            ["source lines", plan.source.lines, None],
        ]
    return sheet


def _directions_sheet(plan: Plan) -> Sheet:
    sheet = Sheet(
        "Directions and goals",
        ["id", "level", "direction", "goal", "name", "only_in_alignment", "source_line"],
    )
    for d in plan.directions:
        sheet.rows.append([d.id, "direction", d.number, None, d.name, None, d.line])
        for g in d.goals:
            sheet.rows.append([g.id, "goal", d.number, g.code, g.name, g.only_in_alignment, g.line])
    return sheet


def _tasks_sheet(plan: Plan) -> Sheet:
    columns = ["id", "direction", "goal", "task", "name", "co_executors"]
    sheet = Sheet("Tasks", [*columns, "indicators", "milestones", "source_line"])
    for d in plan.directions:
        for g in d.goals:
            for t in g.tasks:
                counts = [len(t.indicators), len(t.milestones)]
                names = [t.code, t.name, ", ".join(t.co_executors)]
                sheet.rows.append([t.id, d.number, g.code, *names, *counts, t.line])
    return sheet


def _milestones_sheet(plan: Plan) -> Sheet:
    columns = ["id", "direction", "goal", "task", "name", "due_years", "deleted", "source_line"]
    sheet = Sheet("Milestones", columns)
    for d in plan.directions:
        for g in d.goals:
            for t in g.tasks:
                for m in t.milestones:
                    due = ", ".join(str(y) for y in m.due_years)
                    sheet.rows.append(
                        [m.id, d.number, g.code, t.code, m.name, due, _deleted(m.deleted), m.line]
                    )
    return sheet


_PLACE_COLUMNS = {
    "target": ["direction", "goal"],
    "task": ["direction", "goal", "task"],
    "program": ["program", "kind"],
}
_INDICATOR_COLUMNS = ["number", "name", "breakdown", "unit", "deleted"]


def _indicator_sheet(name: str, where: str, places: Sequence[IndicatorPlace]) -> Sheet:
    """Indicators of one kind of place (``target``, ``task`` or ``program``), years across."""
    columns = ["id", *_PLACE_COLUMNS[where], *_INDICATOR_COLUMNS]
    fixed: list[list[Cell]] = []
    for p in places:
        cells = _indicator_cells(p)
        fixed.append([cells[c] for c in columns])
    years = [_value_cells(p.indicator.values) for p in places]
    lines: list[Cell] = [p.indicator.line for p in places]
    return _widen(name, columns, fixed, years, lines)


def _indicator_cells(p: IndicatorPlace) -> dict[str, Cell]:
    ind = p.indicator
    return {
        "id": ind.id,
        "direction": p.direction,
        "goal": p.goal,
        "task": p.task,
        "program": p.program,
        "kind": ind.kind.value if ind.kind else None,
        "number": ind.number,
        "name": ind.name,
        "breakdown": ind.breakdown,
        "unit": ind.unit,
        "deleted": _deleted(ind.deleted),
    }


def _value_cells(values: Iterable[YearValue]) -> list[tuple[_YearKey, Cell]]:
    return _keyed((v.year, v.phase.value, v.value, v.raw) for v in values)


def _spent_cells(spent: Iterable[Expenditure]) -> list[tuple[_YearKey, Cell]]:
    return _keyed((e.year, e.kind.value, e.value, e.raw) for e in spent)


def _keyed(values: Iterable[tuple[int, str, Decimal | None, str]]) -> list[tuple[_YearKey, Cell]]:
    """Each value under its (year, label) column; a second value for the same column gets its
    own column rather than being dropped. A cell without a number shows the text as printed."""
    seen: dict[tuple[int, str], int] = {}
    out: list[tuple[_YearKey, Cell]] = []
    for year, label, value, raw in values:
        n = seen.get((year, label), 0)
        seen[(year, label)] = n + 1
        out.append(((year, label, n), value if value is not None else (raw or None)))
    return out


def _widen(
    name: str,
    columns: list[str],
    fixed: list[list[Cell]],
    years: list[list[tuple[_YearKey, Cell]]],
    lines: list[Cell],
) -> Sheet:
    # Years in order; within a year, columns in the order the plan first shows them.
    keys = sorted(dict.fromkeys(key for row in years for key, _ in row), key=lambda k: k[0])
    headers = [f"{y} ({label})" + (f" #{n + 1}" if n else "") for y, label, n in keys]
    sheet = Sheet(name, [*columns, *headers, "source_line"])
    for cells, row_years, line in zip(fixed, years, lines, strict=True):
        by_key = dict(row_years)
        sheet.rows.append([*cells, *(by_key.get(k) for k in keys), line])
    return sheet


def _programs_sheet(plan: Plan) -> Sheet:
    columns = ["id", "code", "name", "type", "proposed", "functional_group", "functional_subgroup"]
    programs = plan.budget_programs
    fixed: list[list[Cell]] = [
        [p.id, p.code, p.name, p.type.value, p.proposed, p.functional_group, p.functional_subgroup]
        for p in programs
    ]
    years = [_spent_cells(p.expenditure) for p in programs]
    return _widen("Programs", columns, fixed, years, [p.line for p in programs])


def _forms_sheet(plan: Plan) -> Sheet:
    columns = ["id", "code", "name", "administrator", "description", "block", "directions"]
    columns += ["goals", "tasks", "source_line", "end_line"]
    sheet = Sheet("Program forms", columns)
    for f in plan.program_forms:
        head: list[Cell] = [f.id, f.code, f.name, f.administrator, f.description]
        if not f.sections:
            sheet.rows.append([*head, None, None, None, None, f.line, f.end_line])
        for s in f.sections:
            directions = s.directions_text or ", ".join(str(d) for d in s.directions)
            goals = s.goals_text or ", ".join(s.goals)
            tasks = s.tasks_text or ", ".join(s.tasks)
            block = [s.title, directions, goals, tasks, s.line, f.end_line]
            sheet.rows.append([*head, *block])
    return sheet


def _expenditure_sheet(plan: Plan) -> Sheet:
    columns = ["program", "name", "where", "year", "kind", "value", "raw", "inferred"]
    sheet = Sheet("Expenditure", [*columns, "source_line"])
    holders = [(p.code, p.name, "list", p.expenditure) for p in plan.budget_programs]
    holders += [(f.code, f.name, "form", f.expenditure) for f in plan.program_forms]
    for code, name, where, spent in holders:
        for e in spent:
            sheet.rows.append(
                [code, name, where, e.year, e.kind.value, e.value, e.raw, e.inferred, e.line]
            )
    return sheet


def _allocation_sheet(plan: Plan) -> Sheet:
    columns = ["id", "direction", "goal", "task", "program", "subprograms", "reference"]
    columns += ["label", "is_goal_total"]
    rows = plan.allocations
    fixed: list[list[Cell]] = []
    for a in rows:
        where: list[Cell] = [a.id, a.direction, a.goal, a.task, a.program]
        fixed.append([*where, ", ".join(a.subprograms), a.reference, a.label, a.is_goal_total])
    years = [_spent_cells(a.expenditure) for a in rows]
    return _widen("Allocation", columns, fixed, years, [a.line for a in rows])


def _totals_sheet(plan: Plan) -> Sheet:
    fixed: list[list[Cell]] = [[t.id, t.label] for t in plan.totals]
    years = [_spent_cells(t.expenditure) for t in plan.totals]
    return _widen("Totals", ["id", "label"], fixed, years, [t.line for t in plan.totals])


def _risks_sheet(plan: Plan) -> Sheet:
    columns = ["id", "number", "risks", "consequences", "measures", "source_line", "end_line"]
    sheet = Sheet("Risks", columns)
    for r in plan.risks:
        texts = ["\n".join(r.risks), "\n".join(r.consequences), "\n".join(r.measures)]
        sheet.rows.append([r.id, r.number, *texts, r.line, r.end_line])
    return sheet


def _acts_sheet(plan: Plan) -> Sheet:
    sheet = Sheet("Legal acts", ["id", "number", "title", "source_line", "end_line"])
    sheet.rows = [[a.id, a.number, a.title, a.line, a.end_line] for a in plan.legal_acts]
    return sheet


def _alignment_sheet(plan: Plan) -> Sheet:
    columns = ["id", "direction", "goal", "goal_name", "state_goal", "source_document"]
    sheet = Sheet("Alignment", [*columns, "source_line"])
    sheet.rows = [
        [a.id, a.direction, a.goal, a.goal_name, a.state_goal, a.source_document, a.line]
        for a in plan.alignment
    ]
    return sheet


def _gaps_sheet(plan: Plan) -> Sheet:
    sheet = Sheet("Gaps", ["where", "what", "source_line"])
    sheet.rows = [[g.where, g.what, g.line] for g in plan.gaps]
    return sheet


def _report_sheet(report: ReadingReport) -> Sheet:
    sheet = Sheet("Reading report", ["source_line", "status", "section", "reason"])
    notes = sorted([*report.notes.values(), *report.extra], key=lambda n: n.line)
    sheet.rows = [[n.line, n.status.value, n.section, n.reason] for n in notes]
    return sheet
