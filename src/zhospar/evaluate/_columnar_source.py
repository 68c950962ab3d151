"""Where the columnar path reads facts from: a Parquet or CSV file, a DuckDB relation, or any
table-like object DuckDB can scan (an Arrow table, a pandas or Polars data frame).

The columns are ``indicator_id``, ``year``, ``value`` and optionally ``region`` (NULL = the whole
country), the period as ``month`` (1-12; NULL = the whole year) or as ``start_month`` + ``months``
(a quarter is start 4, 3 months), and ``revision`` (only the highest revision of each
indicator, period and region counts, as in ``facts.latest``). Without a period column every value
is for the whole year. Breakdown rows are named by their own id (``G1.1-I1-b1``); a
``breakdown`` label column is refused rather than silently added to the parent's total.

Bad rows are counted before scoring (``count_bad``: for a Parquet file its statistics answer
without reading the rows) and only when there are some does ``first_bad_row`` read the source
to name the first bad row and field.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from zhospar._exceptions import ValidationError

__all__ = ["FactSource", "FactTable", "count_bad", "first_bad_row", "open_facts"]

FactSource = str | os.PathLike[str] | duckdb.DuckDBPyRelation | Any

_REQUIRED = ("indicator_id", "year", "value")
_PERIOD_LENGTHS = (1, 3, 6, 12)
_INTEGERS = frozenset(
    ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
)
_MAX = sys.float_info.max  # NaN and the infinities lie outside (NaN sorts above all)
_NUMBER = "a finite number such as 5.3 or 5,3"
_PARQUET = (".parquet", ".pq")
_CSV = (".csv", ".tsv", ".txt", ".gz")


@dataclass(frozen=True)
class FactTable:
    """An opened source: what to read it from (``relation``: a file's reader, or the view of a
    relation or object) and the SQL that reads it as normalised columns.

    ``rows`` selects ``indicator_id, year, region, value`` and the period as its first month
    and length (``p_start``, ``p_len``); when the source gives a ``month`` column, ``month`` too
    (``monthly``), which lets the scoring use cheaper expressions. ``positioned`` selects the
    same and each row's position in its file (``pos``), for a Parquet file without revisions
    (see ``_columnar_sorted``); None for other sources.
    """

    relation: str
    name: str  # for messages: the file name, or what the object was
    rows: str
    monthly: bool
    checks: tuple[tuple[str, str, str], ...]  # (field, SQL condition of a bad row, expected)
    header_lines: int  # 1 for a CSV file, so that a row can be named by its line too
    positioned: str | None = None

    @property
    def bad(self) -> str:
        """The SQL condition of a row that is not a valid fact."""
        return " OR ".join(f"({condition})" for _, condition, _ in self.checks)


def open_facts(con: duckdb.DuckDBPyConnection, source: FactSource, view: str) -> FactTable:
    """Make ``source`` readable on ``con`` (a relation or an object as ``view``) and check that
    its columns are usable."""
    name, header, numbered, relation = _register(con, source, view)
    columns = _columns(con, relation, name)
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        found = ", ".join(columns) or "none"
        raise ValidationError(
            f"{name}: expected the column(s) {', '.join(missing)} (facts need indicator_id, "
            f"year and value); found {found}"
        )
    if "breakdown" in columns:
        raise ValidationError(
            f'{name}: a "breakdown" column is not read by the columnar path; name each breakdown '
            "row by its own id (e.g. G1.1-I1-b1) or use evaluate_year for labelled breakdowns"
        )
    start, length, period_checks = _period(columns, name)
    value, year = _value(columns), _integer("year", columns)
    checks = (
        ("indicator_id", "indicator_id IS NULL OR indicator_id = ''", "an indicator id"),
        ("year", f"{year} IS NULL OR {year} NOT BETWEEN 1900 AND 2100", "a year such as 2011"),
        ("value", f"({value}) IS NULL OR ({value}) NOT BETWEEN {-_MAX!r} AND {_MAX!r}", _NUMBER),
        *period_checks,
    )
    region = _text("region", columns) if "region" in columns else "NULL::VARCHAR"
    monthly = "month" in columns
    selected = (
        f"{_text('indicator_id', columns)} AS indicator_id, {year} AS year, {region} AS region, "
        f"{value} AS value, {start} AS p_start, {length} AS p_len"
        + (f", {_integer('month', columns)} AS month" if monthly else "")
    )
    rows = f"SELECT {selected} FROM {relation}"
    positioned = None
    if numbered is not None and not {"revision", "file_row_number"} & set(columns):
        positioned = f"SELECT {selected}, file_row_number AS pos FROM {numbered}"
    if "revision" in columns:  # only the latest revision of each key counts
        rows = (
            f"SELECT * EXCLUDE (revision) FROM (SELECT {selected}, revision FROM {relation}) "
            "QUALIFY row_number() OVER (PARTITION BY indicator_id, year, region, p_start, p_len "
            "ORDER BY revision DESC) = 1"
        )
    return FactTable(relation, name, rows, monthly, checks, header, positioned)


def count_bad(con: duckdb.DuckDBPyConnection, table: FactTable) -> int:
    """How many rows are not valid facts. A Parquet file's statistics answer this without
    reading its rows; other sources are read once, on the few columns concerned."""
    found = con.execute(f"SELECT count(*) FROM {table.relation} WHERE {table.bad}").fetchone()
    return int(found[0]) if found is not None else 0


def _register(
    con: duckdb.DuckDBPyConnection, source: FactSource, view: str
) -> tuple[str, int, str | None, str]:
    """Make ``source`` readable: its name for messages, its header lines, for a Parquet file a
    reader that numbers its rows, and what to read it from: a file's reader itself (a view of
    it would be bound again at each use all the same), else ``view``."""
    if isinstance(source, str | os.PathLike):
        return _register_file(Path(source))
    if isinstance(source, duckdb.DuckDBPyRelation):
        source.create_view(view, replace=True)
        try:
            con.execute(f"SELECT * FROM {view} LIMIT 0")
        except duckdb.CatalogException:
            raise ValidationError(
                "the facts relation was made on another DuckDB connection; pass that "
                "connection as connection="
            ) from None
        return "the facts relation", 0, None, view
    try:
        con.register(view, source)
    except (duckdb.Error, TypeError) as exc:
        raise ValidationError(
            f"cannot read facts from a {type(source).__name__}: give a Parquet or CSV file, a "
            f"DuckDB relation, or a table DuckDB can scan ({exc})"
        ) from None
    return f"the facts {type(source).__name__}", 0, None, view


def _register_file(path: Path) -> tuple[str, int, str | None, str]:
    if not path.is_file():
        raise ValidationError(f"{path}: no such file of facts")
    literal = "'" + str(path).replace("'", "''") + "'"
    suffix = path.suffix.lower()
    if suffix in _PARQUET:
        numbered = f"read_parquet({literal}, file_row_number = true)"
        return path.name, 0, numbered, f"read_parquet({literal})"
    if suffix in _CSV:
        return path.name, 1, None, f"read_csv({literal}, header = true)"
    raise ValidationError(f"{path}: expected a .parquet or .csv file of facts")


def _columns(con: duckdb.DuckDBPyConnection, relation: str, name: str) -> dict[str, str]:
    """The columns of ``relation`` and their types; a file that cannot be read is named."""
    try:
        found = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    except duckdb.Error as exc:
        kind = next((k for k in ("parquet", "csv") if relation.startswith(f"read_{k}")), "facts")
        raise ValidationError(f"{name}: cannot be read as {kind}: {exc}") from None
    return {str(row[0]): str(row[1]).upper() for row in found}


def _integer(column: str, columns: Mapping[str, str]) -> str:
    """An integer column as it is; anything else read as an integer (NULL where it is not one)."""
    if columns[column] in _INTEGERS:
        return column
    return f"TRY_CAST({column} AS INTEGER)"


def _text(column: str, columns: Mapping[str, str]) -> str:
    return column if columns[column] == "VARCHAR" else f"{column}::VARCHAR"


def _value(columns: Mapping[str, str]) -> str:
    """The value as a DOUBLE; text such as "5,3" or "1 234,5" is read as a number."""
    if columns["value"] == "VARCHAR":
        return "TRY_CAST(replace(replace(trim(value), ' ', ''), ',', '.') AS DOUBLE)"
    return "value::DOUBLE"


def _period(
    columns: Mapping[str, str], name: str
) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
    """The period's first month and length in months, and the checks of a valid period."""
    if "month" in columns:
        month = _integer("month", columns)
        check = (
            "month",
            f"month IS NOT NULL AND ({month} IS NULL OR {month} NOT BETWEEN 1 AND 12)",
            "a month 1-12 (or nothing for the whole year)",
        )
        start = f"coalesce({month}, 1)"
        return start, "CASE WHEN month IS NULL THEN 12 ELSE 1 END", (check,)
    if "start_month" in columns or "months" in columns:
        if not ("start_month" in columns and "months" in columns):
            raise ValidationError(
                f"{name}: a period is given by both start_month and months (e.g. 4 and 3 for "
                "the second quarter); only one of them was found"
            )
        lengths = ", ".join(str(n) for n in _PERIOD_LENGTHS)
        start, length = _integer("start_month", columns), _integer("months", columns)
        check = (
            "months",
            f"{length} IS NULL OR {start} IS NULL OR {length} NOT IN ({lengths}) "
            f"OR {start} < 1 OR ({start} - 1) % {length} <> 0",
            "a period: a month (1), quarter (3), half-year (6) or year (12) starting at its "
            "own boundary",
        )
        return start, length, (check,)
    return "1", "12", ()


def first_bad_row(con: duckdb.DuckDBPyConnection, table: FactTable) -> str:
    """Name the first row that is not a valid fact: file, row (and line), field, what was found."""
    for field, condition, expected in table.checks:
        found = con.execute(
            f"SELECT n, {field}::VARCHAR FROM (SELECT row_number() OVER () AS n, * "
            f"FROM {table.relation}) WHERE {condition} ORDER BY n LIMIT 1"
        ).fetchone()
        if found is not None:
            row, value = int(found[0]), found[1]
            line = f" (line {row + table.header_lines})" if table.header_lines else ""
            shown = "nothing" if value is None else f'"{value}"'
            return (
                f'{table.name}, row {row}{line}, column "{field}": expected {expected}; got {shown}'
            )
    return f"{table.name}: a row is not a valid fact"
