"""The 2012 report in XLSX, DOCX and HTML, read back with openpyxl, python-docx and an HTML parser.

Hand-computed expectations: unemployment (G1.1-I1, line 217) target 6,2, fact 5.3 (csv row 4),
6.2/5.3 = 116.98 %, achieved; poverty share (G5.1-I1, line 372) 15,6 vs 3.8 = 410.53 %; base
pension (T4.1.2-I1, line 322) target 50 and no fact in 2012; program 002's 2012 expenditure
802 783 135 (its form, lines 785-786).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.report._read import docx_rows, docx_text, read_page, xlsx_sheet_xml, xlsx_table
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.report import AnnualReport, build_report, write_report


@pytest.fixture(scope="module")
def report(bundled: ReadResult, real_facts: list[ActualInput]) -> AnnualReport:
    at = dt.datetime(2013, 3, 1, tzinfo=dt.UTC)
    return build_report(bundled.plan, real_facts, 2012, facts_origin="test", generated_at=at)


@pytest.fixture(scope="module")
def files(report: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report2012")
    return {ext: write_report(report, folder / f"r.{ext}") for ext in ("xlsx", "docx", "html")}


def test_xlsx_indicator_row(files: dict[str, Path]) -> None:
    rows = xlsx_table(files["xlsx"], "Indicators")
    row = rows["G1.1-I1"]
    assert row["Target"] == 6.2 and row["Fact"] == 5.3
    assert row["Achievement, %"] == pytest.approx(6.2 / 5.3 * 100)
    assert row["Status"] == "achieved (decrease: positive dynamics)"  # 6.2 / 5.3, lower is better
    assert row["Target source"] == 'plan line 217: "6,2"'
    assert "facts-2010-2014.csv, row 4" in row["Fact source"]
    assert rows["G5.1-I1"]["Achievement, %"] == pytest.approx(15.6 / 3.8 * 100)
    assert rows["T4.1.2-I1"]["Fact"] is None
    assert rows["T4.1.2-I1"]["Status"] == "no fact"


def test_xlsx_numbers_are_numbers_and_header_is_frozen(files: dict[str, Path]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(files["xlsx"])
    sheet = book["Indicators"]
    assert sheet.freeze_panes == "E2"
    (cell,) = [r[9] for r in sheet.iter_rows(min_row=2) if r[3].value == "G1.1-I1"]
    assert cell.data_type == "n"
    status = next(r[14] for r in sheet.iter_rows(min_row=2) if r[3].value == "G1.1-I1")
    assert status.fill.fgColor.rgb.endswith("C6EFCE")  # achieved: green
    book.close()


def test_xlsx_budget_and_summary(files: dict[str, Path]) -> None:
    budget = xlsx_table(files["xlsx"], "Budget", key="Program")
    assert budget["002"]["Planned, thousand tenge"] == 802783135
    assert budget["002"]["Actual, thousand tenge"] is None
    risks = xlsx_table(files["xlsx"], "Risks", key="No.")
    assert "G5.1-I1 achieved (410.53 %)" in risks["5"]["Signal indicators (status in the year)"]


def test_xlsx_has_a_native_chart_per_target_indicator(
    files: dict[str, Path], report: AnnualReport
) -> None:
    charts = xlsx_sheet_xml(files["xlsx"], "xl/charts/chart")
    assert len(charts) == len([c for c in report.charts if c.has_data])
    assert all("<c:barChart>" in c and "<c:lineChart>" in c for c in charts)
    data = xlsx_table(files["xlsx"], "Chart data", key="Indicator")
    assert "G1.1-I1" in data
    import openpyxl

    book = openpyxl.load_workbook(files["xlsx"])
    rows = [r for r in book["Chart data"].iter_rows(values_only=True) if r[0] == "G1.1-I1"]
    book.close()
    by_year = {r[1]: r[2:] for r in rows}
    assert by_year[2008] == (6.9, None, None)
    assert by_year[2012] == (None, 6.2, 5.3)
    assert by_year[2013] == (None, 6.0, None)


def test_docx_tables(files: dict[str, Path]) -> None:
    rows = docx_rows(files["docx"])
    down = "achieved (decrease: positive dynamics)"  # the reports' words for lower-is-better
    assert rows["G1.1-I1"][2:8] == ["%-бен", "6.2", "5.3", "116.98 %", down, ""]
    assert rows["G5.1-I1"][3:7] == ["15.6", "3.8", "410.53 %", down]
    # The base pension's polarity rests on its rising targets alone: marked.
    note = "polarity inferred from the targets' trend: to be confirmed"
    assert rows["T4.1.2-I1"][3:7] == ["50", "—", "—", f"no fact; {note}"]
    assert rows["002"][2] == "802 783 135"


def test_docx_has_the_filing_form(files: dict[str, Path], report: AnnualReport) -> None:
    import docx

    text = docx_text(files["docx"])
    assert "Reporting period: 1 January - 31 December 2012" in text
    assert any(t.startswith("Goal 1.1.") for t in text)
    assert "6. Risks and the indicators that signal them" in text
    pictures = docx.Document(str(files["docx"])).inline_shapes
    assert len(pictures) == len([c for c in report.charts if c.has_data])


def test_html_cells(files: dict[str, Path]) -> None:
    page = read_page(files["html"])
    row = "ind-G1.1-I1"
    assert page.cell(row, "target") == "6.2"
    assert page.cell(row, "fact") == "5.3"
    assert page.cell(row, "achievement") == "116.98 %"
    assert page.cell(row, "status") == "achieved (decrease: positive dynamics)"
    assert page.cell("ind-G5.1-I1", "achievement") == "410.53 %"
    assert page.cell("ind-T4.1.2-I1", "status") == (
        "no fact; polarity inferred from the targets' trend: to be confirmed"  # rising targets only
    )
    assert page.cell("budget-002", "planned") == "802 783 135"


def test_html_is_self_contained(files: dict[str, Path], report: AnnualReport) -> None:
    page = read_page(files["html"])
    assert page.tags.get("svg") == len([c for c in report.charts if c.has_data])
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert [u for u in page.urls if "://" in u] == []


def test_budget_execution_with_an_actual(bundled: ReadResult, tmp_path: Path) -> None:
    """P002-X 800 000 000 in 2012 against 802 783 135 planned (form, lines 785-786):
    800000000 / 802783135 × 100 = 99.65 %."""
    spent = ActualInput(
        indicator_id="P002-X", period=Period.parse("2012"), value=Decimal(800_000_000)
    )
    report = build_report(bundled.plan, [spent], 2012)
    xlsx = write_report(report, tmp_path / "b.xlsx")
    row = xlsx_table(xlsx, "Budget", key="Program")["002"]
    assert row["Actual, thousand tenge"] == 800000000
    assert row["Execution, %"] == pytest.approx(99.6533, abs=0.0001)
    page = read_page(write_report(report, tmp_path / "b.html"))
    assert page.cell("budget-002", "actual") == "800 000 000"
    assert page.cell("budget-002", "rate") == "99.65 %"


def test_xlsx_summary_scores(files: dict[str, Path]) -> None:
    """Goal 5.1 in 2012: min(410.53, 100) = 100; milestone T5.1.4-M1 has no report (no data)."""
    import openpyxl

    book = openpyxl.load_workbook(files["xlsx"])
    rows = list(book["Summary"].iter_rows(values_only=True))
    book.close()
    assert rows[0][0] == "Annual implementation report 2012"
    (goal,) = [r for r in rows if r[:2] == ("goal", "5.1")]
    assert goal[3] == 100
    assert goal[4] == "too few facts"  # 1 of its 9 items scored: under half, not called
    assert goal[5:8] == (1, 0, 0)  # achieved, nearly, not achieved


def test_each_chart_is_captioned_with_its_indicator_and_unit(files: dict[str, Path]) -> None:
    """Lines 216-217: unemployment, "Жұмыссыздық деңгейі", in "%-бен"."""
    caption = "Plan vs fact, G1.1-I1: Жұмыссыздық деңгейі (%-бен)"
    assert caption in docx_text(files["docx"])
    assert f"<figcaption>{caption}</figcaption>" in files["html"].read_text(encoding="utf-8")
