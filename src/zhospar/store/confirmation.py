"""A planner's confirmation of a polarity that rests on weak evidence (the targets' trend).

A confirmation is a polarity override equal to what inference says, recorded by
``set_polarity`` with its reason, so it has the same history as any other decision and is ended
the same way (``inferred``). Only a polarity that rests on the targets' trend is confirmed: one
from the wording or the kind of quantity needs no one's word, and confirming the inference while
a different override is in force would silently undo that decision.
"""

from __future__ import annotations

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.evaluate.polarity import WEAK_SOURCES, apply_overrides, infer_polarities
from zhospar.store.db import Database
from zhospar.store.evaluation import plan_overrides
from zhospar.store.overrides import OverrideRecord, set_polarity

__all__ = ["confirm_polarity"]


def confirm_polarity(
    db: Database, plan_key: str | None, indicator_id: str, reason: str, user: str
) -> OverrideRecord:
    """Record that the inferred polarity of ``indicator_id`` is right, with who, when and why."""
    key = plan_key or db.default_plan_key()
    plan = db.load_plan(key)
    ident = indicator_id.strip()
    inferred = infer_polarities(plan)
    if ident not in inferred:
        raise NotFoundError(f'no indicator "{ident}" in plan {key}; see `zhospar polarity list`')
    was = inferred[ident]
    if was.source not in WEAK_SOURCES:
        raise ValidationError(
            f"{ident}: its polarity ({was.polarity.value}) rests on {was.reason}; only a "
            "polarity inferred from the targets' trend awaits confirmation"
        )
    now = apply_overrides(inferred, plan_overrides(db, key, plan).polarity)[ident]
    if now.override is not None and now.polarity is not was.polarity:
        raise ValidationError(
            f"{ident}: an override to {now.polarity.value} is in force; confirming the inferred "
            f"{was.polarity.value} would undo it (use `zhospar polarity set` to decide again)"
        )
    why = reason.strip() or f"{was.polarity.value} is the aim"
    return set_polarity(db, key, ident, was.polarity, f"confirmed: {why}", user)
