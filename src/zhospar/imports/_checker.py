"""Checking the rows of an import file a chunk at a time, column by column.

A file of regional monthly data holds a million rows but only a few hundred distinct indicator
names, a few dozen periods and sixteen regions. So each column of a chunk is looked at as a
whole: every distinct cell is resolved once (and remembered for the next chunks), and the
results are spread over the rows with C-speed ``map``; a number column is read in one pass when
every cell is a plain number. Only the rows at fault are visited one by one, to say what is
wrong with them. The result is what a row-by-row check gives: the same problems, in row order,
each row's in the order indicator, unit, period, value, region, duplicate.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterator, Sequence
from decimal import Decimal
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from zhospar._exceptions import Problem, quoted
from zhospar.i18n import gettext
from zhospar.imports.columns import ColumnMap
from zhospar.imports.read import RawChunk
from zhospar.imports.resolve import IndicatorIndex, Resolved, Unresolved, units_agree
from zhospar.ingest.numbers import NO_VALUE
from zhospar.model.batch import ActualBatch
from zhospar.model.periods import Period
from zhospar.model.plan import Plan
from zhospar.rules.formula_guard import unguard
from zhospar.rules.values import not_a_number, parse_period, parse_value, parse_values

__all__ = ["ChunkChecker", "RegionLookup"]

RegionLookup = Callable[[str], str | None]  # region code or name -> region code, None: unknown
T = TypeVar("T")
Cells = dict[str, list[str]]  # a chunk's cells by column name, stripped
# the cells of the columns that name a row's indicator (of _NAMING, those the file has; the cell
# itself when there is one such column)
IndicatorKey = str | tuple[str, ...]
_NAMING = ("indicator_id", "code", "indicator", "breakdown")
Found = tuple[int, int, Problem]  # index of the row in the chunk, rank in the row, problem
_FIELDS = ("indicator_id", "code", "indicator", "breakdown", "unit", "year", "period", "value",
           "region", "source", "comment", "force_reason")  # fmt: skip
_INDICATOR, _UNIT, _PERIOD, _VALUE, _REGION, _DUPLICATE = range(6)  # a row's problems in order


def _where(column: Sequence[T], bad: Collection[T]) -> Iterator[int]:
    """The indexes of the cells that are in ``bad``."""
    if not bad:
        return iter(())
    return compress(range(len(column)), map(bad.__contains__, column))


class ChunkChecker:
    """Checks the chunks of one file in order; gathers the good rows and every problem."""

    def __init__(
        self, file: str, plan: Plan, columns: ColumnMap, region_lookup: RegionLookup
    ) -> None:
        self.origin_file = Path(file).name
        self.columns = columns
        self.index = IndicatorIndex.from_plan(plan)
        self.years = plan.years
        self.region_lookup = region_lookup
        self.problems: list[Problem] = []
        self.batch = ActualBatch()
        # rows at fault only in their region, unit or as a repeat: their indicator, period and
        # value are known, so the store's checks (a share over 100 ...) can still be run on them
        self.partly_good = ActualBatch()
        # a row is read as if padded to the header's width: a column it lacks reads as ""
        self._width = max(columns.position.values(), default=0) + 1
        self._naming = [name for name in _NAMING if columns.has(name)]
        self._indicators: dict[IndicatorKey, Resolved | Unresolved] = {}
        self._units: dict[tuple[str, str], bool] = {}
        self._periods: dict[str, tuple[Period, str] | str] = {}  # period, canonical text / why not
        self._regions: dict[str, str | None] = {"": None}
        self._texts: dict[str, str | None] = {"": None}  # one string object for equal cells
        self._seen: dict[tuple[str | None, str | None, str | None], int] = {}  # key -> first row

    def check(self, chunk: RawChunk) -> None:
        """Check the rows of a chunk: keep the good ones, note the problems of the others."""
        rows, cells = self._filled(list(chunk.rows), self._cells(chunk.cells))
        if not rows:
            return
        found: list[Found] = []
        ids = self._indicator_ids(rows, cells, found)
        periods, canonical = self._periods_of(rows, cells, found)
        values = self._values(rows, cells["value"], found)
        regions = self._regions_of(rows, cells["region"], found)
        keys = list(zip(ids, canonical, regions, strict=True))
        good = self._first_of_each(rows, keys, cells["indicator_id"], found)
        found.sort(key=lambda f: (f[0], f[1]))
        self.problems.extend(problem for *_, problem in found)
        # rows at fault hold None in some column (hence the ignores): ``good`` leaves them out
        part = ActualBatch(
            ids, periods, values, regions, [None] * len(rows),  # type: ignore[arg-type]
            self._texts_of(cells["source"]), self._texts_of(cells["comment"]),
            [self.origin_file] * len(rows), rows,  # type: ignore[arg-type]
            self._texts_of(cells["force_reason"]),
        )  # fmt: skip
        self.batch.extend(part, good)
        if good is not None:
            self._keep_partly_good(part, good)

    def _keep_partly_good(self, part: ActualBatch, good: list[bool]) -> None:
        """Rows at fault whose indicator, period and value were read, counted as the country's."""
        known = [
            not ok and None not in (ident, period, value)
            for ok, ident, period, value in zip(
                good, part.indicator_id, part.period, part.value, strict=True
            )
        ]
        if any(known):
            rows = ActualBatch()
            rows.extend(part, known)
            rows.region = [None] * len(rows)
            self.partly_good.extend(rows)

    def _problem(self, row: int, column: str | None, message: str) -> Problem:
        label = self.columns.label.get(column, column) if column else None
        return Problem(row, label, message)

    def _cells(self, records: Sequence[Sequence[str]]) -> Cells:
        """Each known column's cells, stripped; "" for a column the file (or a short row) lacks."""
        width = self._width
        if records and min(map(len, records)) < width:
            padding = ("",) * width
            records = [r if len(r) >= width else (*r, *padding) for r in records]
        cells: Cells = {}
        for name in _FIELDS:
            position = self.columns.position.get(name)
            cells[name] = (
                [""] * len(records)
                if position is None
                else list(map(str.strip, map(itemgetter(position), records)))
            )
        return cells

    def _filled(self, rows: list[int], cells: Cells) -> tuple[list[int], Cells]:
        """The rows that have a value: an empty cell, "-" or "X" is a template line left blank."""
        empty = list(map(NO_VALUE.__contains__, cells["value"]))
        if not any(empty):
            return rows, cells
        keep = list(map(operator.not_, empty))
        return list(compress(rows, keep)), {k: list(compress(v, keep)) for k, v in cells.items()}

    def _indicator_ids(self, rows: list[int], cells: Cells, found: list[Found]) -> list[str | None]:
        """The id of each row's indicator (None when it cannot be found); its unit checked."""
        named = [cells[name] for name in self._naming]
        keys: Sequence[IndicatorKey] = (
            named[0] if len(named) == 1 else list(zip(*named, strict=True))
        )
        distinct = set(keys)
        for key in distinct - self._indicators.keys():
            self._indicators[key] = self._resolve(key)
        resolved = {key: self._indicators[key] for key in distinct}
        failed = {key for key, r in resolved.items() if isinstance(r, Unresolved)}
        for i in _where(keys, failed):
            problem = resolved[keys[i]]
            assert isinstance(problem, Unresolved)
            found.append((i, _INDICATOR, self._problem(rows[i], problem.column, problem.message)))
        if self.columns.has("unit"):
            self._check_units(rows, keys, cells["unit"], resolved, found)
        ids = {key: r.indicator_id for key, r in resolved.items() if isinstance(r, Resolved)}
        return list(map(ids.get, keys))

    def _resolve(self, key: IndicatorKey) -> Resolved | Unresolved:
        given = dict(zip(self._naming, (key,) if isinstance(key, str) else key, strict=True))
        ident, code, name = (
            given.get("indicator_id", ""),
            given.get("code", ""),
            given.get("indicator", ""),
        )
        breakdown = unguard(given.get("breakdown", ""))
        try:
            if ident:
                return self.index.resolve_id(ident, breakdown)
            if not self.columns.has("code"):
                return Unresolved("indicator_id", "the indicator_id is empty")
            return self.index.resolve_name(code, name, breakdown)
        except Unresolved as problem:
            return problem

    def _check_units(
        self,
        rows: list[int],
        keys: Sequence[IndicatorKey],
        units: list[str],
        resolved: dict[IndicatorKey, Resolved | Unresolved],
        found: list[Found],
    ) -> None:
        pairs = list(zip(keys, units, strict=True))
        wrong = set()
        for key, unit in set(pairs):
            known = resolved[key]
            if unit and isinstance(known, Resolved) and not self._unit_agrees(known, unguard(unit)):
                wrong.add((key, unit))
        for i in _where(pairs, wrong):
            known = resolved[keys[i]]
            assert isinstance(known, Resolved)
            given = quoted(units[i])
            message = gettext('the plan measures {id} in "{unit}"; got "{given}"').format(
                id=known.indicator_id, unit=known.unit, given=given
            )
            found.append((i, _UNIT, self._problem(rows[i], "unit", message)))

    def _unit_agrees(self, found: Resolved, unit: str) -> bool:
        key = (found.indicator_id, unit)
        agrees = self._units.get(key)
        if agrees is None:
            agrees = self._units[key] = units_agree(unit, found.unit)
        return agrees

    def _periods_of(
        self, rows: list[int], cells: Cells, found: list[Found]
    ) -> tuple[list[Period | None], list[str | None]]:
        """Each row's period (from "period", else "year") and its canonical text."""
        given, years = cells["period"], cells["year"]
        if not self.columns.has("period"):
            texts = years
        elif not self.columns.has("year"):
            texts = given
        else:
            texts = [p or y for p, y in zip(given, years, strict=True)]
        distinct = set(texts)
        for text in distinct - self._periods.keys():
            self._periods[text] = parse_period(text, self.years)
        parsed = {text: self._periods[text] for text in distinct}
        failed = {text for text, p in parsed.items() if isinstance(p, str)}
        for i in _where(texts, failed):
            column = "period" if given[i] else "year"
            column = column if self.columns.has(column) else "period"
            found.append((i, _PERIOD, self._problem(rows[i], column, str(parsed[texts[i]]))))
        good = {text: p for text, p in parsed.items() if not isinstance(p, str)}
        periods = {text: p[0] for text, p in good.items()}
        canonical = {text: p[1] for text, p in good.items()}
        return list(map(periods.get, texts)), list(map(canonical.get, texts))

    def _values(
        self, rows: list[int], texts: list[str], found: list[Found]
    ) -> list[Decimal | None]:
        numbers = parse_values(texts)
        if numbers is not None:
            return numbers  # type: ignore[return-value]
        values: list[Decimal | None] = []
        for i, text in enumerate(texts):
            try:
                values.append(parse_value(text))
            except ValueError:
                values.append(None)
                message = not_a_number(text)
                found.append((i, _VALUE, self._problem(rows[i], "value", message)))
        return values

    def _regions_of(
        self, rows: list[int], texts: list[str], found: list[Found]
    ) -> list[str | None]:
        """Each row's region code; None for the country (an empty cell) or an unknown region."""
        distinct = set(texts)
        for text in distinct - self._regions.keys():
            self._regions[text] = self.region_lookup(text)
        unknown = {text for text in distinct if text and self._regions[text] is None}
        for i in _where(texts, unknown):
            message = gettext(
                'unknown region "{region}": expected a region code or its '
                "name in Kazakh, Russian or English (leave it empty for the country)"
            ).format(region=texts[i])
            found.append((i, _REGION, self._problem(rows[i], "region", message)))
        return list(map(self._regions.__getitem__, texts))

    def _first_of_each(
        self,
        rows: list[int],
        keys: list[tuple[str | None, str | None, str | None]],
        named_by_id: list[str],
        found: list[Found],
    ) -> list[bool] | None:
        """Which rows to keep (None: all): those without problems, each key's first only.

        Rows with problems take no part; a later row with the key of an earlier one (in this
        chunk or before) is a duplicate.
        """
        at_fault = {i for i, *_ in found}
        good = [i not in at_fault for i in range(len(rows))] if at_fault else None
        candidates = keys if good is None else list(compress(keys, good))
        their_rows = rows if good is None else list(compress(rows, good))
        firsts = dict(zip(candidates, their_rows, strict=True))
        if len(firsts) == len(candidates) and self._seen.keys().isdisjoint(firsts):
            self._seen.update(firsts)  # no key twice: the usual case, seen in one pass
            return good
        good = good or [True] * len(rows)
        for i, key in enumerate(keys):
            if not good[i]:
                continue
            first = self._seen.setdefault(key, rows[i])
            if first != rows[i]:
                column = "indicator_id" if named_by_id[i] else "indicator"
                found.append((i, _DUPLICATE, self._problem(rows[i], column, _duplicate(first))))
                good[i] = False
        return good

    def _texts_of(self, texts: list[str]) -> list[str | None]:
        """Cells as text (None when empty), without a formula guard; one object per text."""
        if not any(texts):  # an empty column, or one the file does not have
            return [None] * len(texts)
        for text in set(texts) - self._texts.keys():
            self._texts[text] = unguard(text)
        return list(map(self._texts.__getitem__, texts))


def _duplicate(first: int) -> str:
    return gettext(
        "the same indicator, period, region and breakdown as row {first}: "
        "each value may be given once per file"
    ).format(first=first)
