"""Risk assessments with their history, and the search index of each plan.

Revision ID: 0004_risk_assessments_search
Revises: 0002
Create Date: 2026-12-07

``risk_assessments`` is append-only like ``actuals``: triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL). ``search_entries`` holds what search finds; its full-text index is made
here by hand: an FTS5 table on SQLite (``search_fts``, its rowid the entry's id), a ``tsvector``
column with a GIN index on PostgreSQL (the 'simple' configuration: the plan is Kazakh, which has
no stemmer). Plans stored before this revision are indexed when first searched.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0004_risk_assessments_search"
down_revision: str | None = "0003_plan_settings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "risk_assessments"
_MESSAGE = "risk assessments are append-only: a new assessment is a new row"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_risk_assessments_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    f"CREATE TRIGGER risk_assessments_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_risk_assessments_append_only()",
    f"CREATE TRIGGER risk_assessments_no_truncate BEFORE TRUNCATE ON {_TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_risk_assessments_append_only()",
]
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER risk_assessments_no_update BEFORE UPDATE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER risk_assessments_no_delete BEFORE DELETE ON {_TABLE} BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(words, content='search_entries', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)


def _risk_assessments() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_risk_assessments_plan_id_plans"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_risk_assessments"),
    )
    op.create_index(
        "ix_risk_assessments_plan_id_risk_id_year", _TABLE, ["plan_id", "risk_id", "year"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def _search_entries() -> None:
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("code_key", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name="fk_search_entries_plan_id_plans",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_search_entries"),
    )
    op.create_index("ix_search_entries_plan_id_code_key", "search_entries", ["plan_id", "code_key"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_entries ADD COLUMN document tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED"
        )
        op.execute("CREATE INDEX ix_search_entries_document ON search_entries USING gin (document)")
    else:
        op.execute(_SQLITE_FTS)


def upgrade() -> None:
    _risk_assessments()
    _search_entries()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS risk_assessments_no_truncate ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS risk_assessments_append_only ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS zhospar_risk_assessments_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS risk_assessments_no_delete")
        op.execute("DROP TRIGGER IF EXISTS risk_assessments_no_update")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_search_entries_plan_id_code_key", table_name="search_entries")
    op.drop_table("search_entries")
    op.drop_index("ix_risk_assessments_plan_id_risk_id_year", table_name=_TABLE)
    op.drop_table(_TABLE)
