"""Reasons for non-achievement and the approval of a year that needs them, for the pages, the
API and the CLI alike.

A year is approved only when every indicator of it that is not achieved, or only nearly
achieved (``scoring_rules.NEEDS_REASON``), has a reason in force; the list is worked out from
the year's evaluation and checked again inside the approval's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhospar.evaluate import evaluate_year
from zhospar.evaluate.scoring_rules import NEEDS_REASON
from zhospar.rules.access import Person, indicator_codes
from zhospar.services.context import AppContext
from zhospar.services.queries import check_year
from zhospar.store.reasons import (
    Reason,
    reason_history,
    reasons_in_year,
    record_reason,
    refuse_unexplained,
)
from zhospar.store.signoff import YearState, approve_year

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "IndicatorReasons",
    "approve",
    "indicator_reasons",
    "may_write",
    "missed_indicators",
    "reasons_of_year",
    "set_reason",
]


def missed_indicators(ctx: AppContext, year: int) -> list[str]:
    """The indicators (and milestones) of ``year`` not achieved or only nearly, in plan order."""
    stored = ctx.stored()
    evaluation = evaluate_year(stored.plan, stored.facts, year, stored.options())
    return [i for i, a in evaluation.achievements.items() if a.status in NEEDS_REASON]


def approve(ctx: AppContext, year: int) -> YearState:
    """Approve ``year``, refused (409, exit 8) while a missed indicator has no reason."""
    check_year(ctx.stored(), year)  # a year outside the plan: refused before it is evaluated
    missed = missed_indicators(ctx, year)

    def check(conn: Connection, plan_id: int) -> None:
        refuse_unexplained(conn, plan_id, year, missed)

    return approve_year(ctx.db, ctx.plan_key, year, by=ctx.user, check=check)


def set_reason(ctx: AppContext, indicator_id: str, year: int, text: str) -> Reason:
    """Record a reason as the context's user (the routes check role and scope before)."""
    return record_reason(ctx.db, ctx.plan_key, indicator_id, year, text, by=ctx.user)


def reasons_of_year(ctx: AppContext, year: int) -> Mapping[str, Reason]:
    return reasons_in_year(ctx.db, ctx.plan_key, year)


@dataclass(frozen=True)
class IndicatorReasons:
    """An indicator's reasons: the one in force per year and every one given, oldest first."""

    in_force: dict[int, Reason]
    history: list[Reason]


def indicator_reasons(ctx: AppContext, indicator_id: str) -> IndicatorReasons:
    history = reason_history(ctx.db, ctx.plan_key, indicator_id)
    return IndicatorReasons({r.year: r for r in history}, history)


def may_write(person: Person | None, ctx: AppContext, indicator_id: str) -> bool:
    """Whether ``person`` may record a reason for the indicator (an editor within scope)."""
    if person is None:
        return False
    return person.covers(indicator_codes(ctx.stored().plan, indicator_id))
