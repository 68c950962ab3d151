"""SQLite writers take turns, in the order they came, rather than polling for the lock.

SQLite lets one writer at a time hold its database, and one that finds it taken sleeps and
tries again, sleeping longer each time (1, 2, 5, 10 ... 100 ms): under a steady stream of
writes, a writer that has waited long sleeps through the moments the lock is free, and the
ones that came after it take it. Ten people saving values at once then waited up to seconds
for a write that holds the database for milliseconds.

So a write transaction on a SQLite file first takes its turn: one thread of the process at a
time (a lock of the process), then one process at a time (an ``flock`` on a file beside the
database, ``NAME-writer``, which the kernel hands on as soon as it is released). Only then does
it begin (``BEGIN IMMEDIATE``), and finds the database free. SQLite's own waiting stays as the
safety net for anyone who writes without a turn (another program, a migration). Where the
system has no ``flock`` (Windows) or the file cannot be made (a read-only folder), processes
fall back on that net.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriterTurns", "turn_file"]


def turn_file(database: Path) -> Path:
    """The file whose lock passes the turn between processes: beside the database, named as
    SQLite names its own companions (``-journal``, ``-wal``)."""
    return database.with_name(f"{database.name}-writer")


class WriterTurns:
    """The turns of one SQLite file's writers in this process."""

    def __init__(self, database: Path) -> None:
        self._path = turn_file(database)
        self._thread = threading.Lock()

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._thread:
            handle = self._open()
            try:
                if handle is not None:
                    fcntl.flock(handle, fcntl.LOCK_EX)
                yield
            finally:
                if handle is not None:
                    os.close(handle)  # closing the file releases its lock

    def _open(self) -> int | None:
        if fcntl is None:
            return None
        try:
            return os.open(self._path, os.O_RDONLY | os.O_CREAT, 0o644)  # flock needs no more
        except OSError:
            return None
