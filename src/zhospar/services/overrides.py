"""A user's polarity and roll-up decisions for one indicator: their history, and a new one.

The decisions themselves are kept and checked by ``zhospar.store.overrides`` (append-only, with a
reason, the latest in force); this module only turns the page's form into a call of
``set_polarity`` or ``set_rollup`` and a refusal into a message beside the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from zhospar._exceptions import NotFoundError, ValidationError, quoted
from zhospar.evaluate import Polarity, RollupRule
from zhospar.evaluate.rollup import RollupSpec
from zhospar.imports.validate import parse_value
from zhospar.services.commands import FreeText, ShortText
from zhospar.services.context import AppContext
from zhospar.store.overrides import (
    INFERRED,
    OverrideKind,
    OverrideRecord,
    in_force,
    override_history,
    set_polarity,
    set_rollup,
)

__all__ = [
    "OverrideForm",
    "Overrides",
    "choices",
    "form_in_force",
    "indicator_overrides",
    "settings_in_force",
    "submit_override",
]


class OverrideForm(BaseModel):
    """The override form as typed: which kind, the new setting, why, and a rule's parameters."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
    kind: ShortText = ""
    value: ShortText = ""
    reason: FreeText = ""
    numerator: ShortText = ""
    denominator: ShortText = ""
    scale: ShortText = ""
    base: ShortText = ""


@dataclass(frozen=True)
class Overrides:
    """Every decision recorded for an indicator, oldest first, and the ids of those in force."""

    records: list[OverrideRecord]
    in_force: frozenset[int]


def choices() -> dict[str, list[str]]:
    """The settings each kind offers; ``inferred`` ends an override."""
    return {
        OverrideKind.POLARITY.value: [*(p.value for p in Polarity), INFERRED],
        OverrideKind.ROLLUP.value: [*(r.value for r in RollupRule), INFERRED],
    }


def form_in_force(polarity: Polarity) -> OverrideForm:
    """The form as a planner finds it: set to the polarity in force (the decision, else the
    inference), not to the first choice of the list, which would read as the current one."""
    return OverrideForm(kind=OverrideKind.POLARITY.value, value=polarity.value)


def settings_in_force(polarity: Polarity, rollup: RollupSpec) -> dict[str, str]:
    """The setting in force per kind, as the form's choices name it (marked "in force")."""
    return {
        OverrideKind.POLARITY.value: polarity.value,
        OverrideKind.ROLLUP.value: rollup.rule.value,
    }


def indicator_overrides(ctx: AppContext, indicator_id: str) -> Overrides:
    records = override_history(ctx.db, ctx.plan_key, indicator_id=indicator_id)
    return Overrides(records, frozenset(r.id for r in in_force(records).values()))


def _scale(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_value(text)
    except ValueError:
        raise ValidationError(
            f'the scale must be a number such as 100; got "{quoted(text)}"'
        ) from None


def submit_override(ctx: AppContext, indicator_id: str, form: OverrideForm) -> str | None:
    """Record the decision as the configured user; the store's message when it refuses."""
    try:
        if form.kind == OverrideKind.POLARITY.value:
            set_polarity(ctx.db, ctx.plan_key, indicator_id, form.value, form.reason, ctx.user)
        elif form.kind == OverrideKind.ROLLUP.value:
            set_rollup(
                ctx.db, ctx.plan_key, indicator_id, form.value, form.reason, ctx.user,
                numerator=form.numerator or None, denominator=form.denominator or None,
                scale=_scale(form.scale), base=form.base or None,
            )  # fmt: skip
        else:
            return f'unknown kind "{form.kind}": expected polarity or rollup'
    except (ValidationError, NotFoundError) as error:
        return str(error)
    return None
