"""``POST /api/actuals`` takes milestones too: 1 in the year one was done, 0 for not done.

Runs on a database holding the plan alone (one per module). From the published text: task
2.1.1's milestone T2.1.1-M1 is due 2010 (line 274); task 1.1.4's T1.1.4-M1 is due 2010-2011
(line 226); T4.1.1-M3 was deleted by No. 1417 (line 319).
"""

from __future__ import annotations

from typing import Any

from tests._webapp import USER, TestClient


def _milestone(client: TestClient, year: int, ident: str) -> dict[str, Any]:
    """The milestone as ``GET /api/plan?year=`` shows it."""
    tree = client.get(f"/api/plan?year={year}").json()
    tasks = (t for d in tree["directions"] for g in d["goals"] for t in g["tasks"])
    return next(m for t in tasks for m in t["milestones"] if m["id"] == ident)


def _post(client: TestClient, ident: str, period: str, value: object, **more: str) -> Any:
    return client.post(
        "/api/actuals", json={"indicator_id": ident, "period": period, "value": value, **more}
    )


def test_a_milestone_done_in_its_due_year(empty_client: TestClient, seed_lines: list[str]) -> None:
    assert "Еңбек кодексіне өзгерістер мен толықтырулар енгізу (2010 ж.)" in seed_lines[273]
    assert _milestone(empty_client, 2010, "T2.1.1-M1")["state"] is None  # no report yet
    done = _post(empty_client, "T2.1.1-M1", "2010", 1, source="Law No. 345-IV")
    assert done.status_code == 201, done.text
    body = done.json()
    assert body["status"] == "added" and body["actual"]["value"] == "1"
    assert body["actual"]["entered_by"] == USER and body["actual"]["period"] == "2010"
    line = _milestone(empty_client, 2010, "T2.1.1-M1")
    assert (line["state"], line["status"]) == ("done", "achieved")
    assert line["message"] == "done in 2010 (due 2010)" and line["line"] == 274
    again = _post(empty_client, "T2.1.1-M1", "2010", "1", source="Law No. 345-IV")
    assert again.json()["status"] == "unchanged"


def test_a_milestone_not_done_by_its_last_due_year(empty_client: TestClient) -> None:
    assert _post(empty_client, "T1.1.4-M1", "2011", 0).status_code == 201
    line = _milestone(empty_client, 2011, "T1.1.4-M1")
    assert line["due_years"] == [2010, 2011]
    assert (line["state"], line["status"]) == ("not_done", "not_achieved")
    assert line["message"] == "not done by 2011; due 2010-2011"


def test_only_1_or_0_even_forced_and_never_for_a_deleted_milestone(
    empty_client: TestClient,
) -> None:
    forced = _post(empty_client, "T1.1.1-M2", "2012", "0.5", force_reason="half of it is done")
    assert forced.status_code == 422
    assert "a milestone is 1 (done) or 0 (not done)" in forced.json()["detail"]
    deleted = _post(empty_client, "T4.1.1-M3", "2010", 1)
    assert deleted.status_code == 422 and "deleted" in deleted.json()["detail"]
    for ident in ("T1.1.1-M2", "T4.1.1-M3"):
        assert empty_client.get(f"/api/actuals?indicator={ident}").json() == []
