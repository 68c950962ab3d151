"""The plan as a Rich tree, for ``zhospar show``.

Directions -> goals -> target indicators (unit, values per year) -> tasks -> indicators and
milestones; budget programs with their expenditure and their forms' indicators; alignment,
risks and legal acts. Deleted items stay in the tree, struck through and marked DELETED, because
the deletion is part of the plan's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rich.text import Text
from rich.tree import Tree

from zhospar.cli._options import ShowSection
from zhospar.model.plan import (
    BudgetProgram,
    Deletion,
    Direction,
    Expenditure,
    Indicator,
    Milestone,
    Plan,
    ProgramForm,
    Task,
    YearValue,
)

__all__ = ["ShowSection", "plan_tree"]


def plan_tree(plan: Plan, only: ShowSection | None = None) -> Tree:
    """The plan's tree; ``only`` limits it to one part."""
    root = Tree(Text(plan.title or "(no title found)", style="bold"))
    wanted = [only] if only is not None else list(ShowSection)
    for part in wanted:
        _PARTS[part](root.add(Text(_TITLES[part], style="bold cyan")), plan)
    return root


def _number(value: Decimal) -> str:
    """557556682 -> "557,556,682" (no spaces, so a wrapped line never splits a number);
    6.2 and 8.0 stay as the plan printed them."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return f"{int(value):,}"
    return format(value, "f")


def _values(values: Iterable[tuple[int, str, Decimal | None, str]]) -> str:
    """ "reported 2008=6.9 · 2009=8.0 | planned 2010=6.6": by phase or kind; no space inside
    an item, so a wrapped line never parts a year from its value."""
    groups: dict[str, list[str]] = {}
    for year, label, value, raw in values:
        shown = _number(value) if value is not None else (raw or "—")
        groups.setdefault(label, []).append(f"{year}={shown}")
    return " | ".join(f"{label} " + " · ".join(items) for label, items in groups.items())


def _year_values(values: list[YearValue]) -> str:
    return _values((v.year, v.phase.value, v.value, v.raw) for v in values)


def _spent(spent: list[Expenditure]) -> str:
    return _values((e.year, e.kind.value, e.value, e.raw) for e in spent)


def _label(head: str, name: str, deleted: Deletion | None = None) -> Text:
    text = Text(f"{head}  ", style="bold")
    text.append(name, style="strike dim" if deleted else "")
    if deleted is not None:
        act = deleted.act
        text.append(f"  DELETED by № {act.number} (line {deleted.line})", style="red")
    return text


def _indicator(parent: Tree, ind: Indicator) -> None:
    name = " ".join(p for p in (ind.number, ind.breakdown or ind.name) if p)
    label = _label(ind.id, name, ind.deleted)
    if ind.kind is not None:
        label.append(f"  ({ind.kind.value})", style="italic")
    if ind.unit:
        label.append(f"  [{ind.unit}]", style="italic")
    node = parent.add(label)
    if ind.values:
        node.add(Text(_year_values(ind.values)))
    for child in ind.breakdowns:
        _indicator(node, child)


def _milestone(parent: Tree, milestone: Milestone) -> None:
    label = _label(milestone.id, milestone.name, milestone.deleted)
    if milestone.due_years:
        label.append("  due " + ", ".join(str(y) for y in milestone.due_years))
    parent.add(label)


def _task(parent: Tree, task: Task) -> None:
    label = _label(task.id, f"{task.code} {task.name}")
    if task.co_executors:
        label.append("  with " + ", ".join(task.co_executors), style="italic")
    node = parent.add(label)
    for ind in task.indicators:
        _indicator(node, ind)
    for milestone in task.milestones:
        _milestone(node, milestone)


def _direction(parent: Tree, direction: Direction) -> None:
    node = parent.add(_label(direction.id, f"{direction.number}. {direction.name}"))
    for goal in direction.goals:
        label = _label(goal.id, f"{goal.code} {goal.name}")
        if goal.only_in_alignment:
            label.append("  (named only in the alignment section)", style="italic")
        goal_node = node.add(label)
        for ind in goal.target_indicators:
            _indicator(goal_node, ind)
        for task in goal.tasks:
            _task(goal_node, task)


def _directions(node: Tree, plan: Plan) -> None:
    for direction in plan.directions:
        _direction(node, direction)
    for gap in plan.gaps:
        where = f" (line {gap.line})" if gap.line else ""
        node.add(Text(f"GAP  {gap.where}: {gap.what}{where}", style="yellow"))


def _program(parent: Tree, program: BudgetProgram | None, form: ProgramForm | None) -> None:
    head: BudgetProgram | ProgramForm | None = program or form
    if head is None:
        return
    kind = f"  ({program.type.value})" if program else "  (form only)"
    node = parent.add(_label(head.id, f"{head.code} {head.name}{kind}"))
    if program and program.expenditure:
        node.add(Text("list: " + _spent(program.expenditure)))
    if form is None:
        return
    if form.expenditure:
        node.add(Text("form: " + _spent(form.expenditure)))
    for section in form.sections:
        for ind in section.indicators:
            _indicator(node, ind)


def _programs(node: Tree, plan: Plan) -> None:
    forms = {f.code: f for f in plan.program_forms}
    for program in plan.budget_programs:
        _program(node, program, forms.pop(program.code, None))
    for form in forms.values():
        _program(node, None, form)


def _alignment(node: Tree, plan: Plan) -> None:
    for row in plan.alignment:
        goal = f"goal {row.goal} " if row.goal else ""
        source = f" ({row.source_document})" if row.source_document else ""
        node.add(_label(row.id, f"{goal}-> {row.state_goal}{source}"))


def _risks(node: Tree, plan: Plan) -> None:
    for risk in plan.risks:
        risk_node = node.add(_label(risk.id, f"{risk.number}. " + " ".join(risk.risks)))
        risk_node.add(Text("consequences: " + " ".join(risk.consequences)))
        risk_node.add(Text("measures: " + " ".join(risk.measures)))


def _acts(node: Tree, plan: Plan) -> None:
    for act in plan.legal_acts:
        node.add(_label(act.id, f"{act.number}. {act.title}"))


_TITLES = {
    ShowSection.DIRECTIONS: "Strategic directions",
    ShowSection.ALIGNMENT: "Alignment with the state's strategic goals",
    ShowSection.RISKS: "Risks",
    ShowSection.ACTS: "Legal acts",
    ShowSection.PROGRAMS: "Budget programs",
}
_PARTS = {
    ShowSection.DIRECTIONS: _directions,
    ShowSection.ALIGNMENT: _alignment,
    ShowSection.RISKS: _risks,
    ShowSection.ACTS: _acts,
    ShowSection.PROGRAMS: _programs,
}
