"""The workbook: one sheet per section, frozen bold headers, numbers as numbers, text as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zhospar._exceptions import ValidationError
from zhospar.export import write_workbook
from zhospar.ingest import ReadResult

from .plans import hand_plan

SHEETS = [
    "Plan",
    "Directions and goals",
    "Target indicators",
    "Tasks",
    "Task indicators",
    "Milestones",
    "Programs",
    "Program forms",
    "Program form indicators",
    "Expenditure",
    "Allocation",
    "Totals",
    "Risks",
    "Legal acts",
    "Alignment",
    "Gaps",
]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    write_workbook(hand_plan(), path)
    return openpyxl.load_workbook(path)


def _header(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[1]]


def _row(ws: Worksheet, row_id: str) -> dict[str, object]:
    header = _header(ws)
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] == row_id:
            return dict(zip(header, row, strict=True))
    raise AssertionError(f"no row {row_id} in {ws.title}")


def test_one_sheet_per_section(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEETS


def test_every_sheet_has_a_frozen_bold_filtered_header_and_source_line(
    book: openpyxl.Workbook,
) -> None:
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1]), ws.title
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert "source_line" in _header(ws), ws.title


def test_each_indicator_sheet_has_the_columns_of_its_place(book: openpyxl.Workbook) -> None:
    assert _header(book["Target indicators"])[:3] == ["id", "direction", "goal"]
    assert _header(book["Task indicators"])[:4] == ["id", "direction", "goal", "task"]
    assert _header(book["Program form indicators"])[:3] == ["id", "program", "kind"]
    assert _row(book["Program form indicators"], "P002-E1")["kind"] == "efficiency"


def test_year_columns_in_year_order(book: openpyxl.Workbook) -> None:
    years = [h for h in _header(book["Target indicators"]) if h[:2] == "20"]
    assert years == ["2009 (reported)", "2010 (planned)", "2011 (planned)"]


def test_values_are_numbers_under_year_columns(book: openpyxl.Workbook) -> None:
    row = _row(book["Target indicators"], "G1.1-I1")
    assert row["2010 (planned)"] == 6.2
    assert isinstance(row["2010 (planned)"], float)
    assert row["2009 (reported)"] == 8.0
    assert row["2011 (planned)"] == "-"  # no number: the cell as printed, as text
    assert row["source_line"] == 12
    women = _row(book["Target indicators"], "G1.1-I1-b1")
    assert women["2010 (planned)"] == -0.5
    assert women["breakdown"] == "әйелдер"


def test_large_amounts_keep_every_digit(book: openpyxl.Workbook) -> None:
    ws = book["Expenditure"]
    amounts = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "form"]
    assert [(r[3], r[5]) for r in amounts] == [(2009, 454231109), (2010, 557556682)]


def test_formula_like_text_stays_text(book: openpyxl.Workbook) -> None:
    ws = book["Task indicators"]
    header = _header(ws)
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "T1.1.1-I1")
    name, unit = row[header.index("name")], row[header.index("unit")]
    assert (name.value, name.data_type) == ("=1+1", "s")  # a string, not a formula
    assert (unit.value, unit.data_type) == ("@бірлік", "s")
    alignment = book["Alignment"]
    assert alignment["E2"].value == "+ мемлекеттік мақсат"
    assert alignment["E2"].data_type == "s"


def test_deleted_items_say_by_which_act(book: openpyxl.Workbook) -> None:
    row = _row(book["Task indicators"], "T1.1.1-I2")
    assert row["deleted"] == "deleted by resolution № 415 of 2010-05-14"


def test_milestones_and_gaps(book: openpyxl.Workbook) -> None:
    assert _row(book["Milestones"], "T1.1.1-M1")["due_years"] == "2011, 2012"
    gaps = list(book["Gaps"].iter_rows(min_row=2, values_only=True))
    assert gaps == [("direction 3", "target indicators table", None)]


def test_a_folder_that_does_not_exist_gives_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.xlsx"
    with pytest.raises(ValidationError, match=r"cannot write the workbook"):
        write_workbook(hand_plan(), target)


def test_bundled_workbook_holds_the_documents_figures(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "bundled.xlsx"
    write_workbook(bundled.plan, path, bundled.report)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [*SHEETS, "Reading report"]
    # Line 217: unemployment rate 6,2 in 2012.
    assert _row(book["Target indicators"], "G1.1-I1")["2012 (planned)"] == 6.2
    # Line 782: program 002, efficiency indicator 1, "Базалық зейнетақы төлемінің орташа
    # мөлшері", теңге, 2010 = 5 981.
    p002 = _row(book["Program form indicators"], "P002-E1")
    assert (p002["unit"], p002["2010 (planned)"], p002["source_line"]) == ("теңге", 5981, 782)


def test_numbers_show_the_decimals_the_plan_printed(book: openpyxl.Workbook) -> None:
    ws = book["Target indicators"]
    header = _header(ws)
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "G1.1-I1")
    assert row[header.index("2009 (reported)")].number_format == "#,##0.0"  # "8.0"
    spent = next(r for r in book["Expenditure"].iter_rows(min_row=2) if r[3].value == 2010)
    assert spent[5].number_format == "#,##0"  # 554 655 853
