"""SQLite on a file: a write-ahead log (a reader never holds a writer up), writers that take
turns across threads and processes, and backups that stay one file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from contextlib import closing
from pathlib import Path

from sqlalchemy import text

from tests.store.plan_fixture import count, make_small_plan, one
from zhospar.store import backup_database, open_database, record_actuals, store_plan
from zhospar.store._sqlite_turns import WriterTurns, turn_file


def test_a_file_database_keeps_a_write_ahead_log(tmp_path: Path) -> None:
    with open_database(f"sqlite:///{tmp_path / 'z.sqlite3'}") as db, db.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_write_commits_while_a_reader_holds_its_snapshot(tmp_path: Path) -> None:
    """With the rollback journal, the commit waited (up to the 60 s busy timeout) for the
    reader's lock; with the log it commits at once and the reader keeps its snapshot."""
    db = open_database(f"sqlite:///{tmp_path / 'z.sqlite3'}")
    store_plan(db, make_small_plan(), "small")
    done = threading.Event()

    def write() -> None:
        record_actuals(db, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t")
        done.set()

    with db.reading() as reader:
        before = reader.execute(text("SELECT count(*) FROM actuals")).scalar()
        writer = threading.Thread(target=write)
        writer.start()
        assert done.wait(10), "the write waited for the reader"
        # the reader's transaction still sees the state it began with
        assert reader.execute(text("SELECT count(*) FROM actuals")).scalar() == before == 0
    writer.join()
    assert count(db) == 1
    db.close()


def test_only_one_writer_holds_the_turn_at_a_time(tmp_path: Path) -> None:
    """Two ``WriterTurns`` of one file stand for two processes: the second waits for the
    first's turn to end (the file lock), and gets it at once after."""
    database = tmp_path / "z.sqlite3"
    first, second = WriterTurns(database), WriterTurns(database)
    inside, release, got = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        with first.turn():
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)

    def take() -> None:
        with second.turn():
            got.set()

    taker = threading.Thread(target=take)
    taker.start()
    assert not got.wait(0.3), "the second writer got a turn while the first held it"
    release.set()
    assert got.wait(10)
    holder.join()
    taker.join()
    assert turn_file(database) == tmp_path / "z.sqlite3-writer"
    assert turn_file(database).exists()


def test_a_turn_held_by_another_process_holds_writes_back(tmp_path: Path) -> None:
    database = tmp_path / "z.sqlite3"
    db = open_database(f"sqlite:///{database}")
    store_plan(db, make_small_plan(), "small")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from zhospar.store._sqlite_turns import WriterTurns
            with WriterTurns(Path({str(database)!r})).turn():
                print("holding", flush=True)
                sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        done = threading.Event()
        writer = threading.Thread(
            target=lambda: (
                record_actuals(db, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t"),
                done.set(),
            )
        )
        writer.start()
        assert not done.wait(0.5), "a write went ahead of another process's turn"
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert done.wait(10)
        writer.join()
    finally:
        holder.kill()
        holder.communicate()  # closes its pipes
    assert count(db) == 1
    db.close()


def test_a_backup_is_one_file_with_the_newest_writes(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    store_plan(db, make_small_plan(), "small")
    record_actuals(db, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t")
    saved = backup_database(db, tmp_path / "saved.sqlite3")  # the write is still in the log
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("saved")) == [
        "saved.sqlite3"
    ]
    saved.chmod(0o444)
    with closing(sqlite3.connect(f"{saved.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT count(*) FROM actuals").fetchone() == (1,)
