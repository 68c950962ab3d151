"""The database tables (SQLAlchemy 2 typed ORM); migrations in ``migrations/`` create them.

    plans ──< plan_versions ──< indicators ──< targets
                           └──< milestones
    plans ──< actuals            (append-only: one row per revision)
    plans ──< indicator_overrides  (append-only: a user's polarity or roll-up rule, with why)
    plans ──< plan_settings        (append-only: a plan's setting of the method, e.g. its cap)
    plans ──< risk_assessments     (append-only: a planner's likelihood and impact of a risk)
    plans ──< name_translations    (append-only: a name of the plan in Russian or English)
    plans ──< search_entries       (what search finds, with a full-text index per database)
    regions, zhospar_meta        (reference data; the marker that says "this is Zhospar's")

A plan is stored twice on purpose: each version keeps the whole model as a JSON document (what
``load_plan`` returns, nothing lost) and as normalized rows (indicators, targets per year with
their source line, milestones) so that plain SQL can join actuals to targets.

Actuals name their indicator by its plan id (``G1.1-I1``, ``P002-X``), not by a foreign key to a
version's row, because an actual belongs to the plan, whatever amendment is in force. "No
region" and "no breakdown" are stored as ``''`` so that the unique key of a revision holds (NULLs
never collide in a unique constraint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

SCHEMA_MARKER = "zhospar"  # zhospar_meta("schema") holds this in every Zhospar database

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal kept exactly on PostgreSQL (NUMERIC) and as a double on SQLite.

    SQLite has no decimal type; a double holds every value of up to 15 significant digits, and
    ``repr`` gives back the shortest decimal that reads as the same double, so 5.775 stays 5.775.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Float())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return float(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return to_decimal(value)


def to_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):  # SQLite: 140.0 was most likely typed as 140
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(value)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC; SQLite keeps no time zone, so it is stored naive and read back as UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a timestamp without a time zone cannot be stored")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(moment, dt.datetime):
            raise TypeError(f"expected a timestamp from the database; got {moment!r}")
        return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MetaRow(Base):
    """Key-value facts about the database itself; ``schema`` = "zhospar" marks it as ours."""

    __tablename__ = "zhospar_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RegionRow(Base):
    """Reference copy of ``reference.REGIONS`` for SQL users; filled by ``init``."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(100))
    name_ru: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    is_city: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    ministry: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str | None] = mapped_column(String(255))
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)  # the plan as read: Plan.model_dump_json()
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PlanVersionRow(Base):
    """The plan as it stood after one act: approved (2342), amended by 415, by 1417 ..."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))  # the act's number: "2342", "415"
    seq: Mapped[int] = mapped_column(Integer)  # 1 for the approved plan, then each amendment
    act_kind: Mapped[str] = mapped_column(String(64))
    act_number: Mapped[str | None] = mapped_column(String(64))
    act_date: Mapped[dt.date | None] = mapped_column()
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    placeholders: Mapped[int] = mapped_column(Integer, default=0)  # rows whose text is lost
    document: Mapped[str] = mapped_column(Text)  # this version's Plan.model_dump_json()


class IndicatorRow(Base):
    """One indicator of one version; ``P002-X`` rows carry a program's expenditure plan."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("version_id", "indicator_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"))
    indicator_id: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[str | None] = mapped_column(String(64))  # for breakdown rows
    section: Mapped[str] = mapped_column(String(16))  # target, task, program, expenditure
    direction: Mapped[int | None] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(32))  # goal, task or program code
    number: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    breakdown: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(16))
    deleted_by: Mapped[str | None] = mapped_column(String(64))  # act number, when deleted
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)


class TargetRow(Base):
    """One yearly value of an indicator as the plan states it, with its source line."""

    __tablename__ = "targets"
    __table_args__ = (Index(None, "indicator_row_id", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_row_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(16))  # reported or planned
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    raw: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)


class MilestoneRow(Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("version_id", "milestone_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"))
    milestone_id: Mapped[str] = mapped_column(String(64))
    task: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    due_years: Mapped[str] = mapped_column(String(64))  # "2011,2012"
    deleted_by: Mapped[str | None] = mapped_column(String(64))
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    line: Mapped[int | None] = mapped_column(Integer)


class ActualRow(Base):
    """One revision of an actual value; never updated or deleted (triggers refuse it).

    ``plan_id`` has no foreign key on purpose: a per-row foreign-key check more than doubles the
    time of a bulk import on PostgreSQL, while ``record_actuals`` only writes rows for a plan it
    has just read, and plans are never deleted.
    """

    __tablename__ = "actuals"
    __table_args__ = (
        UniqueConstraint(
            "plan_id",
            "indicator_id",
            "period",
            "region",
            "breakdown",
            "revision",
            name="uq_actuals_revision",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer)  # plans.id; no FK, see the class doc
    indicator_id: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))  # "2011", "2011-H1", "2011-Q3", "2011-07"
    year: Mapped[int] = mapped_column(Integer)
    start_month: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(8))  # region code, '' for the whole country
    breakdown: Mapped[str] = mapped_column(String(100))  # '' when none
    revision: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(ExactDecimal)
    source: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    origin_file: Mapped[str | None] = mapped_column(Text)
    origin_row: Mapped[int | None] = mapped_column(Integer)
    force_reason: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


