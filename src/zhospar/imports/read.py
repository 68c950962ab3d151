"""Reading an import file (CSV or XLSX) into raw rows, each with its row number.

People prepare actual values in Excel or LibreOffice and save them as XLSX, or as CSV in
whatever dialect their locale gives: UTF-8 with or without a byte-order mark, fields separated by
"," or ";" (the ";" dialect goes with a decimal comma). This module only finds the header and
hands out the cells as text; what the cells mean is ``validate``'s business.

Row numbers are those a spreadsheet shows: the first record of the file is row 1, so a problem
reported at "row 14" is found on row 14 when the file is opened in Excel.

Records below the header come in chunks of ``CHUNK_ROWS`` (``RawTable.chunks``), so that a large
file streams and the checks can work on whole columns; ``RawTable.rows`` gives them one by one.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, islice
from pathlib import Path
from typing import NamedTuple, NoReturn

from zhospar._exceptions import ImportFileError, Problem
from zhospar.i18n import N_, gettext

__all__ = ["CHUNK_ROWS", "RawChunk", "RawRow", "RawTable", "normalise_header", "read_table"]

Cell = str | int | float | dt.datetime | dt.date | dt.time | bool | None

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_SNIFF_BYTES = 64 * 1024
_HEADER_SEARCH_ROWS = 20  # a title or a note may stand above the header; look this far down
CHUNK_ROWS = 10_000  # records read at a time


class RawRow(NamedTuple):
    """One record of the file: its row number and its cells as text ("" for an empty cell)."""

    row: int
    cells: Sequence[str]


class RawChunk(NamedTuple):
    """Records that follow each other in the file: their row numbers and their cells."""

    rows: Sequence[int]
    cells: Sequence[Sequence[str]]


@dataclass
class RawTable:
    """The header and the records below it, read lazily so that a large file streams."""

    file: str
    header: list[str]
    header_row: int
    chunks: Iterable[RawChunk]  # read once
    format: str  # "csv" or "xlsx"
    delimiter: str | None = None

    @property
    def rows(self) -> Iterator[RawRow]:
        """The records one by one (reads ``chunks``)."""
        for chunk in self.chunks:
            yield from map(RawRow, chunk.rows, chunk.cells)


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
        _fail(
            file, gettext("is an old binary Excel file (.xls); save it as .xlsx or as CSV (UTF-8)")
        )
    if b"\x00" in head:
        _fail(file, gettext("is not a CSV or XLSX file (it holds binary data)"))
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
        _fail(file, gettext("no such file"))
    except IsADirectoryError:
        _fail(file, gettext("is a folder, not a CSV or XLSX file"))
    except OSError as exc:
        _fail(file, gettext("cannot be read ({why})").format(why=exc.strerror))
    if not head.removeprefix(b"\xef\xbb\xbf").strip():
        _fail(
            file, gettext("the file is empty: expected a header row and at least one row of values")
        )
    return head


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(path: Path, file: str, head: bytes, header_names: frozenset[str]) -> RawTable:
    sample = _decode_sample(head, file)
    delimiter = _sniff_delimiter(sample)
    records = _Records(_csv_chunks(path, file, delimiter))
    header_row, header, rest = _find_header(records, header_names)
    if header_row == 0:
        _fail(
            file, gettext("the file is empty: expected a header row and at least one row of values")
        )
    return RawTable(file, header, header_row, rest, "csv", delimiter)


def _decode_sample(head: bytes, file: str) -> str:
    """The start of the file as text; refuses a file that is not UTF-8."""
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sample's end
            return head[: exc.start].decode("utf-8-sig")
        row = head[: exc.start].count(b"\n") + 1
        _fail(file, gettext(_NOT_UTF8), row)


_NOT_UTF8 = N_(
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


def _csv_chunks(path: Path, file: str, delimiter: str) -> Iterator[RawChunk]:
    """Every record of the CSV file, numbered from 1, in chunks; blank records are skipped.

    A file that breaks off (bytes that are not UTF-8, a broken quote) yields the records before
    the fault, then raises ImportFileError naming the row where it stopped.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        while True:
            records: list[list[str]] = []
            fault: str | None = None
            try:
                records.extend(islice(reader, CHUNK_ROWS))  # keeps what it read before a fault
            except UnicodeDecodeError:
                fault = gettext(_NOT_UTF8)
            except csv.Error as exc:
                fault = gettext("is not a well-formed CSV file ({why})").format(why=exc)
            if records:
                yield _numbered(records, number)
                number += len(records)
            if fault is not None:
                _fail(file, fault, number + 1)
            if len(records) < CHUNK_ROWS:
                return


