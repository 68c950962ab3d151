"""Text from documents and users is untrusted: it must come out as text in every format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.report._read import docx_rows, read_page, xlsx_sheet_xml, xlsx_table
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.report import build_report, write_report

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.invalid/x","click")'


@pytest.fixture(scope="module")
def files(bundled: ReadResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    facts = [
        ActualInput(
            indicator_id="G1.1-I1",
            period=Period.parse("2012"),
            value=Decimal("5.3"),
            comment=SCRIPT,
            source='"><img src=x onerror=alert(2)>',
        ),
        ActualInput(
            indicator_id="G5.1-I1",
            period=Period.parse("2012"),
            value=Decimal("3.8"),
            comment=FORMULA,
        ),
        ActualInput(
            indicator_id="G1.2-I1",
            period=Period.parse("2012"),
            value=Decimal("64"),
            comment="control\x0bcharacter",
        ),
    ]
    report = build_report(bundled.plan, facts, 2012)
    folder = tmp_path_factory.mktemp("untrusted")
    return {ext: write_report(report, folder / f"r.{ext}") for ext in ("xlsx", "docx", "html")}


def test_html_escapes_a_script_in_a_comment(files: dict[str, Path]) -> None:
    page = read_page(files["html"])
    assert page.cell("ind-G1.1-I1", "explanation") == SCRIPT  # shown as text ...
    assert "script" not in page.tags and "img" not in page.tags  # ... never as markup
    raw = files["html"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "Content-Security-Policy" in raw


def test_xlsx_keeps_script_and_formula_as_plain_text(files: dict[str, Path]) -> None:
    rows = xlsx_table(files["xlsx"], "Indicators")
    assert rows["G1.1-I1"]["Explanation of deviation"] == SCRIPT
    assert rows["G5.1-I1"]["Explanation of deviation"] == FORMULA
    sheets = xlsx_sheet_xml(files["xlsx"], "xl/worksheets/sheet")
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)  # no formula anywhere


def test_docx_shows_the_comments_as_written(files: dict[str, Path]) -> None:
    rows = docx_rows(files["docx"])
    assert rows["G1.1-I1"][7] == SCRIPT
    assert rows["G5.1-I1"][7] == FORMULA
    assert rows["G1.2-I1"][7] == "controlcharacter"  # XML cannot hold \x0b: dropped


def test_a_comment_in_an_import_file_stays_text(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from zhospar.cli import app

    facts = tmp_path / "facts.csv"
    facts.write_text(
        f'indicator_id,year,value,comment\nG1.1-I1,2012,5.3,"{SCRIPT}"\n'
        f'G5.1-I1,2012,3.8,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n',
        encoding="utf-8",
    )
    for ext in ("html", "xlsx"):
        args = ["report", "--lang", "en", "--year", "2012", "--facts", str(facts)]
        args += ["-o", str(tmp_path / f"r.{ext}")]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    page = read_page(tmp_path / "r.html")
    assert page.cell("ind-G1.1-I1", "explanation") == SCRIPT
    assert "script" not in page.tags
    rows = xlsx_table(tmp_path / "r.xlsx", "Indicators")
    assert rows["G5.1-I1"]["Explanation of deviation"] == FORMULA
