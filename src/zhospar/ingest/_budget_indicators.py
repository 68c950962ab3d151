"""The indicator table of a program form: its header, its rows and the HTML table of form 001.

Header. The years come from the form's own header ("2008 жыл (нақты)", "2009 жыл (жоспар)",
"2010 жыл" ...). The row above them spans "Есепті кезең" (the reported period) over the first
years and "Жоспарлы кезең" (the planned period) over the rest; the distance between the two
cells (or the ``colspan`` in an HTML header) says how many years were reported. The note in
parentheses goes to ``YearValue.note`` and says which kind of money a column holds.

Rows. A row is a name, a unit (the cell may be empty) and one value per year, left to right; a
row with fewer values than years holds the first years (the conversion lost trailing cells, it
never shifted them right), and the reading report says so.

Breakdowns. A row is a breakdown of the indicator above when that indicator announces a list
(its name ends with ":" or ";" or "оның ішінде") and the row reads as an item of it: it starts
with "-", "а)", "1 топ" or a lower-case word. Breakdowns are kept one level deep, in order, so a
heading-like item without values ("- мемлекеттік арнайы жәрдемақылар") sits beside the items
under it; the parent's value is the sum of the items that have values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from zhospar.i18n import Message
from zhospar.ingest._budget_cells import read_value
from zhospar.ingest._text import clean
from zhospar.ingest._years import header_years, is_year_header
from zhospar.ingest.numbers import is_no_value, looks_like_number
from zhospar.ingest.report import Reason
from zhospar.model.plan import ExpenditureKind, Phase, ProgramIndicatorKind, YearValue

__all__ = [
    "HtmlTable",
    "Years",
    "announces_list",
    "header_span",
    "header_years",
    "indicator_kind",
    "is_header_row",
    "item_label",
    "looks_like_item",
    "parse_html_table",
    "split_row",
    "year_values",
]

_REPORTED = re.compile(r"^Есепті\s+кезе", re.IGNORECASE)
_PLANNED = re.compile(r"^Жоспарлы\s+кезе", re.IGNORECASE)
_HEADER = re.compile(r"^(?:Көрсеткіш(?:тер)?\s+атауы|Өлшем\s+бірлігі)", re.IGNORECASE)
_KINDS = [
    (re.compile(r"^Сандық\s+көрсеткіш", re.IGNORECASE), ProgramIndicatorKind.QUANTITATIVE),
    (re.compile(r"^Сапа(?:лық)?\s+көрсеткіш", re.IGNORECASE), ProgramIndicatorKind.QUALITY),
    (re.compile(r"^Тиімділік\s+көрсеткіш", re.IGNORECASE), ProgramIndicatorKind.EFFICIENCY),
    (re.compile(r"^Нәтиже\s+көрсеткіш", re.IGNORECASE), ProgramIndicatorKind.RESULT),
]
_ITEM = re.compile(r"^(?:[-–—]\s*|[а-яәіңғүұқөһa-z]\)\s*|\d+\s*-?\s*топ)", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+\.|[а-яәіңғүұқөһa-z]\)|[-–—])\s*(?=\S)", re.IGNORECASE)


@dataclass
class Years:
    """The year columns of a form's table, as its header states them."""

    years: list[int]
    notes: list[str | None]
    reported: int | None  # how many leading years fall in "Есепті кезең"; None: not stated

    def phase(self, index: int) -> Phase:
        if self.reported is not None:
            return Phase.REPORTED if index < self.reported else Phase.PLANNED
        return Phase.REPORTED if self.notes[index] else Phase.PLANNED

    def money_kind(self, index: int) -> tuple[ExpenditureKind, bool]:
        """The kind of money in a column and whether it was worked out (no note said it)."""
        note = (self.notes[index] or "").lower()
        if "нақты" in note:
            return ExpenditureKind.ACTUAL, False
        if "жоспар" in note:
            return ExpenditureKind.PLANNED, False
        if self.phase(index) is Phase.REPORTED:
            return ExpenditureKind.ACTUAL, True
        return ExpenditureKind.PLANNED, False


