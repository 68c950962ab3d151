"""Backup and restore of the SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.plan_fixture import count, make_small_plan, one
from zhospar._exceptions import StoreError
from zhospar.store import (
    Database,
    backup_database,
    open_database,
    record_actuals,
    restore_database,
    store_plan,
)
from zhospar.store.db import head_revision


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    store_plan(db, make_small_plan(), "small")
    return db


def test_backup_then_restore_brings_back_the_old_content(
    sqlite_db: Database, tmp_path: Path
) -> None:
    record_actuals(sqlite_db, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t")
    saved = backup_database(sqlite_db, tmp_path / "saved.sqlite3")
    record_actuals(sqlite_db, "small", [one("G1.1-I1", "2012", "5.3")], entered_by="t")
    assert count(sqlite_db) == 2
    assert restore_database(sqlite_db, saved) == head_revision()
    assert count(sqlite_db) == 1
    assert sqlite_db.plan_keys() == ["small"]
    record_actuals(sqlite_db, "small", [one("G1.1-I1", "2013", "5.2")], entered_by="t")
    assert count(sqlite_db) == 2
    sqlite_db.close()


def test_backup_does_not_overwrite_a_file(sqlite_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "exists.sqlite3"
    target.write_text("precious")
    with pytest.raises(StoreError, match="already exists"):
        backup_database(sqlite_db, target)
    assert target.read_text() == "precious"
    sqlite_db.close()


def test_restore_refuses_a_file_that_is_not_a_zhospar_database(
    sqlite_db: Database, tmp_path: Path
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello, not a database\n" * 100)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x)")
    for bad, why in ((text_file, "file is not a database"), (other, "no such table")):
        with pytest.raises(StoreError, match=f"is not a Zhospar database.*{why}"):
            restore_database(sqlite_db, bad)
    with pytest.raises(StoreError, match="no such file"):
        restore_database(sqlite_db, tmp_path / "missing.sqlite3")
    assert sqlite_db.plan_keys() == ["small"]  # untouched
    sqlite_db.close()


def test_postgresql_is_pointed_to_its_own_tools(pg_schema_url: str, tmp_path: Path) -> None:
    with open_database(pg_schema_url) as db, pytest.raises(StoreError, match="pg_dump"):
        backup_database(db, tmp_path / "x.sqlite3")
