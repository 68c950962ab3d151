"""Importing a file in the browser (``/import``): a dry-run preview, then all rows or none.

Runs on a database holding the plan alone (one per module), so the shared facts file's nine
values (tests/data/facts-2010-2014.csv: five unemployment rates, one poverty share,
three base pensions) are new to it. Expected problems are those docs/import.md lists for its
example file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from tests._webapp import BASE_URL, ENGLISH, USER, TestClient, csrf_token, new_client
from tests.conftest import FACTS
from zhospar.server import create_app
from zhospar.store import Database, Settings, latest_actuals, open_database
from zhospar.web._uploads import StagedUploads, clean_name

BAD = (
    "код;көрсеткіш;жыл;мәні;өңір\n"
    "1.1;Жұмыссыздық деңгейі;2011;5,4;Астана\n"
    "1.1;Жұмыссыздық деңгейі;2020;abc;\n"
    "4.1.2;Базалық зейнетақы;2011;50;Марс\n"
    "1.1;Жұмыссыздық деңгейі;2011;5,5;71\n"
)


def _token(client: TestClient) -> str:
    return csrf_token(client, "/import")


def _upload(
    client: TestClient, name: str, data: bytes, token: str | None = None
) -> tuple[int, str]:
    fields = {"csrf_token": token if token is not None else _token(client)}
    response = client.post("/import/preview", data=fields, files={"file": (name, data)})
    return response.status_code, response.text


def _staged_token(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


def _confirm(client: TestClient, staged: str, action: str = "confirm") -> tuple[int, str]:
    fields = {"csrf_token": _token(client), "token": staged, "action": action}
    response = client.post("/import/confirm", data=fields)
    return response.status_code, response.text


def _uploads(client: TestClient) -> StagedUploads:
    found = client.app.state.uploads  # type: ignore[attr-defined]
    assert isinstance(found, StagedUploads)
    return found


@contextmanager
def _setting(uploads: StagedUploads, name: str, value: float) -> Iterator[None]:
    before = getattr(uploads, name)
    setattr(uploads, name, value)
    try:
        yield
    finally:
        setattr(uploads, name, before)


def test_a_bad_file_shows_every_problem_and_writes_nothing(
    empty_client: TestClient, empty_database: Database
) -> None:
    before = len(latest_actuals(empty_database))
    status, html = _upload(empty_client, "bad.csv", BAD.encode())
    assert status == 422
    problems = html[html.index('id="problems"') :]
    assert "bad.csv: 4 problems, nothing written" in problems
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', html)
    assert [(r, c) for r, c, _ in rows] == [
        ("3", "жыл"),
        ("3", "мәні"),
        ("4", "өңір"),
        ("5", "көрсеткіш"),
    ]
    assert "the period 2020 is outside the plan: expected 2008 to 2014" in rows[0][2]
    assert "expected a number such as 5.3 or 5,3; got &#34;abc&#34;" in rows[1][2]
    assert "unknown region &#34;Марс&#34;" in rows[2][2]
    assert "the same indicator, period, region and breakdown as row 2" in rows[3][2]
    assert 'name="token"' not in html  # nothing to confirm
    assert len(latest_actuals(empty_database)) == before


def test_a_good_file_is_previewed_then_recorded_once(
    empty_client: TestClient, empty_database: Database
) -> None:
    # nothing recorded yet: pages open on the plan's first planned year
    assert '<option value="2010" selected>' in empty_client.get("/budget").text
    status, html = _upload(empty_client, FACTS.name, FACTS.read_bytes())
    assert status == 200, html
    assert "9 values: 9 would be added, 0 revised, 0 unchanged" in html
    assert '<td><a href="/indicators/G1.1-I1">G1.1-I1</a></td><td>2012</td>' in html
    assert latest_actuals(empty_database) == []  # a preview writes nothing
    staged = _staged_token(html)
    status, html = _confirm(empty_client, staged)
    assert status == 200, html
    assert "9 values recorded: 9 added, 0 revised, 0 unchanged" in html
    recorded = latest_actuals(empty_database)
    assert len(recorded) == 9
    assert {a.entered_by for a in recorded} == {USER}
    assert {a.origin.file for a in recorded} == {"facts-2010-2014.csv"}
    # row 4 of the file: 1.1, unemployment, 2012, 5.3
    g11 = {(str(a.period), a.origin.row): a.value for a in recorded if a.indicator_id == "G1.1-I1"}
    assert str(g11[("2012", 4)]) == "5.3"
    # the token is used once: the file is gone
    assert _confirm(empty_client, staged)[0] == 422
    # facts up to 2014 now: pages open on 2014
    assert '<option value="2014" selected>' in empty_client.get("/budget").text
    # the same file again changes nothing
    _, again = _upload(empty_client, FACTS.name, FACTS.read_bytes())
    assert "9 values: 0 would be added, 0 revised, 9 unchanged" in again


def test_a_tampered_foreign_or_expired_token_is_refused(
    empty_client: TestClient, empty_database: Database
) -> None:
    refused = "this upload is unknown, expired or from another session"
    for forged in ("../../etc/passwd", "x" * 43, ""):
        status, html = _confirm(empty_client, forged)
        assert status == 422 and refused in html
    _, html = _upload(empty_client, "other.csv", FACTS.read_bytes())
    staged = _staged_token(html)
    with new_client(empty_client.app) as stranger:  # another session: another CSRF cookie
        status, html = _confirm(stranger, staged)
        assert status == 422 and refused in html
    with _setting(_uploads(empty_client), "ttl", -1):  # every upload is now past its time
        status, html = _confirm(empty_client, staged)
    assert status == 422 and refused in html


def test_an_upload_needs_the_form_token_and_a_size_under_the_cap(
    empty_client: TestClient,
) -> None:
    status, html = _upload(empty_client, "facts.csv", FACTS.read_bytes(), token="y" * 43)
    assert status == 403 and "security token" in html
    with _setting(_uploads(empty_client), "max_bytes", 100):
        status, html = _upload(empty_client, "facts.csv", FACTS.read_bytes())
    assert status == 422 and "the file is larger than" in html
    assert _upload(empty_client, "", b"")[0] == 422


def test_cancel_drops_the_upload(empty_client: TestClient) -> None:
    _, html = _upload(empty_client, "facts.csv", FACTS.read_bytes())
    staged = _staged_token(html)
    status, html = _confirm(empty_client, staged, action="cancel")
    assert status == 200 and "facts.csv: import cancelled, nothing written" in html
    assert _confirm(empty_client, staged)[0] == 422


def test_template_downloads(empty_client: TestClient, seed_lines: list[str]) -> None:
    xlsx = empty_client.get("/import/template?year=2012&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert 'filename="mlsp-2010-2014-actuals-2012.xlsx"' in xlsx.headers["content-disposition"]
    csv = empty_client.get("/import/template?year=2012&format=csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("indicator_id,code,indicator,breakdown,unit,target,year,value")
    # line 217: the unemployment rate's 2012 target is 6,2
    assert "6,2" in seed_lines[217 - 1].split("\t")
    g11 = next(line for line in lines if line.startswith("G1.1-I1,"))
    assert ",6.2,2012," in g11
    assert empty_client.get("/import/template?format=pdf").status_code == 422


def test_uploaded_names_are_cleaned() -> None:
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Users\\a\\факты 2012.csv") == "факты 2012.csv"
    assert clean_name("<script>.csv") == "_script_.csv"
    assert clean_name("..") == "upload" and clean_name(None) == "upload"
    long = clean_name("a" * 300 + ".xlsx")
    assert len(long) <= 120 and long.endswith(".xlsx")


def test_a_preview_is_confirmed_through_another_worker(
    empty_client: TestClient, empty_database: Database
) -> None:
    """Workers share nothing but the database: a second app on its own engine (another
    worker, or another host) confirms the upload the first one previewed, once."""
    text = "indicator_id,year,value\nG1.1-I1,2010,6.55\n"  # a value no other test records
    page = "/indicators/G1.1-I1?year=2010"
    assert "6.55" not in empty_client.get(page).text  # this worker evaluates, and keeps it
    status, html = _upload(empty_client, "one.csv", text.encode())
    assert status == 200, html
    staged = _staged_token(html)
    url = empty_database.engine.url.render_as_string(hide_password=False)
    with open_database(url) as other_db:
        other = create_app(other_db, settings=Settings(other_db.url, "os-user"))
        with TestClient(other, base_url=BASE_URL, headers=ENGLISH) as worker:
            worker.cookies = empty_client.cookies  # the same browser: session and CSRF cookie
            status, html = _confirm(worker, staged)
            assert status == 200, html
            assert "1 value recorded" in html
            assert _confirm(worker, staged)[0] == 422  # used once, on every worker
    assert _confirm(empty_client, staged)[0] == 422
    assert "6.55" in empty_client.get(page).text  # the other's write moved the data version
    assert [str(a.value) for a in latest_actuals(empty_database, None)
            if a.indicator_id == "G1.1-I1" and str(a.period) == "2010"] == ["6.55"]  # fmt: skip
