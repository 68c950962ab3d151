"""The exported workbook is the plan workbook: every sheet of the layout, frozen bold headers,
numbers as numbers with the plan's decimals, text as text, lists offered by data validation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zhospar._exceptions import ValidationError
from zhospar.export import write_workbook
from zhospar.ingest import ReadResult
from zhospar.workbook import SHEETS

from .plans import hand_plan


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    write_workbook(hand_plan(), path)
    return openpyxl.load_workbook(path)


def _header(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[1]]


def _rows(ws: Worksheet, first: str) -> list[dict[str, object]]:
    header = _header(ws)
    return [
        dict(zip(header, row, strict=True))
        for row in ws.iter_rows(min_row=2, values_only=True)
        if row[0] == first
    ]


def test_instructions_then_the_layout_s_sheets_then_the_hidden_lists(
    book: openpyxl.Workbook,
) -> None:
    assert book.sheetnames == ["Instructions", *(s.name for s in SHEETS), "Lists"]
    assert book["Lists"].sheet_state == "hidden"


def test_every_sheet_has_a_frozen_bold_header(book: openpyxl.Workbook) -> None:
    for layout in SHEETS:
        ws = book[layout.name]
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1]), ws.title
        assert _header(ws) == layout.names


def test_values_are_numbers_one_row_per_year_with_phase_and_line(book: openpyxl.Workbook) -> None:
    values = {r["year"]: r for r in _rows(book["Values"], "G1.1-I1")}
    assert values[2010]["value"] == 6.2 and isinstance(values[2010]["value"], float)
    assert (values[2009]["phase"], values[2010]["phase"]) == ("reported", "planned")
    assert values[2011]["value"] is None and values[2011]["raw"] == "-"  # no number
    assert values[2010]["source_line"] == 13
    women = _rows(book["Indicators"], "G1.1-I1-b1")[0]
    assert (women["breakdown_of"], women["breakdown"]) == ("G1.1-I1", "әйелдер")


def test_large_amounts_keep_every_digit(book: openpyxl.Workbook) -> None:
    spent = [r for r in _rows(book["Expenditure"], "form")]
    assert [(r["year"], r["value"]) for r in spent] == [(2009, 454231109), (2010, 557556682)]


def test_numbers_show_the_decimals_the_plan_printed(book: openpyxl.Workbook) -> None:
    ws = book["Values"]
    row = next(r for r in ws.iter_rows(min_row=2) if (r[0].value, r[1].value) == ("G1.1-I1", 2009))
    assert row[_header(ws).index("value")].number_format == "#,##0.0"  # "8.0"


def test_formula_like_text_stays_text(book: openpyxl.Workbook) -> None:
    ws = book["Indicators"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "T1.1.1-I1")
    header = _header(ws)
    name, unit = row[header.index("name")], row[header.index("unit")]
    assert (name.value, name.data_type) == ("=1+1", "s")  # a string, not a formula
    assert (unit.value, unit.data_type) == ("@бірлік", "s")
    state_goal = book["Alignment"].cell(2, _header(book["Alignment"]).index("state_goal") + 1)
    assert (state_goal.value, state_goal.data_type) == ("+ мемлекеттік мақсат", "s")


def test_deleted_items_name_the_act(book: openpyxl.Workbook) -> None:
    row = _rows(book["Indicators"], "T1.1.1-I2")[0]
    assert (row["deleted_by"], row["deleted_line"]) == ("415", 21)
    acts = [r for r in book["Acts"].iter_rows(min_row=2, values_only=True)]
    assert [(a[0], a[1], a[2]) for a in acts] == [
        ("approved", "2342", "2009-12-31"),
        ("amended", "415", "2010-05-14"),
    ]


def test_milestones_and_gaps(book: openpyxl.Workbook) -> None:
    assert _rows(book["Milestones"], "T1.1.1-M1")[0]["due_years"] == "2011, 2012"
    gaps = list(book["Gaps"].iter_rows(min_row=2, values_only=True))
    assert gaps == [("direction 3", "target indicators table", None)]


def test_list_columns_offer_their_lists(book: openpyxl.Workbook) -> None:
    rules = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in book["Values"].data_validations.dataValidation
    }
    assert rules["C2"] == "Lists!$D$2:$D$3"  # phase: the fourth list by name, two words
    units = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in book["Indicators"].data_validations.dataValidation
    }
    assert units["G2"].startswith("Units!$A$2:$A$")
    assert [c.value for c in book["Lists"]["D"]][:4] == ["phase", "reported", "planned", None]
    assert [r[0] for r in book["Units"].iter_rows(min_row=2, values_only=True)] == [
        "%-бен",
        "@бірлік",
        "теңге",
    ]


def test_a_folder_that_does_not_exist_gives_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.xlsx"
    with pytest.raises(ValidationError, match=r"cannot write the workbook"):
        write_workbook(hand_plan(), target)


def test_bundled_workbook_holds_the_documents_figures(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "bundled.xlsx"
    write_workbook(bundled.plan, path, bundled.report)
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        assert book.sheetnames[-1] == "Reading report"
        # Line 217: unemployment rate 6,2 in 2012.
        values = {r[1]: r for r in book["Values"].iter_rows(values_only=True) if r[0] == "G1.1-I1"}
        assert (values[2012][3], values[2012][6]) == (6.2, 217)
        # Line 782: program 002, efficiency indicator 1, "Базалық зейнетақы төлемінің орташа
        # мөлшері", теңге, 2010 = 5 981.
        p002 = next(r for r in book["Indicators"].iter_rows(values_only=True) if r[0] == "P002-E1")
        assert (p002[6], p002[-1]) == ("теңге", 782)
        spent = [r for r in book["Values"].iter_rows(values_only=True) if r[0] == "P002-E1"]
        assert {r[1]: r[3] for r in spent}[2010] == 5981
    finally:
        book.close()
