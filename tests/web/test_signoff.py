"""Signing a year off in the web app: planners approve and reopen on ``/periods``; an approved
year answers 409 to a new value, naming who approved it and when; an editor may not approve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests._webapp import TestClient, csrf_token, new_client, post_form
from zhospar.store import Database


@pytest.fixture(scope="module")
def planner(empty_client: TestClient) -> Iterator[TestClient]:
    yield empty_client  # signed in as the planner USER


def _record(client: TestClient, year: str, value: str) -> Any:
    body = {"indicator_id": "T4.1.4-I1", "period": year, "value": value}
    return client.post("/api/actuals", json=body)


def test_a_planner_approves_a_year_then_reopens_it_with_a_reason(planner: TestClient) -> None:
    status, html = post_form(planner, "/periods/2011/approve", "/periods")
    assert status == 200 and "2011 approved by aigerim on" in html
    refused = _record(planner, "2011", "1")
    assert refused.status_code == 409
    assert "takes no new value: 2011 approved by aigerim on" in refused.json()["detail"]
    page = post_form(planner, "/indicators/T4.1.4-I1/actuals?year=2011",
                     "/indicators/T4.1.4-I1?year=2011", period="2011", value="1")  # fmt: skip
    assert page[0] == 409 and "2011 approved by aigerim" in page[1]
    assert post_form(planner, "/periods/2011/approve", "/periods")[0] == 409  # twice: no
    assert post_form(planner, "/periods/2011/reopen", "/periods", reason="")[0] == 422
    status, html = post_form(
        planner, "/periods/2011/reopen", "/periods", reason="a late regional report"
    )
    assert status == 200 and "2011 reopened by aigerim" in html and "a late regional report" in html
    assert _record(planner, "2011", "1").status_code == 201


def test_an_editor_may_not_approve(empty_database: Database, planner: TestClient) -> None:
    with new_client(planner.app, "signoff-editor", "editor") as editor:
        data = {"csrf_token": csrf_token(editor, "/periods")}
        answer = editor.post("/periods/2012/approve", data=data)
        assert answer.status_code == 403
        assert 'id="year-2012"><td>2012</td>\n      <td>draft' in editor.get("/periods").text
