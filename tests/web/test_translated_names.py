"""The plan's names in the page's language on every page that shows them (issue 11, item 4).

A small Russian CSV (``zhospar plan translations import``) names a direction, a goal, a task
(whose milestones the milestones page lists), an indicator and its breakdown, a budget program,
a risk and a unit. The published names are the plan text's (``mlsp-strategic-plan-2010-2014``):
direction 1 (line 199), goal 1.1 (line 401), task 1.1.1 (line 223), indicator G1.1-I1 "Жұмыссыздық
деңгейі" with its unit "%-бен" (lines 216-217) and its breakdown "әйелдер", program 002 (line
629), risk 1 "Өндірістің төмендеуі;" (line 482).

In Russian a page shows the translation with the published name one click away (a ``details``
holding it); in Kazakh, the published language, only the published name; in English, with no
English translation loaded, the published name.
"""

from __future__ import annotations

import csv
import html as html_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests._webapp import BASE_URL, TestClient, sign_in
from zhospar.cli import app as cli
from zhospar.server import create_app
from zhospar.store import Database, Settings

DIRECTION = "Жұмысынан айрылу (жұмысының болмауы) қатерін басқару"
GOAL = "Жұмысынан айрылу (жұмысының болмауы) қатерінің алдын алу"
TASK = (
    "Қазақстан Республикасының халықты жұмыспен қамтуға жәрдемдесу саласындағы заңнамасын жетілдіру"
)
APPENDIX_GOAL = "Жұмысынан айрылу (жұмысының болмауы) қатерін алдын алу"  # goal 1.1's label there
INDICATOR = "Жұмыссыздық деңгейі"
UNIT = "%-бен"
PROGRAM = "Зейнетақы бағдарламасы"
RISK = "Өндірістің төмендеуі;"

RUSSIAN = {
    "D1": "Управление риском потери работы (её отсутствия)",
    "G1.1": "Предупреждение риска потери работы (её отсутствия)",
    "T1.1.1": "Совершенствование законодательства о содействии занятости населения",
    "G1.1-I1": "Уровень безработицы",
    "G1.1-I1-b1": "<script>alert(1)</script>женщины",
    "P002": "Пенсионная программа",
    "R1": "Спад производства; высвобождение рабочей силы",
    "U:" + UNIT: "в %",
}
SCRIPT = RUSSIAN["G1.1-I1-b1"]
RU = {"Accept-Language": "ru"}
KK = {"Accept-Language": "kk"}
EN = {"Accept-Language": "en"}
ONE_CLICK = ' <details class="published"><summary>опубликованное название</summary>'


def _box(published: str) -> str:
    """The published name one click away, as the pages draw it."""
    return f'{ONE_CLICK}<span lang="kk">{html_module.escape(published, quote=False)}</span>'


def _element(page: str, marker: str, end: str) -> str:
    """The part of ``page`` from the element ``id="marker"`` (or from ``marker`` itself, when
    it is no id) to the first ``end`` after it."""
    start = page.index(f'id="{marker}"') if f'id="{marker}"' in page else page.index(marker)
    return page[start : page.index(end, start)]


