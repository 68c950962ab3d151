"""How fast a large file of actual values imports, beside a raw bulk load of the same file.

Run with ``python3 -m uv run python bench/import.py [--rows N] [--postgres URL]``.

It writes a synthetic CSV (every indicator of the plan in force x the 16 regions x monthly
periods, year after year until N rows: 1,000,000 by default) into a temporary folder, then for
SQLite (a temporary file) and, when ``--postgres URL`` or ``ZHOSPAR_TEST_POSTGRES_URL`` names a
server, PostgreSQL (a fresh schema, dropped afterwards):

* imports it through the real path, ``zhospar.imports``: read -> check every row against the
  plan -> ``zhospar.store.record_actuals`` (one transaction), timing the two halves;
* loads the same file into a bare five-column table, the fastest way each database offers
  (``executemany`` over ``csv.reader`` for SQLite, ``COPY ... FROM STDIN (FORMAT csv)`` for
  PostgreSQL), so that the importer's overhead shows as a ratio. The goal is at least half the
  raw rate;
* loads the same rows, prebuilt (not timed) in the shape ``actuals`` keeps them (every column,
  and the unique key of a revision that the history needs), into an empty copy of that table the
  same raw way: the storage floor. An importer that keeps this history would need reading and
  checking to cost nothing to reach it, so it shows how much of the gap is the table's own cost
  (its surrogate id, its unique revision key, its width) rather than the importer's.

Each database is measured in its own process so that its peak memory (``ru_maxrss``) is its own.

The plan has only seven years (2008-2014): 16 regions x 84 months x the plan's few hundred
indicators is fewer than a million distinct values, and the importer refuses the same value twice
in one file. So the bench stores a copy of the bundled plan whose period is stretched to as many
years as N rows need, under the key "bench"; nothing else about the plan changes.
"""

from __future__ import annotations

import argparse
import csv
import math
import multiprocessing
import os
import resource
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from zhospar.imports import check_file, template_rows
from zhospar.ingest import read_plan
from zhospar.model.plan import MILESTONE_UNIT, Plan

REGION_CODES = ("11", "15", "19", "23", "27", "31", "35", "39",
                "43", "47", "51", "55", "59", "63", "71", "75")  # fmt: skip
FIRST_YEAR = 2008
BENCH_KEY = "bench"
HEADER = ("indicator_id", "period", "region", "value", "source")


@dataclass
class Figures:
    backend: str
    rows: int
    check_s: float
    write_s: float
    raw_s: float
    floor_s: float
    peak_mib: float
    growth_mib: float

    @property
    def import_s(self) -> float:
        return self.check_s + self.write_s


def bench_plan(rows: int) -> tuple[Plan, list[str]]:
    """The bundled plan with its period stretched to hold ``rows`` distinct values; its ids."""
    plan = read_plan().plan
    # milestones take only 1 or 0: the synthetic values are for indicators and spending
    ids = [row.indicator_id for row in template_rows(plan) if row.unit != MILESTONE_UNIT]
    per_year = len(ids) * len(REGION_CODES) * 12
    years = max(1, math.ceil(rows / per_year))
    plan.period_end = max(plan.period_end, FIRST_YEAR + years - 1)
    return plan, ids