def indicator_kind(cell: str) -> ProgramIndicatorKind | None:
    """The kind a label cell names ("Сандық көрсеткіштері", "С а п а көрсеткіштері" ...)."""
    return next((kind for pattern, kind in _KINDS if pattern.match(cell)), None)


def is_header_row(cells: list[str]) -> bool:
    return is_year_header(cells) or any(
        _REPORTED.match(c) or _PLANNED.match(c) or _HEADER.match(c) for c in cells
    )


def header_span(cells: list[str]) -> int | None:
    """How many columns "Есепті кезең" spans: the cells up to "Жоспарлы кезең"."""
    start = next((i for i, c in enumerate(cells) if _REPORTED.match(c)), None)
    end = next((i for i, c in enumerate(cells) if _PLANNED.match(c)), None)
    return end - start if start is not None and end is not None and end > start else None


def is_value(cell: str) -> bool:
    return bool(cell.strip()) and (looks_like_number(cell) or is_no_value(cell))


def split_row(cells: list[str]) -> tuple[str, str | None, list[str]]:
    """Name, unit and value cells of a row that starts at its name."""
    while cells and not cells[0]:
        cells = cells[1:]
    if not cells or is_value(cells[0]):
        return "", None, [c for c in cells if c]
    name, rest = cells[0], cells[1:]
    if not rest:
        return name, None, []
    if not rest[0]:
        return name, None, rest[1:]
    if is_value(rest[0]):
        return name, None, rest
    return name, rest[0], rest[1:]


def announces_list(name: str) -> bool:
    text = name.rstrip()
    return text.endswith((":", ";")) or text.lower().endswith("ішінде")


def looks_like_item(name: str) -> bool:
    return bool(_ITEM.match(name)) or name[:1].islower()


def item_label(name: str) -> tuple[str | None, str]:
    """The printed item label ("1.", "а)", "-") and the name without it."""
    match = _NUMBER.match(name)
    if match is None:
        return None, name
    return match.group(1), name[match.end() :]


def year_values(raws: list[str], years: Years, line: int) -> tuple[list[YearValue], list[Reason]]:
    """One YearValue per cell present, and the problems found (for the reading report)."""
    problems: list[Reason] = []
    values: list[YearValue] = []
    for index, raw in enumerate(raws[: len(years.years)]):
        value, error = read_value(raw)
        if error:
            problems.append(Message("{year}: {error}", year=years.years[index], error=error))
        note = years.notes[index]
        phase = years.phase(index)
        values.append(
            YearValue(
                year=years.years[index], phase=phase, value=value, raw=raw, line=line, note=note
            )
        )
    extra = [c for c in raws[len(years.years) :] if c]
    if extra:
        beyond = Message(
            "{count} values beyond the {years} year columns",
            count=len(extra),
            years=len(years.years),
        )
        problems.append(beyond)
    return values, problems


@dataclass
class HtmlTable:
    """A table inside a cell: its years and its body rows as name, unit, values."""

    years: Years | None
    rows: list[tuple[str, str | None, list[str]]] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, bool]]] = []
        self._cell: list[str] | None = None
        self._span = 1
        self._header = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._header = [], tag == "th"
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append((clean("".join(self._cell)), self._span, self._header))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_html_table(markup: str) -> HtmlTable:
    """Read a ``<table>`` with the standard library's HTML parser (never with patterns)."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    years: list[tuple[int, str | None]] = []
    reported: int | None = None
    table = HtmlTable(years=None)
    for row in parser.rows:
        texts = [text for text, _, _ in row]
        if all(header for _, _, header in row):
            years += header_years(texts)
            reported = next((s for t, s, _ in row if _REPORTED.match(t)), reported)
        elif row:
            table.rows.append(split_row(texts))
    if years:
        table.years = Years([y for y, _ in years], [n for _, n in years], reported)
    return table
