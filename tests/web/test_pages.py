"""The pages show the plan's own figures with their lines and the evaluation of the facts.

Expected values come from the published text (lines quoted) and from hand calculation
(docs/method.md, section 8), not from the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest

from tests._webapp import TestClient, new_client
from tests._webapp import table_row as _row


def test_dashboard_shows_the_plan_and_the_years_achievement(web_client: TestClient) -> None:
    html = web_client.get("/?year=2012").text
    assert "2014 жылдарға арналған стратегиялық жоспары</h1>" in html
    assert "period 2010–2014" in html and "amended by No. 415, No. 1417" in html
    # 2012: unemployment 6.2 / 5.3 = 116.98 %; poverty share 15.6 / 3.8 = 410.53 %, each capped
    # at 100 -> (100 + 100) / 2 = 100.00 %; every other indicator and milestone has no fact.
    assert "100.00 %" in html
    assert '<span class="muted" id="stands-on">on the 2 of 63 indicators with facts</span>' in html
    assert "2 achieved" in html
    assert '<option value="2012" selected>' in html


def test_dashboard_fragment_for_htmx_is_the_body_only(web_client: TestClient) -> None:
    response = web_client.get("/?year=2012", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "100.00 %" in response.text and "Achievement in 2012" in response.text
    assert response.headers["vary"].split(", ")[0] == "HX-Request"  # then the language's
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in web_client.get("/?year=2012", headers=restore).text


def test_plan_tree_cells_name_their_lines(web_client: TestClient, seed_lines: list[str]) -> None:
    assert "6,2" in seed_lines[217 - 1] and "Жұмыссыздық деңгейі" in seed_lines[216 - 1]
    html = web_client.get("/plan?year=2012").text
    row = _row(html, 'href="/indicators/G1.1-I1?year=2012"')
    # printed "6,2" at line 217, written as the English page writes every number
    assert '<span class="cell" title="line 217" data-line="217">6.2</span>' in row
    assert "line 216" in row  # the indicator's own line
    assert "achieved · 116.98 %" in row
    assert "Direction 3." in html and 'id="G5.1"' in html


def test_indicator_page_has_target_fact_status_and_sources(web_client: TestClient) -> None:
    html = web_client.get("/indicators/G1.1-I1?year=2012").text
    assert "Жұмыссыздық деңгейі" in html and "%-бен" in html
    assert "decrease" in html and "unemployment rate" in html  # polarity and its reason
    row = _row(html, "<td>2012</td>")
    assert 'title="line 217"' in row and ">6.2<" in row  # the plan's "6,2", as 5.3 is written
    assert ">5.3<" in row and "116.98 %" in row and "achieved" in row
    # the forecast as of 2012 (method.md section 8): likely
    assert re.search(r'id="forecast"><strong>likely</strong>', html)
    revisions = html[html.index('id="revisions"') :]
    assert "IMF World Economic Outlook" in revisions and "facts-2010-2014.csv, row 4" in revisions
    assert "statistics" in revisions  # who entered it
    assert "<svg" in html and "fact 2012: 5.3" in html and "plan 2012: 6.2" in html


def test_audit_names_both_places_and_the_amendments(web_client: TestClient) -> None:
    html = web_client.get("/audit").text
    row = _row(html, 'id="F-expenditure-list-form-002-2010"')
    # list of programs, line 629: 554 655 853; program 002's form, line 785: 557 556 682
    assert "line 629" in row and "554 655 853" in row
    assert "line 785" in row and "557 556 682" in row
    assert "possibly explained by No. 415/1417" in row
    only = web_client.get("/audit?kind=goal-total").text
    assert "F-expenditure-list-form-002-2010" not in only


def test_reading_report_lists_the_gaps(web_client: TestClient) -> None:
    html = web_client.get("/reading").text
    gaps = html[html.index('id="gaps"') : html.index('id="remarks"')]
    assert "direction 3" in gaps and "line 203" in gaps
    assert "task 2.2.4" in gaps and "line 309" in gaps


def test_budget_page_shows_the_plan_figure_and_its_place(web_client: TestClient) -> None:
    html = web_client.get("/budget?year=2010").text
    row = _row(html, "<td>002</td>")
    assert "557 556 682" in row and "program form, line 785" in row


def test_report_downloads(web_client: TestClient) -> None:
    xlsx = web_client.get("/report?year=2012&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    html = web_client.get("/report?year=2012&format=html")
    assert "116.98" in html.text
    assert web_client.get("/report?year=2012&format=rtf").status_code == 422


def test_the_html_report_opens_in_the_browser_and_downloads_on_request(
    web_client: TestClient,
) -> None:
    shown = web_client.get("/report?year=2012&format=html")
    assert shown.headers["content-disposition"].startswith("inline; filename=")
    assert shown.headers["content-type"] == "text/html; charset=utf-8"
    # its own <style> block is allowed by its hash (the pages' 'self' would refuse it); no script
    style = shown.text.split("<style>", 1)[1].split("</style>", 1)[0].encode()
    digest = base64.b64encode(hashlib.sha256(style).digest()).decode()
    policy = shown.headers["content-security-policy"]
    assert f"style-src 'sha256-{digest}';" in policy
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy
    saved = web_client.get("/report?year=2012&format=html&download=true")
    assert saved.headers["content-disposition"].startswith("attachment; filename=")
    assert saved.content == shown.content
    page = web_client.get("/report?year=2012").text
    assert '<a href="/report?year=2012&amp;format=html" target="_blank"' in page
    assert '<a href="/report?year=2012&amp;format=html&amp;download=true" download>' in page
    assert '<a href="/report?year=2012&amp;format=docx" download>' in page


def test_security_headers_and_static_files(web_client: TestClient) -> None:
    response = web_client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert '<script src="/static/htmx.min.js" defer></script>' in response.text
    assert "<script>" not in response.text and " style=" not in response.text
    htmx = web_client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "javascript" in htmx.headers["content-type"]


def test_unknown_pages_and_ids_are_friendly_404s(web_client: TestClient) -> None:
    page = web_client.get("/indicators/G9.9-I9")
    assert page.status_code == 404
    assert "no indicator &#34;G9.9-I9&#34;" in page.text and "Back to the dashboard" in page.text
    missing = web_client.get("/no-such-page")
    assert missing.status_code == 404 and "There is no such page." in missing.text


def test_bad_parameters_are_422_with_a_message(web_client: TestClient) -> None:
    wrong_type = web_client.get("/?year=abc")
    assert wrong_type.status_code == 422 and "year" in wrong_type.text
    outside = web_client.get("/plan?year=2020")
    assert outside.status_code == 422
    assert "year 2020 is outside the plan&#39;s period: expected 2010 to 2014" in outside.text
    assert web_client.get("/audit?kind=nonsense").status_code == 422


def test_a_shared_page_body_is_rendered_once_and_each_visitor_keeps_their_own_header(
    web_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan tree is the same for everyone: its body is rendered once per state of the data
    and year, then put in each visitor's layout (their name, their form token)."""
    from zhospar.web import _render

    rendered: list[str] = []
    real = _render.environment

    class Counting:
        def get_template(self, name: str) -> Any:
            rendered.append(name)
            return real().get_template(name)

    monkeypatch.setattr(_render, "environment", Counting)
    mine = web_client.get("/plan?year=2013").text
    assert rendered.count("plan_body.html.j2") <= 1  # none if another test showed it already
    rendered.clear()
    with new_client(web_client.app, "olzhas", "viewer") as viewer:
        theirs = viewer.get("/plan?year=2013").text
    assert rendered.count("plan_body.html.j2") == 0 and rendered.count("plan.html.j2") == 1
    assert 'id="signed-in-as">aigerim (planner)' in mine
    assert 'id="signed-in-as">olzhas (viewer)' in theirs
    body = mine[mine.index('<main id="page">') : mine.index("</main>")]
    assert body == theirs[theirs.index('<main id="page">') : theirs.index("</main>")]
    assert '<option value="2013" selected>' in body
