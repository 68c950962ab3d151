"""Sessions, API tokens, the login throttle and the server's secret, all kept in the database
so that several workers (or several servers on one PostgreSQL) share them.

A session id and a token are 256-bit random values given to the client once; the database keeps
their SHA-256 only. Looking one up joins its person, so that a disabled person's session or token
stops at the next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from contextlib import suppress
from dataclasses import dataclass

from sqlalchemy import Connection, Select, bindparam, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.rules.access import Person, Role
from zhospar.store.activity import Actor, acting, note
from zhospar.store.activity_words import (
    LOGIN,
    LOGIN_FAILED,
    TOKEN_CREATED,
    TOKEN_CREATED_UNTIL,
    TOKEN_REVOKED,
    entry,
)
from zhospar.store.db import Database
from zhospar.store.people_tables import ApiTokenRow, LoginThrottleRow, PersonRow, SessionRow
from zhospar.store.schema import MetaRow

__all__ = [
    "SESSION_HOURS",
    "TokenInfo",
    "clear_failed_logins",
    "close_session",
    "create_token",
    "list_tokens",
    "login_wait",
    "note_failed_login",
    "note_login",
    "open_session",
    "revoke_token",
    "server_secret",
    "session_person",
    "token_person",
]

SESSION_HOURS = 12
FREE_FAILURES = 5  # failures allowed before each further one makes the next attempt wait
MAX_WAIT_SECONDS = 15 * 60
_SECRET_KEY = "server_secret"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- sessions -----------------------------------------------------------------------------------


def open_session(db: Database, name: str) -> str:
    """A new session for ``name`` (a new id at every login); its id, given to the browser only."""
    raw = secrets.token_urlsafe(32)
    now = _now()

    def work(conn: Connection) -> None:
        person_id = conn.scalar(select(PersonRow.id).where(PersonRow.name == name))
        if person_id is None:
            raise NotFoundError(f'no user "{name[:80]}"')
        conn.execute(delete(SessionRow).where(SessionRow.expires_at < now))  # housekeeping
        conn.execute(
            insert(SessionRow).values(
                id_hash=_digest(raw), person_id=person_id, created_at=now,
                expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )  # fmt: skip

    db.write(work)
    return raw


# Asked at every request: built once, so that a request pays only for running them (the
# person's three columns, through a plain connection rather than an ORM session).
_SESSION_PERSON = (
    select(PersonRow.name, PersonRow.role, PersonRow.scopes)
    .join(SessionRow, SessionRow.person_id == PersonRow.id)
    .where(SessionRow.id_hash == bindparam("digest"), SessionRow.expires_at > bindparam("now"))
    .where(~PersonRow.disabled)
)
_TOKEN_PERSON = (
    select(PersonRow.name, PersonRow.role, PersonRow.scopes)
    .join(ApiTokenRow, ApiTokenRow.person_id == PersonRow.id)
    .where(ApiTokenRow.token_hash == bindparam("digest"), ApiTokenRow.revoked_at.is_(None))
    .where(or_(ApiTokenRow.expires_at.is_(None), ApiTokenRow.expires_at > bindparam("now")))
    .where(~PersonRow.disabled)
)


def _lookup(db: Database, query: Select[str, str, str], raw: str) -> Person | None:
    """The person ``query`` finds for the secret ``raw`` (by its SHA-256), now."""
    with db.reading() as conn:
        row = conn.execute(query, {"digest": _digest(raw), "now": _now()}).first()
    return Person(row.name, Role(row.role), tuple(row.scopes.split())) if row else None


def session_person(db: Database, raw: str) -> Person | None:
    """The enabled person of an unexpired session, else None."""
    return _lookup(db, _SESSION_PERSON, raw)


def close_session(db: Database, raw: str) -> None:
    gone = delete(SessionRow).where(SessionRow.id_hash == _digest(raw))
    db.write(lambda conn: conn.execute(gone))


# --- API tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


def create_token(db: Database, name: str, *, days: int | None, by: str) -> str:
    """A new token for ``name`` (valid ``days`` days, or until revoked); shown once."""
    if days is not None and not 1 <= days <= 3660:
        raise ValidationError(f"a token lasts 1 to 3660 days; got {days}")
    raw = "zh_" + secrets.token_urlsafe(32)
    now = _now()
    expires = now + dt.timedelta(days=days) if days is not None else None

    def work(conn: Connection) -> None:
        person_id = conn.scalar(select(PersonRow.id).where(PersonRow.name == name))
        if person_id is None:
            raise NotFoundError(f'no user "{name[:80]}" (see `zhospar user list`)')
        conn.execute(
            insert(ApiTokenRow).values(
                token_hash=_digest(raw), person_id=person_id, created_at=now, expires_at=expires
            )
        )
        what = (
            entry(TOKEN_CREATED_UNTIL, name=name, date=f"{expires:%Y-%m-%d}")
            if expires
            else entry(TOKEN_CREATED, name=name)
        )
        note(conn, "token-create", what, user=by)

    db.write(work)
    return raw


def token_person(db: Database, raw: str) -> Person | None:
    """The enabled person of a valid (unrevoked, unexpired) token, else None."""
    return _lookup(db, _TOKEN_PERSON, raw)


def list_tokens(db: Database) -> list[TokenInfo]:
    query = (
        select(ApiTokenRow, PersonRow.name)
        .join(PersonRow, ApiTokenRow.person_id == PersonRow.id)
        .order_by(ApiTokenRow.id)
    )
    with db.session() as session:
        return [
            TokenInfo(t.id, name, t.created_at, t.expires_at, t.revoked_at)
            for t, name in session.execute(query)
        ]


def revoke_token(db: Database, token_id: int, *, by: str) -> None:
    def work(conn: Connection) -> None:
        done = conn.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        if done.rowcount == 0:
            raise NotFoundError(f"no token {token_id} in force (see `zhospar token list`)")
        note(conn, "token-revoke", entry(TOKEN_REVOKED, id=token_id), user=by)

    db.write(work)


# --- failed logins ------------------------------------------------------------------------------


def _keys(name: str, address: str) -> list[str]:
    return [f"name:{name[:100]}", f"address:{address[:64]}"]


def login_wait(db: Database, name: str, address: str) -> int:
    """Seconds to wait before the next login of ``name`` from ``address`` may be tried (0: now)."""
    now = _now()
    with db.reading() as conn:
        until = conn.scalars(
            select(LoginThrottleRow.locked_until).where(
                LoginThrottleRow.key.in_(_keys(name, address))
            )
        ).all()
    waits = [(u - now).total_seconds() for u in until if u is not None and u > now]
    return int(max(waits, default=0)) + (1 if waits else 0)


def note_failed_login(db: Database, name: str, address: str) -> None:
    """Count a failure for the name and the address; past ``FREE_FAILURES`` each doubles the
    wait before the next try (up to 15 minutes). Noted in the activity log."""
    now = _now()

    def work(conn: Connection) -> None:
        for key in _keys(name, address):
            failures = conn.scalar(
                select(LoginThrottleRow.failures).where(LoginThrottleRow.key == key)
            )
            count = (failures or 0) + 1
            over = count - FREE_FAILURES
            until = now + dt.timedelta(seconds=min(2**over, MAX_WAIT_SECONDS)) if over > 0 else None
            values = {"failures": count, "locked_until": until}
            if failures is None:
                conn.execute(insert(LoginThrottleRow).values(key=key, **values))
            else:
                conn.execute(
                    update(LoginThrottleRow).where(LoginThrottleRow.key == key).values(**values)
                )
        note(conn, "login-failed", entry(LOGIN_FAILED, name=name[:80]), user="-")

    db.write(work)


def clear_failed_logins(db: Database, name: str) -> None:
    """A successful login clears the name's count (the address's stays: it may try others)."""
    key = _keys(name, "")[0]
    db.write(lambda conn: conn.execute(delete(LoginThrottleRow).where(LoginThrottleRow.key == key)))


def note_login(db: Database, name: str, address: str) -> None:
    """A successful login: the name's count of failures cleared and the login in the activity
    log, as the person who signed in, from their address (in one transaction)."""
    key = _keys(name, "")[0]

    def work(conn: Connection) -> None:
        conn.execute(delete(LoginThrottleRow).where(LoginThrottleRow.key == key))
        note(conn, "login", entry(LOGIN, name=name[:80]), user=name)

    with acting(Actor(name, address)):
        db.write(work)


# --- the server's secret ------------------------------------------------------------------------


def server_secret(db: Database) -> bytes:
    """A random key for signing (CSRF tokens), made once and kept in the database, so that every
    worker and every restart signs alike."""
    query = select(MetaRow.value).where(MetaRow.key == _SECRET_KEY)
    with db.reading() as conn:
        found = conn.scalar(query)
    if found is None:
        made = insert(MetaRow).values(key=_SECRET_KEY, value=secrets.token_hex(32))
        with suppress(IntegrityError):  # another worker made it first: use theirs
            db.write(lambda conn: conn.execute(made))
        with db.reading() as conn:
            found = conn.scalar(query)
    return bytes.fromhex(str(found))
