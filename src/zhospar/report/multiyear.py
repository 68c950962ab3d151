"""The multi-year plan-vs-fact table: every indicator in every year of the plan (2008-2014 here).

The planned years come from ``zhospar.evaluate.plan_vs_fact`` (target, fact, achievement and
status, computed once, as everywhere else). The reported years before the plan (Есепті кезең)
hold no targets: their "plan" column shows the value the plan reports for them, beside any fact
recorded for that year (taken from ``evaluate_year``, which says "no target"). Written as an XLSX
sheet or an HTML table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from zhospar._xlsx import new_workbook
from zhospar.evaluate import Achievement, EvaluationOptions, Fact, evaluate_year, plan_vs_fact
from zhospar.i18n import N_, gettext, pgettext
from zhospar.model.plan import Phase, Plan
from zhospar.model.walk import IndicatorPlace
from zhospar.report._format import facts_given
from zhospar.report._lines import status_label
from zhospar.report._workbook import Formats, StatusCell, write_cell, write_text

__all__ = [
    "MultiYearRow",
    "MultiYearTable",
    "YearCell",
    "build_multiyear",
    "render_multiyear_html",
    "write_multiyear_html",
    "write_multiyear_xlsx",
]


@dataclass(frozen=True)
class YearCell:
    year: int
    phase: str  # "reported" (before the plan) or "planned"
    plan: Decimal | None  # the target, or the value the plan reports for a reported year
    plan_raw: str | None
    plan_line: int | None
    fact: Decimal | None
    percent: Decimal | None
    display_percent: str | None
    status: str
    status_label: str
    message: str


@dataclass(frozen=True)
class MultiYearRow:
    id: str
    place: str  # "1 / 1.1 / 1.1.4" or "program 002"
    name: str
    unit: str | None
    breakdown: str | None
    polarity: str
    cells: tuple[YearCell, ...]

    def cell(self, year: int) -> YearCell | None:
        return next((c for c in self.cells if c.year == year), None)


@dataclass(frozen=True)
class MultiYearTable:
    title: str
    years: tuple[int, ...]
    period_start: int  # the first planned year; earlier years are reported ones
    rows: tuple[MultiYearRow, ...]
    facts_origin: str
    generated_at: dt.datetime


def _place(place: IndicatorPlace) -> str:
    if place.program:
        return gettext("program {code}").format(code=place.program)
    parts = [str(place.direction), place.goal, place.task]
    return " / ".join(p for p in parts if p and p != "None")


def _cell(place: IndicatorPlace, year: int, result: Achievement, planned_year: bool) -> YearCell:
    values = [v for v in place.indicator.values if v.year == year]
    phase = Phase.PLANNED if planned_year else Phase.REPORTED
    shown = next((v for v in values if v.phase is phase), None)
    return YearCell(
        year=year,
        phase=phase.value,
        plan=shown.value if shown else None,
        plan_raw=shown.raw if shown else None,
        plan_line=shown.line if shown else None,
        fact=result.fact_value,
        percent=result.percent,
        display_percent=result.display_percent,
        status=result.status.value,
        status_label=status_label(result) if planned_year else gettext("reported year"),
        message=result.message,
    )


def build_multiyear(
    plan: Plan,
    facts: Iterable[Fact],
    *,
    options: EvaluationOptions | None = None,
    facts_origin: str = "",
    generated_at: dt.datetime | None = None,
) -> MultiYearTable:
    """Every indicator of ``plan`` in every reported and planned year, plan beside fact."""
    facts = list(facts)
    years = tuple(plan.years)
    planned = plan_vs_fact(plan, facts, options)
    before = [y for y in years if y < plan.period_start]
    earlier = {y: evaluate_year(plan, facts, y, options).achievements for y in before}
    rows = []
    for row in planned:
        place = row.place
        results = {**row.by_year, **{y: earlier[y][place.indicator.id] for y in before}}
        polarity = next(iter(row.by_year.values())).polarity.polarity.value
        rows.append(
            MultiYearRow(
                id=place.indicator.id,
                place=_place(place),
                name=place.indicator.name,
                unit=place.indicator.unit,
                breakdown=place.indicator.breakdown if place.parent is not None else None,
                polarity=polarity,
                cells=tuple(_cell(place, y, results[y], y >= plan.period_start) for y in years),
            )
        )
    return MultiYearTable(
        title=plan.title,
        years=years,
        period_start=plan.period_start,
        rows=tuple(rows),
        facts_origin=facts_origin or facts_given(len(facts)),
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


_FIXED = ((N_("ID"), 13), (N_("Place"), 12), (N_("Indicator"), 50), (N_("Unit"), 12),
          (N_("Polarity"), 10))  # fmt: skip
_PER_YEAR = (N_("Plan"), N_("Fact"), "%", N_("Status"))


def phase_word(year: int, period_start: int) -> str:
    """ "planned" or "reported" of a year's column, in the language of the moment."""
    return pgettext("year", "planned") if year >= period_start else pgettext("year", "reported")


