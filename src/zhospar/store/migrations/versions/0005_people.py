"""People and their roles, sessions, API tokens, the activity log and the login throttle.

Revision ID: 0005_people
Revises: 0004_risk_assessments_search
Create Date: 2026-12-07

``activity`` is append-only like ``actuals``: triggers refuse UPDATE and DELETE (and TRUNCATE
on PostgreSQL), so that not even a hand-written statement rewrites who did what.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0005_people"
down_revision: str | None = "0004_risk_assessments_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGE = "the activity log is append-only"
_PG_FUNCTION = f"""
CREATE FUNCTION zhospar_activity_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = [
    "CREATE TRIGGER activity_append_only BEFORE UPDATE OR DELETE ON activity "
    "FOR EACH ROW EXECUTE FUNCTION zhospar_activity_append_only()",
    "CREATE TRIGGER activity_no_truncate BEFORE TRUNCATE ON activity "
    "FOR EACH STATEMENT EXECUTE FUNCTION zhospar_activity_append_only()",
]
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    "CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity BEGIN "
    f"SELECT RAISE(ABORT, '{_MESSAGE}'); END",
]


def _people() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("name", name="uq_people_name"),
    )


def _credentials() -> None:
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_sessions_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id_hash", name="pk_sessions"),
    )
    op.create_index("ix_sessions_person_id", "sessions", ["person_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=True),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_api_tokens_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_person_id", "api_tokens", ["person_id"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_login_throttle"),
    )


def _activity() -> None:
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activity"),
    )
    op.create_index("ix_activity_at", "activity", ["at"])
    op.create_index("ix_activity_user_name", "activity", ["user_name"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    _people()
    _credentials()
    _activity()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS activity_no_truncate ON activity")
        op.execute("DROP TRIGGER IF EXISTS activity_append_only ON activity")
        op.execute("DROP FUNCTION IF EXISTS zhospar_activity_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS activity_no_delete")
        op.execute("DROP TRIGGER IF EXISTS activity_no_update")
    for table in ("activity", "login_throttle", "api_tokens", "sessions", "people"):
        op.drop_table(table)
