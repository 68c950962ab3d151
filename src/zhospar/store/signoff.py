"""The sign-off of a plan's year: open (a draft) until a planner approves it, then closed to
new values until it is reopened with a reason.

Both are rows of the append-only ``period_signoffs``; the latest per plan and year is the state.
Writers of facts check it inside their own transaction (``refuse_approved``), so a value and an
approval that race cannot both win. Approving and reopening are in the activity log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import ConflictError, ValidationError
from zhospar.i18n import format_moment, gettext
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.store._catalog import catalog
from zhospar.store.activity import actor_name, note
from zhospar.store.activity_words import APPROVED, REOPENED, entry
from zhospar.store.db import Database
from zhospar.store.people_tables import PeriodSignoffRow

__all__ = ["YearState", "approve_year", "refuse_approved", "reopen_year", "year_states"]


@dataclass(frozen=True)
class YearState:
    """A year's last sign-off: approved (by whom, when) or reopened (why)."""

    year: int
    approved: bool
    by: str
    at: dt.datetime
    reason: str | None = None

    def describe(self) -> str:
        said = (
            gettext("{year} approved by {user} on {at}")
            if self.approved
            else gettext("{year} reopened by {user} on {at}")
        ).format(year=self.year, user=self.by, at=format_moment(self.at))
        return f"{said} ({self.reason})" if self.reason else said


def _states(
    conn: Connection, plan_id: int, years: Iterable[int] | None = None
) -> dict[int, YearState]:
    t = PeriodSignoffRow.__table__
    query = select(t).where(t.c.plan_id == plan_id).order_by(t.c.id)
    if years is not None:
        query = query.where(t.c.year.in_(sorted(set(years))))
    found: dict[int, YearState] = {}
    for r in conn.execute(query).mappings():
        approved = r["action"] == "approve"
        found[r["year"]] = YearState(
            r["year"], approved, r["entered_by"], r["entered_at"], r["reason"]
        )
    return found


def year_states(db: Database, plan_key: str | None) -> dict[int, YearState]:
    """Every year ever signed off, by year: its latest state (a year absent is a draft)."""
    plan_id = catalog(db, plan_key).plan_id
    with db.reading() as conn:
        return _states(conn, plan_id)


def refuse_approved(conn: Connection, plan_id: int, years: Iterable[int]) -> None:
    """Refuse (ConflictError) a write touching an approved year, naming who approved it."""
    closed = [s for s in _states(conn, plan_id, years).values() if s.approved]
    if closed:
        said = "; ".join(s.describe() for s in sorted(closed, key=lambda s: s.year))
        raise ConflictError(
            gettext(
                "the year is approved and takes no new value: {said}. A planner may reopen it "
                "with a reason (zhospar period reopen)"
            ).format(said=said)
        )


def _check_year(db: Database, plan_key: str | None, year: int) -> int:
    stored = catalog(db, plan_key)
    years = stored.catalog.years
    if years is not None and year not in years:
        raise ValidationError(
            gettext("year {year} is outside the plan's period: expected {first} to {last}").format(
                year=year, first=years[0], last=years[-1]
            )
        )
    return stored.plan_id


Check = Callable[[Connection, int], None]  # inside the sign-off's transaction: conn, plan id


def _sign(
    db: Database,
    plan_id: int,
    year: int,
    action: str,
    reason: str | None,
    by: str,
    check: Check | None = None,
) -> YearState:
    who = actor_name(by)

    def work(conn: Connection) -> YearState:
        state = _states(conn, plan_id, [year]).get(year)
        approved = state is not None and state.approved
        if action == "approve" and approved:
            raise ConflictError(f"already approved: {state.describe()}")  # type: ignore[union-attr]
        if action == "reopen" and not approved:
            raise ConflictError(f"{year} is not approved: there is nothing to reopen")
        if check is not None:
            check(conn, plan_id)
        now = dt.datetime.now(dt.UTC)
        conn.execute(
            insert(PeriodSignoffRow).values(
                plan_id=plan_id, year=year, action=action, reason=reason, entered_by=who,
                entered_at=now,
            )
        )  # fmt: skip
        words = (
            entry(APPROVED, year=year)
            if action == "approve"
            else entry(REOPENED, year=year, reason=reason)
        )
        note(conn, f"period-{action}", words, user=by)
        return YearState(year, action == "approve", who, now, reason)

    return db.write(work, plan_id=plan_id)


def approve_year(
    db: Database, plan_key: str | None, year: int, *, by: str, check: Check | None = None
) -> YearState:
    """Approve a year's figures: from now on it takes no new fact until reopened.

    ``check`` runs inside the approval's transaction and may refuse it (the service checks
    that every missed indicator of the year has a reason, ``zhospar.services.reasons``)."""
    return _sign(db, _check_year(db, plan_key, year), year, "approve", None, by, check)


def reopen_year(
    db: Database, plan_key: str | None, year: int, reason: str, *, by: str
) -> YearState:
    """Reopen an approved year; the reason is kept and logged."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reopening a year needs a reason: say what must be corrected")
    if len(reason) > TEXT_LIMIT or "\x00" in reason:
        raise ValidationError(f"a reason holds at most {TEXT_LIMIT} characters and no NUL")
    return _sign(db, _check_year(db, plan_key, year), year, "reopen", reason, by)