def write_multiyear_xlsx(table: MultiYearTable, path: str | Path) -> Path:
    """The table as one XLSX sheet: a column group per year, two frozen header rows."""
    target = Path(path)
    book = new_workbook(target)
    try:
        f = Formats(book)
        sheet = book.add_worksheet(gettext("Plan vs fact"))
        for col, (header, width) in enumerate(_FIXED):
            sheet.merge_range(0, col, 1, col, "", f.header)
            write_text(sheet, 0, col, gettext(header), f.header)
            sheet.set_column(col, col, width, f.wrap if header == "Indicator" else None)
        for index, year in enumerate(table.years):
            first = len(_FIXED) + index * len(_PER_YEAR)
            phase = phase_word(year, table.period_start)
            sheet.merge_range(0, first, 0, first + len(_PER_YEAR) - 1, "", f.header)
            write_text(sheet, 0, first, f"{year} ({phase})", f.header)
            for offset, header in enumerate(_PER_YEAR):
                write_text(sheet, 1, first + offset, gettext(header), f.header)
            sheet.set_column(first, first + 2, 9)
            sheet.set_column(first + 3, first + 3, 13)
        for r, row in enumerate(table.rows, start=2):
            fixed = (row.id, row.place, row.name, row.unit, row.polarity)
            for col, value in enumerate(fixed):
                write_cell(sheet, r, col, value, "wrap" if col == 2 else "text", f)
            for index, year in enumerate(table.years):
                first = len(_FIXED) + index * len(_PER_YEAR)
                c = row.cell(year)
                if c is None:
                    continue
                write_cell(sheet, r, first, c.plan, "number", f)
                write_cell(sheet, r, first + 1, c.fact, "number", f)
                write_cell(sheet, r, first + 2, c.percent, "percent", f)
                write_cell(sheet, r, first + 3, StatusCell(c.status_label, c.status), "text", f)
        sheet.freeze_panes(2, 3)
        note_row = len(table.rows) + 3
        write_text(sheet, note_row, 0, f"{gettext('Facts')}: {table.facts_origin}", f.note)
        write_text(sheet, note_row + 1, 0, gettext(_NOTE), f.note)
    finally:
        book.close()
    return target


_NOTE = N_(
    "Plan: the target of a planned year, or the value the plan reports for a reported year "
    "(no target, so no achievement). Achievement and status by zhospar.evaluate (docs/method.md)."
)


def render_multiyear_html(table: MultiYearTable) -> str:
    from zhospar.report.html import environment

    template = environment().get_template("multiyear.html.j2")
    return template.render(table=table, note=gettext(_NOTE), phase_word=phase_word)


def write_multiyear_html(table: MultiYearTable, path: str | Path) -> Path:
    target = Path(path)
    target.write_text(render_multiyear_html(table), encoding="utf-8")
    return target
