"""The filter box of the long pages (``/plan``, ``/audit``): which parts a query ``?q=`` shows.

A part matches when the query, case-folded, is in its id, code or name. A matching part shows
everything beneath it, and a match beneath a part shows that part (open) too: searching
"зейнетақы" shows the goals and tasks whose indicators name pensions, each with the path to it.
With no query every part is shown, closed. The same answer serves the page without JavaScript
(a GET form) and with htmx (the form's input swaps the filtered tree in as one types).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhospar.report.model import (
    DirectionSection,
    GoalSection,
    ProgramSection,
    ScoredLine,
    TaskSection,
)
from zhospar.services.search import MAX_QUERY

__all__ = ["MAX_QUERY", "PlanFilter", "matches", "plan_filter", "query_of"]


def query_of(q: str | None) -> str:
    """The query as used: cut to ``MAX_QUERY`` characters, stripped ("" for none)."""
    return (q or "")[:MAX_QUERY].strip()


def matches(query: str, *texts: str | None) -> bool:
    """Whether ``query`` (case-folded) is in any of ``texts``; every text matches ""."""
    needle = query.casefold()
    return any(needle in (t or "").casefold() for t in texts)


@dataclass(frozen=True)
class PlanFilter:
    """What the plan page shows for a query: ``shown`` ids (None: all, closed)."""

    query: str
    shown: frozenset[str] | None

    def show(self, ident: str) -> bool:
        return self.shown is None or ident in self.shown

    @property
    def open(self) -> bool:
        """Whether the parts shown are open: only under a query."""
        return self.shown is not None


def _items(lines: Iterable[ScoredLine], query: str) -> set[str]:
    return {x.id for x in lines if matches(query, x.id, x.name, getattr(x, "breakdown", None))}


def _task(task: TaskSection, query: str, whole: bool) -> set[str]:
    items: list[ScoredLine] = [*task.indicators, *task.milestones]
    if whole or matches(query, task.id, task.code, task.name):
        return {task.id, *(x.id for x in items)}
    found = _items(items, query)
    return found | {task.id} if found else set()


def _goal(goal: GoalSection, query: str, whole: bool) -> set[str]:
    whole = whole or matches(query, goal.id, goal.code, goal.name)
    found = (
        {x.id for x in goal.target_indicators} if whole else _items(goal.target_indicators, query)
    )
    for task in goal.tasks:
        found |= _task(task, query, whole)
    return found | {goal.id} if found or whole else set()


def _direction(direction: DirectionSection, query: str) -> set[str]:
    whole = matches(query, direction.id, str(direction.number), direction.name)
    found: set[str] = set()
    for goal in direction.goals:
        found |= _goal(goal, query, whole)
    return found | {direction.id} if found or whole else set()


def _program(program: ProgramSection, query: str) -> set[str]:
    if matches(query, program.id, program.code, program.name):
        return {program.id, *(x.id for x in program.indicators)}
    found = _items(program.indicators, query)
    return found | {program.id} if found else set()


def plan_filter(
    q: str | None, directions: Iterable[DirectionSection], programs: Iterable[ProgramSection]
) -> PlanFilter:
    """The parts of the plan tree that ``q`` shows (see the module's doc)."""
    query = query_of(q)
    if not query:
        return PlanFilter("", None)
    shown: set[str] = set()
    for direction in directions:
        shown |= _direction(direction, query)
    for program in programs:
        shown |= _program(program, query)
    return PlanFilter(query, frozenset(shown))
