"""Aggregation of achievements to task, goal, direction, program and the whole plan.

Each level's score is the weighted mean of the capped achievement of every indicator and
milestone beneath it, each counted once:

* a task: its indicators and milestones;
* a goal: its target indicators and everything of its tasks;
* a direction: everything of its goals;
* the plan: everything of its directions (program-form indicators are scored per program, not in
  the plan's score, since the forms measure programs rather than goals);
* a program: the indicators of its form.

Weights are 1 per indicator unless the ``weights`` mapping gives another (0 leaves an indicator
out of the mean but in the counts). Each percentage is capped at ``CAP`` (100 %) before
averaging, as the state's evaluation scores out of 100: a target exceeded fourfold is achieved,
and cannot make up for a failure elsewhere. A plan may set another cap (``EvaluationOptions.cap``,
recorded with who, when and why in the store's plan settings). An achieved result without a
percentage (e.g. a fact of 0 on a decrease indicator) counts as 100, a not achieved one without a
percentage as 0. Results with no data are counted but not averaged. Breakdown rows (women,
youth ...) are not counted separately unless ``include_breakdowns`` is set: they detail their
parent, which already counts. Indicators deleted by an amending resolution are left out
altogether.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from zhospar._exceptions import ValidationError
from zhospar.evaluate.achievement import Achievement, NoScore, Status, status_of
from zhospar.model.plan import Goal, Indicator, Plan, ProgramForm, Task

__all__ = ["CAP", "Aggregate", "Counts", "Level", "aggregate_plan", "aggregate_programs"]

CAP = Decimal(100)  # a percentage counts at most this much in a mean, unless a plan sets another


class Level(StrEnum):
    TASK = "task"
    GOAL = "goal"
    DIRECTION = "direction"
    PROGRAM = "program"
    PLAN = "plan"


@dataclass(frozen=True)
class Counts:
    achieved: int = 0
    nearly: int = 0
    not_achieved: int = 0
    no_data: int = 0

    @property
    def total(self) -> int:
        return self.achieved + self.nearly + self.not_achieved + self.no_data

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.achieved + other.achieved,
            self.nearly + other.nearly,
            self.not_achieved + other.not_achieved,
            self.no_data + other.no_data,
        )


@dataclass(frozen=True)
class Aggregate:
    """The score of one task, goal, direction, program or the plan."""

    level: Level
    id: str
    code: str
    name: str
    score: Decimal | None  # weighted mean of capped percentages; None when nothing scored
    status: Status
    counts: Counts
    weighted_sum: Decimal
    weight: Decimal  # total weight of the scored items
    items: tuple[str, ...]  # ids of the indicators and milestones counted directly here
    children: tuple[Aggregate, ...] = ()


@dataclass
class _Acc:
    counts: Counts = field(default_factory=Counts)
    weighted_sum: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)


def _checked(weights: Mapping[str, Decimal] | None) -> Mapping[str, Decimal]:
    bad = [f"{k} = {v}" for k, v in (weights or {}).items() if v < 0]
    if bad:
        raise ValidationError(f"weights must be 0 or more; got {', '.join(bad)}")
    return weights or {}


def _contribution(result: Achievement | None, cap: Decimal) -> tuple[Counts, Decimal | None]:
    if result is None or result.status is Status.NO_DATA:
        return Counts(no_data=1), None
    percent = result.percent
    if percent is None:
        percent = Decimal(100) if result.status is Status.ACHIEVED else Decimal(0)
    band = {
        Status.ACHIEVED: Counts(achieved=1),
        Status.NEARLY: Counts(nearly=1),
        Status.NOT_ACHIEVED: Counts(not_achieved=1),
    }[result.status]
    return band, min(percent, cap)


@dataclass(frozen=True)
class _Ctx:
    achievements: Mapping[str, Achievement]
    weights: Mapping[str, Decimal]
    include_breakdowns: bool
    cap: Decimal


def _node(
    ctx: _Ctx,
    level: Level,
    ident: tuple[str, str, str],
    items: Iterable[str],
    children: tuple[Aggregate, ...] = (),
) -> Aggregate:
    acc = _Acc()
    for child in children:
        acc.counts += child.counts
        acc.weighted_sum += child.weighted_sum
        acc.weight += child.weight
    own = tuple(items)
    for item_id in own:
        result = ctx.achievements.get(item_id)
        if result is not None and result.no_score is NoScore.DELETED:
            continue
        counts, percent = _contribution(result, ctx.cap)
        acc.counts += counts
        if percent is not None:
            weight = ctx.weights.get(item_id, Decimal(1))
            acc.weighted_sum += weight * percent
            acc.weight += weight
    score = acc.weighted_sum / acc.weight if acc.weight else None
    status = status_of(score) if score is not None else Status.NO_DATA
    ident_id, code, name = ident
    return Aggregate(
        level,
        ident_id,
        code,
        name,
        score,
        status,
        acc.counts,
        acc.weighted_sum,
        acc.weight,
        own,
        children,
    )


def _indicator_ids(indicators: Iterable[Indicator], include_breakdowns: bool) -> list[str]:
    out: list[str] = []
    for indicator in indicators:
        if indicator.deleted is not None:
            continue
        out.append(indicator.id)
        if include_breakdowns:
            out.extend(b.id for b in indicator.breakdowns if b.deleted is None)
    return out


def _task(ctx: _Ctx, task: Task) -> Aggregate:
    items = _indicator_ids(task.indicators, ctx.include_breakdowns)
    items += [m.id for m in task.milestones if m.deleted is None]
    return _node(ctx, Level.TASK, (task.id, task.code, task.name), items)


def _goal(ctx: _Ctx, goal: Goal) -> Aggregate:
    tasks = tuple(_task(ctx, task) for task in goal.tasks)
    items = _indicator_ids(goal.target_indicators, ctx.include_breakdowns)
    return _node(ctx, Level.GOAL, (goal.id, goal.code, goal.name), items, tasks)


def aggregate_plan(
    plan: Plan,
    achievements: Mapping[str, Achievement],
    *,
    weights: Mapping[str, Decimal] | None = None,
    include_breakdowns: bool = False,
    cap: Decimal = CAP,
) -> Aggregate:
    """The plan's score with its directions, goals and tasks beneath it."""
    ctx = _Ctx(achievements, _checked(weights), include_breakdowns, cap)
    directions = tuple(
        _node(
            ctx,
            Level.DIRECTION,
            (f"D{d.number}", str(d.number), d.name),
            (),
            tuple(_goal(ctx, goal) for goal in d.goals),
        )
        for d in plan.directions
    )
    return _node(ctx, Level.PLAN, ("plan", "", plan.title), (), directions)


def aggregate_programs(
    plan: Plan,
    achievements: Mapping[str, Achievement],
    *,
    weights: Mapping[str, Decimal] | None = None,
    include_breakdowns: bool = False,
    cap: Decimal = CAP,
) -> list[Aggregate]:
    """One score per budget program form, over its form's indicators."""
    ctx = _Ctx(achievements, _checked(weights), include_breakdowns, cap)
    return [_program(ctx, form) for form in plan.program_forms]


def _program(ctx: _Ctx, form: ProgramForm) -> Aggregate:
    indicators = [ind for section in form.sections for ind in section.indicators]
    items = _indicator_ids(indicators, ctx.include_breakdowns)
    return _node(ctx, Level.PROGRAM, (form.id, form.code, form.name), items)
