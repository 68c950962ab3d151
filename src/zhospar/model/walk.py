"""Walking a plan: every indicator (and every milestone) with the place it stands in.

Exports, the store and the evaluation all need "each indicator, with its direction, goal, task
or program"; this is the one place that knows how to find them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from zhospar.model.plan import Indicator, Milestone, Plan, Task


@dataclass(frozen=True)
class IndicatorPlace:
    indicator: Indicator
    direction: int | None = None
    goal: str | None = None
    task: str | None = None
    program: str | None = None
    parent: Indicator | None = None  # set for breakdown rows

    @property
    def code(self) -> str | None:
        """The goal, task or program code the indicator is reported under."""
        return self.task or self.goal or self.program


def iter_indicators(plan: Plan, *, breakdowns: bool = True) -> Iterator[IndicatorPlace]:
    """Every indicator of the plan in document order, breakdown rows after their parent."""
    for direction in plan.directions:
        for goal in direction.goals:
            for ind in goal.target_indicators:
                yield from _with_breakdowns(
                    ind, breakdowns, direction=direction.number, goal=goal.code
                )
            for task in goal.tasks:
                for ind in task.indicators:
                    yield from _with_breakdowns(
                        ind, breakdowns, direction=direction.number, goal=goal.code, task=task.code
                    )
    for form in plan.program_forms:
        for section in form.sections:
            for ind in section.indicators:
                yield from _with_breakdowns(ind, breakdowns, program=form.code)


def _with_breakdowns(
    ind: Indicator, breakdowns: bool, **place: int | str | None
) -> Iterator[IndicatorPlace]:
    yield IndicatorPlace(ind, **place)  # type: ignore[arg-type]
    if breakdowns:
        for child in ind.breakdowns:
            yield IndicatorPlace(child, parent=ind, **place)  # type: ignore[arg-type]


def find_indicator(plan: Plan, indicator_id: str) -> IndicatorPlace | None:
    for place in iter_indicators(plan):
        if place.indicator.id == indicator_id:
            return place
    return None


def iter_milestones(plan: Plan) -> Iterator[tuple[Task, Milestone]]:
    """Every milestone of the plan's tasks in document order, with its task."""
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                for milestone in task.milestones:
                    yield task, milestone
