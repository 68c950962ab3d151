"""Every report (annual and official) in every format opens in Kazakh, Russian and English, its
headings in that language, and no English interface word is left in the Kazakh or Russian one.

The expected words are written here by hand: the official form's own wording (Appendix 5 to
the Methodological instruction on monitoring, ``shared/reference/official-reporting.md``) and
the state planning terms of ``shared/GLOSSARY.md``. Each report is generated once per module
(2012, the bundled plan, the facts of tests/data) and read back as a user's tools read it:
openpyxl, python-docx, an HTML parser, pypdf.

The PDF is drawn by its own writer (ReportLab), so it is read back like the others, in every
language; ``tests/report/test_pdf.py`` checks its sections' headings one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest

from zhospar.i18n import Language, use_language
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.report import build_official, build_report, write_official, write_report

# The official form's words (column heads, the head over Plan and Fact, row headings, title).
OFFICIAL_WORDS: dict[str, tuple[str, ...]] = {
    "kk": (
        "Мемлекеттік органның стратегиялық жоспарының іске асырылуы туралы есеп",
        "Атауы",
        "Ақпарат көзі",
        "Өлшем бірлігі",
        "Есепті кезең",
        "Жоспар",
        "Факт",
        "Қол жеткізбеу себептері",
        "Мемлекеттік орган",
        "Жоспарлы кезең",
        "Стратегиялық бағыт 1.",
        "Мақсат 1.1.",
        "Нысаналы индикаторлар",
        "Міндет 1.1.1.",
        "Тікелей нәтижелер көрсеткіштері",
        "№ 2342",  # line 5: the resolution that adopted the plan
    ),
    "ru": (
        "Отчет о реализации стратегического плана государственного органа",
        "Наименование",
        "Источник информации",
        "Единица измерения",
        "Отчетный период",
        "План",
        "Факт",
        "Причины недостижения",
        "Государственный орган",
        "Плановый период",
        "Стратегическое направление 1.",
        "Цель 1.1.",
        "Целевые индикаторы",
        "Задача 1.1.1.",
        "Показатели прямых результатов",
        "Постановление № 2342 от 31.12.2009",  # line 5
    ),
    "en": (
        "Report on the implementation of the strategic plan of a state body",
        "Name",
        "Source of information",
        "Unit",
        "Reporting period",
        "Plan",
        "Fact",
        "Reasons for non-achievement",
        "State body",
        "Planning period",
        "Direction 1.",
        "Goal 1.1.",
        "Target indicators",
        "Task 1.1.1.",
        "Direct-result indicators",
        "Resolution No. 2342 of 31.12.2009",
    ),
}

# The annual report's words that every format shows: "implementation report" (its title is
# worded a little differently per format), a goal's and an indicator's heading, the summary's
# "Name" column (the name of a thing, not the login page's name of a person: "Аты", "Имя").
ANNUAL_WORDS: dict[str, tuple[str, ...]] = {
    "kk": ("іске асыру туралы", "есеп", "Мақсат", "Көрсеткіш", "Атауы"),
    "ru": ("отчет о реализации", "Цель", "Показатель", "Наименование"),
    "en": ("Annual", "implementation", "Goal", "Indicator", "Name"),
}

# Zhospar's own English words: none may be left in a Kazakh or Russian report. (The data's own
# English stays: the facts file's sources, the plan text's "Doing Business", file names.)
ENGLISH = (
    "Name", "Source of information", "Unit", "Plan", "Fact", "Facts",
    "Reasons for non-achievement", "Reporting period", "Planning period", "Planned period",
    "Direction", "Goal", "Task", "Target indicators", "Direct-result indicators",
    "Budget programs", "State body", "Strategic plan", "Adopted by", "Amended by", "Resolution",
    "Figures", "Plan text", "Generated", "DRAFT", "approved", "achieved", "no plan", "no fact",
    "no data", "reason not recorded", "not stated in the plan", "none named", "of which",
    "Report", "Indicator", "Status", "Score", "Achievement", "Explanation", "Evaluation",
    "Program", "Milestone", "Risks", "Summary", "Budget", "thousand tenge", "plan line",
    "program form", "list of programs", "Cost", "given", "row", "source", "entered by",
    "Plan vs fact", "Reported", "Target", "January", "December", "database", "in force",
)  # fmt: skip
# Not yet listed: the polarity rules' reasons ("the wording asks for an increase") and the budget
# notes ("no actual expenditure recorded"), core texts translated on their own branch.
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")

FORMATS = ("xlsx", "docx", "html", "pdf")
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")
FORMS = ("official", "annual")
CASES = [(form, fmt, lang) for form in FORMS for fmt in FORMATS for lang in LANGUAGES]


class _Text(HTMLParser):
    """The text a browser shows (no style sheet), with the document's language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lang = ""
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "style"
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=False)
    try:
        lines = []
        for sheet in book.worksheets:
            lines += [sheet.title, sheet.oddHeader.center.text or ""]
            for row in sheet.iter_rows(values_only=True):
                lines.append(" | ".join(str(c) for c in row if c is not None))
        return "\n".join(lines)
    finally:
        book.close()


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    return "\n".join(lines)


