"""What every report workbook shares: cell formats, status colours and a table writer.

Text from the plan and from users is untrusted: every text goes through ``write_string`` (a
comment "=HYPERLINK(...)" stays text, never a formula), and the workbook is opened by
``zhospar._xlsx.new_workbook``, with formula, URL and number conversion of strings switched
off. Numbers are written as numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from zhospar.i18n import gettext, pgettext
from zhospar.report.model import SignOff

__all__ = [
    "Col",
    "Formats",
    "StatusCell",
    "Table",
    "mark_draft",
    "write_table",
    "write_text",
]

_MAX_CELL = 32_767  # Excel's limit on the characters of a cell

STATUS_COLOURS: dict[str, tuple[str, str]] = {  # status -> (fill, font)
    "achieved": ("#C6EFCE", "#006100"),
    "nearly": ("#FFEB9C", "#9C5700"),
    "not_achieved": ("#FFC7CE", "#9C0006"),
    "no_data": ("#EDEDED", "#595959"),
    "too_few_facts": ("#EDEDED", "#595959"),  # a mean of too few facts: not called
}

Kind = Literal["text", "wrap", "number", "percent", "int"]


@dataclass(frozen=True)
class StatusCell:
    """A status shown in its colour: the label people read, the status that picks the colour."""

    label: str
    status: str


Cell = str | Decimal | int | StatusCell | None


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    kind: Kind = "text"
    context: str = ""  # a gettext context, where the English head means other things elsewhere

    def label(self) -> str:
        """The head in the language of the moment."""
        return pgettext(self.context, self.header) if self.context else gettext(self.header)


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's name (at most 31 characters)
    cols: Sequence[Col]
    rows: Iterable[Sequence[Cell]]
    freeze_cols: int = 0
    notes: Sequence[str] = ()  # lines written under the table


class Formats:
    """The workbook's formats, created once per workbook."""

    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.text = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"valign": "top", "text_wrap": True})
        self.number = book.add_format({"valign": "top", "num_format": "#,##0.###"})
        # Two decimals; a share below 0.01 % with up to four (0.0044, never 0.00): as
        # zhospar.model.decimals.round_shown shows it everywhere else.
        self.percent = book.add_format({"valign": "top", "num_format": "[<0.01]0.00##;0.00"})
        self.int = book.add_format({"valign": "top", "num_format": "0"})
        self.note = book.add_format({"italic": True, "font_color": "#595959"})
        self.draft = book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.status = {
            status: book.add_format(
                {"valign": "top", "bg_color": fill, "font_color": font, "border": 1}
            )
            for status, (fill, font) in STATUS_COLOURS.items()
        }

    def of(self, kind: Kind) -> Format:
        return {
            "text": self.text,
            "wrap": self.wrap,
            "number": self.number,
            "percent": self.percent,
            "int": self.int,
        }[kind]


def mark_draft(book: Workbook, state: SignOff) -> None:
    """A draft's marker in the page header of every sheet (on every printed page)."""
    if state.approved:
        return
    for sheet in book.worksheets():
        sheet.set_header(f'&C&"-,Bold"{state.marker.replace("&", "&&")}')


def write_text(sheet: Worksheet, row: int, col: int, text: str, fmt: Format | None = None) -> None:
    """Write text as text, whatever it looks like (a formula, a URL, a number)."""
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 20] + " … (cut at the limit)"
    sheet.write_string(row, col, text, fmt)


def write_cell(sheet: Worksheet, row: int, col: int, value: Cell, kind: Kind, f: Formats) -> None:
    if value is None:
        sheet.write_blank(row, col, None, f.of(kind))
    elif isinstance(value, StatusCell):
        write_text(sheet, row, col, value.label, f.status.get(value.status, f.text))
    elif isinstance(value, Decimal | int) and not isinstance(value, bool):
        sheet.write_number(row, col, float(value), f.of(kind))
    else:
        write_text(sheet, row, col, str(value), f.of(kind))


def write_table(book: Workbook, f: Formats, table: Table) -> Worksheet:
    """A sheet with a frozen header row, a filter, set widths and the rows written by kind."""
    sheet = book.add_worksheet(gettext(table.name)[:31])
    for col, spec in enumerate(table.cols):
        write_text(sheet, 0, col, spec.label(), f.header)
        sheet.set_column(col, col, spec.width)
    row = 0
    for row, cells in enumerate(table.rows, start=1):
        for col, spec in enumerate(table.cols):
            write_cell(sheet, row, col, cells[col] if col < len(cells) else None, spec.kind, f)
    sheet.freeze_panes(1, table.freeze_cols)
    sheet.autofilter(0, 0, max(row, 1), len(table.cols) - 1)
    for offset, note in enumerate(table.notes, start=row + 2):
        write_text(sheet, offset, 0, gettext(note), f.note)
    return sheet
