"""A plan's own settings of the method (first: the cap of a percentage in a roll-up), with why.

Revision ID: 0003_plan_settings
Revises: 0002
Create Date: 2026-12-07

Like ``indicator_overrides``, ``plan_settings`` is append-only: a new decision is a new row and
the latest row per plan and name is in force. Triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL), so that who set a plan's cap, when and why stays on record.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0003_plan_settings"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "plan_settings"
_MESSAGE = "plan settings are append-only: a new decision is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_plan_settings_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER plan_settings_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_plan_settings_append_only()",
    f"CREATE TRIGGER plan_settings_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_plan_settings_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER plan_settings_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER plan_settings_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_plan_settings_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_plan_settings"),
    )
    op.create_index("ix_plan_settings_plan_id_name", _TABLE, ["plan_id", "name"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS plan_settings_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS plan_settings_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_plan_settings_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS plan_settings_no_delete")
        op.execute("DROP TRIGGER IF EXISTS plan_settings_no_update")
    op.drop_index("ix_plan_settings_plan_id_name", table_name=_TABLE)
    op.drop_table(_TABLE)
