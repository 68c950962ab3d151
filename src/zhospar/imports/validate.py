"""Turning the raw rows of an import file into ``ActualInput`` values, or every problem at once.

Nothing is written until the whole file is known to be good, so this module looks at every row
and collects every problem (unknown or ambiguous indicator, unit that is not the plan's, bad
number, period outside the plan, unknown region, the same value given twice) with its row and
column, and raises one ``ImportFileError`` listing them all.

A row whose value cell is empty is not an error: it is a line of the template nobody filled in.

Large files are the norm for regional monthly data, so the per-row work is kept small: each
distinct indicator name, period and region is looked up once and remembered.
"""

from __future__ import annotations

import gc
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from zhospar._exceptions import ImportFileError, Problem, ValidationError
from zhospar.imports._fast import new_actual_input, new_tuple
from zhospar.imports.columns import ColumnMap, map_columns
from zhospar.imports.read import RawRow, RawTable
from zhospar.imports.resolve import (
    IndicatorIndex,
    Resolved,
    Unresolved,
    plan_years,
    units_agree,
)
from zhospar.ingest.numbers import NO_VALUE
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import Plan

__all__ = [
    "Checked",
    "Progress",
    "RegionLookup",
    "check_table",
    "default_region_lookup",
    "parse_value",
    "validate_table",
]

RegionLookup = Callable[[str], str | None]  # region code or name -> region code, None: unknown
Progress = Callable[[int], None]  # rows looked at so far
PROGRESS_EVERY = 10_000

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_YEAR_WORD = re.compile(r"^(\d{4})\s*(?:ж|жыл|жылы|г|год)?\.?$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-01(?:[T ]00:00(?::00)?)?$")
_GUARDED = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass
class Checked:
    """The good rows of a file as ActualInput values, and the problems of the others."""

    file: str
    inputs: list[ActualInput]
    problems: list[Problem]

    def raise_problems(self) -> None:
        if self.problems:
            raise ImportFileError(self.file, self.problems)


def validate_table(
    table: RawTable,
    plan: Plan,
    *,
    region_lookup: RegionLookup | None = None,
    progress: Progress | None = None,
) -> list[ActualInput]:
    """Every row with a value as an ``ActualInput``; raises ImportFileError listing all problems."""
    checked = check_table(table, plan, region_lookup=region_lookup, progress=progress)
    checked.raise_problems()
    return checked.inputs


def check_table(
    table: RawTable,
    plan: Plan,
    *,
    region_lookup: RegionLookup | None = None,
    progress: Progress | None = None,
) -> Checked:
    """Every row checked; the good ones as inputs beside the problems of the rest.

    A header without the required columns raises ImportFileError at once: no row can be read.
    """
    columns, problems = map_columns(table.header, table.header_row)
    if problems:
        raise ImportFileError(table.file, problems)
    checker = _RowChecker(table.file, plan, columns, region_lookup or default_region_lookup())
    inputs: list[ActualInput] = []
    count = 0
    try:
        with _cycle_collection_paused():
            for raw in table.rows:
                count += 1
                item = checker.check(raw)
                if item is not None:
                    inputs.append(item)
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
    except ImportFileError as error:  # the file broke off (bad bytes): keep what was found
        checker.problems.extend(error.problems)
    if progress is not None:
        progress(count)
    problems = checker.problems
    if not problems and not inputs:
        problems.append(_nothing_to_import(table, columns, count))
    return Checked(table.file, inputs, problems)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while rows are checked.

    Each row leaves a few new objects that live on (the ActualInput, its dicts, its Decimal), so
    the collector runs again and again over an ever larger heap, for a fifth of the time on a
    million rows. None of these objects refers back to another: nothing is lost by waiting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_region_lookup() -> RegionLookup:
    """Region codes and names as the store's reference data knows them."""
    try:
        from zhospar.store.reference import find_region
    except ImportError:  # pragma: no cover - only before the store's reference data exists
        return lambda text: None

    def lookup(text: str) -> str | None:
        region = find_region(text)
        return None if region is None else str(region.code)

    return lookup


