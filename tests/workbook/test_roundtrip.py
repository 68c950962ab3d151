"""The plan workbook holds the whole plan: written and read back, the model is the same."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.export.plans import hand_plan
from zhospar._exceptions import ValidationError
from zhospar.export import plan_to_json
from zhospar.ingest import ReadResult
from zhospar.model.plan import Phase
from zhospar.model.walk import find_indicator
from zhospar.workbook import SHEETS, read_plan_workbook, write_plan_workbook


@pytest.fixture(scope="module")
def bundled_book(bundled: ReadResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "bundled.xlsx"
    write_plan_workbook(bundled.plan, path, bundled.report)
    return path


def test_the_bundled_plan_comes_back_the_same(bundled: ReadResult, bundled_book: Path) -> None:
    back = read_plan_workbook(bundled_book)
    assert back == bundled.plan
    # Not only equal numbers: the same Decimals ("8,0" stays 8.0), so the same JSON, byte for byte.
    assert plan_to_json(back) == plan_to_json(bundled.plan)


def test_values_units_phases_and_lines_from_the_document(bundled_book: Path) -> None:
    plan = read_plan_workbook(bundled_book)
    # Line 217: "%-бен 6,9 8,0 6,6 6,4 6,2 6,0 5,9", reported 2008-2009, planned 2010-2014.
    place = find_indicator(plan, "G1.1-I1")
    assert place is not None
    ind = place.indicator
    assert ind.unit == "%-бен"
    cells = {v.year: (v.value, v.phase, v.line, v.source) for v in ind.values}
    assert cells[2009] == (Decimal("8.0"), Phase.REPORTED, 217, None)
    assert cells[2012] == (Decimal("6.2"), Phase.PLANNED, 217, None)
    assert str(cells[2009][0]) == "8.0"
    # Line 782: program 002's efficiency indicator, теңге, 2010 = 5 981.
    p002 = find_indicator(plan, "P002-E1")
    assert p002 is not None
    assert p002.indicator.unit == "теңге"
    assert {v.year: v.value for v in p002.indicator.values}[2010] == Decimal("5981")


def test_the_hand_plan_comes_back_with_its_awkward_text(tmp_path: Path) -> None:
    plan = hand_plan()
    path = tmp_path / "hand.xlsx"
    write_plan_workbook(plan, path)
    back = read_plan_workbook(path)
    assert back.source is not None and back.source.name == "hand.xlsx"  # typed in: the workbook
    back.source = None
    assert plan_to_json(back) == plan_to_json(plan)
    task = back.directions[0].goals[0].tasks[0]
    assert task.indicators[0].name == "=1+1"  # text, not a formula
    deleted = task.indicators[1].deleted
    assert deleted is not None and (deleted.act.number, deleted.line) == ("415", 21)


def test_every_sheet_of_the_layout_with_its_header(bundled_book: Path) -> None:
    book = openpyxl.load_workbook(bundled_book, read_only=True)
    try:
        assert book.sheetnames[0] == "Instructions"
        for layout in SHEETS:
            header = next(book[layout.name].iter_rows(max_row=1, values_only=True))
            assert list(header) == layout.names, layout.name
        assert "Reading report" in book.sheetnames
    finally:
        book.close()


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hand.xlsx"
    write_plan_workbook(hand_plan(), path)
    book = openpyxl.load_workbook(path)
    names = {r[0].value: r[5] for r in book["Indicators"].iter_rows(min_row=2)}
    assert (names["T1.1.1-I1"].value, names["T1.1.1-I1"].data_type) == ("=1+1", "s")


def test_a_text_longer_than_a_cell_is_refused_not_cut(tmp_path: Path) -> None:
    plan = hand_plan()
    plan.analysis = "ә" * 40_000
    with pytest.raises(
        ValidationError, match=r'sheet "Plan", row 9, column "value": a text of 40,000'
    ):
        write_plan_workbook(plan, tmp_path / "long.xlsx")
