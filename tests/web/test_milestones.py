"""Recording milestones on ``/milestones``: done in the year (1) or not done by it (0).

Runs on a database holding the plan alone (one per module), so every state comes from what the
tests record. From the published text: task 1.1.1's milestone T1.1.1-M1 is due 2011 (line 223);
task 5.1.4's contact centre T5.1.4-M1 is due 2009-2011 (line 393); T4.1.1-M3 was deleted by
No. 1417 (line 319). States as docs/method.md defines them: done in or before the last due
year -> done; after it -> late; a 0 once the last due year has come -> not done.
"""

from __future__ import annotations

import re

from tests._webapp import USER, TestClient, csrf_token, post_form, table_row

FORM = "/milestones/{id}/actual?year={year}"


def _record(client: TestClient, ident: str, year: int, **fields: str) -> tuple[int, str]:
    path = FORM.format(id=ident, year=year)
    return post_form(client, path, f"/milestones?year={year}", **fields)


def _state(html: str, ident: str) -> str:
    """The state column of the milestone's row, in the page's words."""
    found = re.search(r'<td class="state">([^<]*)</td>', table_row(html, f'id="{ident}"'))
    assert found is not None
    return found.group(1)


def test_each_milestone_in_force_has_a_form_and_the_deleted_one_none(
    empty_client: TestClient, seed_lines: list[str]
) -> None:
    assert "Алынып тасталды - ҚР Үкіметінің 2010.12.27 № 1417" in seed_lines[319 - 1]
    html = empty_client.get("/milestones?year=2011").text
    row = table_row(html, 'id="T1.1.1-M1"')
    assert 'hx-post="/milestones/T1.1.1-M1/actual?year=2011"' in row
    assert 'name="csrf_token"' in row
    assert '<option value="1">done in 2011</option>' in row
    assert '<option value="0">not done by 2011</option>' in row
    deleted = table_row(html, 'id="T4.1.1-M3"')
    assert "<form" not in deleted and "deleted: takes no value" in deleted
    assert html.count('<form class="row-entry"') == 16  # 17 milestones, one deleted
    assert "does not accept milestone facts" not in html


def test_done_in_its_due_year_is_done(empty_client: TestClient, seed_lines: list[str]) -> None:
    assert (
        "1.Қазақстан Республикасы халқын жұмыспен қамту бағдарламасын әзірлеу (2011 ж.)"
        in (seed_lines[223 - 1])
    )
    status, html = _record(empty_client, "T1.1.1-M1", 2011, value="1", source="decree No. 836")
    assert status == 200, html
    assert "T1.1.1-M1: done in 2011 recorded" in html
    row = table_row(html, 'id="T1.1.1-M1"')
    assert _state(html, "T1.1.1-M1") == "done"
    assert "done in 2011 (due 2011)" in row and "status-achieved" in row
    assert "2011: 1; source: decree No. 836; entered by aigerim" in row
    # the year after, it stays done: the state reads every fact up to the year's end
    assert _state(empty_client.get("/milestones?year=2012").text, "T1.1.1-M1") == "done"


def test_not_done_then_done_after_the_due_years_is_late(empty_client: TestClient) -> None:
    status, html = _record(empty_client, "T5.1.4-M1", 2011, value="0", comment="not opened")
    assert status == 200, html
    assert "T5.1.4-M1: not done by 2011 recorded" in html
    assert _state(html, "T5.1.4-M1") == "not done"
    assert "not done by 2011; due 2009-2011" in table_row(html, 'id="T5.1.4-M1"')
    status, html = _record(empty_client, "T5.1.4-M1", 2012, value="1")
    assert status == 200, html
    assert _state(html, "T5.1.4-M1") == "late"
    assert "done late: in 2012, due 2009-2011" in table_row(html, 'id="T5.1.4-M1"')
    # 2011 still shows what was known by the end of 2011
    assert _state(empty_client.get("/milestones?year=2011").text, "T5.1.4-M1") == "not done"
    history = empty_client.get("/api/actuals?indicator=T5.1.4-M1&revisions=true").json()
    assert [(a["period"], a["value"], a["entered_by"]) for a in history] == [
        ("2011", "0", USER),
        ("2012", "1", USER),
    ]


def test_the_counts_follow_the_recorded_states(empty_client: TestClient) -> None:
    _record(empty_client, "T1.1.1-M1", 2011, value="1")
    _record(empty_client, "T5.1.4-M1", 2011, value="0")
    html = empty_client.get("/milestones?year=2011").text
    # end of 2011: done T1.1.1-M1; not done T5.1.4-M1; last due year after 2011 (not yet
    # due): T1.1.1-M2, T1.1.2-M2, T1.1.3-M1, T1.2.1-M1, T2.1.2-M1, T2.2.2-M1, T2.2.3-M1;
    # due by 2011 with no report, or deleted (no data): T1.1.2-M1, T1.1.4-M1, T2.1.1-M1,
    # T2.1.4-M1, T4.1.1-M1, T4.1.1-M2, T4.1.1-M3, T4.1.1-M4
    counts = "17 milestones · 1 done · 8 no data · 1 not done · 7 not yet due."
    assert f'<p id="milestone-counts">{counts}</p>' in html


def test_a_refused_value_is_shown_in_its_row_and_nothing_is_written(
    empty_client: TestClient,
) -> None:
    status, html = _record(empty_client, "T2.1.1-M1", 2010, value="2", source="<b>x</b>")
    assert status == 422
    row = table_row(html, 'id="T2.1.1-M1"')
    assert 'id="T2.1.1-M1-error"' in row and "a milestone is 1 (done) or 0 (not done)" in row
    assert 'value="&lt;b&gt;x&lt;/b&gt;"' in row and "<b>x" not in html
    assert "-error" not in table_row(html, 'id="T1.1.1-M1"')
    assert empty_client.get("/api/actuals?indicator=T2.1.1-M1").json() == []


def test_a_deleted_or_unknown_milestone_and_a_forged_post_are_refused(
    empty_client: TestClient,
) -> None:
    status, html = _record(empty_client, "T4.1.1-M3", 2011, value="1")
    assert status == 422
    error = table_row(html, 'id="T4.1.1-M3"')
    assert 'id="T4.1.1-M3-error"' in error and "deleted" in error
    assert _record(empty_client, "T9.9.9-M1", 2011, value="1")[0] == 404
    forged = empty_client.post(FORM.format(id="T2.1.1-M1", year=2010), data={"value": "1"})
    assert forged.status_code == 403
    assert empty_client.get("/api/actuals?indicator=T4.1.1-M3").json() == []


def test_a_plain_form_post_redirects_back_to_the_row(empty_client: TestClient) -> None:
    token = csrf_token(empty_client, "/milestones?year=2010")
    response = empty_client.post(
        FORM.format(id="T4.1.1-M1", year=2010),
        data={"csrf_token": token, "value": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/milestones?year=2010#T4.1.1-M1"
    page = empty_client.get("/milestones?year=2010").text
    assert _state(page, "T4.1.1-M1") == "done"
