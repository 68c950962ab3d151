"""The core domain in three languages: the catalogs, the shared messages, the reports.

Figures worked out by hand from the plan text: the unemployment rate G1.1-I1 has the 2012 target
"6,2" (line 217) and the fact 5.3 (tests/data/facts-2010-2014.csv); it should fall (a decrease),
so the achievement is 6.2 / 5.3 x 100 = 116.98 %, achieved.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.conftest import FACTS
from tests.report._read import docx_text, read_page
from zhospar._exceptions import ImportFileError, ZhosparError
from zhospar.cli import app
from zhospar.i18n import use_language
from zhospar.i18n.__main__ import problems
from zhospar.imports import parse_file
from zhospar.ingest import ReadResult
from zhospar.report import build_report
from zhospar.report._format import amount, number, percent

NBSP = "\u00a0"

# Interface words a Russian or Kazakh report must not show in its headings and column heads.
ENGLISH = (
    "Summary", "Indicator", "Indicators", "Target", "Fact", "Status", "Direction", "Goal",
    "Task", "Achieved", "Not achieved", "Milestones", "Budget", "Risks", "Evaluation",
    "Forecast", "Program", "Unit", "Annual", "report", "Explanation", "Charts", "Name",
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?: [a-z]+)?")


def test_every_core_message_is_translated_into_kazakh_and_russian() -> None:
    assert [p for p in problems() if "/core:" in p] == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("6.2", "5.3", "116.98 %", "0.0044 %", "2 574 571")),
        ("ru", ("6,2", "5,3", f"116,98{NBSP}%", f"0,0044{NBSP}%", f"2{NBSP}574{NBSP}571")),
        ("kk", ("6,2", "5,3", f"116,98{NBSP}%", f"0,0044{NBSP}%", f"2{NBSP}574{NBSP}571")),
    ],
)
def test_report_numbers_as_each_language_writes_them(
    language: str, expected: tuple[str, ...]
) -> None:
    with use_language(language):  # type: ignore[arg-type]
        shown = (
            number(Decimal("6.20")),
            number(Decimal("5.3")),
            percent("116.98"),
            percent("0.0044"),  # its own decimals: never rounded to "0,00 %"
            amount(Decimal("2574571")),
        )
    assert shown == expected


def _report(tmp_path: Path, language: str, suffix: str) -> Path:
    out = tmp_path / f"r-{language}.{suffix}"
    args = ["report", "--lang", language, "--year", "2012", "--facts", str(FACTS), "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("language", "target", "fact", "achievement", "status"),
    [
        ("ru", "6,2", "5,3", f"116,98{NBSP}%", "достигнут (снижение – положительная динамика)"),
        ("kk", "6,2", "5,3", f"116,98{NBSP}%", "орындалды (төмендеу – оң серпін)"),
        ("en", "6.2", "5.3", "116.98 %", "achieved (decrease: positive dynamics)"),
    ],
)
def test_report_cells_in_each_language(
    tmp_path: Path, language: str, target: str, fact: str, achievement: str, status: str
) -> None:
    page = read_page(_report(tmp_path, language, "html"))
    cells = [page.cell("ind-G1.1-I1", c) for c in ("target", "fact", "achievement", "status")]
    assert cells == [target, fact, achievement, status]
    html = (tmp_path / f"r-{language}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in html


@pytest.mark.parametrize(
    ("language", "message", "status"),
    [
        ("ru", "6,2 / 5,3 × 100 = 116,98 % (снижение: план / факт); достигнут", "достигнут"),
        ("kk", "6,2 / 5,3 × 100 = 116,98 % (төмендеу: жоспар / дерек); орындалды", "орындалды"),
        ("en", "6.2 / 5.3 × 100 = 116.98 % (decrease: target / fact); achieved", "achieved"),
    ],
)
def test_the_method_sentence_writes_its_numbers_as_the_language_does(
    bundled: ReadResult, language: str, message: str, status: str
) -> None:
    facts = parse_file(FACTS, bundled.plan)
    with use_language(language):  # type: ignore[arg-type]
        line = build_report(bundled.plan, facts, 2012).indicator("G1.1-I1")
    assert line is not None
    assert line.message == message
    assert line.status_label == status


def _english(texts: list[str]) -> set[str]:
    """The interface words of ``ENGLISH`` found in ``texts`` (the plan's own ids aside)."""
    found = set()
    for text in texts:
        for word in ENGLISH:
            if re.search(rf"\b{word}\b", text):
                found.add(word)
    return found


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_each_report_opens_with_its_headings_in_the_language(tmp_path: Path, language: str) -> None:
    book = openpyxl.load_workbook(_report(tmp_path, language, "xlsx"), read_only=True)
    heads = list(book.sheetnames)
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        heads += [str(cell) for cell in first if cell]
    book.close()
    assert ("Сводка" if language == "ru" else "Жиынтық") in heads
    assert ("Показатель" if language == "ru" else "Көрсеткіш") in heads
    assert _english(heads) == set()
    document = docx_text(_report(tmp_path, language, "docx"))
    headings = [t for t in document if re.match(r"^\d\. ", t)]
    assert len(headings) >= 6
    assert _english(headings) == set()
    html = _report(tmp_path, language, "html").read_text(encoding="utf-8")
    html_heads = re.findall(r"<(?:h1|h2|th|dt)>([^<]*)<", html)
    assert html_heads and _english(html_heads) == set()


def test_the_cli_prints_an_import_problem_in_zhospar_lang(tmp_path: Path) -> None:
    bad = tmp_path / "facts.csv"
    bad.write_text("indicator_id,period,value\nX9.9-I1,2012,5\n", encoding="utf-8")
    args = ["report", "--year", "2012", "--facts", str(bad), "-o", str(tmp_path / "r.html")]
    result = CliRunner().invoke(app, args, env={"ZHOSPAR_LANG": "ru"})
    assert isinstance(result.exception, ImportFileError)
    message = str(result.exception)
    assert "проблем: 1, ничего не импортировано" in message
    assert 'строка 2, столбец "indicator_id": в плане нет показателя "X9.9-I1"' in message
    english = CliRunner().invoke(app, args, env={"ZHOSPAR_LANG": "en"})
    assert isinstance(english.exception, ZhosparError)
    assert 'row 2, column "indicator_id": no indicator "X9.9-I1" in the plan' in str(
        english.exception
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2012-03-01 10:30 UTC"),
        ("ru", "1 марта 2012\u202fг., 10:30 UTC"),  # CLDR: a narrow no-break space
        ("kk", "2012\u202fж. 1 наурыз, 10:30 UTC"),
    ],
)
def test_the_report_date_as_each_language_writes_it(language: str, expected: str) -> None:
    import datetime as dt

    from zhospar.report._format import moment

    with use_language(language):  # type: ignore[arg-type]
        assert moment(dt.datetime(2012, 3, 1, 10, 30)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "approved by aigerim on 2013-02-20 09:15 UTC"),
        ("ru", "утвержден"),
        ("kk", "бекіт"),
    ],
)
def test_the_sign_off_line_dates_as_each_language_writes_it(language: str, expected: str) -> None:
    """Reports and pages said "2013-02-20 09:15 UTC" in every language (the ISO date of a log)."""
    import datetime as dt

    from zhospar.report.model import SignOff
    from zhospar.store.signoff import YearState

    at = dt.datetime(2013, 2, 20, 9, 15)
    with use_language(language):  # type: ignore[arg-type]
        line = SignOff(2012, approved=True, by="aigerim", at=at).describe()
        notice = YearState(2012, approved=True, by="aigerim", at=at).describe()
    assert expected in line
    if language == "ru":
        assert "20 февраля 2013\u202fг., 09:15 UTC" in line and "20 февраля 2013" in notice
    if language == "kk":
        assert "2013\u202fж. 20 ақпан, 09:15 UTC" in line and "20 ақпан" in notice


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_multiyear_table_in_the_language(tmp_path: Path, language: str) -> None:
    out = tmp_path / f"m-{language}.html"
    args = ["report", "--all-years", "--lang", language, "--facts", str(FACTS), "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    heads = re.findall(r"<(?:h1|th|dt)[^>]*>([^<]*)<", html)
    assert heads and _english(heads) == set()
    assert ("плановый" if language == "ru" else "жоспарлы") in html
    # 2012, G1.1-I1: 6.2 / 5.3 x 100 = 116.98, with a decimal comma.
    assert re.search(r'class="num achievement" data-year="2012">116,98<', html)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_translation_keeps_the_fields_of_its_message(language: str) -> None:
    """A translation that drops or renames a {field} would fail when it is shown."""
    from babel.messages.pofile import read_po

    from zhospar.i18n._catalogs import catalog_path

    fields = re.compile(r"\{(\w*)\}|%\((\w+)\)s")
    with catalog_path(language, "core").open("rb") as handle:
        catalog = read_po(handle)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(fields.findall(ids[-1]))
        wrong += [ids[0] for s in strings if set(fields.findall(s)) != wanted]
    assert wrong == []
