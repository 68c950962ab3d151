"""Backup and restore of the SQLite default database, through SQLite's online backup API.

The backup API copies a consistent snapshot page by page, even while others read or write, and
takes the write-ahead log into account (the database keeps one: ``zhospar.store.db``); copying
the file by hand would miss what is still in the log. The backup is one self-contained file.
PostgreSQL has its own tools (``pg_dump`` / ``pg_restore``), which these functions point to.

A file is restored only if it is a Zhospar database: a SQLite file whose ``zhospar_meta`` table
says so, at a schema revision this version of Zhospar knows. After a restore the schema is
upgraded, so an older backup comes back usable.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Connection, select, update

from zhospar._exceptions import StoreError
from zhospar.store.data_version import plan_states
from zhospar.store.db import Database, known_revisions, migrate
from zhospar.store.schema import SCHEMA_MARKER, PlanRow

__all__ = ["backup_database", "check_backup", "restore_database"]


def _sqlite_file(db: Database, action: str) -> Path:
    path = db.sqlite_path
    if path is None:
        raise StoreError(
            f"{action} works on the SQLite default database only; {db.url} is "
            f"{db.dialect}: use pg_dump / pg_restore for PostgreSQL"
        )
    return path


def backup_database(db: Database, target: str | Path, *, overwrite: bool = False) -> Path:
    """Copy the database into ``target`` (a new SQLite file); returns its path."""
    source = _sqlite_file(db, "backup")
    target = Path(target).expanduser()
    if target.resolve() == source.resolve():
        raise StoreError(f"{target} is the database itself: choose another file for the backup")
    if target.exists() and not overwrite:
        raise StoreError(f"{target} already exists: choose a new file (or overwrite it)")
    if target.is_dir():
        raise StoreError(f"{target} is a folder: name the backup file to write")
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        # the copy takes the database's write-ahead log mode; a backup is one file on its own
        # (on a stick, read-only, mailed), so it goes back to the plain rollback journal
        dst.execute("PRAGMA journal_mode = DELETE")
    return target


def check_backup(path: str | Path) -> str:
    """The schema revision of a Zhospar backup; StoreError saying why when it is not one."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    not_ours = f"{path} is not a Zhospar database"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            marker = conn.execute("SELECT value FROM zhospar_meta WHERE key = 'schema'").fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{not_ours} ({error}); nothing was restored") from None
    if marker is None or marker[0] != SCHEMA_MARKER or revision is None:
        raise StoreError(f"{not_ours} (no Zhospar marker in it); nothing was restored")
    if revision[0] not in known_revisions():
        raise StoreError(
            f"{path} was written by a newer Zhospar (schema {revision[0]}); "
            "upgrade Zhospar to restore it. Nothing was restored"
        )
    return str(revision[0])


def restore_database(db: Database, source: str | Path) -> str:
    """Replace the database's content by the backup in ``source``; returns the backup's schema.

    The backup is checked first; the database is only touched when it is a Zhospar backup.
    """
    target = _sqlite_file(db, "restore")
    revision = check_backup(source)
    source = Path(source).expanduser()
    if source.resolve() == target.resolve():
        raise StoreError(f"{source} is the database itself: nothing to restore")
    before = _data_versions(db)
    db.engine.dispose()
    db._cache.clear()
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    migrate(db.engine, "head")
    _move_data_versions_past(db, before)
    return revision


def _data_versions(db: Database) -> dict[str, int]:
    """Each plan's data version before a restore (none when the database has no plans yet)."""
    try:
        return {s.key: s.data_version for s in plan_states(db)}
    except StoreError:  # not set up yet, or an older schema: nothing cached against it
        return {}


def _move_data_versions_past(db: Database, before: dict[str, int]) -> None:
    """Set each restored plan's data version past the one it had before the restore, so that a
    server still running on the database drops what it kept from before."""

    def work(conn: Connection) -> None:
        found = conn.execute(select(PlanRow.key, PlanRow.id, PlanRow.data_version))
        for key, plan_id, now in found.all():
            if key in before and now <= before[key]:
                rows = update(PlanRow).where(PlanRow.id == plan_id)
                conn.execute(rows.values(data_version=before[key] + 1))

    db.write(work)
