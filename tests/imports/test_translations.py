"""Translations of the plan's names from a CSV (id, lang, text), on SQLite and PostgreSQL.

Names from the plan text: goal 1.1 (line 401) "Жұмысынан айрылу (жұмысының болмауы) қатерінің
алдын алу"; indicator G1.1-I1 (line 216) "Жұмыссыздық деңгейі".
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.report._read import docx_rows, docx_text
from zhospar._exceptions import ImportFileError, ZhosparError
from zhospar.cli import app
from zhospar.cli._errors import exit_code
from zhospar.imports.translations import plan_names, read_translations
from zhospar.ingest import ReadResult
from zhospar.services.context import AppContext
from zhospar.services.queries import translated_names
from zhospar.store import open_database

GOAL = "Жұмысынан айрылу (жұмысының болмауы) қатерінің алдын алу"
UNEMPLOYMENT = "Жұмыссыздық деңгейі"


@pytest.fixture
def env(bundled_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", bundled_url)
    monkeypatch.setenv("ZHOSPAR_USER", "aigerim")
    return bundled_url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    if isinstance(result.exception, ZhosparError):
        return exit_code(result.exception), str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "lang", "text", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def _names(url: str, lang: str) -> dict[str, str]:
    with open_database(url) as db:
        return dict(translated_names(AppContext(db, "t"), None, lang))


def test_template_and_import_round_trip(env: str, tmp_path: Path) -> None:
    template = tmp_path / "names.ru.csv"
    assert run("plan", "translations", "template", "--lang", "ru", "-o", str(template))[0] == 0
    rows = _read(template)
    by_id = {row["id"]: row for row in rows}
    assert by_id["G1.1"] == {"id": "G1.1", "lang": "ru", "text": "", "published": GOAL}
    assert by_id["G1.1-I1"]["published"] == UNEMPLOYMENT
    assert "U:мың адам" in by_id and "D1" in by_id and "P002" in by_id and "R1" in by_id
    for row in rows:
        row["text"] = f"перевод {row['id']}"
    by_id["G1.1-I1"]["text"] = "Уровень безработицы"
    code, out = run("plan", "translations", "import", str(_write(template, rows)))
    assert code == 0, out
    assert f"{len(rows)} name translation(s) (ru)" in out
    names = _names(env, "ru")
    assert len(names) == len(rows)
    assert names["G1.1-I1"] == "Уровень безработицы"
    assert _names(env, "en") == {} and _names(env, "kk") == {}
    # A later file replaces a translation; the earlier one stays in the history.
    again = _write(tmp_path / "again.csv", [{"id": "G1.1", "lang": "ru", "text": "Цель 1.1"}])
    assert run("plan", "translations", "import", str(again))[0] == 0
    assert _names(env, "ru")["G1.1"] == "Цель 1.1"
    with open_database(env) as db, db.reading() as conn:
        from sqlalchemy import text

        count = conn.execute(text("SELECT count(*) FROM name_translations")).scalar_one()
    assert count == len(rows) + 1
    # The Russian report shows the translation, the published name in its own column.
    out_file = tmp_path / "r.xlsx"
    code, out = run("report", "--lang", "ru", "--year", "2012", "-o", str(out_file))
    assert code == 0, out
    book = openpyxl.load_workbook(out_file, read_only=True)
    sheet = book["Показатели"]
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    head = grid[0]
    row = next(r for r in grid if r[head.index("ID")] == "G1.1-I1")
    assert row[head.index("Показатель")] == "Уровень безработицы"
    assert row[head.index("Опубликованное наименование (kk)")] == UNEMPLOYMENT


def test_bad_rows_are_refused_with_their_rows_and_nothing_recorded(
    env: str, tmp_path: Path
) -> None:
    bad = _write(
        tmp_path / "bad.csv",
        [
            {"id": "G1.1", "lang": "ru", "text": "Цель"},
            {"id": "X9.9", "lang": "ru", "text": "нет такого"},
            {"id": "G1.1-I1", "lang": "de", "text": "Arbeitslosenquote"},
            {"id": "G1.2", "lang": "en", "text": "  "},
            {"id": "G1.3", "lang": "en", "text": "=HYPERLINK(1)"},
            {"id": "G1.1", "lang": "ru", "text": "Цель снова"},
        ],
    )
    code, message = run("plan", "translations", "import", str(bad))
    assert code != 0
    assert 'row 3, column "id": unknown id "X9.9"' in message
    assert 'row 4, column "lang": unknown language "de"' in message
    assert 'row 5, column "text": the translation is empty' in message
    assert 'row 6, column "text": the text starts with "="' in message
    assert 'row 7, column "id": G1.1 in ru is given twice: first at row 2' in message
    assert "5 problem(s), nothing imported" in message
    assert _names(env, "ru") == {} and _names(env, "en") == {}


def test_a_file_without_the_columns_is_refused(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("ident,language\nG1.1,ru\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="missing: id, lang, text"):
        read_translations(path, bundled.plan)


def test_every_kind_of_name_has_an_id(bundled: ReadResult) -> None:
    names = plan_names(bundled.plan)
    assert names["G1.1"] == GOAL
    assert names["G1.1-I1"] == UNEMPLOYMENT
    assert names["U:мың адам"] == "мың адам"
    assert {"D1", "T1.1.1", "G1.1-I1-b1", "P002", "R1"} <= names.keys()


def test_the_html_report_shows_the_published_name_under_the_translation(
    env: str, tmp_path: Path
) -> None:
    rows = [{"id": "G1.1-I1", "lang": "en", "text": "Unemployment rate"}]
    assert run("plan", "translations", "import", str(_write(tmp_path / "en.csv", rows)))[0] == 0
    out = tmp_path / "r.html"
    assert run("report", "--lang", "en", "--year", "2012", "-o", str(out))[0] == 0
    html = out.read_text(encoding="utf-8")
    expected = f'Unemployment rate<br><span class="published" lang="kk">{UNEMPLOYMENT}</span>'
    assert expected in html
    kazakh = tmp_path / "kk.html"
    assert run("report", "--year", "2012", "-o", str(kazakh))[0] == 0  # Kazakh: as published
    assert "Unemployment rate" not in kazakh.read_text(encoding="utf-8")


def test_the_docx_report_shows_the_published_name_beside_the_translation(
    env: str, tmp_path: Path
) -> None:
    rows = [
        {"id": "G1.1-I1", "lang": "en", "text": "Unemployment rate"},
        {"id": "G1.1", "lang": "en", "text": "Preventing the risk of losing a job"},
    ]
    assert run("plan", "translations", "import", str(_write(tmp_path / "en.csv", rows)))[0] == 0
    out = tmp_path / "r.docx"
    assert run("report", "--lang", "en", "--year", "2012", "-o", str(out))[0] == 0
    table_rows = docx_rows(out)
    head = table_rows["ID"]
    row = table_rows["G1.1-I1"]
    assert head[-1] == "Published name (kk)"
    assert row[head.index("Indicator")] == "Unemployment rate"
    assert row[-1] == UNEMPLOYMENT
    assert "G1.1-I1-b1" in table_rows and table_rows["G1.1-I1-b1"][-1] == ""  # not translated
    assert f"Published name (kk): {GOAL}" in docx_text(out)  # under the goal's heading
    kazakh = tmp_path / "kk.docx"
    assert run("report", "--year", "2012", "-o", str(kazakh))[0] == 0  # Kazakh: as published
    kazakh_rows = docx_rows(kazakh)
    assert len(kazakh_rows["G1.1-I1"]) == len(head) - 1  # no column of published names
    assert kazakh_rows["G1.1-I1"][1] == UNEMPLOYMENT