def parse_value(text: str) -> Decimal:
    """A number as people type it: "5.3", "5,3", "1 234,5", "1,234.5"; ValueError otherwise."""
    if "_" not in text:  # Decimal() would take "1_000"; a person means something else
        try:
            number = Decimal(text)  # "5.3", "-2", "1e3": most cells, at C speed
        except InvalidOperation:
            pass
        else:
            if number.is_finite():  # not "NaN" nor "Infinity"
                return number
            raise ValueError(text)
    compact = _SPACES.sub("", text).replace("−", "-")
    if "," in compact and "." in compact:  # the later mark is the decimal one
        thousands = "," if compact.rfind(".") > compact.rfind(",") else "."
        compact = compact.replace(thousands, "")
    compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise ValueError(text)
    try:
        return Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the pattern already guards this
        raise ValueError(text) from None


def _nothing_to_import(table: RawTable, columns: ColumnMap, rows: int) -> Problem:
    if rows == 0:
        return Problem(table.header_row, None, "the file has a header but no rows of values")
    return Problem(
        None, columns.label["value"], f"none of the {rows} row(s) has a value: nothing to import"
    )


def _unguard(text: str) -> str:
    """Text as typed, without the apostrophe a CSV export puts before "=", "+", "-" or "@"."""
    return _GUARDED.sub("", text) if text[:1] == "'" else text


class _Fields(NamedTuple):
    """A row's cells by column name, stripped; "" for a column the file does not have."""

    indicator_id: str
    code: str
    indicator: str
    breakdown: str
    unit: str
    year: str
    period: str
    value: str
    region: str
    source: str
    comment: str
    force_reason: str


