"""``GET /api/plan/names``: the plan's names by id, as published and in the language asked.

Published names from the plan text: indicator G1.1-I1 "Жұмыссыздық деңгейі" (line 216), its unit
"%-бен" (line 217), direction 2 "Еңбек құқығының бұзылу қатерін басқару" (its heading, line 263).
"""

from __future__ import annotations

from tests._webapp import TestClient
from zhospar.imports.translations import NameTranslation
from zhospar.store import Database
from zhospar.store.translations import record_translations

RUSSIAN = {"G1.1-I1": "Уровень безработицы", "U:%-бен": "в %"}


def _load(db: Database) -> None:
    rows = [NameTranslation(i, "ru", text, n) for n, (i, text) in enumerate(RUSSIAN.items(), 2)]
    record_translations(db, None, rows, file="names.ru.csv", user="tests")


def test_names_as_published_and_translated(
    empty_client: TestClient, empty_database: Database
) -> None:
    _load(empty_database)
    russian = {n["id"]: n for n in empty_client.get("/api/plan/names?lang=ru").json()}
    assert russian["G1.1-I1"] == {
        "id": "G1.1-I1", "published": "Жұмыссыздық деңгейі", "translated": "Уровень безработицы",
    }  # fmt: skip
    assert russian["U:%-бен"] == {"id": "U:%-бен", "published": "%-бен", "translated": "в %"}
    direction = "Еңбек құқығының бұзылу қатерін басқару"
    assert russian["D2"] == {"id": "D2", "published": direction, "translated": None}
    for lang in ("kk", "en"):  # Kazakh is the published language; no English is loaded
        answer = empty_client.get("/api/plan/names", params={"lang": lang}).json()
        assert {n["translated"] for n in answer} == {None}
        assert {n["id"]: n["published"] for n in answer}["G1.1-I1"] == "Жұмыссыздық деңгейі"
    assert empty_client.get("/api/plan/names?lang=de").status_code == 422
    asked = empty_client.get("/api/plan/names", headers={"Accept-Language": "ru"}).json()
    assert {n["id"]: n["translated"] for n in asked}["G1.1-I1"] == "Уровень безработицы"
