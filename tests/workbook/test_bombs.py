"""XLSX bombs are refused before openpyxl parses them: fast, in bounded memory, with a message
that names the file and the bound and never echoes the content. Both ways in are guarded: the
fact imports (``imports.read``) and the plan workbook (``plan load``)."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from zhospar._exceptions import ImportFileError
from zhospar._xlsx_guard import MAX_PART_BYTES, MAX_ROWS, check_xlsx
from zhospar.imports.read import read_table
from zhospar.workbook import read_plan_workbook

_SST = "xl/sharedStrings.xml"
_SHEET = "xl/worksheets/sheet1.xml"
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_HEAD = b'<?xml version="1.0"?><sst xmlns="%s" count="1" uniqueCount="1"><si><t>' % _MAIN
_SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="%s">' % _MAIN


def _bomb(tmp_path: Path, part: str, pieces: Callable[[], Iterator[bytes]]) -> Path:
    """A real one-sheet workbook whose ``part`` is replaced by what ``pieces`` yields."""
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "indicator_id"
    book.save(plain)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                continue
            dst.writestr(info, src.read(info.filename))
        with dst.open(part, "w") as stream:
            for piece in pieces():
                stream.write(piece)
    return path


def _shared_string(megabytes: int) -> Callable[[], Iterator[bytes]]:
    def pieces() -> Iterator[bytes]:
        yield _SST_HEAD
        for _ in range(megabytes):
            yield b"A" * (1024 * 1024)
        yield b"</t></si></sst>"

    return pieces


def _rows(count: int) -> Callable[[], Iterator[bytes]]:
    def pieces() -> Iterator[bytes]:
        yield _SHEET_HEAD + b"<sheetData>"
        for start in range(0, count, 10_000):
            yield b"<row/>" * min(10_000, count - start)  # rows without a number: counted
        yield b"</sheetData></worksheet>"

    return pieces


def _far_cell() -> Iterator[bytes]:
    yield _SHEET_HEAD + b'<dimension ref="A1:XFD1048576"/><sheetData>'
    yield b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    yield b"</sheetData></worksheet>"


def _refused(path: Path, read: Callable[[Path], object]) -> str:
    """The refusal's message; asserts it came fast and in bounded memory."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(ImportFileError) as caught:
            read(path)
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < 5, elapsed
    assert peak < 16 * 1024 * 1024, peak
    message = str(caught.value)
    assert str(path) in message
    assert "AAAAAAAAAA" not in message  # the content is never echoed
    assert len(message) < 400
    return message


def test_a_shared_string_bomb_is_refused_by_its_expanded_size(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SST, _shared_string(100))  # 100 MB of text
    assert path.stat().st_size < 200_000  # ~100 KB on disk
    message = _refused(path, lambda p: read_table(p))
    assert f"more than the {MAX_PART_BYTES:,} bytes allowed" in message
    assert "refused before reading" in message


def test_one_long_shared_string_is_refused_by_the_cell_limit(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SST, _shared_string(5))  # 5 MB: under the part bound
    message = _refused(path, lambda p: read_table(p))
    assert "a text longer than 32,767 characters" in message


def test_a_row_bomb_is_refused_by_its_row_count(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SHEET, _rows(MAX_ROWS + 50_000))
    assert path.stat().st_size < 100_000
    message = _refused(path, lambda p: read_table(p))
    assert f"past the {MAX_ROWS:,} rows allowed" in message


def test_one_far_cell_is_refused_before_a_reader_pads_to_it(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SHEET, _far_cell)
    message = _refused(path, lambda p: read_table(p))
    assert "reaches row 1,048,576" in message


def test_the_plan_workbook_is_guarded_the_same_way(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SST, _shared_string(100))
    message = _refused(path, read_plan_workbook)
    assert "refused before reading" in message
    path = _bomb(tmp_path, _SHEET, _far_cell)
    assert "reaches row 1,048,576" in _refused(path, read_plan_workbook)


def test_an_ordinary_workbook_passes(tmp_path: Path) -> None:
    path = _bomb(tmp_path, _SHEET, _rows(1000))
    check_xlsx(path)  # no exception: 1,000 rows are far under the bound


def test_a_far_column_is_refused(tmp_path: Path) -> None:
    def far_column() -> Iterator[bytes]:
        yield _SHEET_HEAD + b'<sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is>'
        yield b"</c></row></sheetData></worksheet>"

    path = _bomb(tmp_path, _SHEET, far_column)
    assert "reaches column 16,384, past the 256 columns allowed" in _refused(path, read_table)
