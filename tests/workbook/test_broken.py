"""A broken plan workbook never crashes: every problem comes back with its sheet, row, column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from tests.export.plans import hand_plan
from zhospar._exceptions import ImportFileError, Problem
from zhospar.workbook import read_plan_workbook, write_plan_workbook


def _broken(tmp_path: Path, change: Callable[[Workbook], None]) -> list[Problem]:
    """The hand plan's workbook changed by ``change``: the problems reading it gives."""
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(hand_plan(), path)
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    with pytest.raises(ImportFileError) as caught:
        read_plan_workbook(path)
    assert "nothing imported" in str(caught.value)
    return caught.value.problems


def _column(book: Workbook, sheet: str, name: str) -> int:
    return [c.value for c in book[sheet][1]].index(name) + 1


def _row_of(book: Workbook, sheet: str, first: str) -> int:
    return next(r[0].row for r in book[sheet].iter_rows(min_row=2) if r[0].value == first)


def test_a_missing_sheet(tmp_path: Path) -> None:
    problems = _broken(tmp_path, lambda b: b.remove(b["Values"]))
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Values", None, None)]
    assert "the sheet is missing" in problems[0].message


def test_a_wrong_header(tmp_path: Path) -> None:
    def rename(book: Workbook) -> None:
        book["Indicators"].cell(1, _column(book, "Indicators", "unit")).value = "units"

    problems = _broken(tmp_path, rename)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Indicators", 1, "unit")]
    assert 'expected a column "unit"' in problems[0].message


def test_a_text_in_a_number_column(tmp_path: Path) -> None:
    def text(book: Workbook) -> None:
        book["Values"].cell(2, _column(book, "Values", "value")).value = "алты"

    problems = _broken(tmp_path, text)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Values", 2, "value")]
    assert problems[0].message == 'expected a number such as 5.3 or 5,3; got "алты"'


def test_an_unknown_unit(tmp_path: Path) -> None:
    def unit(book: Workbook) -> None:
        row = _row_of(book, "Indicators", "G1.1-I1")
        book["Indicators"].cell(row, _column(book, "Indicators", "unit")).value = "парсек"

    problems = _broken(tmp_path, unit)
    assert [(p.sheet, p.column) for p in problems] == [("Indicators", "unit")]
    assert problems[0].row == 2
    assert 'unknown unit "парсек": add it to the Units sheet' in problems[0].message


def test_an_unknown_phase(tmp_path: Path) -> None:
    def phase(book: Workbook) -> None:
        book["Values"].cell(3, _column(book, "Values", "phase")).value = "forecast"

    problems = _broken(tmp_path, phase)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Values", 3, "phase")]
    assert problems[0].message == 'expected one of reported, planned; got "forecast"'


def test_a_duplicate_id(tmp_path: Path) -> None:
    def duplicate(book: Workbook) -> None:
        ws = book["Indicators"]
        ws.cell(_row_of(book, "Indicators", "T1.1.1-I2"), 1).value = "T1.1.1-I1"

    problems = _broken(tmp_path, duplicate)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Indicators", 5, "id")]
    assert problems[0].message == '"T1.1.1-I1" is given twice (first on row 4)'


def test_a_formula_in_a_cell(tmp_path: Path) -> None:
    def formula(book: Workbook) -> None:
        book["Values"].cell(2, _column(book, "Values", "value")).value = "=2+2"

    problems = _broken(tmp_path, formula)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Values", 2, "value")]
    assert problems[0].message == 'holds a formula ("=2+2"): type the value itself'


def test_many_problems_are_reported_at_once_and_bad_values_quoted_short(tmp_path: Path) -> None:
    def many(book: Workbook) -> None:
        values = book["Values"]
        values.cell(2, _column(book, "Values", "value")).value = "x" * 10_000
        values.cell(3, _column(book, "Values", "phase")).value = "forecast"
        values.cell(4, _column(book, "Values", "year")).value = "next year"
        book["Goals"].cell(2, _column(book, "Goals", "direction")).value = None

    problems = _broken(tmp_path, many)
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Goals", 2, "direction"),
        ("Values", 2, "value"),
        ("Values", 3, "phase"),
        ("Values", 4, "year"),
    ]
    assert all(len(p.message) < 200 for p in problems)
    assert problems[0].message == "is empty; it is required"


def test_a_reference_to_nothing(tmp_path: Path) -> None:
    def orphan(book: Workbook) -> None:
        book["Values"].cell(2, 1).value = "G9.9-I1"

    problems = _broken(tmp_path, orphan)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Values", 2, "indicator")]
    assert problems[0].message == 'no indicator "G9.9-I1" in Indicators'


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="is not a valid XLSX workbook"):
        read_plan_workbook(path)
