"""What ``evaluate_year`` needs from the database: the plan, the facts in force, the overrides
and the plan's cap (and each year's sign-off, which the reports state).

``zhospar score``, ``zhospar report`` (and later the API and the pages) load their inputs here,
so that every one of them scores the same facts under the same user decisions:

    with open_database() as db:
        stored = evaluation_inputs(db, "mlsp-2010-2014")
    result = evaluate_year(stored.plan, stored.facts, 2012, stored.options())
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, TypeVar

from zhospar.evaluate.aggregate import CAP
from zhospar.evaluate.service import EvaluationOptions, PlanParts, plan_parts
from zhospar.i18n import gettext, ngettext
from zhospar.model.actuals import Actual
from zhospar.model.assessments import RiskAssessment
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.store.actuals import latest_actuals
from zhospar.store.data_version import plan_state
from zhospar.store.db import Database
from zhospar.store.overrides import Overrides, overrides
from zhospar.store.plan_settings import PlanSetting, cap_in_force
from zhospar.store.risk_assessments import assessment_history, assessments_in_force
from zhospar.store.signoff import YearState, year_states

__all__ = [
    "Memo",
    "StoredEvaluation",
    "cached_evaluation",
    "cached_plan",
    "evaluation_inputs",
    "plan_overrides",
]

T = TypeVar("T")


class Memo:
    """What has been computed from one state of a plan's data, each thing once.

    Requests run in threads: the first to ask for a thing computes it while the others asking
    for the same thing wait for it (one lock per thing), rather than all computing it at once.
    It also counts what is being computed, so that a newer state is read only once this one's
    work is done (``cached_evaluation``).
    """

    def __init__(self) -> None:
        self._done: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._busy = 0  # computations running now
        self._quiet = threading.Condition(self._guard)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key in self._done:
            return self._done[key]  # type: ignore[no-any-return]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._done:
                self._done[key] = self._counted(compute)
        return self._done[key]  # type: ignore[no-any-return]

    def _counted(self, compute: Callable[[], T]) -> T:
        with self._guard:
            self._busy += 1
        try:
            return compute()
        finally:
            with self._guard:
                self._busy -= 1
                if not self._busy:
                    self._quiet.notify_all()

    def wait_quiet(self, timeout: float) -> bool:
        """Wait until nothing is being computed (at most ``timeout`` seconds): False if it
        still is."""
        with self._guard:
            return self._quiet.wait_for(lambda: not self._busy, timeout)


@dataclass(frozen=True)
class StoredEvaluation:
    """A plan as stored, the revision in force of each of its facts, the overrides, the cap."""

    plan_key: str  # as asked: "KEY" or "KEY@VERSION"
    plan: Plan
    facts: list[Actual]
    overrides: Overrides
    cap: Decimal = CAP  # the most a percentage counts in a roll-up: the plan's, else the method's
    cap_setting: PlanSetting | None = None  # the decision that set the cap, if any
    assessments: tuple[RiskAssessment, ...] = ()  # planners' risk assessments, oldest first
    signoffs: Mapping[int, YearState] = field(default_factory=dict)  # a year absent: a draft
    # what is computed from these inputs (reports, tables), kept with them (``cached_evaluation``)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)
    # what the evaluation infers from the plan's text alone, made once per version of the text
    parts: PlanParts | None = field(default=None, compare=False, repr=False)

    def options(self) -> EvaluationOptions:
        return replace(self.overrides.options(), cap=self.cap, parts=self.parts)

    def assessments_for(self, year: int) -> dict[str, RiskAssessment]:
        """The risk assessments in force for ``year``, by risk id."""
        return assessments_in_force(self.assessments, year)

    @property
    def origin(self) -> str:
        """Where the figures come from, in words (the language of the moment's), for a
        report's or a table's heading."""
        count = len(self.facts)
        text = ngettext(
            "database, plan {plan}: {count} value in force",
            "database, plan {plan}: {count} values in force",
            count,
        ).format(plan=self.plan_key, count=count)
        applied = self.overrides.describe()
        text = f"{text}; {applied}" if applied else text
        if self.cap_setting is None:
            return text
        cap = gettext("cap {value} % (set by {who})").format(
            value=self.cap_setting.value, who=self.cap_setting.stamp
        )
        return f"{text}; {cap}"


def plan_overrides(db: Database, plan_key: str, plan: Plan) -> Overrides:
    """The overrides in force for ``plan`` (the stored plan ``plan_key``, or one of its versions).

    Overrides are recorded against the plan's current version; an older version that lacks an
    indicator has nothing for its override to apply to, so that override is left out.
    """
    found = overrides(db, plan_key)
    ids = {p.indicator.id for p in iter_indicators(plan)}
    return Overrides(
        {k: v for k, v in found.polarity.items() if k in ids},
        {k: v for k, v in found.rollups.items() if k in ids},
    )


def evaluation_inputs(
    db: Database,
    plan_key: str | None = None,
    *,
    plan: Plan | None = None,
    parts: PlanParts | None = None,
) -> StoredEvaluation:
    """The stored plan (default: the first stored), its facts in force, overrides and cap
    (``parts``: what was inferred from ``plan`` already, if it was)."""
    from zhospar.store.amendments import plan_in_force  # it imports the plan store, as we do

    key = plan_key or db.default_plan_key()
    plan = plan if plan is not None else plan_in_force(db, key)  # each year: its version
    facts = latest_actuals(db, key)
    cap, setting = cap_in_force(db, key)
    assessed = tuple(assessment_history(db, key))
    return StoredEvaluation(
        key, plan, facts, plan_overrides(db, key, plan), cap, setting, assessments=assessed,
        signoffs=year_states(db, key), parts=parts,
    )  # fmt: skip


def cached_plan(db: Database, plan_key: str | None = None) -> Plan:
    """The stored plan, read from its text once per process: a stored plan never changes."""
    key, state = plan_state(db, plan_key)
    if state is None:
        return db.load_plan(key)  # raises NotFoundError naming the plans stored
    return _plan(db, key, state.identity)[0]


def _plan(db: Database, key: str, identity: tuple[int, str, int]) -> tuple[Plan, PlanParts]:
    """The plan as scored and what is inferred from its text: once per version of the text
    (an amendment, here or in another process, changes ``identity``: both are made anew)."""
    slot = ("plan", key)
    found = db._cache.get(slot)
    if found is not None and found[0] == identity:
        return found[1], found[2]
    from zhospar.store.amendments import plan_in_force  # it imports the plan store, as we do

    plan = plan_in_force(db, key)  # each year against the version in force in it
    parts = plan_parts(plan)
    db._cache[slot] = (identity, plan, parts)
    return plan, parts


# How long a request that needs a newer state waits for the pages of the state being computed
# before it reads the newer one anyway (see ``cached_evaluation``).
QUIET_WAIT_SECONDS = 2.0


_Stamp = tuple[tuple[int, str, int], int]  # (the plan's identity, its data version)


@dataclass
class _Kept:
    """The newest state of a plan's data this process read, and the lock to read a newer one.

    The stamp and the state are one value, replaced at once: a request never pairs a newer
    stamp with an older state."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    kept: tuple[_Stamp, StoredEvaluation] | None = None

    def serves(self, identity: tuple[int, str, int], version: int) -> StoredEvaluation | None:
        """What is kept, if it was read at ``version`` or later of the same plan text."""
        kept = self.kept
        if kept is None or kept[0][0] != identity or kept[0][1] < version:
            return None
        return kept[1]


def cached_evaluation(db: Database, plan_key: str | None = None) -> StoredEvaluation:
    """``evaluation_inputs``, read again only when the plan's data version has moved.

    One query per call checks the version (``zhospar.store.data_version``); the inputs, and
    whatever was computed from them (their ``memo``: the year's reports, the multi-year table),
    are reused while it stands still. Only the newest state of each plan is kept.

    Under a stream of writes, each request would otherwise read and score its own newer state,
    several at once. Instead a request takes any state read at its version or later (it then
    holds every write committed before it began), one request at a time reads a newer state,
    and it first waits (``QUIET_WAIT_SECONDS`` at most) for the pages of the state being
    computed: the requests queued meanwhile then share one newer state, read once.
    """
    key, state = plan_state(db, plan_key)
    if state is None:
        return evaluation_inputs(db, key)  # raises NotFoundError naming the plans stored
    kept: _Kept = db._cache.setdefault(("evaluation", key), _Kept())
    found = kept.serves(state.identity, state.data_version)
    if found is not None:
        return found
    with kept.lock:
        found = kept.serves(state.identity, state.data_version)
        if found is not None:  # read by the request that held the lock
            return found
        if kept.kept is not None:
            kept.kept[1].memo.wait_quiet(QUIET_WAIT_SECONDS)
        key, state = plan_state(db, key)  # read before the data: what it holds is no older
        if state is None:
            return evaluation_inputs(db, key)
        plan, parts = _plan(db, key, state.identity)
        stored = evaluation_inputs(db, key, plan=plan, parts=parts)
        kept.kept = ((state.identity, state.data_version), stored)
        return stored
