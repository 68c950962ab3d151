"""Reading CSV and XLSX files into raw rows: dialects, encodings, and files that are not tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from zhospar._exceptions import ImportFileError
from zhospar.imports.columns import HEADER_NAMES
from zhospar.imports.read import RawRow, read_table


def rows_of(path: Path) -> tuple[list[str], list[RawRow]]:
    table = read_table(path, HEADER_NAMES)
    return table.header, list(table.rows)


def problem_text(error: pytest.ExceptionInfo[ImportFileError]) -> str:
    return "\n".join(str(p) for p in error.value.problems)


def test_comma_csv_with_quotes(write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.csv", 'code,indicator,year,value\n1.1,"Жұмыссыздық, деңгейі",2010,5.775\n')
    header, rows = rows_of(path)
    assert header == ["code", "indicator", "year", "value"]
    assert rows == [RawRow(2, ["1.1", "Жұмыссыздық, деңгейі", "2010", "5.775"])]


def test_byte_order_mark_is_not_part_of_the_first_column(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bom.csv", "\ufeffcode,indicator,year,value\n1.1,x,2010,1\n")
    header, _ = rows_of(path)
    assert header[0] == "code"


def test_semicolon_csv_keeps_the_decimal_comma_in_its_cell(write) -> None:  # type: ignore[no-untyped-def]
    path = write("semi.csv", "code;indicator;year;value\n1.1;Жұмыссыздық деңгейі;2010;5,775\n")
    table = read_table(path, HEADER_NAMES)
    assert table.delimiter == ";"
    [row] = list(table.rows)
    assert row.cells[-1] == "5,775"


def test_tab_separated_file(write) -> None:  # type: ignore[no-untyped-def]
    path = write("tab.csv", "code\tindicator\tyear\tvalue\n1.1\tx\t2010\t5,5\n")
    _, rows = rows_of(path)
    assert rows[0].cells == ["1.1", "x", "2010", "5,5"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them(write) -> None:  # type: ignore[no-untyped-def]
    text = 'code,indicator,year,value\n\n1.1,x,2010,1\n,,,\n1.1,"two\nlines",2011,2\n'
    _, rows = rows_of(write("gaps.csv", text))
    # record 1 is the header, record 2 is blank, record 4 holds only separators
    assert [r.row for r in rows] == [3, 5]


def test_header_below_a_title_row(write) -> None:  # type: ignore[no-untyped-def]
    text = "Нақты мәндер 2011\ncode,indicator,year,value\n1.1,x,2011,1\n"
    table = read_table(write("title.csv", text), HEADER_NAMES)
    assert table.header_row == 2
    assert [r.row for r in table.rows] == [3]


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file(write, content: bytes) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError) as error:
        read_table(write("empty.csv", content), HEADER_NAMES)
    assert "empty.csv" in str(error.value)
    assert "the file is empty" in problem_text(error)


def test_binary_garbage_is_not_a_table(write) -> None:  # type: ignore[no-untyped-def]
    garbage = bytes(range(256)) * 8
    with pytest.raises(ImportFileError) as error:
        read_table(write("garbage.csv", garbage), HEADER_NAMES)
    assert "is not a CSV or XLSX file" in problem_text(error)


def test_old_excel_file_is_named_as_such(write) -> None:  # type: ignore[no-untyped-def]
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ImportFileError) as error:
        read_table(write("old.xls", ole), HEADER_NAMES)
    assert ".xls" in problem_text(error) and "save it as .xlsx" in problem_text(error)


def test_zip_that_is_not_a_workbook(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError) as error:
        read_table(write("broken.xlsx", b"PK\x03\x04" + b"\x01" * 100), HEADER_NAMES)
    assert "is not a valid XLSX workbook" in problem_text(error)


def test_windows_1251_text_is_refused_with_the_row(write) -> None:  # type: ignore[no-untyped-def]
    text = "code,indicator,year,value\n1.1,Безработица,2010,5\n"
    with pytest.raises(ImportFileError) as error:
        read_table(write("cp.csv", text, encoding="cp1251"), HEADER_NAMES)
    assert str(error.value.problems[0]).startswith("row 2:")
    assert "is not UTF-8" in problem_text(error)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as error:
        read_table(tmp_path / "nowhere.csv", HEADER_NAMES)
    assert "no such file" in problem_text(error)


def test_xlsx_cells_become_the_text_a_person_typed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Actuals for 2011"])  # a title row above the header
    sheet.append(["code", "indicator", "year", "value", "comment"])
    sheet.append(["1.1", "Жұмыссыздық деңгейі", 2011, 5.4, None])
    sheet.append([])
    sheet.append(["4.1.2", "Базалық", dt.datetime(2011, 7, 1), 50, True])
    path = tmp_path / "facts.xlsx"
    book.save(path)
    table = read_table(path, HEADER_NAMES)
    assert (table.format, table.header_row) == ("xlsx", 2)
    rows = list(table.rows)
    assert rows[0] == RawRow(3, ["1.1", "Жұмыссыздық деңгейі", "2011", "5.4", ""])
    assert rows[1] == RawRow(5, ["4.1.2", "Базалық", "2011-07-01", "50", "TRUE"])
