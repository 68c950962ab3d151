"""A user's overrides of how an indicator is evaluated: its polarity and its roll-up rule.

``zhospar.evaluate`` infers both for every indicator, each with its reason. A user may decide
otherwise, with a reason: the decision is a row of ``indicator_overrides``, append-only like the
actuals, so every earlier decision stays in the history. The latest row per plan, indicator and
kind is in force; ``inferred`` ends an override (as a new row too).

    set_polarity(db, "mlsp-2010-2014", "G1.1-I1", "increase", "ILO definition", "aigerim")
    set_rollup(db, None, "G1.1-I1", "ratio", "from the labour survey", "aigerim",
               numerator="T1.1.1-I1", denominator="T1.1.1-I2")
    polarity, rollups = overrides(db, "mlsp-2010-2014")   # what evaluate_year takes

Every decision is checked first by the rules of ``zhospar.rules.overrides`` (the indicator must
be one the evaluation scores; a rule must have the parameters it needs and no others; a
percentage is never summed); this module keeps the decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import StoreError
from zhospar.evaluate.polarity import Polarity, PolarityOverride
from zhospar.evaluate.rollup import RollupRule, RollupSpec
from zhospar.evaluate.service import EvaluationOptions
from zhospar.i18n import Message, gettext
from zhospar.model.plan import Plan
from zhospar.rules.catalog import Catalog
from zhospar.rules.overrides import (
    INFERRED,
    RuleParams,
    SettingWord,
    check_decision,
    polarity_choice,
    rollup_choice,
    rollup_params,
    scored_indicator,
)
from zhospar.store._catalog import catalog
from zhospar.store.activity import note
from zhospar.store.activity_words import OVERRIDDEN, entry
from zhospar.store.db import Database
from zhospar.store.schema import IndicatorOverrideRow

__all__ = [
    "INFERRED",
    "OverrideKind",
    "OverrideRecord",
    "Overrides",
    "in_force",
    "override_history",
    "overrides",
    "set_polarity",
    "set_rollup",
]


class OverrideKind(StrEnum):
    POLARITY = "polarity"
    ROLLUP = "rollup"


@dataclass(frozen=True)
class OverrideRecord:
    """One recorded decision: what was set, why, by whom and when (UTC)."""

    id: int
    indicator_id: str
    kind: OverrideKind
    value: str  # a Polarity or RollupRule value, or INFERRED
    reason: str
    entered_by: str
    entered_at: dt.datetime
    numerator: str | None = None
    denominator: str | None = None
    scale: Decimal | None = None
    base: str | None = None

    @property
    def ends_override(self) -> bool:
        return self.value == INFERRED

    @property
    def rule(self) -> str:
        """The setting in words: "increase", "ratio G1-I2 / G1-I3 × 100", "weighted by G1-I4"."""
        if self.value == RollupRule.RATIO.value:
            return f"ratio {self.numerator} / {self.denominator} × {_plain(self.scale)}"
        if self.value == RollupRule.WEIGHTED.value:
            return f"weighted by {self.base}"
        return self.value

    def rule_words(self) -> Message:
        """``rule`` as a message shown in the language that asks (the words, not the ids)."""
        if self.value == RollupRule.RATIO.value:
            return Message(
                "ratio {numerator} / {denominator} × {scale}",
                numerator=self.numerator,
                denominator=self.denominator,
                scale=_plain(self.scale),
            )
        if self.value == RollupRule.WEIGHTED.value:
            return Message("weighted by {base}", base=self.base)
        return SettingWord(self.value, self.kind.value)

    @property
    def stamp(self) -> str:
        return f"{self.entered_by} on {self.entered_at:%Y-%m-%d %H:%M} UTC"

    def polarity_override(self) -> PolarityOverride:
        return PolarityOverride(Polarity(self.value), self.reason, self.entered_by, self.entered_at)

    def rollup_spec(self) -> RollupSpec:
        reason = Message(
            "set to {rule} by {who}: {reason}",
            rule=self.rule_words(),
            who=self.stamp,
            reason=self.reason,
        )
        return RollupSpec(
            RollupRule(self.value),
            reason,
            numerator=self.numerator,
            denominator=self.denominator,
            scale=self.scale if self.scale is not None else Decimal(1),
            base=self.base,
            overridden=True,
        )


class Overrides(NamedTuple):
    """The overrides in force, as ``EvaluationOptions`` takes them (ids -> decision)."""

    polarity: dict[str, PolarityOverride]
    rollups: dict[str, RollupSpec]

    def options(self) -> EvaluationOptions:
        """The evaluation options that apply these overrides (the method's defaults otherwise)."""
        return EvaluationOptions(overrides=self.polarity, rollups=self.rollups)

    def describe(self) -> str:
        """In words, e.g. "overrides: 1 polarity, 0 roll-up"; empty when there is none."""
        if not self.polarity and not self.rollups:
            return ""
        return gettext("overrides: {polarity} polarity, {rollups} roll-up").format(
            polarity=len(self.polarity), rollups=len(self.rollups)
        )


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "1"
    return format(value.normalize(), "f")


# --- writing ----------------------------------------------------------------------------------


def set_polarity(
    db: Database,
    plan_key: str | None,
    indicator_id: str,
    polarity: Polarity | str,
    reason: str,
    user: str,
) -> OverrideRecord:
    """Record a user's polarity for an indicator (``inferred`` ends the override)."""
    plan_id, cat, plan = _plan_of(db, plan_key)
    ident = scored_indicator(cat, plan, indicator_id)
    value = polarity_choice(str(polarity))
    fields = {"indicator_id": ident, "kind": OverrideKind.POLARITY.value, "value": value}
    return _record(db, plan_id, fields, reason, user)


def set_rollup(
    db: Database,
    plan_key: str | None,
    indicator_id: str,
    rule: RollupRule | str,
    reason: str,
    user: str,
    *,
    numerator: str | None = None,
    denominator: str | None = None,
    scale: Decimal | None = None,
    base: str | None = None,
) -> OverrideRecord:
    """Record a user's roll-up rule for an indicator (``inferred`` ends the override).

    RATIO needs ``numerator`` and ``denominator`` (indicator ids whose facts are summed) and
    takes a ``scale``: by default 100 when the indicator's unit is a percentage, else 1.
    WEIGHTED needs ``base``, the indicator whose facts weigh each region and period.
    """
    plan_id, cat, plan = _plan_of(db, plan_key)
    ident = scored_indicator(cat, plan, indicator_id)
    value = rollup_choice(str(rule))
    params = RuleParams(numerator, denominator, scale, base)
    fields = {
        "indicator_id": ident,
        "kind": OverrideKind.ROLLUP.value,
        "value": value,
        **rollup_params(cat, plan, ident, value, params),
    }
    return _record(db, plan_id, fields, reason, user)


def _record(
    db: Database, plan_id: int, fields: dict[str, Any], reason: str, user: str
) -> OverrideRecord:
    check_decision(reason, user)
    row = {
        **fields,
        "plan_id": plan_id,
        "reason": reason.strip(),
        "entered_by": user.strip(),
        "entered_at": dt.datetime.now(dt.UTC),
    }

    def work(conn: Connection) -> int:
        result = conn.execute(insert(IndicatorOverrideRow).values(**row))
        key = result.inserted_primary_key
        if key is None:  # pragma: no cover - both databases report the new id
            raise StoreError("the database did not report the id of the new override")
        what = entry(OVERRIDDEN, kind=fields["kind"], id=fields["indicator_id"],
                     setting=fields["value"], reason=row["reason"])  # fmt: skip
        note(conn, "override", what, user=row["entered_by"])
        return int(key[0])

    new_id = db.write(work, plan_id=plan_id)
    return _to_record({**row, "id": new_id})


def _plan_of(db: Database, plan_key: str | None) -> tuple[int, Catalog, Plan]:
    plan_id, cat = catalog(db, plan_key)
    return plan_id, cat, db.load_plan(cat.plan_key)


# --- reading ----------------------------------------------------------------------------------


def override_history(
    db: Database,
    plan_key: str | None = None,
    *,
    kind: OverrideKind | None = None,
    indicator_id: str | None = None,
) -> list[OverrideRecord]:
    """Every decision recorded for a plan, oldest first (optionally of one kind or indicator)."""
    plan_id = catalog(db, plan_key).plan_id
    t = IndicatorOverrideRow.__table__
    query = select(t).where(t.c.plan_id == plan_id)
    if kind is not None:
        query = query.where(t.c.kind == kind.value)
    if indicator_id is not None:
        query = query.where(t.c.indicator_id == indicator_id.strip())
    with db.reading() as conn:
        return [_to_record(row._mapping) for row in conn.execute(query.order_by(t.c.id))]


def in_force(records: Iterable[OverrideRecord]) -> dict[tuple[str, OverrideKind], OverrideRecord]:
    """The latest decision per indicator and kind (``inferred`` ones included)."""
    latest: dict[tuple[str, OverrideKind], OverrideRecord] = {}
    for record in sorted(records, key=lambda r: r.id):
        latest[(record.indicator_id, record.kind)] = record
    return latest


def overrides(db: Database, plan_key: str | None = None) -> Overrides:
    """The overrides in force for a plan: polarity per indicator, roll-up rule per indicator."""
    polarity: dict[str, PolarityOverride] = {}
    rollups: dict[str, RollupSpec] = {}
    for (ident, kind), record in in_force(override_history(db, plan_key)).items():
        if record.ends_override:
            continue
        if kind is OverrideKind.POLARITY:
            polarity[ident] = record.polarity_override()
        else:
            rollups[ident] = record.rollup_spec()
    return Overrides(polarity, rollups)


def _to_record(row: Any) -> OverrideRecord:
    return OverrideRecord(
        id=row["id"],
        indicator_id=row["indicator_id"],
        kind=OverrideKind(row["kind"]),
        value=row["value"],
        reason=row["reason"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
        numerator=row.get("numerator"),
        denominator=row.get("denominator"),
        scale=row.get("scale"),
        base=row.get("base"),
    )
