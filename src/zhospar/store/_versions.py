"""The versions of a plan, worked out from the deletion marks of the text as published.

The published text is the plan as last amended: a row an amendment removed is still printed, as
"Алынып тасталды - ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен" ("deleted by resolution No. 415
of 14.05.2010"), but its wording and figures are gone. So:

* the version after the last act is the plan exactly as read;
* the version after an earlier act has every row a *later* act deleted put back as present
  (``deleted`` cleared). Where the row's wording is lost, its name becomes a placeholder that
  says so, and it has no yearly values; these rows are counted as ``placeholders``.

The approved plan (resolution No. 2342) is the version before every amendment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhospar.model.plan import ActRef, Indicator, Milestone, Plan
from zhospar.model.walk import iter_indicators

APPROVED_KEY = "approved"  # version key when the plan does not name the act that approved it
_DELETION_WORDS = re.compile(r"алынып\s+тасталды", re.IGNORECASE)


@dataclass(frozen=True)
class VersionSpec:
    """One version to store: the act that made it and the plan as it stood after that act."""

    key: str
    seq: int
    act: ActRef | None
    kind: str  # "approved" or "amended"
    plan: Plan
    placeholders: int
    is_current: bool


def act_key(number: str | None) -> str:
    """An act number as a key: "№ 415" -> "415"."""
    return re.sub(r"[^0-9A-Za-zА-Яа-я-]", "", number or "") or APPROVED_KEY


def amendments(plan: Plan) -> list[ActRef]:
    """The amending acts in force order: those the plan lists, then any named only in a mark."""
    found: dict[str, ActRef] = {}
    for act in plan.amended_by:
        found.setdefault(act_key(act.number), act)
    for element in _deletable(plan):
        if element.deleted is not None:
            found.setdefault(act_key(element.deleted.act.number), element.deleted.act)
    approved = act_key(plan.approved_by.number) if plan.approved_by else None
    acts = [act for key, act in found.items() if key != approved]
    order = {id(act): i for i, act in enumerate(acts)}
    return sorted(acts, key=lambda a: (a.date is None, a.date or 0, order[id(a)]))


def derive_versions(plan: Plan) -> list[VersionSpec]:
    """The approved plan, then the plan after each amendment; the last one is the text as read."""
    acts = amendments(plan)
    rank = {act_key(act.number): i for i, act in enumerate(acts, start=1)}
    versions: list[VersionSpec] = []
    steps: list[tuple[ActRef | None, str]] = [(plan.approved_by, "approved")]
    steps += [(act, "amended") for act in acts]
    for seq, (act, kind) in enumerate(steps, start=1):
        is_current = seq == len(steps)
        state, placeholders = (plan, 0) if is_current else _as_after(plan, seq - 1, rank)
        key = act_key(act.number) if act else APPROVED_KEY
        versions.append(VersionSpec(key, seq, act, kind, state, placeholders, is_current))
    return versions


def placeholder_name(act: ActRef) -> str:
    when = f" of {act.date:%d.%m.%Y}" if act.date else ""
    return (
        f"[wording not in the published text: this row was deleted by {act.kind} "
        f"No. {act.number}{when}]"
    )


def _as_after(plan: Plan, step: int, rank: dict[str, int]) -> tuple[Plan, int]:
    """A copy of the plan as it stood after the ``step``-th amendment (0: as approved)."""
    copy = plan.model_copy(deep=True)
    placeholders = 0
    for element in _deletable(copy):
        deletion = element.deleted
        if deletion is None or rank.get(act_key(deletion.act.number), 0) <= step:
            continue
        element.deleted = None
        if _wording_lost(element.name):
            element.name = placeholder_name(deletion.act)
            if isinstance(element, Indicator):
                element.values = []
            placeholders += 1
    return copy, placeholders


def _wording_lost(name: str) -> bool:
    return not name.strip() or bool(_DELETION_WORDS.search(name))


def _deletable(plan: Plan) -> Iterator[Indicator | Milestone]:
    for place in iter_indicators(plan):
        yield place.indicator
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                yield from task.milestones
