"""Translations of a plan's names into Russian and English, loaded from a CSV.

Revision ID: 0010_plan_translations
Revises: 0006_signoff
Create Date: 2026-12-07

``name_translations`` is append-only like ``risk_assessments``: triggers refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL); the latest row per plan, element and language is in force.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0010_plan_translations"
down_revision: str | None = "0006_signoff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "name_translations"
_INDEX = "ix_name_translations_plan_id_lang_element_id"
_MESSAGE = "name translations are append-only: a new translation is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_translations_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER translations_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_translations_append_only()",
    f"CREATE TRIGGER translations_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_translations_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER translations_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER translations_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(400), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file", sa.String(400), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_name_translations_plan_id_plans"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_name_translations"),
    )
    op.create_index(_INDEX, _TABLE, ["plan_id", "lang", "element_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS translations_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS translations_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_translations_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS translations_no_delete")
        op.execute("DROP TRIGGER IF EXISTS translations_no_update")
    op.drop_index(_INDEX, table_name=_TABLE)
    op.drop_table(_TABLE)