def _numbered(records: list[list[str]], before: int) -> RawChunk:
    """Records numbered after ``before``, without the blank ones (empty, or only separators)."""
    rows = range(before + 1, before + 1 + len(records))
    texts = list(map(str.strip, map("".join, records)))
    if all(texts):
        return RawChunk(rows, records)
    return RawChunk(list(compress(rows, texts)), list(compress(records, texts)))


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, file: str, header_names: frozenset[str]) -> RawTable:
    records = _Records(_in_chunks(_xlsx_records(path, file)))
    header_row, header, rest = _find_header(records, header_names)
    if header_row == 0:
        _fail(
            file, gettext("the first worksheet is empty: expected a header row and rows of values")
        )
    return RawTable(file, header, header_row, rest, "xlsx")


_BROKEN_XLSX = (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, SyntaxError)
"""What openpyxl raises on a damaged workbook; SyntaxError: XML that does not parse (lxml's and
the standard library's errors derive from it), an entity expansion bomb included."""


def _xlsx_records(path: Path, file: str) -> Iterator[RawRow]:
    """The first worksheet's rows with values, formulas read as their last computed value.

    The file is opened here, not by openpyxl: a worksheet whose XML breaks half-way leaves
    openpyxl's member stream open, and with it a file openpyxl opened itself (Python 3.13 warns).
    Given a stream, openpyxl no longer checks the name, so the extension is checked here."""
    import openpyxl  # type: ignore[import-untyped]  # only XLSX imports pay for it

    if path.suffix.lower() not in _XLSX_SUFFIXES:
        _fail(file, gettext("is an XLSX workbook under another name: give it the extension .xlsx"))
    with path.open("rb") as stream:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
                book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except _BROKEN_XLSX as exc:
            _fail(file, gettext("is not a valid XLSX workbook ({why})").format(why=exc))
        try:
            sheet = book.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if "".join(cells).strip():
                    yield RawRow(number, cells)
        except _BROKEN_XLSX as exc:
            _fail(file, gettext("is not a valid XLSX workbook ({why})").format(why=exc))
        finally:
            book.close()


_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")  # the names openpyxl itself accepts


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


def _in_chunks(records: Iterator[RawRow]) -> Iterator[RawChunk]:
    while batch := list(islice(records, CHUNK_ROWS)):
        yield RawChunk([r.row for r in batch], [r.cells for r in batch])


class _Records:
    """Chunks of records, read one record at a time until the header is found, then by chunk."""

    def __init__(self, chunks: Iterator[RawChunk]) -> None:
        self._chunks = chunks
        self._left = RawChunk((), ())  # the part of the current chunk not yet handed out

    def __iter__(self) -> Iterator[RawRow]:
        for chunk in self._chunks:
            for i, (row, cells) in enumerate(zip(chunk.rows, chunk.cells, strict=True)):
                self._left = RawChunk(chunk.rows[i + 1 :], chunk.cells[i + 1 :])
                yield RawRow(row, cells)
        self._left = RawChunk((), ())

    def rest(self, first: Sequence[RawRow] = ()) -> Iterator[RawChunk]:
        """``first`` (records read past the header), then every record not handed out yet."""
        if first:
            yield RawChunk([r.row for r in first], [r.cells for r in first])
        if self._left.rows:
            yield self._left
        yield from self._chunks


def _find_header(
    records: _Records, header_names: frozenset[str]
) -> tuple[int, list[str], Iterator[RawChunk]]:
    """The header row's number and names, and the records after it (number 0: no rows at all)."""
    seen: list[RawRow] = []
    for record in records:
        seen.append(record)
        known = sum(1 for c in record.cells if normalise_header(c) in header_names)
        if not header_names or known >= 2:
            return record.row, [c.strip() for c in record.cells], records.rest()
        if len(seen) >= _HEADER_SEARCH_ROWS:
            break
    if not seen:
        return 0, [], iter(())
    first = seen[0]  # no row names two known columns: take the first, validation says what lacks
    return first.row, [c.strip() for c in first.cells], records.rest(seen[1:])
