"""Amendments made in Zhospar: the act, the reason, who and when, and the changes.

Revision ID: 0011_plan_amendments
Revises: 0010_plan_translations
Create Date: 2026-12-07

Each amendment also makes a row of ``plan_versions`` (the plan as it stands after it);
``plan_amendments`` keeps what the planner asked for. Append-only like ``activity``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0011_plan_amendments"
down_revision: str | None = "0010_plan_translations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "plan_amendments"
_MESSAGE = "amendments are append-only: a correction is another amendment"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_amendments_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER amendments_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_amendments_append_only()",
    f"CREATE TRIGGER amendments_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_amendments_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER amendments_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER amendments_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version_key", sa.String(100), nullable=False),
        sa.Column("amendment", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_plan_amendments_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_plan_amendments"),
    )
    op.create_index("ix_plan_amendments_plan_id", _TABLE, ["plan_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS amendments_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS amendments_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_amendments_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS amendments_no_delete")
        op.execute("DROP TRIGGER IF EXISTS amendments_no_update")
    op.drop_index("ix_plan_amendments_plan_id", table_name=_TABLE)
    op.drop_table(_TABLE)
