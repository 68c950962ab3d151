"""The JSON API gives the same figures as the pages, from the plan's text and the facts.

Expected values come from the published text and hand calculation (docs/method.md, section 8).
"""

from __future__ import annotations

from typing import Any

from tests._webapp import USER, TestClient


def _by(items: list[dict[str, Any]], key: str, value: object) -> dict[str, Any]:
    return next(i for i in items if i[key] == value)


def test_plans(web_client: TestClient) -> None:
    plans = web_client.get("/api/plans").json()
    assert [p["key"] for p in plans] == ["mlsp-2010-2014"]
    assert plans[0]["period_start"] == 2010 and plans[0]["period_end"] == 2014


def test_indicator_detail(web_client: TestClient) -> None:
    detail = web_client.get("/api/indicators/G1.1-I1?year=2012").json()
    line = detail["indicator"]
    assert line["target"] == "6.2" and line["target_raw"] == "6,2" and line["target_line"] == 217
    assert line["fact"] == "5.3" and line["display_percent"] == "116.98"
    assert line["status"] == "achieved" and line["polarity"] == "decrease"
    assert line["forecast"] == "likely"
    y2010 = _by(detail["years"], "year", 2010)  # 6.6 / 5.775 = 114.29 %
    assert y2010["display_percent"] == "114.29" and y2010["target"]["raw"] == "6,6"
    assert detail["rollup"] == "none"


def test_targets_carry_their_lines(web_client: TestClient, seed_lines: list[str]) -> None:
    targets = web_client.get("/api/indicators/G1.1-I1/targets").json()
    assert [t["raw"] for t in targets] == ["6,9", "8,0", "6,6", "6,4", "6,2", "6,0", "5,9"]
    assert {t["line"] for t in targets} == {217}
    assert "\t".join(["6,9", "8,0", "6,6", "6,4", "6,2", "6,0", "5,9"]) in seed_lines[216]
    assert [t["phase"] for t in targets[:3]] == ["reported", "reported", "planned"]


def test_actuals_filters(web_client: TestClient) -> None:
    found = web_client.get("/api/actuals", params={"indicator": "G1.1-I1", "period": "2012"})
    [fact] = found.json()
    assert fact["value"] == "5.3" and fact["origin_file"] == "facts-2010-2014.csv"
    assert fact["origin_row"] == 4 and fact["entered_by"] == "statistics"
    assert len(web_client.get("/api/actuals?indicator=G1.1-I1").json()) == 5
    assert web_client.get("/api/actuals?period=2099-13").status_code == 422
    assert web_client.get("/api/actuals?revisions=true").status_code == 422


def test_scores_plan_tree_and_budget(web_client: TestClient) -> None:
    scores = web_client.get("/api/scores?year=2012").json()
    assert _by(scores, "id", "G5.1-I1")["display_percent"] == "410.53"  # 15.6 / 3.8
    tree = web_client.get("/api/plan?year=2012").json()
    assert tree["score"]["display"] == "100.00"  # (100 + 100) / 2: each capped at 100
    goal = _by(_by(tree["directions"], "number", 5)["goals"], "code", "5.1")
    assert goal["score"]["display"] == "100.00"  # 410.53 % counts 100
    budget = web_client.get("/api/budget?year=2010").json()
    program = _by(budget["programs"], "program", "002")
    assert program["planned"] == "557556682" and "line 785" in program["planned_source"]


def test_audit_findings(web_client: TestClient) -> None:
    findings = web_client.get("/api/audit?kind=expenditure-list-form").json()["findings"]
    f = _by(findings, "id", "F-expenditure-list-form-002-2010")
    assert (f["a"]["line"], f["a"]["value"]) == (629, "554655853")
    assert (f["b"]["line"], f["b"]["value"]) == (785, "557556682")
    assert f["explanation"] == "possibly-amended" and f["acts"] == ["415", "1417"]


def test_record_and_correct_a_value(web_client: TestClient) -> None:
    body = {"indicator_id": "T2.1.3-I1", "period": "2012", "value": "11500", "source": "MLSP"}
    first = web_client.post("/api/actuals", json=body)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "added" and first.json()["actual"]["entered_by"] == USER
    second = web_client.post("/api/actuals", json={**body, "value": 11800, "comment": "fixed"})
    assert second.json()["status"] == "revised" and second.json()["actual"]["revision"] == 2
    params = {"indicator": "T2.1.3-I1", "revisions": "true"}
    history = web_client.get("/api/actuals", params=params).json()
    assert [(a["value"], a["revision"]) for a in history] == [("11500", 1), ("11800", 2)]


def test_refused_values(web_client: TestClient) -> None:
    share = {"indicator_id": "G1.1-I1", "period": "2013", "value": "150"}
    refused = web_client.post("/api/actuals", json=share)
    assert refused.status_code == 422 and "a share cannot be over 100 %" in refused.text
    bad = web_client.post("/api/actuals", json={**share, "value": "abc", "period": "x"})
    fields = {e["loc"][1] for e in bad.json()["detail"]}
    assert bad.status_code == 422 and fields == {"value", "period"}
    unknown = web_client.post("/api/actuals", json={**share, "indicator_id": "NOPE", "value": 1})
    assert unknown.status_code == 404


def test_writes_need_json_from_the_same_origin(web_client: TestClient) -> None:
    body = {"indicator_id": "T2.1.3-I1", "period": "2013", "value": "1"}
    form = web_client.post("/api/actuals", data=body)
    assert form.status_code == 415
    foreign = web_client.post("/api/actuals", json=body, headers={"Origin": "https://evil.test"})
    assert foreign.status_code == 403
    same = web_client.post("/api/actuals", json=body, headers={"Origin": "http://localhost"})
    assert same.status_code == 201


def test_errors_are_json(web_client: TestClient) -> None:
    missing = web_client.get("/api/indicators/G9.9-I9")
    assert missing.status_code == 404 and "G9.9-I9" in missing.json()["detail"]
    assert web_client.get("/api/scores?year=abc").status_code == 422
    outside = web_client.get("/api/scores?year=2009")
    assert outside.status_code == 422 and "outside the plan's period" in outside.json()["detail"]
    assert web_client.get("/api/nothing").json() == {"detail": "Not Found"}


def test_openapi_describes_the_api(web_client: TestClient) -> None:
    paths = web_client.get("/api/openapi.json").json()["paths"]
    assert {"/api/actuals", "/api/indicators/{indicator_id}", "/api/audit"} <= set(paths)