def write_csv(path: Path, ids: list[str], rows: int) -> None:
    """Rows in the order a monthly regional report is assembled: month, indicator, region."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(_synthetic_rows(ids, rows))


def _synthetic_rows(ids: list[str], rows: int) -> Iterator[tuple[str, str, str, str, str]]:
    n = 0
    for year in range(FIRST_YEAR, 3000):
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            for ident in ids:
                for region in REGION_CODES:
                    # 0.00 to 99.99: sensible for every unit (share, count, money, growth)
                    yield ident, period, region, f"{n * 37 % 10000 / 100:.2f}", "synthetic"
                    n += 1
                    if n == rows:
                        return


def measure(backend: str, url: str, csv_path: str, plan_json: str) -> Figures:
    """Import the file into a new database at ``url``, then bulk-load it raw (in a child)."""
    from zhospar.store import initialize, open_database, record_actuals, store_plan

    db = open_database(url)
    initialize(db)  # schema, regions and the bundled plan, as `zhospar init` does
    store_plan(db, Plan.model_validate_json(plan_json), BENCH_KEY)
    db.load_plan(BENCH_KEY)  # warm the plan cache, as a second import would find it
    before = _rss_mib()
    start = time.perf_counter()
    checked = check_file(csv_path, db.load_plan(BENCH_KEY))
    checked.raise_problems()
    checked_at = time.perf_counter()
    result = record_actuals(db, BENCH_KEY, checked.batch, entered_by="bench")
    done = time.perf_counter()
    peak = _rss_mib()
    db.close()
    raw = _raw_sqlite(url, csv_path) if url.startswith("sqlite") else _raw_postgres(url, csv_path)
    floor = _storage_floor(url, csv_path)
    return Figures(backend, result.rows, checked_at - start, done - checked_at, raw, floor, peak,
                   peak - before)  # fmt: skip


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _raw_sqlite(url: str, csv_path: str) -> float:
    import sqlite3

    path = Path(url.removeprefix("sqlite:///")).with_name("raw.sqlite3")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE raw (indicator_id TEXT, period TEXT, region TEXT, "
                 "value REAL, source TEXT)")  # fmt: skip
    start = time.perf_counter()
    with open(csv_path, encoding="utf-8", newline="") as handle, conn:
        records = csv.reader(handle)
        next(records)
        conn.executemany("INSERT INTO raw VALUES (?, ?, ?, ?, ?)", records)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _raw_postgres(url: str, csv_path: str) -> float:
    import psycopg

    with psycopg.connect(_libpq_url(url)) as conn:
        conn.execute("CREATE TABLE raw (indicator_id text, period text, region text, "
                     "value numeric, source text)")  # fmt: skip
    return _copy_csv(url, "COPY raw FROM STDIN (FORMAT csv, HEADER)", csv_path)


def _storage_floor(url: str, csv_path: str) -> float:
    """Load the file's rows, already in the ``actuals`` shape, into an empty copy of the table.

    The same raw way as the raw load: ``executemany`` of ready tuples on SQLite, ``COPY ... FROM
    STDIN (FORMAT csv)`` of a ready file on PostgreSQL. Building the rows is not timed.
    """
    from sqlalchemy import MetaData

    from zhospar.store import open_database
    from zhospar.store.schema import ACTUAL_COLUMNS, ActualRow

    db = open_database(url)
    copy = ActualRow.__table__.to_metadata(MetaData(), name="floor_actuals")
    for constraint in copy.constraints:  # PostgreSQL: constraint names are per schema
        constraint.name = f"floor_{constraint.name}"
    copy.create(db.engine)
    db.close()
    rows = _stored_rows(csv_path)
    names = ", ".join(ACTUAL_COLUMNS)
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        sql = f"INSERT INTO floor_actuals ({names}) VALUES ({', '.join('?' * len(ACTUAL_COLUMNS))})"
        start = time.perf_counter()
        with conn:
            conn.executemany(sql, rows)
        elapsed = time.perf_counter() - start
        conn.close()
        return elapsed
    ready = Path(csv_path).with_name("stored.csv")
    with ready.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    sql = f"COPY floor_actuals ({names}) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (breakdown))"
    return _copy_csv(url, sql, ready)


def _stored_rows(csv_path: str) -> list[tuple[object, ...]]:
    """The file's rows as ``actuals`` keeps them (``ACTUAL_COLUMNS`` order), first revisions."""
    stamp = "2026-01-01 00:00:00.000000"
    with open(csv_path, encoding="utf-8", newline="") as handle:
        records = csv.reader(handle)
        next(records)
        return [
            (1, ident, period, int(period[:4]), int(period[5:]), 1, region, "", 1, float(value),
             source, None, "actuals.csv", n, None, "bench", stamp)
            for n, (ident, period, region, value, source) in enumerate(records, start=2)
        ]  # fmt: skip


