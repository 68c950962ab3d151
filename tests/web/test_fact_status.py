"""The status and coverage of a fact, recorded through the API and the page's form and shown
beside the value: in the API's answers, the indicator page, its history and the annual report.
The values are the tests' own; what is checked is the words beside them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._webapp import TestClient, post_form, table_row


@pytest.fixture(scope="module")
def planner(empty_client: TestClient) -> Iterator[TestClient]:
    yield empty_client


def test_status_and_coverage_go_in_through_the_api_and_come_out_beside_the_value(
    planner: TestClient,
) -> None:
    body = {"indicator_id": "G1.1-I1", "period": "2013", "value": "5.9",
            "status": "Operational", "coverage": "2013-01..2013-05"}  # fmt: skip
    answer = planner.post("/api/actuals", json=body)
    assert answer.status_code == 201, answer.text
    actual = answer.json()["actual"]
    assert (actual["status"], actual["coverage"]) == ("operational", "2013-01..2013-05")
    assert actual["coverage_text"] == "January–May 2013"
    scores = {s["id"]: s for s in planner.get("/api/scores?year=2013").json()}
    assert scores["G1.1-I1"]["fact_note"] == "operational, January–May 2013"
    html = planner.get("/indicators/G1.1-I1?year=2013").text
    assert '5.9 <span class="fact-note">(operational, January–May 2013)</span>' in html
    report = planner.get("/report?year=2013&format=html").text
    row = table_row(report, 'data-indicator="G1.1-I1"')
    assert "(operational, January–May 2013)" in row
    bad = planner.post("/api/actuals", json={**body, "coverage": "2014-Q1"})
    assert bad.status_code == 422 and "lies outside the fact's period 2013" in bad.text
    bad = planner.post("/api/actuals", json={**body, "status": "draft"})
    assert bad.status_code == 422 and "expected a status" in bad.text


def test_the_form_takes_a_status_and_a_coverage(planner: TestClient) -> None:
    page = "/indicators/G1.1-I1?year=2012"
    status, html = post_form(planner, "/indicators/G1.1-I1/actuals?year=2012", page,
                             period="2012", value="6.1", status="preliminary",
                             coverage="2012-Q1")  # fmt: skip
    assert status == 200, html
    assert '6.1 <span class="fact-note">(preliminary, Q1 2012)</span>' in html
    status, html = post_form(planner, "/indicators/G1.1-I1/actuals?year=2012", page,
                             period="2012", value="6.1", coverage="Jan")  # fmt: skip
    assert status == 422 and 'id="coverage-error"' in html
