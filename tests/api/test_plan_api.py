"""The API of the plan's sections, the risk register and search: the same content as the pages,
checked against the published text, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests._webapp import USER, TestClient

MISSION = "Халықтың өмір сүру деңгейі мен сапасын арттыруға жәрдемдесу."  # line 55


def _by(items: list[dict[str, Any]], key: str, value: object) -> dict[str, Any]:
    return next(i for i in items if i[key] == value)


def test_plan_sections(web_client: TestClient, seed_lines: list[str]) -> None:
    body = web_client.get("/api/plan/sections").json()
    assert body["key"] == "mlsp-2010-2014" and body["lines_known"] is True
    kinds = [s["kind"] for s in body["prose"]]
    assert kinds == ["mission", "vision", "analysis", "functional-capabilities"]
    mission = _by(body["prose"], "kind", "mission")
    assert mission["heading"] == "Миссиясы" and mission["line"] == 53
    assert mission["paragraphs"] == [{"text": MISSION, "line": 55, "end_line": 55}]
    assert seed_lines[52] == "Миссиясы" and seed_lines[54] == MISSION
    row = _by(body["alignment"], "id", "AG1.1-1")
    assert row["goal"] == "1.1" and row["line"] == 401
    assert len(body["alignment"]) == 19


def test_legal_acts(web_client: TestClient, seed_lines: list[str]) -> None:
    acts = web_client.get("/api/legal-acts").json()
    assert len(acts) == 35
    first = acts[0]
    assert first["id"] == "L1" and first["line"] == 539
    assert seed_lines[538] == f"1. {first['title']}"
    assert first["title"].startswith("«Қазақстан Республикасының Еңбек кодексі»")


def test_allocation(web_client: TestClient) -> None:
    body = web_client.get("/api/allocation").json()
    assert body["years"] == [2008, 2009, 2010, 2011, 2012]
    goal = next(r for r in body["rows"] if r["goal"] == "4.1" and r["is_goal_total"])
    cell = _by(goal["expenditure"], "year", 2010)
    assert cell == {"year": 2010, "kind": "planned", "value": "755010200", "raw": "755 010 200",
                    "line": 1411}  # fmt: skip
    assert body["total"]["2010"] == "926178281"  # the eight goals' 2010 totals added by hand
    kinds = {f["kind"] for f in body["findings"]}
    assert "goal-total" in kinds and "expenditure-list-appendix" in kinds
    assert all("allocation appendix" in (f["a"]["section"], f["b"]["section"])
               for f in body["findings"])  # fmt: skip


def test_risks(web_client: TestClient, seed_lines: list[str]) -> None:
    body = web_client.get("/api/risks?year=2012").json()
    assert body["year"] == 2012 and "materialising" in body["state_rule"]
    r1 = _by(body["risks"], "id", "R1")
    assert r1["risks"][0] == "Өндірістің төмендеуі;" and r1["line"] == 482
    assert "Өндірістің төмендеуі;" in seed_lines[481]
    assert [x["direction"] for x in r1["links"]] == [1]
    signal = _by(r1["signals"], "id", "G1.1-I1")
    assert signal["status"] == "achieved" and signal["display_percent"] == "116.98"
    assert r1["state"] == "calm"
    only = web_client.get("/api/risks?year=2012&direction=5").json()["risks"]
    assert [r["id"] for r in only] == ["R5"]


def test_recording_an_assessment(web_client: TestClient) -> None:
    sent = {"year": 2014, "likelihood": 3, "impact": 4, "note": "budget cut"}
    done = web_client.post("/api/risks/R4/assessments", json=sent)
    assert done.status_code == 201
    assert done.json()["likelihood"] == 3 and done.json()["entered_by"] == USER
    r4 = _by(web_client.get("/api/risks?year=2014").json()["risks"], "id", "R4")
    assert r4["assessment"]["note"] == "budget cut"
    assert [a["year"] for a in r4["history"]] == [2014]
    assert (
        _by(web_client.get("/api/risks?year=2013").json()["risks"], "id", "R4")["assessment"]
        is None
    )


def test_a_refused_assessment(web_client: TestClient) -> None:
    bad = {"year": 2014, "likelihood": 6, "impact": 1, "note": "x"}
    assert web_client.post("/api/risks/R4/assessments", json=bad).status_code == 422
    out = {"year": 2020, "likelihood": 1, "impact": 1, "note": "x"}
    assert web_client.post("/api/risks/R4/assessments", json=out).status_code == 422
    good = {"year": 2014, "likelihood": 1, "impact": 1, "note": "x"}
    assert web_client.post("/api/risks/R9/assessments", json=good).status_code == 404
    as_form = web_client.post("/api/risks/R4/assessments", data={"year": "2014"})
    assert as_form.status_code == 415
    foreign = web_client.post(
        "/api/risks/R4/assessments", json=good, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    nul = {**good, "note": "a\u0000b"}
    assert "NUL" in web_client.post("/api/risks/R4/assessments", json=nul).json()["detail"]
    lone = '{"year": 2014, "likelihood": 1, "impact": 1, "note": "\\ud800"}'
    refused = web_client.post(
        "/api/risks/R4/assessments", content=lone, headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 422 and "lone surrogate" in refused.text
    assert web_client.get("/api/risks?year=2014").status_code == 200


def test_search(web_client: TestClient) -> None:
    words = web_client.get("/api/search", params={"q": "жұмыссыздық"}).json()
    assert words[0] == {"kind": "indicator", "ref": "G1.1-I1", "title": "Жұмыссыздық деңгейі",
                        "url": "/indicators/G1.1-I1"}  # fmt: skip
    code = web_client.get("/api/search", params={"q": "G1.1"}).json()
    assert code[0]["ref"] == "G1.1" and code[0]["kind"] == "goal"
    assert "G1.1-I1" in [h["ref"] for h in code]
    act = web_client.get("/api/search", params={"q": "Еңбек кодексі"}).json()
    assert act[0]["ref"] == "L1"
    program = web_client.get("/api/search", params={"q": "p002", "limit": 1}).json()
    assert program == [{"kind": "program", "ref": "P002", "title": "002 Зейнетақы бағдарламасы",
                        "url": "/budget#P002"}]  # fmt: skip
    assert web_client.get("/api/search", params={"q": "   "}).json() == []
    assert web_client.get("/api/search", params={"q": "x" * 10_000}).status_code == 200
    nul = web_client.get("/api/search", params={"q": "\x00жұмыссыздық\x00"}).json()
    assert nul[0]["ref"] == "G1.1-I1"
    assert web_client.get("/api/search").status_code == 422


def test_openapi_describes_the_new_routes(web_client: TestClient) -> None:
    paths = web_client.get("/api/openapi.json").json()["paths"]
    for path, method in [
        ("/api/plan/sections", "get"), ("/api/plan/names", "get"), ("/api/risks", "get"),
        ("/api/legal-acts", "get"),
        ("/api/allocation", "get"), ("/api/search", "get"), ("/api/imports", "post"),
        ("/api/indicators/{indicator_id}/overrides", "post"),
        ("/api/risks/{risk_id}/assessments", "post"),
    ]:  # fmt: skip
        assert paths[path][method]["description"], path