def _copy_csv(url: str, sql: str, path: Path | str) -> float:
    import psycopg

    with psycopg.connect(_libpq_url(url)) as conn:
        start = time.perf_counter()
        with conn.cursor() as cur, cur.copy(sql) as copy, open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        return time.perf_counter() - start


def _libpq_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def fresh_schema(admin_url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    if "+" not in admin_url.split("://", 1)[0]:
        admin_url = admin_url.replace("postgresql://", "postgresql+psycopg://", 1)
    admin = create_engine(admin_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        options = {"options": f"-csearch_path={schema}"}
        yield make_url(admin_url).update_query_dict(options).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _measure_in_child(backend: str, url: str, csv_path: str, plan_json: str) -> Figures:
    try:
        return measure(backend, url, csv_path, plan_json)
    except Exception as error:  # Zhospar's errors do not pickle back to the parent: send text
        raise RuntimeError(f"{type(error).__name__}: {error}"[:5000]) from None


def _in_child(backend: str, url: str, csv_path: Path, plan_json: str) -> Figures:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_measure_in_child, (backend, url, str(csv_path), plan_json))


def report(figures: Figures) -> None:
    rate = figures.rows / figures.import_s
    raw_rate = figures.rows / figures.raw_s
    share = rate / raw_rate
    verdict = "meets" if share >= 0.5 else "BELOW"
    print(f"{figures.backend}:")
    print(
        f"  import      {figures.import_s:8.2f} s  {rate:>10,.0f} rows/s  "
        f"(read+check {figures.check_s:.2f} s, record_actuals {figures.write_s:.2f} s)"
    )
    print(f"  raw load    {figures.raw_s:8.2f} s  {raw_rate:>10,.0f} rows/s")
    floor_rate = figures.rows / figures.floor_s
    print(
        f"  storage     {figures.floor_s:8.2f} s  {floor_rate:>10,.0f} rows/s  (the same rows "
        "prebuilt as actuals keeps them, loaded the raw way: no reading, no checks)"
    )
    print(
        f"  ratio       import takes {figures.import_s / figures.raw_s:.1f}x the raw time: "
        f"{share:.0%} of the raw rate ({verdict} the 50 % goal)"
    )
    print(
        f"  floor       the table alone takes {figures.floor_s / figures.raw_s:.1f}x the raw "
        f"time: an importer that read and checked for free would reach {floor_rate / raw_rate:.0%}"
        f" of the raw rate; the import reaches {rate / floor_rate:.0%} of that floor"
    )
    print(f"  peak memory {figures.peak_mib:8.0f} MiB RSS ({figures.growth_mib:.0f} MiB "
          "above the start of the import)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="values in the file")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("ZHOSPAR_TEST_POSTGRES_URL"),
        help="a PostgreSQL server URL (default: ZHOSPAR_TEST_POSTGRES_URL)",
    )
    args = parser.parse_args()
    plan, ids = bench_plan(args.rows)
    with tempfile.TemporaryDirectory(prefix="zhospar-bench-") as folder:
        csv_path = Path(folder) / "actuals.csv"
        start = time.perf_counter()
        write_csv(csv_path, ids, args.rows)
        size = csv_path.stat().st_size / 2**20
        print(f"{args.rows:,} values: {len(ids)} indicators x {len(REGION_CODES)} regions x "
              f"months of {FIRST_YEAR}-{plan.period_end}; {size:.0f} MiB CSV written in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        plan_json = plan.model_dump_json()
        sqlite_url = f"sqlite:///{Path(folder) / 'zhospar.sqlite3'}"
        report(_in_child("SQLite", sqlite_url, csv_path, plan_json))
        if args.postgres:
            with fresh_schema(args.postgres) as url:
                report(_in_child("PostgreSQL", url, csv_path, plan_json))
        else:
            print("PostgreSQL: skipped (give --postgres URL or set ZHOSPAR_TEST_POSTGRES_URL)")


if __name__ == "__main__":
    main()