ACTUAL_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in ActualRow.__table__.columns if c.name != "id"
)


class IndicatorOverrideRow(Base):
    """A user's decision on how an indicator is evaluated; never updated or deleted (triggers).

    ``kind`` is ``polarity`` (``value``: increase, decrease, keep, milestone) or ``rollup``
    (``value``: sum, last, ratio, weighted, none, with the ids the rule needs). ``inferred`` ends
    an override. The latest row (highest ``id``) per plan, indicator and kind is in force; the
    earlier rows are its history.
    """

    __tablename__ = "indicator_overrides"
    __table_args__ = (Index(None, "plan_id", "indicator_id", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    indicator_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # polarity, rollup
    value: Mapped[str] = mapped_column(String(16))  # a polarity or a rule, or "inferred"
    numerator: Mapped[str | None] = mapped_column(String(64))  # ratio
    denominator: Mapped[str | None] = mapped_column(String(64))  # ratio
    scale: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # ratio: 100 for a percentage
    base: Mapped[str | None] = mapped_column(String(64))  # weighted
    reason: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PlanSettingRow(Base):
    """A decision on a plan's method (``name``: ``cap``); never updated or deleted (triggers).

    The latest row (highest ``id``) per plan and name is in force; the earlier rows are its
    history.
    """

    __tablename__ = "plan_settings"
    __table_args__ = (Index(None, "plan_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    name: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class RiskAssessmentRow(Base):
    """A planner's assessment of a risk for a year; never updated or deleted (triggers).

    ``likelihood`` and ``impact`` run from 1 (very low) to 5 (very high). The latest row (highest
    ``id``) per plan, risk and year is in force; the earlier rows are its history.
    """

    __tablename__ = "risk_assessments"
    __table_args__ = (Index(None, "plan_id", "risk_id", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    risk_id: Mapped[str] = mapped_column(String(16))  # "R1"
    year: Mapped[int] = mapped_column(Integer)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class NameTranslationRow(Base):
    """A translation of one of the plan's names (``element_id``: ``G1.1``, ``U:адам`` ...) into
    ``lang`` (ru, en); never updated or deleted (triggers). The latest row (highest ``id``) per
    plan, element and language is in force; ``file`` is the CSV it came from."""

    __tablename__ = "name_translations"
    __table_args__ = (Index(None, "plan_id", "lang", "element_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    element_id: Mapped[str] = mapped_column(String(400))
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    file: Mapped[str] = mapped_column(String(400))
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SearchEntryRow(Base):
    """One thing search finds (indicator, goal, task, program, risk, legal act), per plan.

    ``words`` is the code and the name in lower case (``str.casefold``), the text the full-text
    index is built on: an FTS5 table on SQLite, a ``tsvector`` column with a GIN index on
    PostgreSQL. Those are made by the migration by hand (``HAND_MADE``), not from these classes.
    """

    __tablename__ = "search_entries"
    __table_args__ = (Index(None, "plan_id", "code_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # indicator, goal, task, program, risk, act
    ref: Mapped[str] = mapped_column(String(64))  # the plan's id: G1.1-I1, P002, R1, L1
    code_key: Mapped[str] = mapped_column(String(64))  # ref in lower case, for code prefixes
    title: Mapped[str] = mapped_column(Text)  # the name as published
    words: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)  # document order


# Full-text objects made by hand (SQLite's FTS5 table and its shadow tables, PostgreSQL's
# tsvector column and its GIN index): the ORM has no type for them, so comparing the schema
# with these classes leaves them out (``include_name``).
HAND_MADE_TABLES = frozenset(
    f"search_fts{suffix}" for suffix in ("", "_data", "_idx", "_content", "_docsize", "_config")
)
HAND_MADE_COLUMNS = frozenset({("search_entries", "document")})
HAND_MADE_INDEXES = frozenset({"ix_search_entries_document"})


def include_name(
    name: str | None, type_: str, parent_names: MutableMapping[Any, str | None]
) -> bool:
    """Whether schema comparison (Alembic's ``include_name``) looks at this object."""
    if type_ == "table":
        return name not in HAND_MADE_TABLES
    if type_ == "column":
        return (parent_names.get("table_name"), name) not in HAND_MADE_COLUMNS
    if type_ == "index":
        return name not in HAND_MADE_INDEXES
    return True
