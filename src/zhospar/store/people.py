"""People who sign in: names, roles, scopes and argon2 password hashes.

Every change of a person is noted in the activity log. ``ensure_admin`` gives a new database its
first administrator, with a random password shown once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, insert, select, update

from zhospar._exceptions import NotFoundError, StoreError, ValidationError
from zhospar.rules.access import Person, Role, unknown_scopes
from zhospar.store.activity import note
from zhospar.store.activity_words import (
    DISABLED,
    PASSWORD_CHANGED,
    USER_ADDED,
    USER_ADDED_WITHIN,
    entry,
)
from zhospar.store.db import Database
from zhospar.store.people_tables import ApiTokenRow, PersonRow, SessionRow

__all__ = [
    "FIRST_ADMIN",
    "PersonInfo",
    "add_person",
    "check_password",
    "disable_person",
    "ensure_admin",
    "find_person",
    "list_people",
    "set_password",
]

FIRST_ADMIN = "admin"
MIN_PASSWORD = 8
MAX_PASSWORD = 1000  # argon2 takes any length; a megabyte of password is an attack, not a secret
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("a password nobody has")  # checked for unknown names: same time


@dataclass(frozen=True)
class PersonInfo:
    """A person as ``user list`` shows them."""

    name: str
    role: Role
    scopes: tuple[str, ...]
    disabled: bool
    created_at: dt.datetime

    @property
    def person(self) -> Person:
        return Person(self.name, self.role, self.scopes)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or not name.isprintable() or " " in name:
        raise ValidationError(
            "a user name is 1 to 100 printable characters without spaces, e.g. aigerim"
        )
    return name


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValidationError(
            f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters; got {len(password)}"
        )


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise ValidationError(f'unknown role "{text[:40]}": expected one of {allowed}') from None


def _info(row: PersonRow) -> PersonInfo:
    scopes = tuple(row.scopes.split()) if row.scopes else ()
    return PersonInfo(row.name, Role(row.role), scopes, row.disabled, row.created_at)


def add_person(
    db: Database, name: str, role: str, password: str, *, scopes: Sequence[str] = (), by: str
) -> PersonInfo:
    """Add a person; the scope's codes must name directions, goals, tasks or programs."""
    name, chosen = _check_name(name), _role(role)
    _check_password(password)
    if scopes and chosen is not Role.EDITOR:
        raise ValidationError("only an editor has a scope: planners and admins cover the plan")
    if scopes and (unknown := unknown_scopes(db.load_plan(), scopes)):
        raise ValidationError(
            f"no such direction, goal, task or program code in the plan: {', '.join(unknown)}"
        )
    if find_person(db, name) is not None:
        raise ValidationError(f'there is already a user "{name}"')
    row = {
        "name": name, "role": chosen.value, "scopes": " ".join(scopes), "disabled": False,
        "password_hash": _HASHER.hash(password), "created_at": dt.datetime.now(dt.UTC),
    }  # fmt: skip

    def work(conn: Connection) -> None:
        conn.execute(insert(PersonRow).values(**row))
        what = (
            entry(USER_ADDED_WITHIN, name=name, role=chosen.value, scopes=", ".join(scopes))
            if scopes
            else entry(USER_ADDED, name=name, role=chosen.value)
        )
        note(conn, "user-add", what, user=by)

    db.write(work)
    found = find_person(db, name)
    assert found is not None
    return found


def find_person(db: Database, name: str) -> PersonInfo | None:
    with db.session() as session:
        row = session.scalar(select(PersonRow).where(PersonRow.name == name))
        return _info(row) if row is not None else None


def list_people(db: Database) -> list[PersonInfo]:
    with db.session() as session:
        return [_info(r) for r in session.scalars(select(PersonRow).order_by(PersonRow.name))]


def _person_id(conn: Connection, name: str) -> int:
    found = conn.scalar(select(PersonRow.id).where(PersonRow.name == name))
    if found is None:
        raise NotFoundError(f'no user "{name[:80]}" (see `zhospar user list`)')
    return int(found)


def _end_sessions(conn: Connection, person_id: int) -> None:
    conn.execute(delete(SessionRow).where(SessionRow.person_id == person_id))


def disable_person(db: Database, name: str, *, by: str) -> None:
    """Disable a person: their sessions end and their tokens stop at once."""

    def work(conn: Connection) -> None:
        person_id = _person_id(conn, name)
        conn.execute(update(PersonRow).where(PersonRow.id == person_id).values(disabled=True))
        _end_sessions(conn, person_id)
        now = dt.datetime.now(dt.UTC)
        conn.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.person_id == person_id, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        note(conn, "user-disable", entry(DISABLED, name=name), user=by)

    db.write(work)


def set_password(db: Database, name: str, password: str, *, by: str) -> None:
    """A new password; the person's open sessions end (a stolen one stops working)."""
    _check_password(password)
    hashed = _HASHER.hash(password)

    def work(conn: Connection) -> None:
        person_id = _person_id(conn, name)
        changed = update(PersonRow).where(PersonRow.id == person_id)
        conn.execute(changed.values(password_hash=hashed))
        _end_sessions(conn, person_id)
        note(conn, "user-passwd", entry(PASSWORD_CHANGED, name=name), user=by)

    db.write(work)


def check_password(db: Database, name: str, password: str) -> PersonInfo | None:
    """The person if ``password`` is theirs and they are not disabled; None otherwise (an
    unknown name costs the same argon2 check, so timing does not tell which names exist)."""
    with db.session() as session:
        row = session.scalar(select(PersonRow).where(PersonRow.name == name))
        stored = row.password_hash if row is not None else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled:
            return None
        return _info(row)


def ensure_admin(db: Database) -> str | None:
    """Create ``admin`` with a random password when no enabled admin exists; the password
    (shown once, never stored in clear) or None when there was an admin already."""
    if _enabled_admin(db) is not None:
        return None
    password = secrets.token_urlsafe(15)
    taken = ValidationError(
        f'no enabled admin, and the name "{FIRST_ADMIN}" is taken: add one with '
        "`zhospar user add NAME --role admin --password-stdin`"
    )
    if find_person(db, FIRST_ADMIN) is not None:
        raise taken
    try:
        add_person(db, FIRST_ADMIN, Role.ADMIN.value, password, by="zhospar serve")
    except (StoreError, ValidationError):
        # another server (a host starting at the same moment) created it first: the names are
        # unique, so only one of them adds it and shows its password
        if _enabled_admin(db) is not None:
            return None
        raise
    return password


def _enabled_admin(db: Database) -> int | None:
    with db.reading() as conn:
        return conn.scalar(
            select(PersonRow.id).where(PersonRow.role == Role.ADMIN.value, ~PersonRow.disabled)
        )
