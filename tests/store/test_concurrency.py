"""Two writers at once lose nothing; a killed import leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from tests.store.plan_fixture import count, make_small_plan, one
from zhospar.model.periods import Period
from zhospar.store import Database, history, open_database, record_actuals, store_plan
from zhospar.store.schema import ActualRow

WRITES = 15
RETRIES: list[int] = []


def _writer(url: str, name: str, errors: list[BaseException], start: threading.Barrier) -> None:
    try:
        with open_database(url) as db:
            start.wait()
            for i in range(WRITES):
                value = f"{i}.{1 if name == 'a' else 2}"
                record_actuals(db, "small", [one("G1.1-I1", "2011", value)], entered_by=name)
            RETRIES.append(db.retries)
    except BaseException as error:  # reported by the test
        errors.append(error)
        start.abort()


def _run_writers(url: str) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    threads = [threading.Thread(target=_writer, args=(url, n, errors, start)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_two_writers_on_the_same_indicator_lose_nothing(
    loaded: Database, database_url: str
) -> None:
    assert _run_writers(database_url) == []
    found = history(loaded, "G1.1-I1", plan_key="small")
    assert sorted(a.revision for a in found) == list(range(1, 2 * WRITES + 1))
    assert sorted(a.value for a in found) == sorted(
        Decimal(f"{i}.{k}") for i in range(WRITES) for k in (1, 2)
    )
    assert {a.entered_by for a in found} == {"a", "b"}


def test_without_the_lock_a_revision_conflict_is_retried(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: the unique key on revisions is the safety net when writers are not serialized.

    (SQLite serializes writers with BEGIN IMMEDIATE, so there is no lock to take away there.)
    """
    with open_database(pg_schema_url) as db:
        store_plan(db, make_small_plan(), "small")

        # Both writers' first transactions meet here, before either reads the revisions in
        # force, so they pick the same revision number: a conflict is certain, not left to timing.
        meet = threading.Barrier(2, timeout=30)
        seen = threading.local()

        def no_lock(self: Database, conn: Connection, plan_id: int) -> None:
            if not getattr(seen, "first", False):
                seen.first = True
                meet.wait()

        monkeypatch.setattr(Database, "_lock_plan", no_lock)
        RETRIES.clear()
        assert _run_writers(pg_schema_url) == []
        assert sum(RETRIES) > 0  # the conflict happened and was retried
        found = history(db, "G1.1-I1", plan_key="small")
        assert sorted(a.revision for a in found) == list(range(1, 2 * WRITES + 1))


WRITER = """
import sys
from decimal import Decimal
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.store import open_database, record_actuals

db = open_database(sys.argv[1])
name = sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()  # both start together
for i in range(int(sys.argv[3])):
    value = Decimal(i) + (Decimal("0.1") if name == "p1" else Decimal("0.2"))
    item = ActualInput(indicator_id="G1.1-I1", period=Period.parse("2012"), value=value)
    record_actuals(db, "small", [item], entered_by=name)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def test_two_writer_processes_lose_nothing(loaded: Database, database_url: str) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database_url, name, str(WRITES)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env(),
        )
        for name in ("p1", "p2")
    ]  # fmt: skip
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.close()
    for child in children:
        assert child.wait(timeout=120) == 0
        assert child.stdout is not None
        child.stdout.close()
    found = history(loaded, "G1.1-I1", plan_key="small", period=Period(2012, 1, 12))
    assert sorted(a.revision for a in found) == list(range(1, 2 * WRITES + 1))
    assert sorted(a.entered_by for a in found) == ["p1"] * WRITES + ["p2"] * WRITES


SCRIPT = """
import sys, time
from decimal import Decimal
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.store import open_database, record_actuals

db = open_database(sys.argv[1])
inputs = [
    ActualInput(indicator_id="T1.3.1-I1", period=Period.parse(f"{2008 + i % 7}-{1 + i % 12:02d}"),
                value=Decimal(i), region=str(11 + 4 * (i % 14)))
    for i in range(int(sys.argv[2]))
]

def progress(written):
    print(written, flush=True)
    if written >= 2000:
        time.sleep(60)  # killed here, half-way

record_actuals(db, "small", inputs, entered_by="killed", progress=progress, batch_size=1000)
print("finished", flush=True)
"""


def test_an_import_killed_half_way_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'z.sqlite3'}"
    with open_database(url) as db:
        store_plan(db, make_small_plan(), "small")
        record_actuals(db, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t")
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SCRIPT), url, "5000"],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert child.stdout is not None
    seen = [child.stdout.readline().strip() for _ in range(2)]
    assert seen == ["1000", "2000"]  # two batches are written inside the open transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with open_database(url) as db:
        assert count(db) == 1
        with db.reading() as conn:
            killed = conn.scalar(
                select(func.count()).select_from(ActualRow).where(ActualRow.entered_by == "killed")
            )
        assert killed == 0
        # and the database still takes writes
        record_actuals(db, "small", [one("G1.1-I1", "2012", "5.3")], entered_by="t")
        assert count(db) == 2
