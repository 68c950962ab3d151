"""Reasons for non-achievement, and the status and coverage of each fact.

Revision ID: 0007_reasons_fact_status
Revises: 0006_signoff
Create Date: 2026-12-07

``indicator_reasons`` is append-only like ``activity``: triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL); the latest row per plan, indicator and year is the reason in force.
``actuals`` gains ``status`` (preliminary, operational, final; every value recorded before is
``final``) and ``coverage`` (the months a value covers when not its whole period, e.g.
``2012-01..2012-05``; NULL: the whole period).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0007_reasons_fact_status"
down_revision: str | None = "0006_signoff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "indicator_reasons"
_INDEX = "ix_indicator_reasons_plan_id_year"
_MESSAGE = "reasons are append-only: a new reason is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_reasons_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER reasons_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_reasons_append_only()",
    f"CREATE TRIGGER reasons_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_reasons_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER reasons_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER reasons_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_indicator_reasons_plan_id_plans"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicator_reasons"),
    )
    op.create_index(_INDEX, _TABLE, ["plan_id", "year"])
    # ALTER TABLE ... ADD COLUMN keeps the actuals' triggers; existing rows read the default
    op.add_column(
        "actuals", sa.Column("status", sa.String(16), nullable=False, server_default="final")
    )
    op.add_column("actuals", sa.Column("coverage", sa.String(24), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS reasons_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS reasons_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_reasons_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS reasons_no_delete")
        op.execute("DROP TRIGGER IF EXISTS reasons_no_update")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy would lose the triggers
    op.drop_column("actuals", "coverage")
    op.drop_column("actuals", "status")
    op.drop_index(_INDEX, table_name=_TABLE)
    op.drop_table(_TABLE)