class _RowChecker:
    """Checks rows one by one, remembering every lookup it has made and every problem."""

    def __init__(
        self, file: str, plan: Plan, columns: ColumnMap, region_lookup: RegionLookup
    ) -> None:
        self.origin_file = Path(file).name
        self.columns = columns
        self.index = IndicatorIndex.from_plan(plan)
        self.years = plan_years(plan)
        self.region_lookup = region_lookup
        self.problems: list[Problem] = []
        # a row is cut to the header's width and padded with as many empty cells, so that a
        # column the file lacks (position: the width) always reads as ""
        self._width = max(columns.position.values(), default=0) + 1
        self._padding = ("",) * (self._width + 1)
        picks = [columns.position.get(name, self._width) for name in _Fields._fields]
        self._pick = operator.itemgetter(*picks)
        self._indicators: dict[tuple[str, ...], Resolved | Unresolved] = {}
        self._units: dict[tuple[str, str], bool] = {}
        # period as written -> the period and its canonical text (the key of duplicates), or why not
        self._periods: dict[str, tuple[Period, str] | str] = {}
        self._regions: dict[str, str | None] = {}
        self._texts: dict[str, str] = {}
        self._seen: dict[tuple[str, str, str | None], int] = {}

    def fields(self, cells: Sequence[str]) -> _Fields:
        padded = (*cells[: self._width], *self._padding)
        return new_tuple(_Fields, map(str.strip, self._pick(padded)))

    def check(self, raw: RawRow) -> ActualInput | None:
        """The row as an ActualInput; None when it has no value or has problems (recorded)."""
        row = self.fields(raw.cells)
        if row.value in NO_VALUE:  # an empty cell, "-" or "X": a template line not filled in
            return None
        before = len(self.problems)
        resolved = self._indicator(raw.row, row)
        period = self._period(raw.row, row)
        value = self._value(raw.row, row.value)
        region = self._region(raw.row, row.region)
        if resolved is None or period is None or value is None or len(self.problems) > before:
            return None
        first = self._seen.setdefault((resolved.indicator_id, period[1], region), raw.row)
        if first != raw.row:
            column = "indicator_id" if row.indicator_id else "indicator"
            self._problem(raw.row, column, _duplicate(first))
            return None
        return new_actual_input(
            resolved.indicator_id,
            period[0],
            value,
            region,
            None,  # a breakdown row of the plan has its own id: the id alone is the key
            self._text(row.source),
            self._text(row.comment),
            self.origin_file,
            raw.row,
            self._text(row.force_reason),
        )

    def _problem(self, row: int, column: str | None, message: str) -> None:
        label = self.columns.label.get(column, column) if column else None
        self.problems.append(Problem(row, label, message))

    def _indicator(self, row: int, fields: _Fields) -> Resolved | None:
        breakdown = _unguard(fields.breakdown)
        if fields.indicator_id:
            key: tuple[str, ...] = (fields.indicator_id, breakdown)
        else:
            key = ("", fields.code, fields.indicator, breakdown)
        found = self._indicators.get(key)
        if found is None:
            found = self._resolve(key)
            self._indicators[key] = found
        if isinstance(found, Unresolved):
            self._problem(row, found.column, found.message)
            return None
        unit = fields.unit
        if unit and not self._unit_agrees(found, _unguard(unit)):
            self._problem(
                row,
                "unit",
                f'the plan measures {found.indicator_id} in "{found.unit}"; got "{unit}"',
            )
        return found

    def _resolve(self, key: tuple[str, ...]) -> Resolved | Unresolved:
        try:
            if key[0]:
                return self.index.resolve_id(key[0], key[1])
            if not self.columns.has("code"):
                return Unresolved("indicator_id", "the indicator_id is empty")
            return self.index.resolve_name(key[1], key[2], key[3])
        except Unresolved as problem:
            return problem

    def _unit_agrees(self, found: Resolved, unit: str) -> bool:
        key = (found.indicator_id, unit)
        agrees = self._units.get(key)
        if agrees is None:
            agrees = self._units[key] = units_agree(unit, found.unit)
        return agrees

    def _period(self, row: int, fields: _Fields) -> tuple[Period, str] | None:
        column, text = ("period", fields.period) if fields.period else ("year", fields.year)
        found = self._periods.get(text)
        if found is None:
            found = self._periods[text] = self._parse_period(text)
        if isinstance(found, str):
            self._problem(row, column if self.columns.has(column) else "period", found)
            return None
        return found

    def _parse_period(self, text: str) -> tuple[Period, str] | str:
        if not text:
            return "the period is empty: expected a year such as 2011, or 2011-Q3, 2011-07"
        date, year_word = _DATE.match(text), _YEAR_WORD.match(text)
        written = (
            f"{date.group(1)}-{date.group(2)}"
            if date
            else (year_word.group(1) if year_word else text)
        )
        try:
            period = Period.parse(written)
        except ValidationError as error:
            return str(error) if text in str(error) else f'{error}; got "{text}"'
        if self.years and period.year not in self.years:
            return (
                f"the period {text} is outside the plan: expected {self.years[0]} to "
                f"{self.years[-1]}"
            )
        return period, str(period)

    def _value(self, row: int, text: str) -> Decimal | None:
        try:
            return parse_value(text)
        except ValueError:
            self._problem(row, "value", f'expected a number such as 5.3 or 5,3; got "{text}"')
            return None

    def _region(self, row: int, text: str) -> str | None:
        if not text:
            return None
        if text not in self._regions:
            self._regions[text] = self.region_lookup(text)
        code = self._regions[text]
        if code is None:
            self._problem(
                row,
                "region",
                f'unknown region "{text}": expected a region code or its '
                "name in Kazakh, Russian or English (leave it empty for the country)",
            )
        return code

    def _text(self, text: str) -> str | None:
        """The text of a cell, one string object for all equal cells (sources repeat a lot)."""
        if not text:
            return None
        known = self._texts.get(text)
        if known is None:
            known = self._texts[text] = _unguard(text)
        return known


def _duplicate(first: int) -> str:
    return (
        f"the same indicator, period, region and breakdown as row {first}: "
        "each value may be given once per file"
    )
