"""A database that fails is a ``StoreError`` everywhere: one sentence and exit status 7 on the
command line, HTTP 503 with a page or JSON on the web and the API; never a traceback or a 500.

The failures are real where they can be: SQLite refused a new page, as on a full disk
(``PRAGMA max_page_count``: "database or disk is full"); a PostgreSQL connection ended by the
server in the middle of a write (``pg_terminate_backend``); a server that cannot be reached.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import Pool

from tests._webapp import TestClient, new_client
from tests.store.conftest import postgres_admin_url, postgres_schema
from tests.store.plan_fixture import make_small_plan
from zhospar._exceptions import DatabaseUnavailable, StoreError
from zhospar.cli import app
from zhospar.cli._errors import run
from zhospar.server import create_app
from zhospar.store import Database, Settings, history, open_database, store_plan

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def _small(url: str) -> str:
    with open_database(url) as db:
        store_plan(db, make_small_plan(), "small")
    return url


@contextmanager
def _disk_full() -> Iterator[None]:
    """Every SQLite connection opened meanwhile may not grow its file: the first page a write
    needs fails with SQLITE_FULL, "database or disk is full", as on a full disk."""

    def cap(dbapi_connection: Any, _record: Any) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Pool, "connect", cap)
    try:
        yield
    finally:
        event.remove(Pool, "connect", cap)


@contextmanager
def _connection_lost_in_writes() -> Iterator[None]:
    """The server ends the connection of each write transaction as its first statement runs."""
    admin_url = postgres_admin_url()
    assert admin_url is not None
    admin = create_engine(admin_url)

    def terminate(conn: Any, _cursor: Any, *_args: Any) -> None:
        if conn.dialect.name == "postgresql" and conn.get_execution_options().get("zhospar_write"):
            pid = conn.connection.driver_connection.info.backend_pid
            with admin.begin() as kill:
                kill.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    event.listen(Engine, "before_cursor_execute", terminate)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", terminate)
        admin.dispose()


def _zhospar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[object, str]:
    """Run ``zhospar ARGS`` as the installed command does: its exit status and standard error."""
    monkeypatch.setattr(sys, "argv", ["zhospar", *args])
    with pytest.raises(SystemExit) as exited:
        run(app)
    return exited.value.code, capsys.readouterr().err


def _set_with_a_long_comment() -> tuple[str, ...]:
    """A value whose source and comment (each within the 2,000-character limit, two bytes a
    letter in UTF-8) are longer than a page: the write asks for a new one."""
    long = "ұзақ жазба " * 180
    return ("actual", "set", "G1.1-I1", "2011", "5.4", "--comment", long, "--source", long)


def test_a_full_disk_is_one_sentence_and_exit_7_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _small(f"sqlite:///{tmp_path / 'full.sqlite3'}")
    # no free page left to reuse; sqlite3's own "with" commits but does not close
    with closing(sqlite3.connect(tmp_path / "full.sqlite3")) as compact:
        compact.execute("VACUUM")
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", url)
    with _disk_full():
        code, err = _zhospar(monkeypatch, capsys, *_set_with_a_long_comment())
    assert code == 7
    assert (
        err == f"zhospar: error: the database {url} cannot be used now: database or disk is full\n"
    )
    with open_database(url) as db:
        assert history(db, "G1.1-I1", plan_key="small") == []


@pytest.mark.postgres
def test_a_lost_postgresql_connection_is_one_sentence_and_exit_7(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with postgres_schema() as url:
        _small(url)
        monkeypatch.setenv("ZHOSPAR_DATABASE_URL", url)
        with _connection_lost_in_writes():
            code, err = _zhospar(monkeypatch, capsys, "actual", "set", "G1.1-I1", "2011", "5.4")
        assert code == 7
        assert err.startswith("zhospar: error: the database postgresql+psycopg://")
        assert "cannot be used now: terminating connection due to administrator command" in err
        assert err.count("\n") == 1 and "Traceback" not in err
        with open_database(url) as db:
            assert history(db, "G1.1-I1", plan_key="small") == []


@pytest.mark.postgres
def test_the_store_raises_database_unavailable_when_the_server_ends_a_write() -> None:
    with (
        postgres_schema() as url,
        open_database(url) as db,
        _connection_lost_in_writes(),
        pytest.raises(DatabaseUnavailable, match="terminating connection"),
    ):
        db.write(lambda conn: conn.execute(text("SELECT 1")).scalar())


def test_an_unreachable_server_is_one_sentence_and_exit_7(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", UNREACHABLE)
    code, err = _zhospar(monkeypatch, capsys, "plans")
    assert code == 7
    assert err.startswith(f"zhospar: error: the database {UNREACHABLE} cannot be used now: ")
    assert err.count("\n") == 1


def test_a_driver_error_that_escaped_the_store_is_still_exit_7(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's safety net: SQLAlchemy's error raised past the store's boundary."""
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", _small(f"sqlite:///{tmp_path / 'z.sqlite3'}"))
    full = sqlite3.OperationalError("database or disk is full")

    def fails(_db: Database) -> None:
        raise OperationalError("SELECT 1", {}, full)

    monkeypatch.setattr("zhospar.store.list_plans", fails)
    code, err = _zhospar(monkeypatch, capsys, "plans")
    assert (code, err) == (
        7,
        "zhospar: error: the database cannot be used now: database or disk is full\n",
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Database, TestClient]]:
    """The app over a SQLite file holding the small plan, before any page was asked for, and a
    planner signed in (so that the database is read first to know who is asking)."""
    db = open_database(_small(f"sqlite:///{tmp_path / 'web.sqlite3'}"))
    try:
        with new_client(create_app(db, settings=Settings(db.url, "aigerim"))) as client:
            yield db, client
    finally:
        db.close()


def test_the_web_and_the_api_answer_503_when_the_server_cannot_be_reached(
    served: tuple[Database, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, client = served
    monkeypatch.setattr(db, "engine", create_engine(UNREACHABLE))
    page = client.get("/")
    assert page.status_code == 503
    assert "Database unavailable" in page.text and "cannot be used now" in page.text
    answer = client.get("/api/plan")
    assert answer.status_code == 503
    assert answer.json()["detail"].startswith(f"the database {UNREACHABLE} cannot be used now: ")


def test_the_api_answers_503_for_a_driver_error_that_escaped_the_store(
    served: tuple[Database, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    full = sqlite3.OperationalError("database or disk is full")

    def fails(_db: Database, _key: str | None = None) -> None:
        raise OperationalError("SELECT 1", {}, full)

    monkeypatch.setattr(Database, "load_plan", fails)
    answer = served[1].get("/api/plan")
    assert answer.status_code == 503
    assert answer.json() == {"detail": "the database cannot be used now: database or disk is full"}


def test_a_refusal_that_is_not_a_failure_is_a_plain_store_error(tmp_path: Path) -> None:
    refused = pytest.raises(StoreError, match="refused the change: UNIQUE constraint failed")
    with open_database(_small(f"sqlite:///{tmp_path / 'r.sqlite3'}")) as db, refused as e:
        db.write(lambda conn: conn.execute(text("INSERT INTO plans SELECT * FROM plans")))
    assert not isinstance(e.value, DatabaseUnavailable)
