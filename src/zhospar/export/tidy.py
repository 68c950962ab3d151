"""The plan as tidy rows: one row per yearly value, ready for a spreadsheet or a data frame.

Every indicator value (target, task and program indicators, breakdown rows included) becomes one
row, and so does every expenditure value of a program form (``section`` = ``expenditure``). Each
row keeps the source line of its value, so any figure can be found in the published text.

The CSV writer guards against formula injection: a text cell that a spreadsheet would read as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading single quote (``zhospar.rules.formula_guard``). Numbers are written as numbers, so a
negative value stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from decimal import Decimal
from typing import TextIO

from zhospar.model.plan import Phase, Plan, ProgramForm, YearValue
from zhospar.model.walk import IndicatorPlace, iter_indicators
from zhospar.rules.catalog import EXPENDITURE_UNIT
from zhospar.rules.formula_guard import guard_text

__all__ = [
    "EXPENDITURE_SECTION",
    "EXPENDITURE_UNIT",
    "TIDY_COLUMNS",
    "TidyRow",
    "format_number",
    "guard_text",
    "phase_of_year",
    "tidy_csv",
    "tidy_rows",
    "write_tidy_csv",
]

EXPENDITURE_SECTION = "expenditure"


@dataclass(frozen=True)
class TidyRow:
    """One yearly value with the place it stands in the plan."""

    indicator_id: str
    section: str  # target | task | program | expenditure
    direction: int | None
    goal: str | None
    task: str | None
    program: str | None
    name: str
    breakdown: str | None
    unit: str | None
    year: int
    phase: str
    value: Decimal | None
    source_line: int


TIDY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(TidyRow))


def phase_of_year(plan: Plan, year: int) -> Phase:
    """Years before the plan's period are reported; the period's own years are planned."""
    if plan.reported_years:
        return Phase.REPORTED if year in plan.reported_years else Phase.PLANNED
    return Phase.REPORTED if year < plan.period_start else Phase.PLANNED


def tidy_rows(plan: Plan) -> Iterator[TidyRow]:
    """Indicator values in document order, then the program forms' expenditure."""
    for place in iter_indicators(plan):
        for value in place.indicator.values:
            yield _indicator_row(place, value)
    for form in plan.program_forms:
        yield from _expenditure_rows(plan, form)


def _indicator_row(place: IndicatorPlace, value: YearValue) -> TidyRow:
    ind, parent = place.indicator, place.parent
    return TidyRow(
        indicator_id=ind.id,
        section=ind.section.value,
        direction=place.direction,
        goal=place.goal,
        task=place.task,
        program=place.program,
        # A breakdown row ("әйелдер") is read under its parent's name; its label goes aside.
        name=parent.name if parent is not None else ind.name,
        breakdown=(ind.breakdown or ind.name) if parent is not None else None,
        # A breakdown measures a part of its parent, in the parent's unit unless it says otherwise.
        unit=ind.unit or (parent.unit if parent is not None else None),
        year=value.year,
        phase=value.phase.value,
        value=value.value,
        source_line=value.line,
    )


def _expenditure_rows(plan: Plan, form: ProgramForm) -> Iterator[TidyRow]:
    for spent in form.expenditure:
        yield TidyRow(
            indicator_id=f"P{form.code}-X",
            section=EXPENDITURE_SECTION,
            direction=None,
            goal=None,
            task=None,
            program=form.code,
            name=form.name,
            breakdown=None,
            unit=EXPENDITURE_UNIT,
            year=spent.year,
            phase=phase_of_year(plan, spent.year).value,
            value=spent.value,
            source_line=spent.line,
        )


def format_number(value: Decimal) -> str:
    """A Decimal in plain notation, every digit kept: 557556682, 6.2, -0.5 (never 5.6E+8)."""
    return format(value, "f")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    return guard_text(str(value))


def write_tidy_csv(rows: Iterable[TidyRow], stream: TextIO) -> None:
    """Write the header and the rows as CSV; open files with ``newline=""``."""
    writer = csv.writer(stream)
    writer.writerow(TIDY_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in astuple(row)])


def tidy_csv(plan: Plan) -> str:
    """The whole tidy CSV as text."""
    out = io.StringIO()
    write_tidy_csv(tidy_rows(plan), out)
    return out.getvalue()
