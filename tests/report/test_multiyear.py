"""The multi-year plan-vs-fact table, 2008-2014, against the plan text and the real facts.

G1.1-I1 (line 217): reported 6,9 (2008) and 8,0 (2009); targets 6,6 6,4 6,2 6,0 5,9; facts
5.775 5.4 5.3 5.25 5.0, so 114.29, 118.52, 116.98, 114.29 (6.0/5.25) and 118.00 %.
T4.1.2-I1 (line 322): 40 40 | 40 50 50 50 50; facts 2010 40.0, 2011 50.0, 2014 50.0.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.report._read import read_page
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.report import MultiYearTable, build_multiyear, write_multiyear

UNEMPLOYMENT = {
    2010: ("6.6", "5.775", "114.29"),
    2011: ("6.4", "5.4", "118.52"),
    2012: ("6.2", "5.3", "116.98"),
    2013: ("6.0", "5.25", "114.29"),
    2014: ("5.9", "5.0", "118.00"),
}


@pytest.fixture(scope="module")
def table(bundled: ReadResult, real_facts: list[ActualInput]) -> MultiYearTable:
    return build_multiyear(bundled.plan, real_facts)


def test_years_run_from_the_reported_period_to_the_end(table: MultiYearTable) -> None:
    assert table.years == (2008, 2009, 2010, 2011, 2012, 2013, 2014)


def test_unemployment_row(table: MultiYearTable) -> None:
    (row,) = [r for r in table.rows if r.id == "G1.1-I1"]
    reported = row.cell(2009)
    assert reported is not None
    assert (reported.phase, reported.plan, reported.status_label) == (
        "reported",
        Decimal("8.0"),
        "reported year",
    )
    for year, (target, fact, shown) in UNEMPLOYMENT.items():
        cell = row.cell(year)
        assert cell is not None
        assert (cell.plan, cell.fact, cell.display_percent) == (
            Decimal(target),
            Decimal(fact),
            shown,
        )
        assert cell.plan_line == 217


def test_pension_row_shows_the_missing_years(table: MultiYearTable) -> None:
    (row,) = [r for r in table.rows if r.id == "T4.1.2-I1"]
    labels = {c.year: c.status_label for c in row.cells}
    assert labels == {
        2008: "reported year",
        2009: "reported year",
        2010: "achieved",
        2011: "achieved",
        2012: "no fact",
        2013: "no fact",
        2014: "achieved",
    }


def test_xlsx_sheet(table: MultiYearTable, tmp_path: Path) -> None:
    import openpyxl

    path = write_multiyear(table, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Plan vs fact"]
    years = [c.value for c in sheet[1]]
    heads = [c.value for c in sheet[2]]
    (row,) = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "G1.1-I1"]
    book.close()
    first_2012 = years.index("2012 (planned)")
    assert heads[first_2012 : first_2012 + 4] == ["Plan", "Fact", "%", "Status"]
    assert row[first_2012 : first_2012 + 2] == (6.2, 5.3)
    assert row[first_2012 + 2] == pytest.approx(6.2 / 5.3 * 100)
    assert row[first_2012 + 3] == "achieved"
    first_2008 = years.index("2008 (reported)")
    assert row[first_2008] == 6.9
    assert sheet.freeze_panes == "D3"


def test_html_table(table: MultiYearTable, tmp_path: Path) -> None:
    page = read_page(write_multiyear(table, tmp_path / "all.html"))
    years = list(table.years)
    row = "row-G1.1-I1"
    assert page.cell(row, "fact", years.index(2013)) == "5.25"
    assert page.cell(row, "achievement", years.index(2013)) == "114.29"
    assert page.cell(row, "plan", years.index(2008)) == "6.9"
    assert page.cell("row-T4.1.2-I1", "status", years.index(2012)) == "no fact"


def test_the_html_pages_title_is_in_the_tables_language(
    bundled: ReadResult, real_facts: list[ActualInput]
) -> None:
    """The browser tab's title too (it read "Plan vs fact" whatever the language)."""
    from zhospar.i18n import use_language
    from zhospar.report import render_multiyear_html

    with use_language("kk"):
        html = render_multiyear_html(build_multiyear(bundled.plan, real_facts))
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Жоспар мен дерек, 2008-2014: ")
