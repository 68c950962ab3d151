"""The indicator page's body is rendered once and shared (``render_shared``): each visitor still
sees their own name, their own form token and the forms their role allows, and a write shows at
once. On a database holding the plan alone (one per module and backend).

From the published text (line 217): unemployment (G1.1-I1) is planned for 2010-2014; a planner
may give a reason for it, a viewer may not (``rules.access``: a viewer writes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests._webapp import TestClient, new_client, table_row
from zhospar.services.context import AppContext
from zhospar.web import _render

PAGE = "/indicators/G1.1-I1"
VIEWER = "dana-viewer"
SLOT = "<zhospar-slot"  # what the shared body holds in place of the visitor's own values


@pytest.fixture(scope="module")
def planner(empty_client: TestClient) -> TestClient:
    return empty_client  # signed in as the planner aigerim


@pytest.fixture(scope="module")
def viewer(planner: TestClient) -> Iterator[TestClient]:
    with new_client(planner.app, VIEWER, "viewer") as client:
        yield client


def _tokens(html: str) -> set[str]:
    """Every form token on the page (the sign-out form's and the page's own forms')."""
    return set(re.findall(r'name="csrf_token" value="([^"]*)"', html))


def _recorded_as(html: str) -> str:
    found = re.search(r"Recorded as <strong>([^<]*)</strong>", html)
    assert found is not None, "no entry form on the page"
    return found.group(1)


def test_each_visitor_sees_their_name_token_and_forms_whoever_came_first(
    planner: TestClient, viewer: TestClient
) -> None:
    path = f"{PAGE}?year=2013"
    first = viewer.get(path).text  # the viewer's page is made (and kept) first
    mine = planner.get(path).text
    again = viewer.get(path).text
    assert _recorded_as(first) == _recorded_as(again) == VIEWER
    assert _recorded_as(mine) == "aigerim"
    assert 'id="reason-form"' not in first and 'id="reason-form"' not in again
    assert 'id="reason-form"' in mine
    assert SLOT not in first + mine + again
    (viewer_token,) = _tokens(first)  # every form of a page carries the visitor's one token
    (planner_token,) = _tokens(mine)
    assert viewer_token != planner_token and _tokens(again) == {viewer_token}
    reason = {"year": "2013", "text": "the survey changed"}
    refused = planner.post(f"{PAGE}/reasons?year=2013", data={"csrf_token": viewer_token, **reason})
    assert refused.status_code == 403 and "security token" in refused.text
    accepted = planner.post(
        f"{PAGE}/reasons?year=2013",
        data={"csrf_token": planner_token, **reason},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    # the reason shows at once, to the viewer too, who still has no form to give one
    seen = viewer.get(path).text
    assert "<td>the survey changed</td>" in seen and 'id="reason-form"' not in seen
    shown = planner.get(path).text
    with new_client(planner.app, "bolat", "planner") as other:  # the same forms as aigerim's
        theirs = other.get(path).text
    assert _recorded_as(shown) == "aigerim" and _recorded_as(theirs) == "bolat"
    assert 'id="reason-form"' in theirs and _tokens(theirs).isdisjoint(_tokens(shown))


def test_a_recorded_value_shows_at_once_escaped(planner: TestClient) -> None:
    path = f"{PAGE}?year=2011"
    before = planner.get(path).text
    (token,) = _tokens(before)
    comment = "<b>bold</b> & <zhospar-slot csrf_token>"  # a slot typed in is text, not a slot
    form = {"period": "2011", "value": "7.3", "status": "final", "comment": comment}
    answer = planner.post(
        f"{PAGE}/actuals?year=2011", data={"csrf_token": token, **form}, follow_redirects=False
    )
    assert answer.status_code == 303
    after = planner.get(path).text
    row = table_row(after, "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;zhospar-slot csrf_token&gt;")
    assert '<td class="num">7.3' in row and "<td>aigerim</td>" in row
    assert "<b>bold</b>" not in after and token not in row


def test_language_and_year_change_the_page(planner: TestClient) -> None:
    english = planner.get(f"{PAGE}?year=2012").text
    russian = planner.get(f"{PAGE}?year=2012&lang=ru").text
    planner.cookies.delete("zhospar_lang")  # the other tests read English
    assert "<h2>Plan and fact by year</h2>" in english
    assert "<h2>План и факт по годам</h2>" in russian and "Plan and fact by year" not in russian
    later = planner.get(f"{PAGE}?year=2014").text
    assert '<dt>2012</dt><dd id="year-status">' in english
    assert '<dt>2014</dt><dd id="year-status">' in later and "<dt>2012</dt>" not in later


def test_head_answers_as_get_and_htmx_gets_the_body_with_its_token(planner: TestClient) -> None:
    path = f"{PAGE}?year=2012"
    page = planner.get(path)
    head = planner.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(page.content))
    assert head.headers["content-type"] == page.headers["content-type"]
    body = planner.get(path, headers={"HX-Request": "true"}).text
    assert "<html" not in body and 'id="actual-form"' in body
    assert _tokens(body) == _tokens(page.text) and SLOT not in body
    assert _recorded_as(body) == "aigerim"


def test_past_the_limit_a_body_is_made_for_its_request_and_not_kept(
    planner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_render, "MAX_SHARED_BODIES", 1)
    body = {"indicator_id": "G1.1-I1-b1", "period": "2010", "value": "6.9"}
    assert planner.post("/api/actuals", json=body).status_code == 201  # a new state: none kept
    pages = {year: planner.get(f"{PAGE}?year={year}").text for year in (2012, 2013, 2012, 2013)}
    assert '<dt>2012</dt><dd id="year-status">' in pages[2012]
    assert '<dt>2013</dt><dd id="year-status">' in pages[2013]
    context: AppContext = planner.app.state.context  # type: ignore[attr-defined]
    memo = context.stored().memo
    missing = "not kept"
    kept = {
        y: memo.get(("page", "indicator", PAGE, "en", y, True), lambda: missing)
        for y in (2012, 2013)
    }
    assert kept[2012] != missing and kept[2013] == missing
