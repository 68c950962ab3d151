"""The Reports page and the state of a year on the pages: the official form and the PDFs to
download, "draft" until a planner approves the year, then "approved by" the planner.

Figures checked by hand against the plan's text: unemployment (G1.1-I1) in 2012, plan 6,2 at
line 217, fact 5.3 (tests/data/facts-2010-2014.csv), lower is better: achieved.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import openpyxl
import pypdf
import pytest

from tests._webapp import TestClient, new_client, post_form
from tests.conftest import FACTS
from zhospar.imports import import_file
from zhospar.imports.translations import NameTranslation
from zhospar.store import Database
from zhospar.store.translations import record_translations

DRAFT = "DRAFT: the figures of 2012 are not approved"


@pytest.fixture(scope="module")
def planner(empty_database: Database, empty_client: TestClient) -> Iterator[TestClient]:
    """The planner aigerim, on a database of this module's own with the facts of tests/data."""
    import_file(empty_database, FACTS, entered_by="loader")
    yield empty_client


def test_the_reports_page_links_each_form_and_format(planner: TestClient) -> None:
    page = planner.get("/report?year=2012").text
    for fmt in ("xlsx", "docx", "pdf"):
        assert f'<a href="/report?year=2012&amp;form=official&amp;format={fmt}" download>' in page
    assert '<a href="/report?year=2012&amp;format=pdf" download>Report 2012 (PDF)</a>' in page
    assert '<a href="/report?year=2012&amp;form=official&amp;format=html" target="_blank"' in page
    assert f'<p class="signoff draft" id="signoff" role="status">{DRAFT}' in page


def test_the_official_form_downloads(planner: TestClient) -> None:
    pdf = planner.get("/report?year=2012&form=official&format=pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="mlsp-2010-2014-2012-official.pdf"' in pdf.headers["content-disposition"]
    # each page's words joined by single spaces: pypdf reads each cell of a row as its own line
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert all(DRAFT in text for text in pages)
    assert "%-бен 6.2 5.3 achieved" in "\n".join(pages)
    xlsx = planner.get("/report?year=2012&form=official&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    try:
        rows = list(book["Report 2012"].iter_rows(values_only=True))
    finally:
        book.close()
    (row,) = [r for r in rows if r[0] == "Жұмыссыздық деңгейі"]
    assert row[2:5] == ("%-бен", 6.2, 5.3)
    html = planner.get("/report?year=2012&form=official&format=html")
    assert html.headers["content-disposition"].startswith("inline;")
    assert 'id="ind-G1.1-I1"' in html.text and "sandbox" in html.headers["content-security-policy"]
    assert planner.get("/report?year=2012&form=quarterly&format=pdf").status_code == 422


def test_a_viewer_may_download_and_nobody_signed_out_may(planner: TestClient) -> None:
    path = "/report?year=2011&form=official&format=docx"
    with new_client(planner.app, "reports-viewer", "viewer") as viewer:
        answer = viewer.get(path)
        assert answer.status_code == 200 and answer.content[:2] == b"PK"
    with new_client(planner.app, None) as anyone:
        refused = anyone.get(path, follow_redirects=False)
        assert refused.status_code == 303 and refused.headers["location"].startswith("/login?")


def test_pages_say_draft_then_approved_by_whom(planner: TestClient) -> None:
    for path in ("/?year=2013", "/indicators/G1.1-I1?year=2013", "/report?year=2013"):
        assert "DRAFT: the figures of 2013 are not approved" in planner.get(path).text, path
    status, _ = post_form(planner, "/periods/2013/approve", "/periods")
    assert status == 200
    for path in ("/?year=2013", "/indicators/G1.1-I1?year=2013", "/report?year=2013"):
        html = planner.get(path).text
        assert "Figures of 2013: approved by aigerim on 20" in html and "DRAFT" not in html, path
    report = planner.get("/report?year=2013&format=html").text
    assert '<p class="approved-banner" id="signoff">approved by aigerim on 20' in report


def test_the_official_form_downloads_in_the_page_language_with_translated_names(
    empty_database: Database, planner: TestClient
) -> None:
    """In Russian: the form's own Russian heads, and the unemployment row (line 216 of the text)
    named as the translator gave it, with the published name in the seventh column."""
    russian = "Уровень безработицы"
    row = NameTranslation(element_id="G1.1-I1", lang="ru", text=russian, row=2)
    record_translations(empty_database, None, [row], file="names.csv", user="tests")
    url = "/report?year=2012&form=official&format=xlsx"
    xlsx = planner.get(url, headers={"Accept-Language": "ru"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    try:
        rows = list(book["Отчет 2012"].iter_rows(values_only=True))
    finally:
        book.close()
    heads = next(r for r in rows if r[0] == "Наименование")
    assert heads[1:3] == ("Источник информации", "Единица измерения")
    assert heads[5:7] == ("Причины недостижения", "Опубликованное наименование (kk)")
    (unemployment,) = [r for r in rows if r[0] == russian]
    assert unemployment[3:5] == (6.2, 5.3) and unemployment[6] == "Жұмыссыздық деңгейі"


def test_each_language_gets_its_own_sentences_from_the_same_app(planner: TestClient) -> None:
    """The year's figures are built once per state of the data and language: a Russian
    download does not leave its sentences for the Kazakh one that follows (GLOSSARY: "Снижение –
    положительная динамика", "Төмендеу – оң серпін"). Unemployment 2012: 5.3 <= 6.2, achieved."""
    url = "/report?year=2012&form=official&format=html"
    russian = planner.get(url, headers={"Accept-Language": "ru"}).text
    kazakh = planner.get(url, headers={"Accept-Language": "kk"}).text
    assert "положительная динамика" in russian and "оң серпін" not in russian
    assert "оң серпін" in kazakh and "положительная динамика" not in kazakh
