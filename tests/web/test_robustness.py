"""Hostile input to the pages' forms and the upload, found by hand: each is refused with its
message beside the form (422, never a 500) and nothing is written.

Runs on a database holding the plan alone (one per module), so "nothing written" is an empty
list of values.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]

from tests._webapp import TestClient, csrf_token, post_form, table_row

ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdef", "bcdefg", strict=True)
    )
    + "]><Types>&g;</Types>"
)


def _nothing_written(client: TestClient) -> None:
    assert client.get("/api/actuals").json() == []


def _workbook() -> bytes:
    book = Workbook()
    book.active.append(["indicator_id", "year", "value"])
    book.active.append(["G4.1-I1", 2013, 5])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _replaced(workbook: bytes, part: str, text: str) -> bytes:
    """The workbook with one part's XML replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, text if name == part else source.read(name))
    return out.getvalue()


def _upload(client: TestClient, name: str, data: bytes) -> tuple[int, str]:
    fields = {"csrf_token": csrf_token(client, "/import")}
    response = client.post("/import/preview", data=fields, files={"file": (name, data)})
    return response.status_code, response.text


def test_a_budget_actual_beyond_what_is_stored_is_refused_in_its_row(
    empty_client: TestClient,
) -> None:
    # 1e999999 thousand tenge was stored as infinity on SQLite; every page then answered 500
    status, html = post_form(
        empty_client, "/budget/001/actual?year=2012", "/budget?year=2012", value="1e999999"
    )
    assert status == 422
    assert "too large or too small to be recorded" in table_row(html, 'id="P001"')
    _nothing_written(empty_client)
    assert empty_client.get("/?year=2012").status_code == 200


def test_a_nul_character_in_a_source_is_refused_beside_the_form(
    empty_client: TestClient,
) -> None:
    # PostgreSQL cannot store U+0000 in text: it was a 500 there
    page = "/indicators/G4.1-I1?year=2013"
    status, html = post_form(
        empty_client, "/indicators/G4.1-I1/actuals?year=2013", page,
        period="2013", value="5", source="bulletin\x00",
    )  # fmt: skip
    assert status == 422
    assert "the source holds a NUL character (\\x00), which cannot be stored" in html
    _nothing_written(empty_client)


def test_a_nul_character_in_an_override_reason_is_refused(empty_client: TestClient) -> None:
    page = "/indicators/G4.1-I1"
    status, html = post_form(
        empty_client, "/indicators/G4.1-I1/overrides", page,
        kind="polarity", value="increase", reason="why\x00",
    )  # fmt: skip
    assert status == 422
    assert "the reason holds a NUL character (\\x00), which cannot be stored" in html


def test_a_workbook_named_csv_is_refused_with_the_reason(empty_client: TestClient) -> None:
    # openpyxl refuses a workbook whose name does not end in .xlsx: it was a 500
    status, html = _upload(empty_client, "values.csv", _workbook())
    assert status == 422
    assert "is an XLSX workbook under another name: give it the extension .xlsx" in html
    _nothing_written(empty_client)


def test_an_xml_entity_bomb_is_refused_as_an_invalid_workbook(empty_client: TestClient) -> None:
    # lxml stops the expansion with a syntax error, which was not caught: a 500
    bomb = _replaced(_workbook(), "[Content_Types].xml", ENTITY_BOMB)
    status, html = _upload(empty_client, "bomb.xlsx", bomb)
    assert status == 422
    assert "is not a valid XLSX workbook" in html
    _nothing_written(empty_client)


def test_a_worksheet_whose_xml_is_broken_is_refused(empty_client: TestClient) -> None:
    broken = _replaced(_workbook(), "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>")
    status, html = _upload(empty_client, "broken.xlsx", broken)
    assert status == 422
    assert "is not a valid XLSX workbook" in html
    _nothing_written(empty_client)


def test_a_shared_string_bomb_is_refused_with_a_short_page(
    empty_client: TestClient, tmp_path: Path
) -> None:
    # Issue 10: a 99 KB shared-string workbook gave a 100 MB error page (the value echoed whole).
    from tests.workbook.test_bombs import _SST, _bomb, _shared_string

    bomb = _bomb(tmp_path, _SST, _shared_string(100)).read_bytes()
    assert len(bomb) < 200_000
    status, html = _upload(empty_client, "bomb.xlsx", bomb)
    assert status == 422
    assert "refused before reading" in html and "67,108,864 bytes allowed" in html
    assert len(html) < 50_000
    _nothing_written(empty_client)
