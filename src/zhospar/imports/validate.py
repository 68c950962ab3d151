"""Turning the raw rows of an import file into actual values, or every problem at once.

Nothing is written until the whole file is known to be good, so this module looks at every row
and collects every problem (unknown or ambiguous indicator, unit that is not the plan's, bad
number, period outside the plan, unknown region, the same value given twice) with its row and
column, and raises one ``ImportFileError`` listing them all.

A row whose value cell is empty is not an error: it is a line of the template nobody filled in.

Large files are the norm for regional monthly data, so rows are checked a chunk at a time,
column by column (``_checker``), and the good ones come out as one ``ActualBatch`` (a list per
field) rather than a model per row; ``Checked.inputs`` gives them as ``ActualInput`` values.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from zhospar._exceptions import ImportFileError, Problem
from zhospar.i18n import gettext
from zhospar.imports._checker import ChunkChecker, RegionLookup
from zhospar.imports.actual_inputs import checked_actual_input
from zhospar.imports.columns import ColumnMap, map_columns
from zhospar.imports.read import RawTable
from zhospar.model.actuals import ActualInput
from zhospar.model.batch import ActualBatch
from zhospar.model.plan import Plan
from zhospar.rules.regions import find_region
from zhospar.rules.values import parse_value

__all__ = [
    "Checked",
    "Progress",
    "RegionLookup",
    "check_table",
    "default_region_lookup",
    "parse_value",
    "validate_table",
]

Progress = Callable[[int], None]  # rows looked at so far


@dataclass
class Checked:
    """The good rows of a file as one batch of values, and the problems of the others."""

    file: str
    batch: ActualBatch
    problems: list[Problem]
    # rows with problems whose indicator, period and value are known (see ChunkChecker)
    partly_good: ActualBatch = field(default_factory=ActualBatch)

    @property
    def inputs(self) -> list[ActualInput]:
        """The good rows as ``ActualInput`` values, one model per row (no cycle among them: the
        cycle collector waits, rather than run again and again over a growing heap)."""
        b = self.batch
        with _cycle_collection_paused():
            return list(map(checked_actual_input, b.indicator_id, b.period, b.value, b.region,
                            b.breakdown, b.source, b.comment, b.origin_file, b.origin_row,
                            b.force_reason))  # fmt: skip

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
    """Every row checked; the good ones as a batch beside the problems of the rest.

    A header without the required columns raises ImportFileError at once: no row can be read.
    ``progress`` hears the number of rows looked at after each chunk of the file.
    """
    columns, problems = map_columns(table.header, table.header_row)
    if problems:
        raise ImportFileError(table.file, problems)
    checker = ChunkChecker(table.file, plan, columns, region_lookup or default_region_lookup())
    count = 0
    try:
        with _cycle_collection_paused():
            for chunk in table.chunks:
                checker.check(chunk)
                count += len(chunk.rows)
                if progress is not None:
                    progress(count)
    except ImportFileError as error:  # the file broke off (bad bytes): keep what was found
        checker.problems.extend(error.problems)
    problems = checker.problems
    if not problems and not len(checker.batch):
        problems.append(_nothing_to_import(table, columns, count))
    return Checked(table.file, checker.batch, problems, checker.partly_good)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while rows are checked.

    Every chunk of a large file leaves new objects that live on (the keys of the values seen,
    their Decimals), so the collector would run again and again over an ever larger heap. None
    of these objects refers back to another: nothing is lost by waiting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_region_lookup() -> RegionLookup:
    """Region codes and names as the reference data knows them (``zhospar.rules.regions``)."""

    def lookup(text: str) -> str | None:
        region = find_region(text)
        return None if region is None else str(region.code)

    return lookup


def _nothing_to_import(table: RawTable, columns: ColumnMap, rows: int) -> Problem:
    if rows == 0:
        return Problem(
            table.header_row, None, gettext("the file has a header but no rows of values")
        )
    return Problem(
        None,
        columns.label["value"],
        gettext("none of the {rows} row(s) has a value: nothing to import").format(rows=rows),
    )