def _import(db: Database, folder: Path) -> None:
    """Load the Russian names with the CLI, as a translator's file would be."""
    path = folder / "names.ru.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "lang", "text"])
        writer.writerows([ident, "ru", text] for ident, text in RUSSIAN.items())
    env = {"ZHOSPAR_DATABASE_URL": db.url, "ZHOSPAR_USER": "translator"}
    result = CliRunner().invoke(cli, ["plan", "translations", "import", str(path)], env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seen(
    empty_database: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A client of the app once the names are loaded, and the shared pages (rendered once per
    state of the data) as a Russian reader saw them before the load."""
    app: Any = create_app(empty_database, settings=Settings(empty_database.url, "os-user"))
    with TestClient(app, base_url=BASE_URL) as client:
        sign_in(client)
        before = {p: client.get(p, headers=RU).text for p in ("/?year=2012", "/plan?year=2012")}
        _import(empty_database, tmp_path_factory.mktemp("names"))
        yield client, before


def test_a_translations_import_reaches_the_pages_rendered_before_it(
    seen: tuple[TestClient, dict[str, str]],
) -> None:
    """The dashboard and the plan tree are rendered once per state of the data: the import
    changes that state, so the next page shows the new names."""
    client, before = seen
    for path, page in before.items():
        assert DIRECTION in page and RUSSIAN["D1"] not in page
        after = client.get(path, headers=RU).text
        assert RUSSIAN["D1"] + _box(DIRECTION) in after


# (page, the element's id or a marker, where it ends, the translated id, the published name)
CASES = [
    ("/indicators/G1.1-I1?year=2012", "G1.1-I1", "</h1>", "G1.1-I1", INDICATOR),
    ("/indicators/G1.1-I1?year=2012", "G1.1-I1", "</dl>", "U:" + UNIT, UNIT),
    ("/indicators/G1.1-I1-b1?year=2012", "G1.1-I1-b1", "</h1>", "G1.1-I1", INDICATOR),
    ("/budget?year=2012", "P002", "</tr>", "P002", PROGRAM),
    ("/milestones?year=2012", "T1.1.1-M1", "</tr>", "T1.1.1", TASK),
    ("/risks?year=2012", "R1", "</section>", "R1", RISK),
    ("/risks?year=2012", "R1", "</section>", "G1.1-I1", INDICATOR),
    ("/?year=2012", "grid-D1", "</tr>", "D1", DIRECTION),
    ("/?year=2012", '#G1.1">', "</tr>", "G1.1", GOAL),
    ("/plan?year=2012", "D1", "</section>", "G1.1-I1", INDICATOR),
    ("/plan?year=2012", "D1", "</section>", "T1.1.1", TASK),
    ("/plan?year=2012", "/indicators/G1.1-I1?", "</tr>", "U:" + UNIT, UNIT),
    ("/plan?year=2012", "P002", "</h3>", "P002", PROGRAM),
    ("/search?q=G1.1", "search-summary", "</ol>", "G1.1", "1.1 " + GOAL),  # the hit as found
    ("/plan/alignment", "AG1.1-1", "</tr>", "D1", DIRECTION),
    ("/plan/alignment", "AG1.1-1", "</tr>", "G1.1", GOAL),
    ("/allocation", "alloc-G1.1", "</tr>", "G1.1", APPENDIX_GOAL),
]  # fmt: skip


@pytest.mark.parametrize(("path", "ident", "end", "name", "published"), CASES)
def test_each_page_shows_the_translation_with_the_published_name_a_click_away(
    seen: tuple[TestClient, dict[str, str]],
    path: str,
    ident: str,
    end: str,
    name: str,
    published: str,
) -> None:
    client, _ = seen
    russian = _element(client.get(path, headers=RU).text, ident, end)
    if name == "R1":  # a risk's published text is its list of risks
        assert f'<p class="risk-name">{RUSSIAN[name]}</p>' in russian
        assert f'{ONE_CLICK}<div lang="kk"><ul><li>{RISK}</li>' in russian
    else:
        assert html_module.escape(RUSSIAN[name], quote=False) + _box(published) in russian
    for language in (KK, EN):  # Kazakh is published; English has no translation loaded
        other = _element(client.get(path, headers=language).text, ident, end)
        assert html_module.escape(published, quote=False) in other
        assert RUSSIAN[name] not in other and 'class="published"' not in other


def test_the_allocation_row_of_a_goal_keeps_the_appendix_label_as_published(
    seen: tuple[TestClient, dict[str, str]],
) -> None:
    """The appendix prints goal 1.1 as "... қатерін алдын алу" (not the goal's own "қатерінің"):
    that label is what the row shows as published."""
    client, _ = seen
    row = _element(client.get("/allocation", headers=RU).text, "alloc-G1.1", "</tr>")
    assert GOAL not in row and RUSSIAN["G1.1"] in row


def test_the_annual_report_of_the_reports_page_names_them_in_its_language(
    seen: tuple[TestClient, dict[str, str]],
) -> None:
    """The report downloaded from the Reports page is in the page's language: its names too,
    the published name beside each translated one."""
    client, _ = seen
    url = "/report?year=2012&format=html"
    russian = client.get(url, headers=RU).text
    shown = f'{RUSSIAN["G1.1-I1"]}<br><span class="published" lang="kk">{INDICATOR}</span>'
    assert shown in russian
    kazakh = client.get(url, headers=KK).text
    assert INDICATOR in kazakh and RUSSIAN["G1.1-I1"] not in kazakh


@pytest.mark.parametrize("path", ["/indicators/G1.1-I1-b1?year=2012", "/plan?year=2012"])
def test_a_translation_is_text_never_markup(
    seen: tuple[TestClient, dict[str, str]], path: str
) -> None:
    client, _ = seen
    page = client.get(path, headers=RU).text
    assert "<script>alert" not in page
    assert html_module.escape(SCRIPT, quote=False) + _box("әйелдер") in page
