"""The official form as an XLSX sheet (XlsxWriter), laid out as the published form.

One sheet: the year's sign-off on the top row (a draft says so there and in the page header of
every printed page), the title, the header lines, then the six columns with "Reporting period"
over Plan and Fact and the columns' numbers 1-6, then the rows. Plan and fact are numbers; a
missing one is the text "no plan" / "no fact". When the names are translated, the published
(Kazakh) name of each row stands in a seventh column, outside the form. Every text is written as
text, in a workbook opened by ``zhospar._xlsx.new_workbook`` (no string becomes a formula, a URL
or a number). The words are the language of the moment's (``zhospar report --lang``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from zhospar._xlsx import new_workbook
from zhospar.i18n import gettext
from zhospar.report._workbook import Formats, mark_draft, write_text
from zhospar.report.official import (
    COLUMNS,
    PUBLISHED,
    FormRow,
    OfficialReport,
    RowKind,
    columns,
    reporting_period_head,
)

__all__ = ["WIDTHS", "write_official_xlsx"]

WIDTHS = (60, 34, 14, 11, 11, 48, 60)  # the seventh: the published names, when translated


def _value(
    sheet: Worksheet, row: int, col: int, value: Decimal | None, text: str, f: Formats
) -> None:
    if value is None:
        write_text(sheet, row, col, text, f.wrap)
    else:
        sheet.write_number(row, col, float(value), f.number)


def _row(sheet: Worksheet, row: int, r: FormRow, f: Formats, heading: dict[str, Format]) -> None:
    if r.published:
        write_text(sheet, row, len(COLUMNS), r.published, f.wrap)
    if r.line is None:
        sheet.merge_range(row, 0, row, len(COLUMNS) - 1, "", heading[r.kind])
        write_text(sheet, row, 0, r.name, heading[r.kind])
        return
    write_text(sheet, row, 0, r.name, f.wrap)
    write_text(sheet, row, 1, r.source or "—", f.wrap)
    write_text(sheet, row, 2, r.unit, f.wrap)
    _value(sheet, row, 3, r.plan, r.plan_text, f)
    _value(sheet, row, 4, r.fact, r.fact_text, f)
    status = f.status.get(r.status.value if r.status else "", f.wrap)
    write_text(sheet, row, 5, r.reasons, status)


def _headings(book: Workbook) -> dict[str, Format]:
    add = book.add_format
    return {
        RowKind.DIRECTION: add({"bold": True, "bg_color": "#DCE6F1", "text_wrap": True}),
        RowKind.GOAL: add({"bold": True, "text_wrap": True}),
        RowKind.PROGRAMS: add({"italic": True, "text_wrap": True}),
        RowKind.TARGETS: add({"italic": True, "text_wrap": True}),
        RowKind.TASK: add({"italic": True, "bold": True, "text_wrap": True}),
        RowKind.RESULTS: add({"italic": True, "text_wrap": True}),
    }


def _columns(sheet: Worksheet, top: int, form: OfficialReport, f: Formats) -> None:
    """The two header rows (Plan and Fact under "Reporting period") and the numbers row; the
    published names' head beside them when the names are translated."""
    heads = columns()
    for col in (0, 1, 2, 5):
        sheet.merge_range(top, col, top + 1, col, "", f.header)
        write_text(sheet, top, col, heads[col], f.header)
    sheet.merge_range(top, 3, top, 4, "", f.header)
    write_text(sheet, top, 3, reporting_period_head(form.year), f.header)
    write_text(sheet, top + 1, 3, heads[3], f.header)
    write_text(sheet, top + 1, 4, heads[4], f.header)
    for col in range(len(COLUMNS)):
        sheet.write_number(top + 2, col, col + 1, f.header)
    if form.translated:
        sheet.merge_range(top, len(COLUMNS), top + 2, len(COLUMNS), "", f.header)
        write_text(sheet, top, len(COLUMNS), gettext(PUBLISHED), f.header)


def write_official_xlsx(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form as an XLSX workbook at ``path``."""
    target = Path(path)
    book = new_workbook(target)
    try:
        f = Formats(book)
        sheet = book.add_worksheet(gettext("Report {year}").format(year=form.year)[:31])
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        state = form.signoff
        write_text(sheet, 0, 0, state.describe(), f.draft if not state.approved else f.bold)
        write_text(sheet, 1, 0, form.title, f.title)
        write_text(sheet, 2, 0, form.title_kk or "", f.text)
        for row, (label, text) in enumerate(form.header, start=3):
            write_text(sheet, row, 0, label, f.bold)
            write_text(sheet, row, 1, text, f.text)
        top = 3 + len(form.header) + 1
        _columns(sheet, top, form, f)
        for col, width in enumerate(WIDTHS):
            sheet.set_column(col, col, width)
        headings = _headings(book)
        row = top + 3
        for row, r in enumerate(form.rows, start=top + 3):
            _row(sheet, row, r, f, headings)
        sheet.freeze_panes(top + 3, 0)
        sheet.repeat_rows(top, top + 2)
        for offset, (label, text) in enumerate(form.sources, start=row + 2):
            write_text(sheet, offset, 0, f"{label}: {text}", f.note)
        mark_draft(book, state)
    finally:
        book.close()
    return target
