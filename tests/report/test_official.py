"""The official form (Appendix 5 to the Methodological instruction on monitoring) on the bundled
plan and the facts of tests/data, checked against the plan's text by hand.

Unemployment (G1.1-I1), 2012: the text's line 217 gives "%-бен ... 6,2" for 2012; the facts file
gives 5.3 from the IMF's World Economic Outlook. Lower is better ("Жұмыссыздық деңгейі"), and
5.3 <= 6.2, so docs/method.md's rule reads 6.2 / 5.3 = 116.98 % >= 100: achieved, worded as the
ministry's reports word a decrease: "achieved (decrease: positive dynamics)", no percentage.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest

from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.report import (
    OfficialReport,
    RowKind,
    SignOff,
    build_official,
    build_report,
    write_official,
    write_report,
)
from zhospar.report.official import NO_FACT, NO_PLAN, NO_REASON, goal_programs

UNEMPLOYMENT = "Жұмыссыздық деңгейі"  # line 216
IMF = "IMF World Economic Outlook, annual unemployment rate, Kazakhstan"  # facts file, row 4
DOWN = "achieved (decrease: positive dynamics)"
DRAFT = "DRAFT: the figures of 2012 are not approved"
MINISTRY = "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі"
TITLE = f"{MINISTRY}нің 2010 - 2014 жылдарға арналған стратегиялық жоспары"  # line 37
APPROVED_AT = dt.datetime(2013, 2, 20, 10, 30)


@pytest.fixture(scope="module")
def form(bundled: ReadResult, real_facts: list[ActualInput]) -> OfficialReport:
    return build_official(bundled.plan, real_facts, 2012)


def test_the_unemployment_row_of_2012(form: OfficialReport) -> None:
    row = form.row("G1.1-I1")
    assert row is not None
    assert row.name == UNEMPLOYMENT
    assert row.unit == "%-бен"  # line 217
    assert row.source == IMF
    assert (row.plan, row.fact) == (Decimal("6.2"), Decimal("5.3"))
    assert (row.plan_text, row.fact_text) == ("6.2", "5.3")
    assert row.sentence == DOWN
    assert row.reasons == DOWN  # achieved: no reason is due


def test_the_header_reads_as_the_texts_title_and_resolution_lines(form: OfficialReport) -> None:
    header = dict(form.header)
    assert header["State body"] == MINISTRY  # line 38
    assert header["Strategic plan"] == TITLE
    assert header["Planning period"] == "2010-2014"
    # line 5: "2009 жылғы 31 желтоқсандағы № 2342 Қаулысы"
    assert header["Adopted by"] == "Resolution No. 2342 of 31.12.2009"
    # line 211: "ҚР Үкіметінің 2010.05.14 № 415, 2010.12.27 N 1417 Қаулыларымен"
    assert header["Amended by"] == (
        "Resolution No. 415 of 14.05.2010; Resolution No. 1417 of 27.12.2010"
    )
    assert header["Reporting period"] == "1 January - 31 December 2012"
    assert header["Figures"] == DRAFT


def test_rows_are_grouped_direction_goal_programs_targets_tasks(form: OfficialReport) -> None:
    kinds = [r.kind for r in form.rows[:5]]
    assert kinds == [
        RowKind.DIRECTION, RowKind.GOAL, RowKind.PROGRAMS, RowKind.TARGETS, RowKind.INDICATOR,
    ]  # fmt: skip
    names = [r.name for r in form.rows]
    task = names.index("Task 1.1.4. Байланыс орталығы арқылы халықтың жұмыспен қамту "
                       "мәселелері жөнінде хабардар болуын арттыру")  # fmt: skip
    # the form's heading "Direct-result indicators" under the task, then its indicator
    assert form.rows[task + 1].kind is RowKind.RESULTS
    assert form.rows[task + 2].line is not None and form.rows[task + 2].line.id == "T1.1.4-I1"
    # goals 3.1 and 3.2 are named only in the alignment table: no rows of their own
    assert not [n for n in names if n.startswith(("Goal 3.1.", "Goal 3.2."))]


def test_a_goals_budget_programs(bundled: ReadResult, form: OfficialReport) -> None:
    # appendix line 1393: task 1.1.2 "РБ (011)"; program 090's form (line 1377) names goal 1.1
    codes = goal_programs(bundled.plan, "1.1")
    assert {"011", "090"} <= set(codes)
    assert f"Budget programs: {', '.join(codes)}" in [r.name for r in form.rows]


def test_missing_plan_and_fact_are_shown_as_missing(form: OfficialReport) -> None:
    women = form.row("G1.1-I1-b1")  # line 221: 6,5 for 2012; no fact in the file
    assert women is not None and women.name == "of which: әйелдер"
    assert (women.plan_text, women.fact_text, women.source) == ("6.5", NO_FACT, None)
    heading = form.row("G2.1-I1")  # line 266: "1. Кәсіпорындардың үлесі:", no figures
    assert heading is not None and heading.plan_text == NO_PLAN


def test_a_shortfall_reads_its_percentage_and_the_reason(bundled: ReadResult) -> None:
    # G1.2-I1 (line 239-240), more is better, 2012 plan 64,9.
    def fact(value: str) -> ActualInput:
        return ActualInput(indicator_id="G1.2-I1", period=Period.parse("2012"),
                           value=Decimal(value), source="bulletin")  # fmt: skip

    low = build_official(bundled.plan, [fact("55")], 2012, reasons={"G1.2-I1": "a survey gap"})
    row = low.row("G1.2-I1")
    assert row is not None
    # 55 / 64.9 = 84.745 % < 90: not achieved, one decimal
    assert row.reasons == "not achieved: 84.7 %. a survey gap"
    near = build_official(bundled.plan, [fact("61")], 2012).row("G1.2-I1")
    assert near is not None  # 61 / 64.9 = 93.99 %: nearly, worded "achieved by"
    assert near.reasons == f"achieved by 94.0 %. {NO_REASON}"


def _xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    try:
        sheet = book["Report 2012"]
        header = sheet.oddHeader.center.text
        return [(header,), *sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def test_each_format_opens_with_its_headings_and_the_row(
    form: OfficialReport, tmp_path: Path
) -> None:
    rows = _xlsx_rows(write_official(form, tmp_path / "f.xlsx"))
    assert DRAFT in str(rows[0][0]) and rows[1][0] == DRAFT  # page header, then the top row
    assert rows[2][0] == "Report on the implementation of the strategic plan of a state body, 2012"
    assert ("Adopted by", "Resolution No. 2342 of 31.12.2009") in [r[:2] for r in rows]
    assert next(r[:4] for r in rows if r[0] == "Name") == (
        "Name",
        "Source of information",
        "Unit",
        "Reporting period 2012",
    )
    (row,) = [r for r in rows if r[0] == UNEMPLOYMENT]
    assert row[1:6] == (IMF, "%-бен", 6.2, 5.3, DOWN)

    document = docx.Document(str(write_official(form, tmp_path / "f.docx")))
    assert document.sections[0].header.paragraphs[0].text == DRAFT
    texts = [p.text for p in document.paragraphs]
    assert "State body: " + MINISTRY in texts
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells][3:5] == ["Plan", "Fact"]
    (cells,) = [[c.text for c in r.cells] for r in table.rows if r.cells[0].text == UNEMPLOYMENT]
    assert cells[1:] == [IMF, "%-бен", "6.2", "5.3", DOWN]

    # pypdf reads each cell of a table row as its own line: the row is checked with its cells
    # joined by spaces, as a reader sees it.
    pages = [
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(write_official(form, tmp_path / "f.pdf")).pages
    ]
    assert len(pages) > 1 and all(DRAFT in text for text in pages)
    assert "Reasons for non-" in pages[0] and "Resolution No. 2342 of 31.12.2009" in pages[0]
    assert f"{UNEMPLOYMENT} IMF World Economic Outlook," in pages[0]
    assert "%-бен 6.2 5.3 achieved" in pages[0]


def test_an_approved_year_names_who_approved_it(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    state = SignOff(2012, approved=True, by="aigerim", at=APPROVED_AT)
    form = build_official(bundled.plan, real_facts, 2012, signoff=state)
    said = "approved by aigerim on 2013-02-20 10:30 UTC"
    assert dict(form.header)["Figures"] == said
    text = "".join(
        p.extract_text() for p in pypdf.PdfReader(write_official(form, tmp_path / "a.pdf")).pages
    )
    assert said in text and "DRAFT" not in text
    document = docx.Document(str(write_official(form, tmp_path / "a.docx")))
    assert document.sections[0].header.paragraphs[0].text == ""
    assert f"Figures: {said}" in [p.text for p in document.paragraphs]
    rows = _xlsx_rows(write_official(form, tmp_path / "a.xlsx"))
    assert rows[0] == ("",) or rows[0] == (None,)
    assert rows[1][0] == said


def test_the_annual_report_as_pdf(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    report = build_report(bundled.plan, real_facts, 2012)
    pages = [
        p.extract_text() for p in pypdf.PdfReader(write_report(report, tmp_path / "r.pdf")).pages
    ]
    assert "Annual report on the implementation of the strategic plan, 2012" in pages[0]
    assert all(DRAFT in text for text in pages)
    text = "\n".join(pages)
    assert "116.98 %" in text  # G1.1-I1: 6.2 / 5.3
    assert "2. Strategic directions, goals and tasks" in text


def test_text_from_a_reason_stays_text(bundled: ReadResult, tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://x.example","y") <b>z</b>'
    form = build_official(bundled.plan, [], 2012, reasons={"G1.1-I1": evil})
    html = write_official(form, tmp_path / "e.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;z&lt;/b&gt;" in html and "<b>z</b>" not in html
    book = openpyxl.load_workbook(write_official(form, tmp_path / "e.xlsx"))
    try:
        cells = [
            c
            for r in book["Report 2012"].iter_rows()
            for c in r
            if c.value and "HYPER" in str(c.value)
        ]
        assert cells and all(c.data_type == "s" for c in cells)
    finally:
        book.close()
