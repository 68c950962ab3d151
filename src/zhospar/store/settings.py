"""A user's overrides of how an indicator is evaluated: its polarity and its roll-up rule.

``zhospar.evaluate`` infers both for every indicator, each with its reason. A user may decide
otherwise, with a reason: the decision is a row of ``indicator_overrides``, append-only like the
actuals, so every earlier decision stays in the history. The latest row per plan, indicator and
kind is in force; ``inferred`` ends an override (as a new row too).

    set_polarity(db, "mlsp-2010-2014", "G1.1-I1", "increase", "ILO definition", "aigerim")
    set_rollup(db, None, "G1.1-I1", "ratio", "from the labour survey", "aigerim",
               numerator="T1.1.1-I1", denominator="T1.1.1-I2")
    polarity, rollups = overrides(db, "mlsp-2010-2014")   # what evaluate_year takes

Every decision is checked first: the indicator must be one the evaluation scores (not deleted,
not a program's expenditure row, not a milestone), and a rule must have the parameters it needs
(RATIO: numerator and denominator; WEIGHTED: a base) and no others. A percentage is never summed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import NotFoundError, StoreError, ValidationError
from zhospar.evaluate.polarity import Polarity, PolarityOverride
from zhospar.evaluate.rollup import RollupRule, RollupSpec
from zhospar.evaluate.service import EvaluationOptions
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.model.plan import Plan
from zhospar.model.walk import find_indicator, iter_indicators, iter_milestones
from zhospar.store._catalog import Catalog, catalog
from zhospar.store.activity import note
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

INFERRED = "inferred"  # the value that ends an override: inference decides again
PERCENT_SCALE = Decimal(100)


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

    @property
    def stamp(self) -> str:
        return f"{self.entered_by} on {self.entered_at:%Y-%m-%d %H:%M} UTC"

    def polarity_override(self) -> PolarityOverride:
        return PolarityOverride(Polarity(self.value), self.reason, self.entered_by, self.entered_at)

    def rollup_spec(self) -> RollupSpec:
        reason = f"set to {self.rule} by {self.stamp}: {self.reason}"
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
        return f"overrides: {len(self.polarity)} polarity, {len(self.rollups)} roll-up"


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
    cat, plan = _plan_of(db, plan_key)
    ident = _scored_indicator(cat, plan, indicator_id)
    value = _choice(str(polarity), [p.value for p in Polarity], "polarity")
    fields = {"indicator_id": ident, "kind": OverrideKind.POLARITY.value, "value": value}
    return _record(db, cat, fields, reason, user)


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
    cat, plan = _plan_of(db, plan_key)
    ident = _scored_indicator(cat, plan, indicator_id)
    value = _choice(str(rule), [r.value for r in RollupRule], "roll-up rule")
    params = _Params(numerator, denominator, scale, base)
    fields = {
        "indicator_id": ident,
        "kind": OverrideKind.ROLLUP.value,
        "value": value,
        **_rule_params(cat, ident, _unit(plan, ident), value, params),
    }
    return _record(db, cat, fields, reason, user)


@dataclass(frozen=True)
class _Params:
    numerator: str | None
    denominator: str | None
    scale: Decimal | None
    base: str | None


def _unit(plan: Plan, ident: str) -> str:
    """The indicator's unit; a breakdown row printed without one has its parent's."""
    place = find_indicator(plan, ident)
    if place is None:
        return ""
    parent = place.parent.unit if place.parent is not None else None
    return place.indicator.unit or parent or ""


def _rule_params(cat: Catalog, ident: str, unit: str, rule: str, p: _Params) -> dict[str, Any]:
    """The parameters a rule needs, checked; any other parameter given is refused."""
    given = {
        "numerator": p.numerator,
        "denominator": p.denominator,
        "scale": p.scale,
        "base": p.base,
    }
    wanted = {"ratio": {"numerator", "denominator", "scale"}, "weighted": {"base"}}.get(rule, set())
    extra = sorted(k for k, v in given.items() if v is not None and k not in wanted)
    if extra:
        raise ValidationError(f"the rule {rule} takes no {', '.join(extra)}")
    if rule in (RollupRule.SUM.value, RollupRule.LAST.value) and "%" in unit:
        raise ValidationError(
            f'{ident} is a percentage (unit "{unit}"): it is never added up or taken as a '
            "stock across regions; use ratio (numerator and denominator) or weighted (a base)"
        )
    if rule == RollupRule.RATIO.value:
        return _ratio_params(cat, ident, unit, p)
    if rule == RollupRule.WEIGHTED.value:
        if not p.base:
            raise ValidationError(f"the rule weighted needs a base: the indicator weighing {ident}")
        return {"base": _other_indicator(cat, ident, p.base, "base")}
    return {}


def _ratio_params(cat: Catalog, ident: str, unit: str, p: _Params) -> dict[str, Any]:
    if not p.numerator or not p.denominator:
        raise ValidationError(
            f"the rule ratio needs a numerator and a denominator: the indicators whose facts "
            f"make {ident}"
        )
    numerator = _other_indicator(cat, ident, p.numerator, "numerator")
    denominator = _other_indicator(cat, ident, p.denominator, "denominator")
    if numerator == denominator:
        raise ValidationError(f"numerator and denominator are both {numerator}")
    scale = p.scale if p.scale is not None else (PERCENT_SCALE if "%" in unit else Decimal(1))
    if not scale.is_finite() or scale <= 0:
        raise ValidationError(f"the scale of a ratio must be a number above 0; got {scale}")
    return {"numerator": numerator, "denominator": denominator, "scale": scale}


def _other_indicator(cat: Catalog, ident: str, other: str, role: str) -> str:
    other = other.strip()
    if other == ident:
        raise ValidationError(f"{ident} cannot be its own {role}")
    info = cat.indicators.get(other)
    if info is None:
        raise NotFoundError(f"{role}: {cat.unknown_message(other)}")
    if info.deleted_by is not None:
        raise ValidationError(
            f"{role}: {other} was deleted by resolution No. {info.deleted_by}; it has no facts"
        )
    return other


def _choice(text: str, choices: list[str], what: str) -> str:
    value = text.strip().lower()
    allowed = [*choices, INFERRED]
    if value not in allowed:
        raise ValidationError(f'unknown {what} "{text}": expected one of {", ".join(allowed)}')
    return value


def _record(
    db: Database, cat: Catalog, fields: dict[str, Any], reason: str, user: str
) -> OverrideRecord:
    if not reason.strip():
        raise ValidationError("an override needs a reason: say why the inference is wrong")
    if len(reason) > TEXT_LIMIT:
        raise ValidationError(f"the reason has {len(reason)} characters; at most {TEXT_LIMIT}")
    if "\x00" in reason:  # PostgreSQL cannot store it
        raise ValidationError("the reason holds a NUL character (\\x00), which cannot be stored")
    if not user.strip():
        raise ValidationError("who makes the override must be named (user is empty)")
    row = {
        **fields,
        "plan_id": cat.plan_id,
        "reason": reason.strip(),
        "entered_by": user.strip(),
        "entered_at": dt.datetime.now(dt.UTC),
    }

    def work(conn: Connection) -> int:
        result = conn.execute(insert(IndicatorOverrideRow).values(**row))
        key = result.inserted_primary_key
        if key is None:  # pragma: no cover - both databases report the new id
            raise StoreError("the database did not report the id of the new override")
        what = f"{fields['kind']} of {fields['indicator_id']} set to {fields['value']}"
        note(conn, "override", f"{what}: {row['reason']}", user=row["entered_by"])
        return int(key[0])

    new_id = db.write(work, plan_id=cat.plan_id)
    return _to_record({**row, "id": new_id})


# --- checking the indicator -------------------------------------------------------------------


def _plan_of(db: Database, plan_key: str | None) -> tuple[Catalog, Plan]:
    cat = catalog(db, plan_key)
    return cat, db.load_plan(cat.plan_key)


def _scored_indicator(cat: Catalog, plan: Plan, indicator_id: str) -> str:
    """The id, when the evaluation scores it; else a message that says what it is instead."""
    ident = indicator_id.strip()
    scored = {p.indicator.id for p in iter_indicators(plan)}
    info = cat.indicators.get(ident)
    if info is not None and info.deleted_by is not None:
        raise ValidationError(
            f"{ident} was deleted from plan {cat.plan_key} by resolution No. {info.deleted_by}; "
            "it is not evaluated"
        )
    if ident in scored:
        return ident
    if ident in _milestone_ids(plan):
        raise ValidationError(
            f"{ident} is a milestone: it is always scored done / late / not done by its due year"
        )
    if info is not None:  # a program's expenditure row, P002-X
        raise ValidationError(
            f"{ident} is a budget program's expenditure: it is always summed and compared as "
            "budget execution; it has no polarity or roll-up rule to override"
        )
    close = difflib.get_close_matches(ident.upper(), sorted(scored), n=5, cutoff=0.6)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise NotFoundError(f'no indicator "{ident}" in plan {cat.plan_key}{hint}')


def _milestone_ids(plan: Plan) -> set[str]:
    return {m.id for _, m in iter_milestones(plan)}


# --- reading ----------------------------------------------------------------------------------


def override_history(
    db: Database,
    plan_key: str | None = None,
    *,
    kind: OverrideKind | None = None,
    indicator_id: str | None = None,
) -> list[OverrideRecord]:
    """Every decision recorded for a plan, oldest first (optionally of one kind or indicator)."""
    cat = catalog(db, plan_key)
    t = IndicatorOverrideRow.__table__
    query = select(t).where(t.c.plan_id == cat.plan_id)
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
