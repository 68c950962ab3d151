"""Shared fixtures: the bundled plan, read once per test process, and databases holding it,
stored once per test process and copied for each test that needs one."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import zhospar.store.people as _people
from tests.store.conftest import postgres_admin_url
from zhospar.ingest import ReadResult, read_plan
from zhospar.store import Database, initialize, open_database

ROOT = Path(__file__).resolve().parent.parent
# The official statistics of /work/shared/data, copied here so that a clone tests on its own.
DATA = ROOT / "tests" / "data"
FACTS = DATA / "facts-2010-2014.csv"

# Passwords in the test processes: still argon2id, at its lowest cost. The real cost (64 MiB, 3
# passes, 4 threads: 0.8 s a hash or a check on a busy 2-core machine) is meant to be slow, and
# every signed-in client, added person and changed password paid it, its threads slowing the
# other worker too. A hash records its own cost, so hashes made either way check the same;
# processes the tests start (CLI, writers) keep the real cost.
_people._HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
_people._DUMMY_HASH = _people._HASHER.hash("a password nobody has")


@pytest.fixture(scope="session")
def bundled() -> ReadResult:
    return read_plan()


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seed text's lines (index 0 is line 1), for checking values against the document."""
    from zhospar.ingest.reader import bundled_plan_path

    return bundled_plan_path().read_text(encoding="utf-8").splitlines()


# The bundled plan takes seconds to store (thousands of rows, three versions): tests that need it
# copy a database that holds it, made once per test process (per xdist worker).


@pytest.fixture(scope="session")
def bundled_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the bundled plan (as after ``zhospar init``), to be copied."""
    path = tmp_path_factory.mktemp("bundled") / "bundled.sqlite3"
    with open_database(f"sqlite:///{path}") as db:
        initialize(db)
    return path


def _database_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def bundled_postgres() -> Iterator[str]:
    """The name of a PostgreSQL database holding the bundled plan, the template of the copies
    ``bundled_url`` makes (``CREATE DATABASE ... TEMPLATE``: a file copy, not the seconds of
    storing the plan again). Dropped at the end of the session."""
    admin_url = postgres_admin_url()
    assert admin_url is not None
    name = f"zt_bundled_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        with open_database(_database_url(admin_url, name)) as db:
            initialize(db)  # closing disposes the engine: no session may stay on a template
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def postgres_copy(template: str) -> Iterator[str]:
    """The URL of a new PostgreSQL database copied from ``template`` (dropped after)."""
    admin_url = postgres_admin_url()
    assert admin_url is not None
    name = f"zt_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        yield _database_url(admin_url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def bundled_copy(request: pytest.FixtureRequest, backend: str, folder: Path) -> Iterator[str]:
    """The URL of a fresh copy of the bundled plan's database: a SQLite file in ``folder``, or
    a PostgreSQL database (dropped after)."""
    if backend == "sqlite":
        path = folder / "zhospar.sqlite3"
        shutil.copy(request.getfixturevalue("bundled_sqlite"), path)
        yield f"sqlite:///{path}"
    else:
        with postgres_copy(request.getfixturevalue("bundled_postgres")) as url:
            yield url


@pytest.fixture(params=["sqlite", "postgres"])
def bundled_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database holding the bundled plan and nothing else, on SQLite and on
    PostgreSQL, a fresh copy for the test."""
    with bundled_copy(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def bundled_database(bundled_url: str) -> Iterator[Database]:
    """A database holding the bundled plan, on SQLite and on PostgreSQL."""
    with open_database(bundled_url) as db:
        yield db
