"""Alembic environment: always run programmatically by ``zhospar.store.db.migrate``.

The caller hands over an open connection in ``config.attributes["connection"]``; nothing here
reads a URL or the environment. SQLite needs batch mode to alter tables, so it is on for SQLite.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from zhospar.store.schema import Base, include_name


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "Zhospar's migrations run through zhospar.store.db.migrate(), "
            "which passes an open connection"
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("Zhospar's migrations run online only")
run_migrations_online()
