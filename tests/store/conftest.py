"""Fixtures for storage tests: every test runs on SQLite and, when configured, on PostgreSQL.

PostgreSQL: ``ZHOSPAR_TEST_POSTGRES_URL`` names the server (CI: postgresql+psycopg://postgres@
127.0.0.1:5432/test). Each test gets its own schema ``t_<hex>``, selected through the
connection's ``search_path`` and dropped afterwards. Without the variable the PostgreSQL cases
are skipped, unless ``ZHOSPAR_REQUIRE_POSTGRES`` is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from zhospar.model.plan import Plan
from zhospar.store import Database, open_database

PG_ENV = "ZHOSPAR_TEST_POSTGRES_URL"
REQUIRE_ENV = "ZHOSPAR_REQUIRE_POSTGRES"


def postgres_admin_url() -> str | None:
    """The test server's URL, or None (skip) when not configured; fails when it is required."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {PG_ENV} is not")
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to run this case")
    return url


def _schema_url(url: str, schema: str) -> str:
    parsed = make_url(url)
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A URL whose connections live in a fresh, empty schema of the test server (dropped after).

    Skips when no server is configured, fails when one is required or configured but unusable.
    """
    admin_url = postgres_admin_url()
    assert admin_url is not None
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # unreachable server: a failure, since it was configured
        admin.dispose()
        pytest.fail(f"PostgreSQL at {admin_url} is not usable: {error}")
    try:
        yield _schema_url(admin_url, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL whose connections live in a fresh, empty schema of the test server."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a tmp SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'zhospar.sqlite3'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the head and empty, made once per test process, to be copied."""
    path = tmp_path_factory.mktemp("migrated") / "empty.sqlite3"
    open_database(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def database(request: pytest.FixtureRequest, database_url: str) -> Iterator[Database]:
    """A migrated, empty Zhospar database on SQLite (a copy of ``migrated_sqlite``: migrating
    takes longer than most tests) and on PostgreSQL (a fresh schema, migrated). The tests of
    the migrations themselves migrate an empty file (tests/store/test_migrations.py)."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        shutil.copy(request.getfixturevalue("migrated_sqlite"), parsed.database)
    db = open_database(database_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def loaded(database: Database, small_plan: Plan) -> Database:
    """A database holding the hand-made plan ``small`` (see ``small_plan``)."""
    from zhospar.store import store_plan

    store_plan(database, small_plan, "small")
    return database


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    from tests.store.plan_fixture import make_small_plan

    return make_small_plan()
