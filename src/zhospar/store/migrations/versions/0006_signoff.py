"""The sign-off of a plan's year: approved, or reopened with a reason.

Revision ID: 0006_signoff
Revises: 0005_people
Create Date: 2026-12-07

``period_signoffs`` is append-only like ``activity``: triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL); the latest row per plan and year is the year's state.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0006_signoff"
down_revision: str | None = "0005_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "period_signoffs"
_MESSAGE = "sign-offs are append-only: reopening is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_signoffs_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER signoffs_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_signoffs_append_only()",
    f"CREATE TRIGGER signoffs_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_signoffs_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_period_signoffs_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_period_signoffs"),
    )
    op.create_index("ix_period_signoffs_plan_id_year", _TABLE, ["plan_id", "year"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS signoffs_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS signoffs_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_signoffs_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS signoffs_no_delete")
        op.execute("DROP TRIGGER IF EXISTS signoffs_no_update")
    op.drop_index("ix_period_signoffs_plan_id_year", table_name=_TABLE)
    op.drop_table(_TABLE)
