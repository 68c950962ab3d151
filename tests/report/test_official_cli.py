"""``zhospar report --form official`` on a database, as a user runs it: the reasons in force come
from the store, the year is a draft on every page until ``zhospar period approve``, and then the
report names who approved it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from typer.testing import CliRunner

from zhospar.cli import app
from zhospar.store import open_database
from zhospar.store.reasons import record_reason

runner = CliRunner()
DRAFT = "DRAFT: the figures of 2012 are not approved"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, facts_file: Path) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("official")
    env = {"ZHOSPAR_DATABASE_URL": f"sqlite:///{folder / 'z.sqlite3'}", "ZHOSPAR_USER": "dana"}
    for args in (["init"], ["import", str(facts_file)]):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
    return env


def _run(env: dict[str, str], *args: str) -> None:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"


def _pdf_pages(path: Path) -> list[str]:
    """Each page's text, its words joined by single spaces (pypdf reads each cell of a table
    row as its own line)."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_draft_then_approved(env: dict[str, str], tmp_path: Path) -> None:
    with open_database(env["ZHOSPAR_DATABASE_URL"]) as db:
        record_reason(db, None, "G1.2-I1", 2012, "the survey was not run in 2012", by="dana")
    draft = tmp_path / "draft.pdf"
    _run(env, "report", "--lang", "en", "--year", "2012", "--form", "official", "-o", str(draft))
    pages = _pdf_pages(draft)
    assert all(DRAFT in text for text in pages)
    text = "\n".join(pages)
    assert "Жұмыссыздық деңгейі IMF World Economic Outlook," in text
    assert "%-бен 6.2 5.3 achieved" in text
    assert "the survey was not run in" in text  # the reason in force, from the store

    _run(env, "period", "approve", "2012")
    _run(
        env,
        "report",
        "--lang",
        "en",
        "--year",
        "2012",
        "--form",
        "official",
        "-o",
        str(tmp_path / "f.xlsx"),
    )
    _run(
        env,
        "report",
        "--lang",
        "en",
        "--year",
        "2012",
        "--form",
        "official",
        "-o",
        str(tmp_path / "f.docx"),
    )
    _run(env, "report", "--lang", "en", "--year", "2012", "-o", str(tmp_path / "annual.pdf"))
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    try:
        sheet = book["Report 2012"]
        assert str(sheet["A1"].value).startswith("approved by dana on 20")
        assert sheet.oddHeader.center.text is None
        reasons = [
            r
            for r in sheet.iter_rows(values_only=True)
            if isinstance(r[5], str) and "survey" in r[5]
        ]
        assert reasons == [
            (
                "Еңбек ресурстарының құрамындағы білікті қызметкерлердің үлесі",  # line 239
                "—",  # no fact: no source
                "%-бен",
                64.9,
                "no fact",
                "no fact. the survey was not run in 2012",
            )
        ]
    finally:
        book.close()
    document = docx.Document(str(tmp_path / "f.docx"))
    assert any(p.text.startswith("Figures: approved by dana on 20") for p in document.paragraphs)
    annual = "\n".join(_pdf_pages(tmp_path / "annual.pdf"))
    assert "approved by dana on 20" in annual and "DRAFT" not in annual


def test_the_draft_year_on_the_annual_docx_and_xlsx(env: dict[str, str], tmp_path: Path) -> None:
    _run(env, "report", "--lang", "en", "--year", "2013", "-o", str(tmp_path / "r.docx"))
    _run(env, "report", "--lang", "en", "--year", "2013", "-o", str(tmp_path / "r.xlsx"))
    marker = "DRAFT: the figures of 2013 are not approved"
    document = docx.Document(str(tmp_path / "r.docx"))
    assert document.sections[0].header.paragraphs[0].text == marker
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    try:
        assert book["Summary"]["C1"].value == marker
        assert all(marker in str(s.oddHeader.center.text) for s in book.worksheets)
    finally:
        book.close()
