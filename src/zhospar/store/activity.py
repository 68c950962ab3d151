"""The activity log: who did what, when and from where, for every write and failed login.

A write notes itself inside its own transaction (``note``), so the log never says a value was
recorded that was not, nor misses one that was. Who acts comes from the web app for a request
(``acting``: the signed-in person and the client's address); otherwise it is the name the write
was given (the CLI's user) from ``cli``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import ValidationError, quoted
from zhospar.store.db import Database
from zhospar.store.people_tables import ActivityRow

__all__ = ["Activity", "Actor", "acting", "activity", "actor_name", "note", "since_day"]

_DETAIL_LIMIT = 2000


@dataclass(frozen=True)
class Actor:
    """Who a request acts for: a signed-in person's name and the client's address."""

    name: str
    address: str


_ACTOR: ContextVar[Actor | None] = ContextVar("zhospar_actor", default=None)


@contextmanager
def acting(actor: Actor) -> Iterator[None]:
    """Writes made inside are recorded as ``actor`` (the web app wraps each request in this)."""
    token = _ACTOR.set(actor)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def actor_name(default: str) -> str:
    """The signed-in person acting now, else ``default`` (the CLI's user)."""
    actor = _ACTOR.get()
    return actor.name if actor is not None else default


@dataclass(frozen=True)
class Activity:
    id: int
    at: dt.datetime
    user: str
    address: str
    action: str
    detail: str


def since_day(text: str | None) -> dt.datetime | None:
    """The start (UTC) of a day typed as ``YYYY-MM-DD``, for the log's filter; None if empty."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        message = f'expected a date such as 2012-03-01; got "{quoted(text)}"'
        raise ValidationError(message) from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def note(conn: Connection, action: str, detail: str, *, user: str) -> None:
    """Append one line to the log inside the caller's transaction."""
    actor = _ACTOR.get()
    conn.execute(
        insert(ActivityRow).values(
            at=dt.datetime.now(dt.UTC),
            user_name=(actor.name if actor else user)[:100],
            address=(actor.address if actor else "cli")[:64],
            action=action,
            detail=quoted(detail, _DETAIL_LIMIT),
        )
    )


def record(db: Database, action: str, detail: str, *, user: str) -> None:
    """A line on its own (a failed login, a change of people): its own transaction."""
    db.write(lambda conn: note(conn, action, detail, user=user))


def activity(
    db: Database,
    *,
    user: str | None = None,
    since: dt.datetime | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[Activity]:
    """The log, newest first, filtered by person, moment and kind of action."""
    t = ActivityRow.__table__
    query = select(t).order_by(t.c.id.desc()).limit(limit)
    if user:
        query = query.where(t.c.user_name == user)
    if since is not None:
        query = query.where(t.c.at >= since)
    if action:
        query = query.where(t.c.action == action)
    with db.reading() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        Activity(r["id"], r["at"], r["user_name"], r["address"], r["action"], r["detail"])
        for r in rows
    ]
