"""The PDF reports (ReportLab) as a reader sees them: read back with pypdf, 2012 of the bundled
plan with the facts of tests/data.

Expected words are the catalogs' translations of the DOCX's headings, copied here by hand;
expected figures are the plan's and the facts file's: G1.1-I1 (unemployment, line 216) plans 6.2
for 2012 and the facts file reports 5.3, 6.2 / 5.3 x 100 = 116.98 % (a decrease is better);
program 001's form plans 3 401 552 thousand tenge for 2012 (line 761).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from zhospar.i18n import Language, use_language
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.report import build_official, build_report, write_official, write_report
from zhospar.report.names import with_translated_names

FONTS = Path(__file__).resolve().parents[2] / "src" / "zhospar" / "report" / "fonts"
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")
DRAFT = "DRAFT: the figures of 2012 are not approved"
UNEMPLOYMENT = "Жұмыссыздық деңгейі"  # G1.1-I1, line 216

SECTIONS: dict[str, tuple[str, ...]] = {
    "kk": (
        "Стратегиялық жоспарды іске асыру туралы 2012 жылғы есеп",
        "1. Жиынтық",
        "2. Стратегиялық бағыттар, мақсаттар және міндеттер",
        "3. Іс-шаралар",
        "4. Бюджеттік бағдарламалар бойынша бюджеттің атқарылуы",
        "5. Бюджеттік бағдарламалардың көрсеткіштері",
        "6. Қатерлер және олар туралы белгі беретін көрсеткіштер",
        "7. Сандардың ақпарат көздері",
    ),
    "ru": (
        "Отчет о реализации стратегического плана за 2012 год",
        "1. Сводка",
        "2. Стратегические направления, цели и задачи",
        "3. Мероприятия",
        "4. Исполнение бюджета по программам",
        "5. Показатели бюджетных программ",
        "6. Риски и сигнализирующие о них показатели",
        "7. Источники цифр",
    ),
    "en": (
        "Annual report on the implementation of the strategic plan, 2012",
        "1. Summary",
        "2. Strategic directions, goals and tasks",
        "3. Milestones",
        "4. Budget execution by program",
        "5. Budget program indicators",
        "6. Risks and the indicators that signal them",
        "7. Sources of the figures",
    ),
}
# The row of G1.1-I1 in the goal's table: id, name, unit, target, fact, achievement, status.
ROWS = {
    "kk": f"G1.1-I1 {UNEMPLOYMENT} %-бен 6,2 5,3 116,98 %",
    "ru": f"G1.1-I1 {UNEMPLOYMENT} %-бен 6,2 5,3 116,98 %",
    "en": f"G1.1-I1 {UNEMPLOYMENT} %-бен 6.2 5.3 116.98 % achieved",
}
EVIL = '<img src="/etc/passwd"/> <b>x</b> &amp; <font size="40">big</font>\x07'
SHOWN = '<img src="/etc/passwd"/> <b>x</b> &amp; <font size="40">big</font>'


def _pages(path: Path) -> list[str]:
    """Each page's text as pypdf reads it (each cell of a table row on a line of its own)."""
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _words(text: str) -> str:
    """The text with its words joined by single spaces (a no-break space is a space too)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, Language], list[str]]]:
    """The pages of a report ("annual" or "official") in a language, written once."""
    folder = tmp_path_factory.mktemp("pdf")
    done: dict[tuple[str, str], list[str]] = {}

    def pages(form: str, lang: Language) -> list[str]:
        if (form, lang) not in done:
            path = folder / f"{form}-{lang}.pdf"
            with use_language(lang):
                if form == "official":
                    write_official(build_official(bundled.plan, real_facts, 2012), path)
                else:
                    write_report(build_report(bundled.plan, real_facts, 2012), path)
            done[form, lang] = _pages(path)
        return done[form, lang]

    yield pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_section_has_its_heading_in_the_reports_language(
    pdf: Callable[[str, Language], list[str]], lang: Language
) -> None:
    text = _words("\n".join(pdf("annual", lang)))
    places = [text.find(heading) for heading in SECTIONS[lang]]
    assert -1 not in places, [h for h, p in zip(SECTIONS[lang], places, strict=True) if p < 0]
    assert places == sorted(places)  # in the DOCX's order
    assert ROWS[lang] in text


@pytest.mark.parametrize("form", ["annual", "official"])
def test_every_page_of_a_draft_is_marked_and_numbered(
    pdf: Callable[[str, Language], list[str]], form: str
) -> None:
    pages = pdf(form, "en")
    total = len(pages)
    assert total > 5
    for number, text in enumerate(pages, start=1):
        assert text.startswith(DRAFT), number  # the top margin: drawn before the page's content
        assert _words(text).endswith(f"{number} / {total}")


def test_no_figure_or_head_word_is_broken_across_lines(
    pdf: Callable[[str, Language], list[str]],
) -> None:
    """A figure stays on one line: 3 401 552 (program 001, line 761) in its cell and in the
    plan's text quoted beside it (pypdf reads a no-break space as a space); and so does each
    word of a column head."""
    kk = "\n".join(pdf("annual", "kk")).splitlines()
    assert "3 401 552" in kk
    assert any("«3 401 552»" in line for line in kk)
    en = "\n".join(pdf("annual", "en")).splitlines()
    assert "3 401 552" in en and "Achievement" in en


def _cmap(font: str) -> set[int]:
    return set(TTFont(FONTS / font).getBestCmap())


def test_every_character_of_the_reports_is_in_the_shipped_fonts(
    pdf: Callable[[str, Language], list[str]],
) -> None:
    """No glyph is a blank box: every character drawn, in every language, is in both fonts
    (a character missing from a font is read back from the PDF as "\\x00")."""
    regular = _cmap("DejaVuSans-LatinCyrillic.ttf")
    bold = _cmap("DejaVuSans-Bold-LatinCyrillic.ttf")
    assert regular == bold
    drawn = {
        c
        for form in ("annual", "official")
        for lang in LANGUAGES
        for c in "".join(pdf(form, lang))
        if c not in "\n "
    }
    assert set("әғқңөұүһіЖҚ№«»—") <= drawn  # the Kazakh letters and the plan's punctuation
    assert sorted(c for c in drawn if ord(c) not in regular) == []


def test_document_and_user_text_is_shown_never_read_as_markup(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    """A comment on a fact and a reason for non-achievement that look like ReportLab's markup
    (a picture of a file, bold, an entity, a font) print as they are written."""
    fact = next(f for f in real_facts if f.indicator_id == "G1.1-I1" and str(f.period) == "2012")
    facts = [f.model_copy(update={"comment": EVIL}) if f is fact else f for f in real_facts]
    path = write_report(build_report(bundled.plan, facts, 2012), tmp_path / "a.pdf")
    assert SHOWN in _words("\n".join(_pages(path)))
    form = build_official(bundled.plan, real_facts, 2012, reasons={"G1.2-I1": EVIL})
    path = write_official(form, tmp_path / "o.pdf")
    assert SHOWN in _words("\n".join(_pages(path)))
    assert [image for page in pypdf.PdfReader(path).pages for image in page.images] == []


def test_the_charts_are_drawn_as_vectors_in_the_reports_language(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    """Each chart of the DOCX is in the PDF, under its caption, drawn as vectors: its legend is
    text in the report's language (the kk catalog's words), and no picture is embedded."""
    with use_language("kk"):
        report = build_report(bundled.plan, real_facts, 2012)
        path = write_report(report, tmp_path / "r.pdf")
    drawn = [s for s in report.charts if s.has_data]
    reader = pypdf.PdfReader(path)
    assert [image for page in reader.pages for image in page.images] == []
    text = _words("\n".join(p.extract_text() for p in reader.pages))
    assert text.count("Жоспар мен дерек, ") == len(drawn) > 0
    assert f"Жоспар мен дерек, G1.1-I1: {UNEMPLOYMENT} (%-бен)" in text
    assert text.count("Есепті (жоспарда)") >= 1  # the legend: reported values of 2008-2009
    assert text.count("Нысаналы мән (жоспар)") == len(drawn)  # every chart has targets


# The names of the plan in Russian, as a translator gives them (``plan translations import``).
NAMES = {
    "D1": "Управление риском потери работы (отсутствия работы)",
    "G1.1-I1": "Уровень безработицы",
}
PUBLISHED = {
    "D1": "Жұмысынан айрылу (жұмысының болмауы) қатерін басқару",  # line 212
    "G1.1-I1": UNEMPLOYMENT,
}


def test_a_translated_name_has_the_published_one_beside_it(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    with use_language("ru"):
        form = build_official(bundled.plan, real_facts, 2012, names=NAMES)
        official = _words("\n".join(_pages(write_official(form, tmp_path / "o.pdf"))))
        report = with_translated_names(build_report(bundled.plan, real_facts, 2012), NAMES)
        lines = "\n".join(_pages(write_report(report, tmp_path / "a.pdf")))
    annual = _words(lines)
    assert f"{NAMES['G1.1-I1']} {PUBLISHED['G1.1-I1']}" in official  # the line under the name
    assert f"Стратегическое направление 1. {NAMES['D1']} {PUBLISHED['D1']}" in official
    assert f"Опубликованное наименование (kk): {PUBLISHED['D1']}" in annual  # under the heading
    assert f"G1.1-I1 {NAMES['G1.1-I1']} %-бен 6,2 5,3 116,98 %" in annual
    assert "Опубликованное наименование (kk)" in annual.split("1. Сводка")[1][:300]  # a column
    # The column narrows the others, none so far as to break a head's word or an id.
    unbroken = {"Направление", "измерения", "G1.1-I1-b1"}
    assert unbroken <= {line.strip() for line in lines.splitlines()}


def test_a_comment_longer_than_a_page_is_split_across_pages(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    """A row taller than a page cannot be placed whole: its table splits inside the row."""
    long = " ".join(f"word{i}" for i in range(4000)) + " the-end"
    facts = [
        f.model_copy(update={"comment": long}) if f.indicator_id == "G1.1-I1" else f
        for f in real_facts
    ]
    path = write_report(build_report(bundled.plan, facts, 2012), tmp_path / "long.pdf")
    text = _words("\n".join(_pages(path)))
    assert "word0 word1" in text and "word3999 the-end" in text
    assert "116.98 %" in text
