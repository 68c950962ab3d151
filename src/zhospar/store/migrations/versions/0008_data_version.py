"""A data version per plan, and uploads waiting for confirmation kept in the database.

Revision ID: 0008_data_version
Revises: 0007_reasons_fact_status
Create Date: 2026-12-07

``plans.data_version`` is a counter bumped in the same transaction as every write that can change
a plan's scores (facts, overrides, cap, risk assessments, sign-off, ...): a server process reuses
the evaluation it computed while the counter stands still, so several processes (workers, hosts)
share nothing but the database. ``staged_uploads`` keeps an import file between its preview and
its confirmation, so that any worker can confirm what another previewed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zhospar.store.schema import UtcDateTime

revision: str = "0008_data_version"
down_revision: str | None = "0007_reasons_fact_status"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "plans",
        sa.Column("data_version", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.create_table(
        "staged_uploads",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("session_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_staged_uploads"),
    )
    op.create_index("ix_staged_uploads_created_at", "staged_uploads", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_staged_uploads_created_at", table_name="staged_uploads")
    op.drop_table("staged_uploads")
    # not a batch (which would copy ``plans`` and trip the foreign keys pointing at it):
    # SQLite drops a plain column in place since 3.35, as PostgreSQL does
    op.execute("ALTER TABLE plans DROP COLUMN data_version")
