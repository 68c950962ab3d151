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
from zhospar.evaluate.polarity import Polarity, polarity_word
from zhospar.evaluate.rollup import RollupRule, rollup_word
from zhospar.i18n import N_, Language, Message, current_language, gettext, pgettext, use_language
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.model.plan import Plan
from zhospar.model.walk import find_indicator, iter_indicators, iter_milestones
from zhospar.rules.catalog import Catalog

__all__ = [
    "INFERRED",
    "PERCENT_SCALE",
    "RuleParams",
    "SettingWord",
    "check_decision",
    "polarity_choice",
    "rollup_choice",
    "rollup_params",
    "scored_indicator",
    "setting_word",
]

INFERRED = "inferred"  # the value that ends an override: inference decides again
PERCENT_SCALE = Decimal(100)


def setting_word(value: str, kind: str | None = None) -> str:
    """An override's kind (``polarity``, ``rollup``: ``kind`` None) or setting (a polarity, a
    roll-up rule of ``kind``, ``inferred``) in words, in the language of the moment; forms
    still send the value itself."""
    text = str(value)
    if kind is None and text in ("polarity", "rollup"):
        return gettext("polarity") if text == "polarity" else gettext("roll-up")
    if text == INFERRED:
        return pgettext("setting", "inferred")
    if kind != "rollup" and text in {p.value for p in Polarity}:
        return polarity_word(text)
    if text in {r.value for r in RollupRule}:
        return rollup_word(text)
    return text


class SettingWord(Message):
    """A setting inside a message made once and shown later, named in the language shown."""

    def __init__(self, value: str, kind: str | None = None) -> None:
        super().__init__(value, kind=kind)

    def render(self, language: Language | None = None) -> str:
        with use_language(language or current_language()):
            return setting_word(self.template, self.values["kind"])


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
            gettext(
                "{id} was deleted from plan {plan} by resolution No. {number}; it is not evaluated"
            ).format(id=ident, plan=cat.plan_key, number=info.deleted_by)
        )
    if ident in scored:
        return ident
    if ident in _milestone_ids(plan):
        raise ValidationError(
            gettext(
                "{id} is a milestone: it is always scored done / late / not done by its due year"
            ).format(id=ident)
        )
    if info is not None:  # a program's expenditure row, P002-X
        raise ValidationError(
            gettext(
                "{id} is a budget program's expenditure: it is always summed and compared as "
                "budget execution; it has no polarity or roll-up rule to override"
            ).format(id=ident)
        )
    close = difflib.get_close_matches(ident.upper(), sorted(scored), n=5, cutoff=0.6)
    hint = gettext("; closest: {ids}").format(ids=", ".join(close)) if close else ""
    raise NotFoundError(
        gettext('no indicator "{id}" in plan {plan}{hint}').format(
            id=ident, plan=cat.plan_key, hint=hint
        )
    )


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
        raise ValidationError(
            gettext("the rule {rule} takes no {params}").format(rule=rule, params=", ".join(extra))
        )
    if rule in (RollupRule.SUM.value, RollupRule.LAST.value) and "%" in unit:
        raise ValidationError(
            gettext(
                '{id} is a percentage (unit "{unit}"): it is never added up or taken as a '
                "stock across regions; use ratio (numerator and denominator) or weighted (a base)"
            ).format(id=ident, unit=unit)
        )
    if rule == RollupRule.RATIO.value:
        return _ratio_params(cat, ident, unit, params)
    if rule == RollupRule.WEIGHTED.value:
        if not params.base:
            raise ValidationError(
                gettext("the rule weighted needs a base: the indicator weighing {id}").format(
                    id=ident
                )
            )
        return {"base": _other_indicator(cat, ident, params.base, "base")}
    return {}


def check_decision(
    reason: str,
    user: str,
    *,
    no_reason: str = N_("an override needs a reason: say why the inference is wrong"),
    no_user: str = N_("who makes the override must be named (user is empty)"),
) -> None:
    """A decision (an override, a plan's setting) is recorded with why and by whom: neither may
    be empty, and the reason must be storable. The two messages name the kind of decision."""
    if not reason.strip():
        raise ValidationError(gettext(no_reason))
    if len(reason) > TEXT_LIMIT:
        raise ValidationError(
            gettext("the reason has {count} characters; at most {limit}").format(
                count=len(reason), limit=TEXT_LIMIT
            )
        )
    if "\x00" in reason:  # PostgreSQL cannot store it
        raise ValidationError(
            gettext("the reason holds a NUL character (\\x00), which cannot be stored")
        )
    if not user.strip():
        raise ValidationError(gettext(no_user))


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
            gettext(
                "the rule ratio needs a numerator and a denominator: the indicators whose facts "
                "make {id}"
            ).format(id=ident)
        )
    numerator = _other_indicator(cat, ident, params.numerator, "numerator")
    denominator = _other_indicator(cat, ident, params.denominator, "denominator")
    if numerator == denominator:
        raise ValidationError(
            gettext("numerator and denominator are both {id}").format(id=numerator)
        )
    scale = params.scale
    if scale is None:
        scale = PERCENT_SCALE if "%" in unit else Decimal(1)
    if not scale.is_finite() or scale <= 0:
        raise ValidationError(
            gettext("the scale of a ratio must be a number above 0; got {scale}").format(
                scale=scale
            )
        )
    return {"numerator": numerator, "denominator": denominator, "scale": scale}


def _other_indicator(cat: Catalog, ident: str, other: str, role: str) -> str:
    other = other.strip()
    if other == ident:
        raise ValidationError(gettext("{id} cannot be its own {role}").format(id=ident, role=role))
    info = cat.indicators.get(other)
    if info is None:
        raise NotFoundError(f"{role}: {cat.unknown_message(other)}")
    if info.deleted_by is not None:
        raise ValidationError(
            gettext("{role}: {id} was deleted by resolution No. {number}; it has no facts").format(
                role=role, id=other, number=info.deleted_by
            )
        )
    return other


def _choice(text: str, choices: list[str], what: str) -> str:
    value = text.strip().lower()
    allowed = [*choices, INFERRED]
    if value not in allowed:
        raise ValidationError(
            gettext('unknown {what} "{text}": expected one of {allowed}').format(
                what=what, text=text, allowed=", ".join(allowed)
            )
        )
    return value


def _milestone_ids(plan: Plan) -> set[str]:
    return {m.id for _, m in iter_milestones(plan)}
