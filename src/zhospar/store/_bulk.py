"""Writing many actual rows fast, inside the caller's transaction.

No ORM objects and no per-row SQLAlchemy processing: ``table_rows`` zips the columns of a batch
into plain tuples in ``ACTUAL_COLUMNS`` order, already in the driver's types, without a Python
call per row. SQLite gets ``executemany`` in large batches; PostgreSQL gets one binary
``COPY ... FROM STDIN`` through psycopg. ``progress`` is called with the number of rows written
so far after each batch; if it raises, the transaction is rolled back by the caller and nothing
stays written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, islice
from typing import Any

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from zhospar.model.batch import ActualBatch, by_identity
from zhospar.model.periods import Period
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
    "status": "varchar",
    "coverage": "varchar",
}
Row = tuple[Any, ...]
Progress = Callable[[int], None]
DEFAULT_BATCH = 20_000


def stamp_for(dialect: str, moment: dt.datetime) -> Any:
    """The entry time as the column stores it: naive UTC (text on SQLite, as SQLAlchemy does)."""
    naive = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return naive.isoformat(sep=" ", timespec="microseconds") if dialect == "sqlite" else naive


def period_columns(periods: Sequence[Period]) -> dict[str, list[Any]]:
    """The period's columns of each row: its text ("2011-07"), year, start month and months."""
    distinct = by_identity(periods).items()
    keys = list(map(id, periods))
    return {
        name: list(map({k: part(p) for k, p in distinct}.__getitem__, keys))
        for name, part in _PERIOD_PARTS.items()
    }


_PERIOD_PARTS: dict[str, Callable[[Period], Any]] = {
    "period": str,
    "year": lambda p: p.year,
    "start_month": lambda p: p.start_month,
    "months": lambda p: p.months,
}


def table_rows(
    dialect: str,
    batch: ActualBatch,
    store: Mapping[str, Iterable[Any]],
    written: Sequence[bool] | None,
) -> Iterator[Row]:
    """The rows to insert, in ``ACTUAL_COLUMNS`` order and the driver's types.

    ``store`` holds the columns the store worked out (plan, series, periods, revision, who and
    when); the rest come from the batch as given. ``written`` leaves out the rows it marks False.
    """
    given: dict[str, Iterable[Any]] = {
        # a double on SQLite, the exact decimal on PostgreSQL
        "value": map(float, batch.value) if dialect == "sqlite" else batch.value,
        "source": batch.source,
        "comment": batch.comment,
        "origin_file": batch.origin_file,
        "origin_row": batch.origin_row,
        "force_reason": batch.force_reason,
        "status": batch.status,
        "coverage": batch.coverage,
    }
    columns = {**given, **store}
    rows = zip(*(columns[name] for name in ACTUAL_COLUMNS), strict=False)  # repeat() is endless
    return rows if written is None else compress(rows, written)


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
