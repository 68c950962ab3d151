"""Drafts of directions, goals, tasks and items, and their conversion to the plan model.

The reader fills mutable drafts row by row (a name grows over several lines, a unit and values
arrive later, items move to the task whose row follows them). Only when the section is read are
the drafts turned into model objects and given their ids, so ids depend on the finished
structure alone: the n-th target indicator of a goal, the n-th indicator or milestone of a task,
the n-th breakdown of an indicator, deleted items counted, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhospar.ingest import words
from zhospar.ingest._directions_cells import co_executors, tidy
from zhospar.model.plan import (
    Deletion,
    Direction,
    Gap,
    Goal,
    Indicator,
    IndicatorSection,
    Milestone,
    Task,
    YearValue,
)

DELETED_NAME = "(алынып тасталды)"  # placeholder: a deleted item's text is gone from the plan
MISSING_TABLE = words.GAP_TABLE


@dataclass(eq=False)
class DraftItem:
    """A numbered item of an indicators cell, or a breakdown row under one."""

    line: int
    number: str | None
    name: str
    head: str  # the name as printed on the item's own line, before any continuation
    label: str | None = None  # breakdown label; None for an item of a goal or task
    unit: str | None = None
    values: list[YearValue] | None = None  # None until a row gives values
    due_years: list[int] = field(default_factory=list)
    deleted: Deletion | None = None
    breakdowns: list[DraftItem] = field(default_factory=list)
    expects_breakdowns: bool = False  # "... :" or "оның ішінде:" announced sub-rows

    @property
    def awaiting(self) -> bool:
        """Still waiting for its values (a deliverable or a deleted item never gets any)."""
        return self.values is None and self.deleted is None and not self.due_years


@dataclass(eq=False)
class DraftTask:
    code: str
    name: str
    line: int
    items: list[DraftItem] = field(default_factory=list)


@dataclass(eq=False)
class DraftGoal:
    code: str
    name: str
    line: int
    targets: list[DraftItem] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    coded: bool = False  # its code row ("1.1. | name") has been read


@dataclass(eq=False)
class DraftDirection:
    number: int
    name: str
    line: int
    listing_line: int | None = None
    heading_line: int | None = None
    goals: list[DraftGoal] = field(default_factory=list)


def build(drafts: dict[int, DraftDirection]) -> tuple[list[Direction], list[Gap]]:
    """The model's directions in number order, and what the text lacks."""
    gaps: list[Gap] = []
    directions: list[Direction] = []
    for number in range(1, max(drafts, default=0) + 1):
        draft = drafts.get(number)
        if draft is None:
            where = words.GAP_DIRECTION.format(number=number)
            gaps.append(Gap(where=where, what=words.GAP_NAME_AND_TABLE))
            continue
        directions.append(_direction(draft, gaps))
    return directions, gaps


def _direction(draft: DraftDirection, gaps: list[Gap]) -> Direction:
    where = words.GAP_DIRECTION.format(number=draft.number)
    if not draft.name:
        gaps.append(Gap(where=where, what=words.GAP_NAME, line=draft.line))
    if not draft.goals:
        gaps.append(Gap(where=where, what=MISSING_TABLE, line=draft.listing_line or draft.line))
    goals = [_goal(g, gaps) for g in draft.goals]
    return Direction(
        id=f"D{draft.number}", number=draft.number, name=tidy(draft.name), goals=goals,
        line=draft.line,
    )  # fmt: skip


def _goal(draft: DraftGoal, gaps: list[Gap]) -> Goal:
    gid = f"G{draft.code}"
    if not tidy(draft.name):
        where = words.GAP_GOAL.format(code=draft.code)
        gaps.append(Gap(where=where, what=words.GAP_GOAL_NAME, line=draft.line))
    targets = [
        _indicator(item, f"{gid}-I{n}", IndicatorSection.TARGET)
        for n, item in enumerate(draft.targets, start=1)
    ]
    tasks = [_task(t, gaps) for t in draft.tasks]
    return Goal(
        id=gid, code=draft.code, name=tidy(draft.name), target_indicators=targets, tasks=tasks,
        line=draft.line,
    )  # fmt: skip


def _task(draft: DraftTask, gaps: list[Gap]) -> Task:
    tid = f"T{draft.code}"
    name, bodies = co_executors(tidy(draft.name))
    if not name:
        where = words.GAP_TASK.format(code=draft.code)
        gaps.append(Gap(where=where, what=words.GAP_TASK_NAME, line=draft.line))
    deleted_as_milestones = _deleted_are_milestones(draft.items)
    task = Task(id=tid, code=draft.code, name=tidy(name), co_executors=bodies, line=draft.line)
    for item in draft.items:
        if item.due_years or (item.deleted is not None and deleted_as_milestones):
            n = len(task.milestones) + 1
            task.milestones.append(_milestone(item, f"{tid}-M{n}"))
        else:
            n = len(task.indicators) + 1
            task.indicators.append(_indicator(item, f"{tid}-I{n}", IndicatorSection.TASK))
    return task


def _deleted_are_milestones(items: list[DraftItem]) -> bool:
    """A deleted item's text is gone: it is taken to be of the kind most of its siblings are."""
    kept = [i for i in items if i.deleted is None]
    milestones = sum(1 for i in kept if i.due_years)
    return milestones > len(kept) - milestones


def _milestone(item: DraftItem, mid: str) -> Milestone:
    name = DELETED_NAME if item.deleted is not None else tidy(item.name)
    return Milestone(
        id=mid, name=name, due_years=item.due_years, deleted=item.deleted, line=item.line
    )


def _indicator(
    item: DraftItem, iid: str, section: IndicatorSection, parent_unit: str | None = None
) -> Indicator:
    """An item as an Indicator; a breakdown row without a unit of its own is measured in its
    parent's unit (the women's unemployment rate is a rate in % like the total)."""
    deleted = item.deleted is not None
    name = DELETED_NAME if deleted else tidy(item.name)
    label = None
    if item.label is not None:
        label = DELETED_NAME if deleted else tidy(item.label)
    unit = tidy(item.unit) if item.unit else parent_unit
    indicator = Indicator(
        id=iid, section=section, number=item.number, name=name, unit=unit,
        values=item.values or [], breakdown=label, deleted=item.deleted, line=item.line,
    )  # fmt: skip
    indicator.breakdowns = [
        _indicator(b, f"{iid}-b{n}", section, parent_unit=unit)
        for n, b in enumerate(item.breakdowns, start=1)
    ]
    return indicator