def _html_text(path: Path) -> str:
    page = _Text()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return f"<html lang={page.lang}>\n" + "\n".join(page.parts)


def _pdf_text(path: Path) -> str:
    """The pages' text, a line wrapped inside a narrow cell joined again with a space."""
    pages = (page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", "\n".join(pages))


READERS: dict[str, Callable[[Path], str]] = {
    "xlsx": _xlsx_text, "docx": _docx_text, "html": _html_text, "pdf": _pdf_text,
}  # fmt: skip


@pytest.fixture(scope="module")
def report_text(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, str, Language], str]]:
    """The text of a report (form, format, language), written and read back once."""
    folder = tmp_path_factory.mktemp("languages")
    done: dict[tuple[str, str, str], str] = {}

    def text(form: str, fmt: str, lang: Language) -> str:
        key = (form, fmt, lang)
        if key not in done:
            path = folder / f"{form}-{lang}.{fmt}"
            with use_language(lang):  # as ``zhospar report --lang`` writes it
                if form == "official":
                    write_official(build_official(bundled.plan, real_facts, 2012), path)
                else:
                    write_report(build_report(bundled.plan, real_facts, 2012), path)
            done[key] = READERS[fmt](path)
        return done[key]

    yield text


@pytest.mark.parametrize(("form", "fmt", "lang"), CASES)
def test_each_report_opens_with_its_headings_in_its_language(
    report_text: Callable[[str, str, Language], str], form: str, fmt: str, lang: Language
) -> None:
    text = report_text(form, fmt, lang)
    expected = (OFFICIAL_WORDS if form == "official" else ANNUAL_WORDS)[lang]
    missing = [w for w in expected if w.lower() not in text.lower()]
    assert not missing, f"{form} {fmt} in {lang}: missing {missing}"
    if fmt == "html":
        assert text.startswith(f"<html lang={lang}>")
    if lang != "en":
        found = sorted({m.group(0) for m in _ENGLISH.finditer(text)})
        assert not found, f"{form} {fmt} in {lang}: English words {found}"


def test_the_english_words_are_found_where_they_are(
    report_text: Callable[[str, str, Language], str],
) -> None:
    """The English report holds the words the others must not: the check can fail."""
    found = {m.group(0) for m in _ENGLISH.finditer(report_text("official", "html", "en"))}
    assert {"Name", "Source of information", "Direct-result indicators", "DRAFT"} <= found


# The names of the plan in Russian, as a translator gives them (``plan translations import``).
NAMES = {
    "D1": "Управление риском потери работы (отсутствия работы)",
    "G1.1-I1": "Уровень безработицы",
}
PUBLISHED = {
    "D1": "Жұмысынан айрылу (жұмысының болмауы) қатерін басқару",  # line 212
    "G1.1-I1": "Жұмыссыздық деңгейі",  # line 216
}


@pytest.fixture(scope="module")
def translated(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("names")
    with use_language("ru"):
        form = build_official(bundled.plan, real_facts, 2012, names=NAMES)
        return {fmt: write_official(form, folder / f"official.{fmt}") for fmt in FORMATS}


def test_the_official_form_shows_translated_names_with_the_published_ones(
    translated: dict[str, Path],
) -> None:
    book = openpyxl.load_workbook(translated["xlsx"])
    try:
        rows = list(book["Отчет 2012"].iter_rows(values_only=True))
    finally:
        book.close()
    assert any(r[6] == "Опубликованное наименование (kk)" for r in rows)  # the seventh column
    by_name = {r[0]: r[6] for r in rows if r[0]}
    assert by_name[f"Стратегическое направление 1. {NAMES['D1']}"] == PUBLISHED["D1"]
    assert by_name[NAMES["G1.1-I1"]] == PUBLISHED["G1.1-I1"]
    page = _html_text(translated["html"])
    assert f"{NAMES['G1.1-I1']}\n{PUBLISHED['G1.1-I1']}" in page  # the name, then the published
    cells = _docx_text(translated["docx"])
    assert f"{NAMES['G1.1-I1']}\n{PUBLISHED['G1.1-I1']}" in cells
