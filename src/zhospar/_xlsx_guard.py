"""The one check every XLSX workbook passes before openpyxl parses it: bounds on what it expands to.

An XLSX file is a zip of XML parts. A few kilobytes can expand to gigabytes (one shared string of
a hundred megabytes, a worksheet of a million empty rows, a cell at XFD1048576 that makes a reader
pad every row to 16,384 columns), long before any upload cap is reached. ``check_xlsx`` opens the
zip itself and streams each part once, without building any tree, and refuses the file when:

* a part, or all parts together, would expand past ``MAX_PART_BYTES`` / ``MAX_TOTAL_BYTES``
  (the sizes the zip declares; the stream is cut there too, so a lying header gains nothing);
* a worksheet names a row past ``MAX_ROWS`` or a column past ``MAX_COLUMNS`` (in its dimension,
  its rows or its cells), or holds more row elements than ``MAX_ROWS``;
* a text between two tags is longer than Excel itself allows in a cell (32,767 characters, at
  most four bytes each in UTF-8).

The fact imports (``imports.read``) and ``zhospar plan load`` both call it; the message names the
file and the bound, never the bad content.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from zhospar._exceptions import ImportFileError, Problem

__all__ = [
    "MAX_COLUMNS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_TEXT_CHARS",
    "MAX_TOTAL_BYTES",
    "check_xlsx",
]

MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_ROWS = 200_000  # per worksheet; larger sets of facts travel as CSV
MAX_COLUMNS = 256
MAX_TEXT_CHARS = 32_767  # Excel's own limit for one cell
_MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS  # UTF-8: at most four bytes a character
_CHUNK = 1024 * 1024
_OVERLAP = 256  # a tag cut by a chunk's end is looked at again with the next chunk

# Only references past the bounds match (a row of six digits or more, a column past IV), so an
# ordinary worksheet is scanned at the regular expression engine's speed, without a Python loop.
_FAR_ROW = re.compile(rb'\s(?:r|ref)="(?:[^"<>]*?[A-Za-z$:])?(\d{6,})"')
_FAR_COL = re.compile(
    rb'\s(?:r|ref)="(?:[^"<>]*:)?\$?([A-Za-z]{3}|[J-Zj-z][A-Za-z]|[Ii][W-Zw-z])\$?\d'
)
_ROW_TAGS = (b"<row ", b"<row>", b"<row/>", b":row ", b":row>", b":row/>")


def check_xlsx(path: str | Path, file: str | None = None) -> None:
    """ImportFileError (naming ``file`` and the bound) if the workbook expands past a bound."""
    name = file or str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(archive.infolist(), name)
            for info in archive.infolist():
                if info.is_dir():
                    continue
                with archive.open(info) as stream:
                    _check_part(stream, info.filename, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as exc:
        _refuse(name, f"is not a valid XLSX workbook ({exc})")
    except NotImplementedError as exc:  # a compression method zipfile does not know
        _refuse(name, f"is not a valid XLSX workbook ({exc})")


def _refuse(file: str, message: str) -> None:
    raise ImportFileError(file, [Problem(None, None, message)])


def _check_sizes(infos: list[zipfile.ZipInfo], file: str) -> None:
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            _refuse(
                file,
                f"refused before reading: its part {info.filename[:80]} expands to "
                f"{info.file_size:,} bytes, more than the {MAX_PART_BYTES:,} bytes allowed",
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        _refuse(
            file,
            f"refused before reading: it expands to {total:,} bytes, more than the "
            f"{MAX_TOTAL_BYTES:,} bytes allowed",
        )


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The part in chunks that overlap by a little, so no tag is missed at a chunk's end."""
    tail = b""
    while block := stream.read(_CHUNK):
        yield tail + block
        tail = block[-_OVERLAP:]


def _check_part(stream: IO[bytes], part: str, file: str) -> None:
    sheet = part.startswith("xl/worksheets/") and part.endswith(".xml")
    rows = max_row = max_col = 0
    run = 0  # bytes of text since the last "<", across chunks
    first = True
    for chunk in _chunks(stream):
        body = chunk if first else chunk[_OVERLAP:]
        run = _text_run(body, run, part, file)
        if sheet:
            rows += sum(body.count(tag) for tag in _ROW_TAGS)
            for match in _FAR_ROW.finditer(chunk):
                max_row = max(max_row, int(match.group(1)))
            for match in _FAR_COL.finditer(chunk):
                max_col = max(max_col, _column_number(match.group(1).decode("ascii")))
            if max(rows, max_row) > MAX_ROWS or max_col > MAX_COLUMNS:
                _too_many(file, part, max(rows, max_row), max_col)
        first = False


def _text_run(body: bytes, run: int, part: str, file: str) -> int:
    """The length of the text run at the end of ``body``; refuses a text past the cell limit."""
    cut = body.find(b"<")
    if cut < 0:
        run += len(body)
    elif run + cut > _MAX_TEXT_BYTES or _longest_run(body) > _MAX_TEXT_BYTES:
        run = _MAX_TEXT_BYTES + 1
    else:
        run = len(body) - body.rfind(b"<") - 1
    if run > _MAX_TEXT_BYTES:
        _refuse(
            file,
            f"refused before reading: its part {part[:80]} holds a text longer than "
            f"{MAX_TEXT_CHARS:,} characters (the most a spreadsheet cell holds)",
        )
    return run


def _longest_run(body: bytes) -> int:
    """The longest run of text without a "<" in ``body`` that could pass the bound, else 0.

    Windows half the bound wide are probed: a run past the bound holds one whole, so only a
    window without "<" is measured, and nothing is copied."""
    step = _MAX_TEXT_BYTES // 2
    longest = 0
    for start in range(0, len(body), step):
        if body.find(b"<", start, start + step) >= 0:
            continue
        first = body.rfind(b"<", 0, start) + 1
        end = body.find(b"<", start)
        longest = max(longest, (len(body) if end < 0 else end) - first)
    return longest


def _column_number(letters: str) -> int:
    """ "A" -> 1, "IV" -> 256, "XFD" -> 16,384."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def _too_many(file: str, part: str, rows: int, cols: int) -> None:
    if rows > MAX_ROWS:
        what = f"reaches row {rows:,}, past the {MAX_ROWS:,} rows allowed (save larger sets as CSV)"
    else:
        what = f"reaches column {cols:,}, past the {MAX_COLUMNS:,} columns allowed"
    _refuse(file, f"refused before reading: its worksheet {part[:80]} {what}")
