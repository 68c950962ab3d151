"""The plan as an Excel workbook: one sheet per section of the plan.

Each sheet has a bold header row that stays in view (frozen panes), an autofilter and column
widths fitted to the content. Numbers are written as numbers (a Decimal becomes the nearest
float in the cell; the ``raw`` text as printed is kept where the model has it), and every text is
written as a string, so a cell such as ``=1+1`` taken from a document is never run as a formula.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from zhospar._exceptions import ValidationError
from zhospar._xlsx import new_workbook
from zhospar.export._sheets import Cell, Sheet, plan_sheets
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Plan

__all__ = ["write_workbook"]

_MIN_WIDTH = 6
_MAX_WIDTH = 60
_SAMPLE_ROWS = 1000  # rows looked at to fit a column's width


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self._book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.text = book.add_format({"valign": "top"})
        self.wrapped = book.add_format({"valign": "top", "text_wrap": True})
        self.number = book.add_format({"valign": "top"})
        self._decimals: dict[int, object] = {}

    def decimal(self, value: Decimal) -> object:
        """Grouped digits and as many decimals as the plan printed: 557 556 682, 8.0, 0.97."""
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places not in self._decimals:
            pattern = "#,##0" + ("." + "0" * places if places else "")
            self._decimals[places] = self._book.add_format({"valign": "top", "num_format": pattern})
        return self._decimals[places]


def write_workbook(plan: Plan, path: str | Path, report: ReadingReport | None = None) -> None:
    """Write the workbook to ``path``; a place that cannot be written gives a one-line error."""
    book = new_workbook(path)
    formats = _Formats(book)
    for sheet in plan_sheets(plan, report):
        _write_sheet(book.add_worksheet(sheet.name), sheet, formats)
    try:
        book.close()
    except (OSError, XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ValidationError(f"{path}: cannot write the workbook ({reason})") from None


def _write_sheet(ws: Worksheet, sheet: Sheet, formats: _Formats) -> None:
    for col, title in enumerate(sheet.columns):
        ws.write_string(0, col, title, formats.header)
    widths = _widths(sheet)
    for row_no, row in enumerate(sheet.rows, start=1):
        for col, value in enumerate(row):
            wrap = widths[col] >= _MAX_WIDTH
            _write_cell(ws, row_no, col, value, formats, wrap)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)


def _write_cell(
    ws: Worksheet, row: int, col: int, value: Cell, formats: _Formats, wrap: bool
) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, formats.text)
    elif isinstance(value, int):
        ws.write_number(row, col, value, formats.number)
    elif isinstance(value, Decimal):
        ws.write_number(row, col, float(value), formats.decimal(value))
    else:
        ws.write_string(row, col, value, formats.wrapped if wrap else formats.text)


def _widths(sheet: Sheet) -> list[int]:
    """Each column as wide as its header or its longest line of text, within sane bounds."""
    widths = [len(title) + 2 for title in sheet.columns]
    for row in sheet.rows[:_SAMPLE_ROWS]:
        for col, value in enumerate(row):
            if value is None:
                continue
            longest = max((len(part) for part in str(value).split("\n")), default=0)
            widths[col] = max(widths[col], longest + 2)
    return [min(max(w, _MIN_WIDTH), _MAX_WIDTH) for w in widths]
