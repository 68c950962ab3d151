"""What ``evaluate_year`` needs from the database: the plan, the facts in force, the overrides
and the plan's cap.

``zhospar score``, ``zhospar report`` (and later the API and the pages) load their inputs here,
so that every one of them scores the same facts under the same user decisions:

    with open_database() as db:
        stored = evaluation_inputs(db, "mlsp-2010-2014")
    result = evaluate_year(stored.plan, stored.facts, 2012, stored.options())
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from zhospar.evaluate.aggregate import CAP
from zhospar.evaluate.service import EvaluationOptions
from zhospar.model.actuals import Actual
from zhospar.model.assessments import RiskAssessment
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.store.actuals import latest_actuals
from zhospar.store.db import Database
from zhospar.store.overrides import Overrides, overrides
from zhospar.store.plan_settings import PlanSetting, cap_in_force
from zhospar.store.risk_assessments import assessment_history, assessments_in_force

__all__ = ["StoredEvaluation", "evaluation_inputs", "plan_overrides"]


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

    def options(self) -> EvaluationOptions:
        return replace(self.overrides.options(), cap=self.cap)

    def assessments_for(self, year: int) -> dict[str, RiskAssessment]:
        """The risk assessments in force for ``year``, by risk id."""
        return assessments_in_force(self.assessments, year)

    @property
    def origin(self) -> str:
        """Where the figures come from, in words, for a report's or a table's heading."""
        text = f"database, plan {self.plan_key}: {len(self.facts)} value(s) in force"
        applied = self.overrides.describe()
        text = f"{text}; {applied}" if applied else text
        if self.cap_setting is None:
            return text
        return f"{text}; cap {self.cap_setting.value} % (set by {self.cap_setting.stamp})"


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


def evaluation_inputs(db: Database, plan_key: str | None = None) -> StoredEvaluation:
    """The stored plan (default: the first stored), its facts in force, overrides and cap."""
    from zhospar.store.amendments import plan_in_force  # it imports the plan store, as we do

    key = plan_key or db.default_plan_key()
    plan = plan_in_force(db, key)  # each year against the version in force in it
    facts = latest_actuals(db, key)
    cap, setting = cap_in_force(db, key)
    assessed = tuple(assessment_history(db, key))
    return StoredEvaluation(
        key, plan, facts, plan_overrides(db, key, plan), cap, setting, assessments=assessed
    )
