"""The first schema: plans and their versions, indicators, targets, milestones, actuals.

Revision ID: 0001
Revises:
Create Date: 2024-06-01

Actuals are append-only. Both databases get triggers that refuse UPDATE and DELETE on
``actuals`` (and TRUNCATE on PostgreSQL), so that not even a hand-written SQL statement rewrites
history; the library never tries.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import ExactDecimal, UtcDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PG_FUNCTION = """
CREATE FUNCTION zhospar_actuals_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'actuals are append-only: a correction is a new revision (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    "CREATE TRIGGER actuals_append_only BEFORE UPDATE OR DELETE ON actuals "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_actuals_append_only()",
    "CREATE TRIGGER actuals_no_truncate BEFORE TRUNCATE ON actuals "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_actuals_append_only()",
]
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER actuals_no_update BEFORE UPDATE ON actuals BEGIN "
    "SELECT RAISE(ABORT, 'actuals are append-only: a correction is a new revision'); END",
    "CREATE TRIGGER actuals_no_delete BEFORE DELETE ON actuals BEGIN "
    "SELECT RAISE(ABORT, 'actuals are append-only: a correction is a new revision'); END",
]


def upgrade() -> None:
    _reference_tables()
    _plan_tables()
    _actuals_table()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS actuals_no_truncate ON actuals")
        op.execute("DROP TRIGGER IF EXISTS actuals_append_only ON actuals")
        op.execute("DROP FUNCTION IF EXISTS zhospar_actuals_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS actuals_no_delete")
        op.execute("DROP TRIGGER IF EXISTS actuals_no_update")
    for table in (
        "actuals",
        "milestones",
        "targets",
        "indicators",
        "plan_versions",
        "plans",
        "regions",
        "zhospar_meta",
    ):
        op.drop_table(table)


def _reference_tables() -> None:
    op.create_table(
        "zhospar_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_zhospar_meta"),
    )
    op.create_table(
        "regions",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name_kk", sa.String(100), nullable=False),
        sa.Column("name_ru", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(100), nullable=False),
        sa.Column("is_city", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_regions"),
    )
    op.bulk_insert(
        sa.table("zhospar_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
        [{"key": "schema", "value": "zhospar"}],
    )


def _plan_tables() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("ministry", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(255), nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint("key", name="uq_plans_key"),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("act_kind", sa.String(64), nullable=False),
        sa.Column("act_number", sa.String(64), nullable=True),
        sa.Column("act_date", sa.Date(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("placeholders", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_plan_versions_plan_id_plans", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plan_versions"),
        sa.UniqueConstraint("plan_id", "key", name="uq_plan_versions_plan_id"),
    )
    _indicator_tables()


def _indicator_tables() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("parent_id", sa.String(64), nullable=True),
        sa.Column("section", sa.String(16), nullable=False),
        sa.Column("direction", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("number", sa.String(16), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("breakdown", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("deleted_by", sa.String(64), nullable=True),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name="fk_indicators_version_id_plan_versions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicators"),
        sa.UniqueConstraint("version_id", "indicator_id", name="uq_indicators_version_id"),
    )
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_row_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("value", ExactDecimal(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_row_id"],
            ["indicators.id"],
            name="fk_targets_indicator_row_id_indicators",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_targets"),
    )
    op.create_index("ix_targets_indicator_row_id_year", "targets", ["indicator_row_id", "year"])
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.String(64), nullable=False),
        sa.Column("task", sa.String(32), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("due_years", sa.String(64), nullable=False),
        sa.Column("deleted_by", sa.String(64), nullable=True),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name="fk_milestones_version_id_plan_versions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_milestones"),
        sa.UniqueConstraint("version_id", "milestone_id", name="uq_milestones_version_id"),
    )


def _actuals_table() -> None:
    op.create_table(
        "actuals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("breakdown", sa.String(100), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", ExactDecimal(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("origin_file", sa.Text(), nullable=True),
        sa.Column("origin_row", sa.Integer(), nullable=True),
        sa.Column("force_reason", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actuals"),
        sa.UniqueConstraint(
            "plan_id",
            "indicator_id",
            "period",
            "region",
            "breakdown",
            "revision",
            name="uq_actuals_revision",
        ),
    )
