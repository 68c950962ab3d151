"""Amendments: a change to a plan made by an act, as first-class values.

A state body amends its strategic plan by a resolution: a target changes, an indicator, task or
milestone is added or deleted. Zhospar records such an amendment as the act (number and date),
the reason, and a list of changes; ``apply_amendment`` gives the plan as it stands after them,
a new version of the plan (``zhospar.store.amendments`` stores it). Nothing is overwritten: a
deleted row stays in the plan marked with the act that deleted it, as the published text prints
it, and every version before stays stored.

The ids of added rows follow docs/ids.md: the next free ``-I{n}``, ``-M{n}`` or task code within
the parent. Added rows and changed targets have no line in the published text (``line`` 0); their
source is the act, named in the value's note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from zhospar._exceptions import ValidationError
from zhospar.model.plan import (
    ActRef,
    Deletion,
    Goal,
    Indicator,
    IndicatorSection,
    Milestone,
    Phase,
    Plan,
    Task,
    YearValue,
)

__all__ = [
    "AddIndicator",
    "AddMilestone",
    "AddTask",
    "Amendment",
    "Change",
    "DeleteItem",
    "SetTarget",
    "apply_amendment",
    "changes_between",
    "compose_in_force",
    "in_force",
]

NOT_IN_TEXT = 0  # the line of a row or value an amendment made: none in the published text

_Name = Annotated[str, Field(min_length=1, max_length=2000)]
_Id = Annotated[str, Field(min_length=2, max_length=40)]


class _Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SetTarget(_Change):
    """A target (a planned year's value) set to a new value, or removed with ``None``."""

    kind: Literal["set-target"] = "set-target"
    indicator_id: _Id
    year: int
    value: Decimal | None


class DeleteItem(_Change):
    """An indicator, task or milestone deleted by the act (kept, marked as deleted)."""

    kind: Literal["delete"] = "delete"
    item_id: _Id


class AddIndicator(_Change):
    """A new target indicator of a goal (``G1.1``) or indicator of a task (``T1.1.1``)."""

    kind: Literal["add-indicator"] = "add-indicator"
    parent_id: _Id
    name: _Name
    unit: Annotated[str, Field(max_length=100)] | None = None
    targets: dict[int, Decimal] = Field(default_factory=dict)


class AddTask(_Change):
    """A new task of a goal; its code is the goal's next (``1.1.5`` after ``1.1.4``)."""

    kind: Literal["add-task"] = "add-task"
    goal_id: _Id
    name: _Name


class AddMilestone(_Change):
    """A new milestone of a task, due in the given years."""

    kind: Literal["add-milestone"] = "add-milestone"
    task_id: _Id
    name: _Name
    due_years: list[int] = Field(default_factory=list)


Change = Annotated[
    SetTarget | DeleteItem | AddIndicator | AddTask | AddMilestone, Field(discriminator="kind")
]


class Amendment(BaseModel):
    """An amending act and what it changes, with the reason the planner gives."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    act: ActRef
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    changes: list[Change] = Field(min_length=1, max_length=500)


def apply_amendment(plan: Plan, amendment: Amendment) -> Plan:
    """The plan after ``amendment``: a new object; ``plan`` itself is left as it was.

    Every change is checked against the plan as the earlier changes left it; the first that
    cannot apply (an unknown id, a year outside the plan, a row already deleted) is a
    ``ValidationError`` naming the change by its position and nothing is applied."""
    act = amendment.act
    if act.date is None:
        raise ValidationError("an amending act needs its date (it decides the years it governs)")
    if any(a.number == act.number for a in [*([plan.approved_by] if plan.approved_by else []),
                                            *plan.amended_by]):  # fmt: skip
        raise ValidationError(f"act No. {act.number} already made a version of this plan")
    amended = plan.model_copy(deep=True)
    for position, change in enumerate(amendment.changes, start=1):
        try:
            _apply(amended, change, act)
        except ValidationError as error:
            raise ValidationError(f"change {position} ({change.kind}): {error}") from None
    amended.amended_by.append(act)
    return amended


def _apply(plan: Plan, change: _Change, act: ActRef) -> None:
    if isinstance(change, SetTarget):
        _set_target(plan, change, act)
    elif isinstance(change, DeleteItem):
        _delete(plan, change.item_id, act)
    elif isinstance(change, AddIndicator):
        _add_indicator(plan, change, act)
    elif isinstance(change, AddTask):
        _add_task(plan, change)
    elif isinstance(change, AddMilestone):
        _add_milestone(plan, change)


def _act_note(act: ActRef) -> str:
    when = act.date.isoformat() if act.date else "undated"
    return f"amended by {act.kind} No. {act.number} of {when}"


def _target(year: int, value: Decimal | None, act: ActRef) -> YearValue:
    raw = "" if value is None else format(value.normalize(), "f")
    return YearValue(
        year=year, phase=Phase.PLANNED, value=value, raw=raw, line=NOT_IN_TEXT, note=_act_note(act)
    )


def _check_year(plan: Plan, year: int) -> None:
    if not plan.period_start <= year <= plan.period_end:
        raise ValidationError(
            f"{year} is not a year of the plan ({plan.period_start}-{plan.period_end})"
        )


def _set_target(plan: Plan, change: SetTarget, act: ActRef) -> None:
    indicator = _live_indicator(plan, change.indicator_id)
    _check_year(plan, change.year)
    kept = [v for v in indicator.values if v.year != change.year]
    indicator.values = sorted([*kept, _target(change.year, change.value, act)], key=_year)


def _year(value: YearValue) -> int:
    return value.year


def _delete(plan: Plan, item_id: str, act: ActRef) -> None:
    found = _find(plan, item_id)
    if found is None:
        raise ValidationError(f'no indicator, task or milestone "{item_id}" in the plan')
    if isinstance(found, Task):  # a task has no deletion mark of its own: its rows carry it
        rows: list[Indicator | Milestone] = [*found.indicators, *found.milestones]
        live = [r for r in rows if r.deleted is None]
        if not live:
            raise ValidationError(f"task {item_id} has no indicator or milestone left to delete")
        for row in live:
            row.deleted = Deletion(act=act, line=NOT_IN_TEXT)
        return
    if isinstance(found, Goal):
        raise ValidationError(f"{item_id} is a goal: delete its indicators and tasks instead")
    if found.deleted is not None:
        raise ValidationError(f"{item_id} is already deleted (by No. {found.deleted.act.number})")
    found.deleted = Deletion(act=act, line=NOT_IN_TEXT)


def _add_indicator(plan: Plan, change: AddIndicator, act: ActRef) -> None:
    for year in change.targets:
        _check_year(plan, year)
    values = [_target(y, v, act) for y, v in sorted(change.targets.items())]
    parent = _find(plan, change.parent_id)
    if isinstance(parent, Goal):
        rows, section = parent.target_indicators, IndicatorSection.TARGET
    elif isinstance(parent, Task):
        rows, section = parent.indicators, IndicatorSection.TASK
    else:
        raise ValidationError(f'"{change.parent_id}" is not a goal or task of the plan')
    rows.append(
        Indicator(
            id=f"{parent.id}-I{len(rows) + 1}",
            section=section,
            name=change.name,
            unit=change.unit,
            values=values,
            line=NOT_IN_TEXT,
        )
    )


def _add_task(plan: Plan, change: AddTask) -> None:
    goal = _find(plan, change.goal_id)
    if not isinstance(goal, Goal):
        raise ValidationError(f'"{change.goal_id}" is not a goal of the plan')
    code = f"{goal.code}.{len(goal.tasks) + 1}"
    goal.tasks.append(Task(id=f"T{code}", code=code, name=change.name, line=NOT_IN_TEXT))


def _add_milestone(plan: Plan, change: AddMilestone) -> None:
    task = _find(plan, change.task_id)
    if not isinstance(task, Task):
        raise ValidationError(f'"{change.task_id}" is not a task of the plan')
    for year in change.due_years:
        _check_year(plan, year)
    task.milestones.append(
        Milestone(
            id=f"{task.id}-M{len(task.milestones) + 1}",
            name=change.name,
            due_years=sorted(change.due_years),
            line=NOT_IN_TEXT,
        )
    )


def _live_indicator(plan: Plan, indicator_id: str) -> Indicator:
    found = _find(plan, indicator_id)
    if not isinstance(found, Indicator):
        raise ValidationError(
            f'no indicator "{indicator_id}" among the directions\' goals and tasks'
        )
    if found.deleted is not None:
        raise ValidationError(f"{indicator_id} is deleted (by No. {found.deleted.act.number})")
    return found


def _find(plan: Plan, item_id: str) -> Goal | Task | Indicator | Milestone | None:
    for item in _items(plan):
        if item.id == item_id:
            return item
    return None


def _items(plan: Plan) -> Iterator[Goal | Task | Indicator | Milestone]:
    """The rows an amendment may touch: goals, tasks, their indicators (and breakdowns), and
    milestones. Budget program forms are amended with the budget, not here."""
    for direction in plan.directions:
        for goal in direction.goals:
            yield goal
            yield from _with_breakdowns(goal.target_indicators)
            for task in goal.tasks:
                yield task
                yield from _with_breakdowns(task.indicators)
                yield from task.milestones


def _with_breakdowns(rows: list[Indicator]) -> Iterator[Indicator]:
    for row in rows:
        yield row
        yield from _with_breakdowns(row.breakdowns)


def in_force(dates: list[dt.date | None], year: int) -> int:
    """Which of a plan's versions (their acts' dates, oldest first) governs ``year``: the last
    one made by the end of that year; the first (the approved plan) for any year before."""
    chosen = 0
    for position, date in enumerate(dates):
        if date is not None and date <= dt.date(year, 12, 31):
            chosen = position
    return chosen


def compose_in_force(current: Plan, versions: list[tuple[dt.date | None, Plan]]) -> Plan:
    """The plan to score: ``current``'s rows, each planned year's targets taken from the version
    in force in that year (``versions`` oldest first, with their acts' dates).

    A row that a later act deleted is scored in the years before that act: it is kept without
    its deletion mark, and has no target from the act's year on (so those years say "no
    target" rather than scoring it). Rows added later have no target before they were added.
    """
    composed = current.model_copy(deep=True)
    dates = [date for date, _ in versions]
    rows = list(_indicators(composed))
    for year in range(composed.period_start, composed.period_end + 1):
        position = in_force(dates, year)
        if position == len(versions) - 1:
            continue
        older = {row.id: row for row in _indicators(versions[position][1])}
        for row in rows:
            then = older.get(row.id)
            kept = [v for v in row.values if v.year != year]
            if then is not None and then.deleted is None:
                kept += [v for v in then.values if v.year == year]
            row.values = sorted(kept, key=_year)
    for row in rows:
        if row.deleted is not None and row.deleted.line == NOT_IN_TEXT:
            ends = row.deleted.act.date
            if ends is not None and ends.year > composed.period_start:
                row.values = [v for v in row.values if v.year < ends.year]
                row.deleted = None
    return composed


def _indicators(plan: Plan) -> Iterator[Indicator]:
    for item in _items(plan):
        if isinstance(item, Indicator):
            yield item


def changes_between(old: Plan, new: Plan) -> list[Change]:
    """The changes that make ``new`` of ``old`` as an amendment counts them: targets changed
    (planned years), indicators and milestones deleted or added. Wording, sources and the other
    sections are not amendments Zhospar tracks; a plan that differs only there gives none."""
    before = {i.id: i for i in _indicators(old) if i.deleted is None}
    after = {i.id: i for i in _indicators(new) if i.deleted is None}
    years = range(new.period_start, new.period_end + 1)
    changes: list[Change] = []
    for ident, row in after.items():
        was = before.get(ident)
        if was is None:
            if "-b" not in ident:  # a breakdown comes with its indicator
                changes.append(_added(ident, row, years))
            continue
        old_targets, new_targets = _targets_of(was, years), _targets_of(row, years)
        for year in years:
            if old_targets.get(year) != new_targets.get(year):
                value = new_targets.get(year)
                changes.append(SetTarget(indicator_id=ident, year=year, value=value))
    changes += [DeleteItem(item_id=i) for i in before if i not in after and "-b" not in i]
    old_ms, new_ms = _milestones(old), _milestones(new)
    changes += [DeleteItem(item_id=m) for m in old_ms if m not in new_ms]
    changes += [
        AddMilestone(task_id=m.rsplit("-M", 1)[0], name=row.name, due_years=row.due_years)
        for m, row in new_ms.items()
        if m not in old_ms
    ]
    return changes


def _targets_of(row: Indicator, years: range) -> dict[int, Decimal | None]:
    return {v.year: v.value for v in row.values if v.year in years}


def _added(ident: str, row: Indicator, years: range) -> AddIndicator:
    targets = {y: v for y, v in _targets_of(row, years).items() if v is not None}
    parent = ident.rsplit("-I", 1)[0]
    return AddIndicator(parent_id=parent, name=row.name, unit=row.unit, targets=targets)


def _milestones(plan: Plan) -> dict[str, Milestone]:
    return {
        item.id: item
        for item in _items(plan)
        if isinstance(item, Milestone) and item.deleted is None
    }
