"""Writing many actual rows fast, inside the caller's transaction.

No ORM objects and no per-row SQLAlchemy processing: rows arrive as plain tuples in
``ACTUAL_COLUMNS`` order, already in the driver's types. SQLite gets ``executemany`` in large
batches; PostgreSQL gets one binary ``COPY ... FROM STDIN`` through psycopg. ``progress`` is
called with the number of rows written so far after each batch; if it raises, the transaction is
rolled back by the caller and nothing stays written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import islice
from typing import Any

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from zhospar.store.schema import ACTUAL_COLUMNS

# PostgreSQL types of the actuals columns, for binary COPY (checked against the table by a test).
_PG_TYPES = {
    "plan_id": "int4",
    "indicator_id": "varchar",
    "period": "varchar",
    "year": "int4",
    "start_month": "int4",
    "months": "int4",
    "region": "varchar",
    "breakdown": "varchar",
    "revision": "int4",
    "value": "numeric",
    "source": "text",
    "comment": "text",
    "origin_file": "text",
    "origin_row": "int4",
    "force_reason": "text",
    "entered_by": "varchar",
    "entered_at": "timestamp",
}
Row = tuple[Any, ...]
Progress = Callable[[int], None]
DEFAULT_BATCH = 20_000


def value_for(dialect: str) -> Callable[[Decimal], Any]:
    """How a value goes to the driver: a double on SQLite, the exact decimal on PostgreSQL."""
    return float if dialect == "sqlite" else _same


def stamp_for(dialect: str, moment: dt.datetime) -> Any:
    """The entry time as the column stores it: naive UTC (text on SQLite, as SQLAlchemy does)."""
    naive = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return naive.isoformat(sep=" ", timespec="microseconds") if dialect == "sqlite" else naive


def _same(value: Decimal) -> Decimal:
    return value


def write_rows(
    conn: Connection,
    rows: Iterable[Row],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> int:
    """Insert the rows into ``actuals``; returns how many were written."""
    if conn.dialect.name == "postgresql":
        return _copy(conn, rows, batch_size, progress)
    return _executemany(conn, rows, batch_size, progress)


def _executemany(
    conn: Connection, rows: Iterable[Row], batch_size: int, progress: Progress | None
) -> int:
    marks = ", ".join("?" for _ in ACTUAL_COLUMNS)
    sql = f"INSERT INTO actuals ({', '.join(ACTUAL_COLUMNS)}) VALUES ({marks})"
    written = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        conn.exec_driver_sql(sql, batch)  # a list of tuples: one executemany
        written += len(batch)
        if progress is not None:
            progress(written)
    return written


def _copy(conn: Connection, rows: Iterable[Row], batch_size: int, progress: Progress | None) -> int:
    sql = f"COPY actuals ({', '.join(ACTUAL_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
    driver = conn.connection.driver_connection
    written = 0
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
            copy.set_types([_PG_TYPES[name] for name in ACTUAL_COLUMNS])
            for row in rows:
                copy.write_row(row)
                written += 1
                if progress is not None and written % batch_size == 0:
                    progress(written)
    except psycopg.errors.IntegrityError as error:  # e.g. a revision taken meanwhile: retryable
        raise IntegrityError(sql, None, error) from error
    if progress is not None and written % batch_size:
        progress(written)
    return written
