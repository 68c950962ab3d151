"""The API imports a file and records overrides as the pages do, on a database that holds the
bundled plan and no fact (one per module and backend)."""

from __future__ import annotations

from tests._webapp import TestClient
from tests.conftest import FACTS
from zhospar.web._uploads import MAX_UPLOAD_BYTES

SAME_SITE = {"X-Requested-With": "test"}


def _send(client: TestClient, data: bytes, *, dry_run: str, headers: dict[str, str] | None = None
          ) -> tuple[int, dict]:  # fmt: skip
    response = client.post(
        "/api/imports",
        files={"file": ("facts-2010-2014.csv", data, "text/csv")},
        data={"dry_run": dry_run},
        headers=SAME_SITE if headers is None else headers,
    )
    return response.status_code, response.json()


def test_import_previews_then_adds_the_facts(empty_client: TestClient) -> None:
    data = FACTS.read_bytes()
    assert empty_client.get("/api/actuals").json() == []
    status, preview = _send(empty_client, data, dry_run="true")
    # the file holds 9 values, none recorded yet (facts-2010-2014.csv: 9 rows after its header)
    assert status == 200 and preview["stage"] == "preview"
    assert preview["result"] == {"added": 9, "revised": 0, "unchanged": 0, "rows": 9}
    first = preview["rows"][0]
    assert (first["row"], first["indicator_id"], first["period"], first["value"]) == (
        2, "G1.1-I1", "2010", "5.775"
    )  # fmt: skip
    assert empty_client.get("/api/actuals").json() == []  # a dry run writes nothing
    status, done = _send(empty_client, data, dry_run="false")
    assert status == 200 and done["stage"] == "done" and done["result"]["added"] == 9
    assert len(empty_client.get("/api/actuals").json()) == 9
    status, again = _send(empty_client, data, dry_run="true")
    assert again["result"] == {"added": 0, "revised": 0, "unchanged": 9, "rows": 9}


def test_a_file_with_a_problem_writes_nothing(empty_client: TestClient) -> None:
    before = len(empty_client.get("/api/actuals").json())
    text = FACTS.read_text(encoding="utf-8").replace(",2012,5.3,", ",2012,abc,")
    status, body = _send(empty_client, text.encode(), dry_run="false")
    assert status == 422 and body["stage"] == "refused"
    assert any(p["row"] == 4 and p["column"] == "value" for p in body["problems"])
    assert len(empty_client.get("/api/actuals").json()) == before


def test_the_import_pages_size_limits_hold(empty_client: TestClient) -> None:
    uploads = empty_client.app.state.uploads  # type: ignore[attr-defined]
    before = uploads.max_bytes
    uploads.max_bytes = 100  # the staging copy's cap, as on the import page
    try:
        status, body = _send(empty_client, FACTS.read_bytes(), dry_run="true")
    finally:
        uploads.max_bytes = before
    assert status == 422 and "the file is larger than" in body["detail"]
    length = str(MAX_UPLOAD_BYTES + 64 * 1024 + 1)  # refused from its length, before reading
    huge = empty_client.post(
        "/api/imports", content=b"x", headers={**SAME_SITE, "Content-Length": length,
                                               "Content-Type": "multipart/form-data; boundary=b"},
    )  # fmt: skip
    assert huge.status_code == 413


def test_an_import_from_another_site_is_refused(empty_client: TestClient) -> None:
    data = FACTS.read_bytes()
    assert _send(empty_client, data, dry_run="true", headers={})[0] == 403
    foreign = {**SAME_SITE, "Origin": "https://evil.example"}
    assert _send(empty_client, data, dry_run="true", headers=foreign)[0] == 403


def test_a_fact_not_achieved_makes_its_risk_materialise(empty_client: TestClient) -> None:
    # G1.1-I1 2013: target 6,0 (line 217), a decrease; a fact of 8.0 scores 6.0 / 8.0 = 75 %
    sent = {"indicator_id": "G1.1-I1", "period": "2013", "value": "8.0"}
    assert empty_client.post("/api/actuals", json=sent).status_code == 201
    risks = empty_client.get("/api/risks?year=2013").json()["risks"]
    r1 = next(r for r in risks if r["id"] == "R1")
    assert r1["state"] == "materialising"
    html = empty_client.get("/risks?year=2013").text
    assert "materialising in 2013" in html[html.index('id="R1"') : html.index('id="R2"')]


def test_override_through_the_api(empty_client: TestClient) -> None:
    sent = {"kind": "polarity", "value": "increase", "reason": "read as a share employed"}
    done = empty_client.post("/api/indicators/T1.2.2-I1/overrides", json=sent)
    assert done.status_code == 201
    assert done.json()["value"] == "increase" and done.json()["kind"] == "polarity"
    page = empty_client.get("/indicators/T1.2.2-I1").text
    assert "read as a share employed" in page
    bad = {"kind": "polarity", "value": "upward", "reason": "x"}
    refused = empty_client.post("/api/indicators/T1.2.2-I1/overrides", json=bad)
    assert refused.status_code == 422 and "unknown polarity" in refused.json()["detail"]
    no_reason = {"kind": "rollup", "value": "sum", "reason": " "}
    assert (
        empty_client.post("/api/indicators/T1.2.2-I1/overrides", json=no_reason).status_code == 422
    )
    assert empty_client.post("/api/indicators/X9/overrides", json=sent).status_code == 404
    assert (
        empty_client.post(
            "/api/indicators/T1.2.2-I1/overrides",
            json=sent,
            headers={"Origin": "https://evil.example"},
        ).status_code
        == 403
    )
