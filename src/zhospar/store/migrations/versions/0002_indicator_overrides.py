"""The users' overrides of an indicator's polarity and roll-up rule, with their history.

Revision ID: 0002
Revises: 0001
Create Date: 2024-07-01

Like ``actuals``, ``indicator_overrides`` is append-only: a new decision is a new row and the
latest row per plan, indicator and kind is in force. Triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL), so that not even a hand-written statement rewrites who decided what.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import ExactDecimal, UtcDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "indicator_overrides"
_MESSAGE = "indicator overrides are append-only: a new decision is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_overrides_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER overrides_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_overrides_append_only()",
    f"CREATE TRIGGER overrides_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_overrides_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER overrides_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER overrides_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(16), nullable=False),
        sa.Column("numerator", sa.String(64), nullable=True),
        sa.Column("denominator", sa.String(64), nullable=True),
        sa.Column("scale", ExactDecimal(), nullable=True),
        sa.Column("base", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_indicator_overrides_plan_id_plans"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicator_overrides"),
    )
    op.create_index(
        "ix_indicator_overrides_plan_id_indicator_id_kind",
        _TABLE,
        ["plan_id", "indicator_id", "kind"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS overrides_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS overrides_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_overrides_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS overrides_no_delete")
        op.execute("DROP TRIGGER IF EXISTS overrides_no_update")
    op.drop_index("ix_indicator_overrides_plan_id_indicator_id_kind", table_name=_TABLE)
    op.drop_table(_TABLE)
