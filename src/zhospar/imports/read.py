"""Reading an import file (CSV or XLSX) into raw rows, each with its row number.

People prepare actual values in Excel or LibreOffice and save them as XLSX, or as CSV in
whatever dialect their locale gives: UTF-8 with or without a byte-order mark, fields separated by
"," or ";" (the ";" dialect goes with a decimal comma). This module only finds the header and
hands out the cells as text; what the cells mean is ``validate``'s business.

Row numbers are those a spreadsheet shows: the first record of the file is row 1, so a problem
reported at "row 14" is found on row 14 when the file is opened in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, NoReturn

from zhospar._exceptions import ImportFileError, Problem

__all__ = ["RawRow", "RawTable", "normalise_header", "read_table"]

Cell = str | int | float | dt.datetime | dt.date | dt.time | bool | None

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_SNIFF_BYTES = 64 * 1024
_HEADER_SEARCH_ROWS = 20  # a title or a note may stand above the header; look this far down


class RawRow(NamedTuple):
    """One record of the file: its row number and its cells as text ("" for an empty cell)."""

    row: int
    cells: Sequence[str]


@dataclass
class RawTable:
    """The header and the records below it, read lazily so that a large file streams."""

    file: str
    header: list[str]
    header_row: int
    rows: Iterable[RawRow]
    format: str  # "csv" or "xlsx"
    delimiter: str | None = None


def read_table(path: str | Path, header_names: frozenset[str] = frozenset()) -> RawTable:
    """Open a CSV or XLSX file; the header is the first row naming a known column.

    ``header_names`` are normalised column names (see ``normalise_header``) that mark the header
    row; without them the first non-empty row is the header. Raises ImportFileError for a file
    that is missing, empty, or neither CSV nor XLSX.
    """
    file = str(path)
    head = _read_head(Path(path), file)
    if head.startswith(_ZIP_MAGIC):
        return _read_xlsx(Path(path), file, header_names)
    if head.startswith(_OLE_MAGIC):
        _fail(file, "is an old binary Excel file (.xls); save it as .xlsx or as CSV (UTF-8)")
    if b"\x00" in head:
        _fail(file, "is not a CSV or XLSX file (it holds binary data)")
    return _read_csv(Path(path), file, head, header_names)


def normalise_header(text: str) -> str:
    """A column name as letters and digits, lower case: "Өлшем бірлігі" -> "өлшембірлігі"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _fail(file: str, message: str, row: int | None = None) -> NoReturn:
    raise ImportFileError(file, [Problem(row, None, message)])


def _read_head(path: Path, file: str) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        _fail(file, "no such file")
    except IsADirectoryError:
        _fail(file, "is a folder, not a CSV or XLSX file")
    except OSError as exc:
        _fail(file, f"cannot be read ({exc.strerror})")
    if not head.removeprefix(b"\xef\xbb\xbf").strip():
        _fail(file, "the file is empty: expected a header row and at least one row of values")
    return head


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(path: Path, file: str, head: bytes, header_names: frozenset[str]) -> RawTable:
    sample = _decode_sample(head, file)
    delimiter = _sniff_delimiter(sample)
    records = _csv_records(path, file, delimiter)
    header_row, header, rest = _find_header(records, header_names)
    if header_row == 0:
        _fail(file, "the file is empty: expected a header row and at least one row of values")
    return RawTable(file, header, header_row, rest, "csv", delimiter)


def _decode_sample(head: bytes, file: str) -> str:
    """The start of the file as text; refuses a file that is not UTF-8."""
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sample's end
            return head[: exc.start].decode("utf-8-sig")
        row = head[: exc.start].count(b"\n") + 1
        _fail(file, _NOT_UTF8, row)


_NOT_UTF8 = (
    'is not UTF-8 text: save the file as "CSV UTF-8" (Excel) or choose the UTF-8 character '
    "set (LibreOffice)"
)


def _sniff_delimiter(sample: str) -> str:
    """ "," or ";" (or a tab), whichever splits the first non-empty line into the most fields."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: _count_outside_quotes(first, d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _csv_records(path: Path, file: str, delimiter: str) -> Iterator[RawRow]:
    """Every record of the CSV file, numbered from 1; blank records are skipped."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        try:
            for record in reader:
                number += 1
                if "".join(record).strip():  # not blank, nor only separators
                    yield RawRow(number, record)
        except UnicodeDecodeError:
            _fail(file, _NOT_UTF8, number + 1)
        except csv.Error as exc:
            _fail(file, f"is not a well-formed CSV file ({exc})", number + 1)


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, file: str, header_names: frozenset[str]) -> RawTable:
    records = _xlsx_records(path, file)
    header_row, header, rest = _find_header(records, header_names)
    if header_row == 0:
        _fail(file, "the first worksheet is empty: expected a header row and rows of values")
    return RawTable(file, header, header_row, rest, "xlsx")


def _xlsx_records(path: Path, file: str) -> Iterator[RawRow]:
    """The first worksheet's rows with values, formulas read as their last computed value."""
    import openpyxl  # type: ignore[import-untyped]  # only XLSX imports pay for it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        _fail(file, f"is not a valid XLSX workbook ({exc})")
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if "".join(cells).strip():
                yield RawRow(number, cells)
    finally:
        book.close()


def _cell_text(value: Cell) -> str:
    """A spreadsheet cell as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- header ----------------------------------------------------------------------------------


def _find_header(
    records: Iterator[RawRow], header_names: frozenset[str]
) -> tuple[int, list[str], Iterator[RawRow]]:
    """The header row's number and names, and the records after it (number 0: no rows at all)."""
    seen: list[RawRow] = []
    for record in records:
        seen.append(record)
        known = sum(1 for c in record.cells if normalise_header(c) in header_names)
        if not header_names or known >= 2:
            return record.row, [c.strip() for c in record.cells], records
        if len(seen) >= _HEADER_SEARCH_ROWS:
            break
    if not seen:
        return 0, [], iter(())
    first = seen[0]  # no row names two known columns: take the first, validation says what lacks
    return first.row, [c.strip() for c in first.cells], _chain(seen[1:], records)


def _chain(first: list[RawRow], rest: Iterator[RawRow]) -> Iterator[RawRow]:
    yield from first
    yield from rest
