"""The tables of people, their sessions and API tokens, the activity log and the login throttle.

    people ──< sessions      (a signed-in browser; only a hash of its id is kept)
    people ──< api_tokens    (for scripts; only a hash of the token is kept)
    activity                 (append-only: who did what, when, from where)
    period_signoffs          (append-only: a year approved or reopened)
    indicator_reasons        (append-only: why an indicator missed its target in a year)
    login_throttle           (failed logins per name and per address, shared by every worker)

A session's or token's secret is a 256-bit random value, so a plain SHA-256 of it is enough to
keep it unusable if the database is read; passwords, which people choose, are hashed with argon2.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zhospar.store.schema import Base, UtcDateTime

__all__ = [
    "ActivityRow",
    "ApiTokenRow",
    "LoginThrottleRow",
    "PeriodSignoffRow",
    "PersonRow",
    "ReasonRow",
    "SessionRow",
]


class PersonRow(Base):
    """A person who signs in: a role and, for an editor, the codes of their scope."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # admin, planner, editor, viewer
    scopes: Mapped[str] = mapped_column(Text, default="")  # codes separated by spaces
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SessionRow(Base):
    """A signed-in browser: the SHA-256 of its cookie's value, its person and its expiry."""

    __tablename__ = "sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ApiTokenRow(Base):
    """A token for scripts (``Authorization: Bearer``): its SHA-256, owner, expiry, revocation."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class ActivityRow(Base):
    """One thing done: never updated or deleted (triggers refuse it)."""

    __tablename__ = "activity"
    __table_args__ = (Index(None, "at"), Index(None, "user_name"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    user_name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))  # client address; "cli" for the CLI
    action: Mapped[str] = mapped_column(String(64))  # e.g. record-fact, login-failed
    detail: Mapped[str] = mapped_column(Text)  # what changed, in words


class LoginThrottleRow(Base):
    """Failed logins of one name (``name:...``) or one address (``address:...``)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class PeriodSignoffRow(Base):
    """A year of a plan approved or reopened; never updated or deleted (triggers refuse it).
    The latest row per plan and year is its state: approved, or open again (with why)."""

    __tablename__ = "period_signoffs"
    __table_args__ = (Index(None, "plan_id", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    year: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # approve, reopen
    reason: Mapped[str | None] = mapped_column(Text)  # why it was reopened
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReasonRow(Base):
    """A reason for non-achievement of an indicator in a year; never updated or deleted
    (triggers refuse it). The latest row per plan, indicator and year is in force."""

    __tablename__ = "indicator_reasons"
    __table_args__ = (Index(None, "plan_id", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    indicator_id: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PlanAmendmentRow(Base):
    """An amendment made in Zhospar: the act, why, who, when, and its changes (JSON of
    ``zhospar.model.amendments.Amendment``); the version it made is ``plan_versions.key``.
    Never updated or deleted (triggers refuse it)."""

    __tablename__ = "plan_amendments"
    __table_args__ = (Index(None, "plan_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    version_key: Mapped[str] = mapped_column(String(100))
    amendment: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
