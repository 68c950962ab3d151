"""The plan workbook's sheets read into typed rows, every problem kept with sheet, row, column.

A cell is read as its column's kind says (``layout``); a cell that does not fit becomes a
problem, not an exception, so that one pass reports them all. A formula is refused: the workbook
holds the plan's figures, not a calculation whose result a spreadsheet may never have stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zhospar._exceptions import Problem, quoted
from zhospar.rules.values import not_a_number, parse_value
from zhospar.workbook.layout import LISTS, Column, SheetLayout

__all__ = ["Row", "SheetReader"]

MAX_PROBLEMS = 200  # a workbook that is wrong everywhere: the first 200 say enough
_PLACES = re.compile(r"0\.(0+)")


@dataclass
class Row:
    """One row of a sheet: its number as the spreadsheet shows it and its typed cells."""

    sheet: str
    number: int
    cells: dict[str, Any]

    def where(self) -> str:
        return f"{self.sheet}, row {self.number}"


@dataclass
class SheetReader:
    """Reads sheets of one workbook; ``problems`` gathers what is wrong in all of them."""

    units: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message, sheet))

    def read(self, layout: SheetLayout, raw: list[tuple[Any, ...]] | None) -> list[Row]:
        """The rows below the header; ``raw`` None: the sheet is missing."""
        if raw is None:
            self.problem(layout.name, None, None, "the sheet is missing (see docs/workbook.md)")
            return []
        if not raw:
            self.problem(layout.name, 1, None, "expected a header row: " + ", ".join(layout.names))
            return []
        header = [_text(getattr(c, "value", None)) for c in raw[0]]
        places = self._header(layout, header)
        if places is None:
            return []
        rows = []
        for number, cells in enumerate(raw[1:], start=2):
            if all(getattr(c, "value", None) in (None, "") for c in cells):
                continue
            rows.append(Row(layout.name, number, self._row(layout, places, number, cells)))
        return rows

    def _header(self, layout: SheetLayout, header: list[str]) -> dict[str, int] | None:
        places = {name.strip(): i for i, name in reversed(list(enumerate(header))) if name}
        missing = [c.name for c in layout.columns if c.name not in places]
        for name in missing:
            self.problem(
                layout.name,
                1,
                name,
                f'expected a column "{name}" in the header; found: '
                + quoted(", ".join(h for h in header if h)),
            )
        return None if missing else places

    def _row(
        self, layout: SheetLayout, places: dict[str, int], number: int, cells: tuple[Any, ...]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for column in layout.columns:
            i = places[column.name]
            cell = cells[i] if i < len(cells) else None
            out[column.name] = self._cell(layout.name, number, column, cell)
        return out

    def _cell(self, sheet: str, row: int, column: Column, cell: Any) -> Any:
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            self.problem(
                sheet,
                row,
                column.name,
                f'holds a formula ("{quoted(value)}"): type the value itself',
            )
            return None
        if value is None or (isinstance(value, str) and not value.strip()):
            if column.required:
                self.problem(sheet, row, column.name, "is empty; it is required")
            return None
        try:
            return _convert(column.kind, value, getattr(cell, "number_format", "General"))
        except ValueError as exc:
            self.problem(sheet, row, column.name, str(exc))
            return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def _convert(kind: str, value: Any, number_format: str) -> Any:
    if kind == "text":
        return _text(value)
    if kind == "int":
        return _whole(value)
    if kind == "number":
        return _number(value, number_format)
    if kind == "bool":
        return _bool(value)
    if kind == "years":
        return _years(value)
    if kind == "date":
        return _date(value)
    text = _text(value).strip()
    name = kind.removeprefix("list:")
    if name != "unit" and text not in LISTS[name]:
        raise ValueError(f'expected one of {", ".join(LISTS[name])}; got "{quoted(text)}"')
    return text


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f'expected a whole number; got "{value}"')
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value).strip()
    if re.fullmatch(r"-?\d{1,12}", text):
        return int(text)
    raise ValueError(f'expected a whole number such as 2012; got "{quoted(text)}"')


def _number(value: Any, number_format: str) -> Decimal:
    """A number cell as the Decimal it shows: 8 with format "#,##0.0" is Decimal("8.0")."""
    if isinstance(value, bool):
        raise ValueError(not_a_number(str(value)))
    if not isinstance(value, int | float):
        try:
            return parse_value(_text(value).strip())
        except ValueError:
            raise ValueError(not_a_number(_text(value))) from None
    if isinstance(value, int) or value.is_integer():
        number = Decimal(int(value))
    else:
        number = Decimal(repr(value))
    match = _PLACES.search(number_format or "")
    places = len(match.group(1)) if match else 0
    exponent = number.as_tuple().exponent
    if places and isinstance(exponent, int) and exponent > -places:
        number = number.quantize(Decimal(1).scaleb(-places))
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().casefold()
    if text in {"true", "1", "yes", "иә", "да"}:
        return True
    if text in {"false", "0", "no", "жоқ", "нет"}:
        return False
    raise ValueError(f'expected TRUE or FALSE; got "{quoted(text)}"')


def _years(value: Any) -> list[int]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [_whole(value)]
    parts = [p.strip() for p in re.split(r"[,;\s]+", _text(value)) if p.strip()]
    if not all(re.fullmatch(r"\d{1,4}", p) for p in parts):
        raise ValueError(f'expected whole numbers separated by commas; got "{quoted(value)}"')
    return [int(p) for p in parts]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise ValueError(f'expected a date such as 2010-05-14 or 14.05.2010; got "{quoted(text)}"')
