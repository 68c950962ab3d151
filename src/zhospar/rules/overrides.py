"""What a user's override of how an indicator is evaluated must be, before it is recorded.

``zhospar.evaluate`` infers a polarity and a roll-up rule for every indicator; a user may decide
otherwise, with a reason (``zhospar.store.overrides`` keeps the decisions). A decision is taken
only for an indicator the evaluation scores (not deleted, not a program's expenditure row, not a
milestone, which is always scored done / late / not done), and a rule must have the parameters
it needs (RATIO: numerator and denominator; WEIGHTED: a base) and no others. A percentage is
never summed.

Every function takes the plan model and its catalog, and raises ValidationError (NotFoundError
for an unknown indicator) with the message the user reads.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.evaluate.polarity import Polarity
from zhospar.evaluate.rollup import RollupRule
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.model.plan import Plan
from zhospar.model.walk import find_indicator, iter_indicators, iter_milestones
from zhospar.rules.catalog import Catalog

__all__ = [
    "INFERRED",
    "PERCENT_SCALE",
    "RuleParams",
    "check_decision",
    "polarity_choice",
    "rollup_choice",
    "rollup_params",
    "scored_indicator",
]

INFERRED = "inferred"  # the value that ends an override: inference decides again
PERCENT_SCALE = Decimal(100)


@dataclass(frozen=True)
class RuleParams:
    """The parameters given with a roll-up rule (None: not given)."""

    numerator: str | None = None
    denominator: str | None = None
    scale: Decimal | None = None
    base: str | None = None


def scored_indicator(cat: Catalog, plan: Plan, indicator_id: str) -> str:
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


def polarity_choice(text: str) -> str:
    """A polarity as typed ("Increase ", "inferred") -> its value; refused when unknown."""
    return _choice(text, [p.value for p in Polarity], "polarity")


def rollup_choice(text: str) -> str:
    """A roll-up rule as typed -> its value; refused when unknown."""
    return _choice(text, [r.value for r in RollupRule], "roll-up rule")


def rollup_params(
    cat: Catalog, plan: Plan, ident: str, rule: str, params: RuleParams
) -> dict[str, Any]:
    """The parameters the rule needs, checked (ids trimmed, the ratio's scale worked out); any
    other parameter given is refused."""
    unit = _unit(plan, ident)
    given = {
        "numerator": params.numerator,
        "denominator": params.denominator,
        "scale": params.scale,
        "base": params.base,
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
        return _ratio_params(cat, ident, unit, params)
    if rule == RollupRule.WEIGHTED.value:
        if not params.base:
            raise ValidationError(f"the rule weighted needs a base: the indicator weighing {ident}")
        return {"base": _other_indicator(cat, ident, params.base, "base")}
    return {}


def check_decision(
    reason: str,
    user: str,
    *,
    no_reason: str = "an override needs a reason: say why the inference is wrong",
    no_user: str = "who makes the override must be named (user is empty)",
) -> None:
    """A decision (an override, a plan's setting) is recorded with why and by whom: neither may
    be empty, and the reason must be storable. The two messages name the kind of decision."""
    if not reason.strip():
        raise ValidationError(no_reason)
    if len(reason) > TEXT_LIMIT:
        raise ValidationError(f"the reason has {len(reason)} characters; at most {TEXT_LIMIT}")
    if "\x00" in reason:  # PostgreSQL cannot store it
        raise ValidationError("the reason holds a NUL character (\\x00), which cannot be stored")
    if not user.strip():
        raise ValidationError(no_user)


def _unit(plan: Plan, ident: str) -> str:
    """The indicator's unit; a breakdown row printed without one has its parent's."""
    place = find_indicator(plan, ident)
    if place is None:
        return ""
    parent = place.parent.unit if place.parent is not None else None
    return place.indicator.unit or parent or ""


def _ratio_params(cat: Catalog, ident: str, unit: str, params: RuleParams) -> dict[str, Any]:
    if not params.numerator or not params.denominator:
        raise ValidationError(
            f"the rule ratio needs a numerator and a denominator: the indicators whose facts "
            f"make {ident}"
        )
    numerator = _other_indicator(cat, ident, params.numerator, "numerator")
    denominator = _other_indicator(cat, ident, params.denominator, "denominator")
    if numerator == denominator:
        raise ValidationError(f"numerator and denominator are both {numerator}")
    scale = params.scale
    if scale is None:
        scale = PERCENT_SCALE if "%" in unit else Decimal(1)
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


def _milestone_ids(plan: Plan) -> set[str]:
    return {m.id for _, m in iter_milestones(plan)}
