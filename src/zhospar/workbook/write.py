"""Writing the plan workbook: a plan (or nothing, for the template) as ``layout.SHEETS``.

Every workbook opens with an Instructions sheet that explains each sheet and column (from the
layout), and carries data validation: the unit, phase, section, kind and other list columns
offer their lists (units from the Units sheet, the rest from a hidden Lists sheet). Text is
written as text (``_xlsx.new_workbook``), so a name such as ``=1+1`` is never run as a formula;
numbers are numbers shown with the decimals the plan printed, so that reading the workbook
back gives the same Decimal (``8.0`` stays ``8.0``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Format, Workbook
from xlsxwriter.worksheet import Worksheet

from zhospar._exceptions import ValidationError
from zhospar._xlsx import new_workbook
from zhospar._xlsx_guard import MAX_TEXT_CHARS
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Plan
from zhospar.workbook._rows import Cell, plan_rows
from zhospar.workbook.layout import LISTS, PLAN_FIELDS, SHEETS, SheetLayout

__all__ = ["write_plan_workbook", "write_template"]

_TEMPLATE_ROWS = 2000  # rows a template's validation covers
_WIDTH = {"text": 30, "number": 14, "int": 10}
_INSTRUCTIONS = (
    "The plan workbook of Zhospar: one strategic plan, in any language and of any layout.",
    "Fill one row per item in each sheet; ids tie the sheets together (an indicator's values "
    "name it in Values, a task names its goal's code). Columns with a list offer it: units "
    "come from the Units sheet (add the plan's own first), phases, sections and kinds are fixed.",
    "source_line is the line of the published text an item was read from; leave it blank for "
    "a plan typed in here, and Zhospar records the sheet and row instead.",
    "Load it with: zhospar plan load FILE.xlsx --key KEY. Every problem is reported with its "
    "sheet, row and column, and nothing is stored until there is none. See docs/workbook.md.",
)


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self._book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.text = book.add_format({"valign": "top", "num_format": "@"})
        self.plain = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"valign": "top", "text_wrap": True})
        self._decimals: dict[int, Format] = {}

    def decimal(self, value: Decimal) -> Format:
        """As many decimals as the plan printed: 557 556 682, 8.0, 0.97."""
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places not in self._decimals:
            pattern = "#,##0" + ("." + "0" * places if places else "")
            self._decimals[places] = self._book.add_format({"valign": "top", "num_format": pattern})
        return self._decimals[places]


def write_plan_workbook(plan: Plan, path: str | Path, report: ReadingReport | None = None) -> None:
    """The whole plan as the plan workbook; ``report`` adds a Reading report sheet."""
    _write(path, plan_rows(plan), report)


def write_template(path: str | Path) -> None:
    """An empty plan workbook to fill in: instructions, headers, lists and validation; the Plan
    sheet lists its fields, their values left blank."""
    _write(path, {"Plan": [[name, None] for name, _kind, _required in PLAN_FIELDS]}, None)


def _write(
    path: str | Path, rows: dict[str, list[list[Cell]]], report: ReadingReport | None
) -> None:
    book = new_workbook(path)
    formats = _Formats(book)
    _instructions(book.add_worksheet("Instructions"), formats)
    units = len(rows.get("Units", []))
    for layout in SHEETS:
        sheet_rows = rows.get(layout.name, [])
        ws = book.add_worksheet(layout.name)
        _write_sheet(ws, layout, sheet_rows, formats)
        _validate(ws, layout, max(len(sheet_rows) + 1, _TEMPLATE_ROWS), units)
    _lists(book.add_worksheet("Lists"))
    if report is not None:
        _report(book.add_worksheet("Reading report"), report, formats)
    try:
        book.close()
    except (OSError, XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ValidationError(f"{path}: cannot write the workbook ({reason})") from None


def _instructions(ws: Worksheet, formats: _Formats) -> None:
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 100)
    row = 0
    for line in _INSTRUCTIONS:
        ws.write_string(row, 0, line, formats.plain)
        row += 1
    row += 1
    ws.write_string(row, 0, "sheet / column", formats.header)
    ws.write_string(row, 1, "what it holds", formats.header)
    for layout in SHEETS:
        row += 1
        ws.write_string(row, 0, layout.name, formats.header)
        ws.write_string(row, 1, layout.help, formats.wrap)
        for column in layout.columns:
            row += 1
            need = "required; " if column.required else ""
            ws.write_string(row, 0, column.name, formats.plain)
            ws.write_string(row, 1, f"{need}{column.kind}; {column.help}".rstrip("; "))


def _write_sheet(
    ws: Worksheet, layout: SheetLayout, rows: list[list[Cell]], formats: _Formats
) -> None:
    for col, column in enumerate(layout.columns):
        ws.write_string(0, col, column.name, formats.header)
        width = _WIDTH.get(column.kind, 16) if column.kind != "text" else 30
        text = column.kind == "text" or column.kind.startswith("list:")
        ws.set_column(col, col, width, formats.text if text else None)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                raise ValidationError(
                    f'sheet "{layout.name}", row {r + 1}, column "{layout.names[col]}": a text '
                    f"of {len(value):,} characters is longer than a spreadsheet cell holds "
                    f"({MAX_TEXT_CHARS:,}); it would be cut, so the workbook is not written"
                )
            _cell(ws, r, col, value, formats)
    ws.freeze_panes(1, 0)


def _cell(ws: Worksheet, row: int, col: int, value: Cell, formats: _Formats) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int):
        ws.write_number(row, col, value)
    elif isinstance(value, Decimal):
        ws.write_number(row, col, float(value), formats.decimal(value))
    else:
        ws.write_string(row, col, value, formats.text)


def _validate(ws: Worksheet, layout: SheetLayout, last: int, units: int) -> None:
    for col, column in enumerate(layout.columns):
        if not column.kind.startswith("list:"):
            continue
        name = column.kind.removeprefix("list:")
        if name == "unit":
            source = f"=Units!$A$2:$A${max(units + 1, _TEMPLATE_ROWS)}"
        else:
            letter = xl_col_to_name(sorted(LISTS).index(name))
            source = f"=Lists!${letter}$2:${letter}${len(LISTS[name]) + 1}"
        ws.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": source,
                "ignore_blank": True,
                "error_title": column.name,
                "error_message": f"Choose a value of the list ({name}).",
            },
        )


def _lists(ws: Worksheet) -> None:
    for col, name in enumerate(sorted(LISTS)):
        ws.write_string(0, col, name)
        for row, word in enumerate(LISTS[name], start=1):
            ws.write_string(row, col, word)
    ws.hide()


def _report(ws: Worksheet, report: ReadingReport, formats: _Formats) -> None:
    for col, title in enumerate(("source_line", "status", "section", "reason")):
        ws.write_string(0, col, title, formats.header)
    notes = sorted([*report.notes.values(), *report.extra], key=lambda n: n.line)
    for r, n in enumerate(notes, start=1):
        ws.write_number(r, 0, n.line)
        for col, text in enumerate((n.status.value, n.section, n.reason), start=1):
            if text:
                ws.write_string(r, col, text)
