"""Budget entry, milestones, the chart's round ticks, facts per region and overrides.

Expected values come from the published text (lines quoted) and hand calculation, not from the
code under test.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests._webapp import USER, TestClient, table_row
from tests._webapp import post_form as _post
from zhospar.web._chart import nice_step, nice_ticks

# --- the chart's ticks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 8.21, ["0", "2", "4", "6", "8", "10"]),  # 8.21 / 4 = 2.05 -> step 2
        (5.0, 8.0, ["5", "6", "7", "8"]),  # 3 / 4 = 0.75 -> step 1
        (0.1, 0.7, ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"]),  # 0.15 -> 0.1
        (-3, 17, ["-5", "0", "5", "10", "15", "20"]),  # 20 / 4 = 5 -> step 5
        (0, 802_783_135, ["0", "2e8", "4e8", "6e8", "8e8", "1e9"]),  # 2.0e8 -> 2 x 10^8
    ],
)
def test_nice_ticks_are_round_multiples_of_1_2_or_5(
    low: float, high: float, expected: list[str]
) -> None:
    ticks = nice_ticks(low, high)
    assert ticks == [Decimal(e) for e in expected]
    assert all(t == t.to_integral_value() or len(str(t)) <= 4 for t in ticks)  # no 6.158


def test_nice_step_rounds_to_1_2_5_times_a_power_of_ten() -> None:
    # span / 4 -> leading digit below 1.5 -> 1, below 3 -> 2, below 7 -> 5, else 10
    assert nice_step(4.0) == Decimal(1) and nice_step(5.9) == Decimal(1)
    assert nice_step(6.0) == Decimal(2) and nice_step(0.44) == Decimal("0.1")
    assert nice_step(12.0) == Decimal(5) and nice_step(28.0) == Decimal(10)
    assert nice_step(0.0) == Decimal(1)


def test_the_indicator_chart_uses_round_ticks(web_client: TestClient) -> None:
    # G1.1-I1, line 217: 6,9 8,0 6,6 6,4 6,2 6,0 5,9; facts 5.775 ... 5.0: from 5 to 8, step 1
    html = web_client.get("/indicators/G1.1-I1?year=2012").text
    labels = re.findall(r'<text class="tick" x="58" [^>]*>([^<]+)</text>', html)
    assert labels == ["5", "6", "7", "8"]


# --- budget -----------------------------------------------------------------------------------


def test_budget_entry_updates_the_execution_rate(
    web_client: TestClient, seed_lines: list[str]
) -> None:
    # program 001's form, line 761: expenditure ... 3 098 378 3 401 552 (the last column: 2012)
    assert seed_lines[761 - 1].rstrip().endswith("3 401 552")
    status, html = _post(
        web_client, "/budget/001/actual?year=2012", "/budget?year=2012", value="3 061 396,8"
    )
    assert status == 200, html
    assert "program 001, 2012: actual expenditure recorded" in html
    row = table_row(html, 'id="P001"')
    # 3 061 396.8 / 3 401 552 x 100 = 90.00 %
    assert "3 401 552" in row and "3 061 396.8" in row and "90.00 %" in row
    summary = html[html.index('id="budget-summary"') :]
    assert "executed 90.00 %" in summary[: summary.index("</p>")]
    revisions = web_client.get("/api/actuals?indicator=P001-X&period=2012").json()
    assert [(r["value"], r["entered_by"]) for r in revisions] == [("3061396.8", USER)]


def test_budget_entry_errors_are_shown_beside_thetable_row(web_client: TestClient) -> None:
    status, html = _post(web_client, "/budget/002/actual?year=2013", "/budget", value="abc")
    assert status == 422
    row = table_row(html, 'id="P002"')
    assert 'id="P002-error"' in row and "expected a number such as 5.3 or 5,3" in row
    assert 'value="abc"' in row
    assert "P002-error" not in table_row(html, 'id="P003"')
    forged = web_client.post("/budget/002/actual?year=2013", data={"value": "1"})
    assert forged.status_code == 403
    assert _post(web_client, "/budget/999/actual", "/budget", value="1")[0] == 404
    huge = web_client.post("/budget/002/actual", data={"value": "9" * 70_000})
    assert huge.status_code == 413  # over 64 KB: refused before the body is read


# --- milestones -------------------------------------------------------------------------------


def test_milestones_show_due_years_and_state(web_client: TestClient, seed_lines: list[str]) -> None:
    assert "Ең төменгі жалақының жаңа стандартын белгілеу (2012-2013" in seed_lines[283 - 1]
    html = web_client.get("/milestones?year=2012").text
    row = table_row(html, 'id="T2.1.2-M1"')
    assert "Ең төменгі жалақының жаңа стандартын белгілеу" in row and "line 283" in row
    # due 2012-2013: in 2012 its last due year has not come (no data, method.md §3) ...
    assert "<td>2012, 2013</td>" in row and '<td class="state">not yet due</td>' in row
    assert "status-no-data" in row and "no report recorded" in row
    # ... in 2014 it has, and nothing is reported: no data, not a failure
    later = table_row(web_client.get("/milestones?year=2014").text, 'id="T2.1.2-M1"')
    assert '<td class="state">no data</td>' in later
    # task 5.1.4's milestone (line 393), due 2009-2011, has no report: no data (method.md §8)
    assert "<td>2009, 2010, 2011</td>" in table_row(html, 'id="T5.1.4-M1"')
    dashboard = web_client.get("/?year=2012").text
    assert '<a href="/milestones?year=2012">' in dashboard


# --- the indicator page -----------------------------------------------------------------------


def test_facts_per_region_for_the_year(web_client: TestClient) -> None:
    status, html = _post(
        web_client,
        "/indicators/G2.2-I1/actuals?year=2011",
        "/indicators/G2.2-I1",
        period="2011",
        value="85",
        region="75",
    )
    assert status == 200, html
    table = html[html.index('id="regional"') : html.index('id="history"')]
    row = table_row(table, "<td>75</td>")
    assert "Алматы қаласы" in row and "город Алматы" in row and "Almaty city" in row
    assert "<td>2011</td>" in row and ">85<" in row
    other = web_client.get("/indicators/G2.2-I1?year=2012").text
    assert "No value recorded for a region in 2012." in other


def test_an_override_needs_a_reason_and_is_kept_in_the_history(web_client: TestClient) -> None:
    page, path = "/indicators/T2.1.3-I2", "/indicators/T2.1.3-I2/overrides"
    status, html = _post(web_client, path, page, kind="polarity", value="increase")
    assert status == 422 and 'id="override-error"' in html and "needs a reason" in html
    status, html = _post(
        web_client, path, page, kind="polarity", value="increase", reason="<b>ILO</b> method"
    )
    assert status == 200, html
    history = html[html.index('id="override-history"') :]
    row = table_row(history, "&lt;b&gt;ILO&lt;/b&gt; method")
    assert "polarity" in row and "increase" in row and USER in row and "in force" in row
    assert "<b>ILO" not in html
    assert re.search(r"<dt>polarity</dt><dd>increase", html)
    assert '<option value="increase" selected>increase (in force)</option>' in html
    status, html = _post(web_client, path, page, kind="rollup", value="ratio", reason="survey")
    assert status == 422 and "numerator" in html
    forged = web_client.post(path, data={"kind": "polarity", "value": "keep", "reason": "x"})
    assert forged.status_code == 403


def test_the_override_form_preselects_what_is_in_force(web_client: TestClient) -> None:
    # G1.1-I1, unemployment ("Жұмыссыздық деңгейі"): decrease by its wording, no decision
    # recorded; a rate, whose regional values do not roll up (method.md: "none"). Both are
    # marked in force; the polarity is the one chosen.
    html = web_client.get("/indicators/G1.1-I1").text
    form = html[html.index('id="override-form"') :]
    assert '<option value="polarity" selected>polarity</option>' in form
    assert '<option value="decrease" selected>decrease (in force)</option>' in form
    assert '<option value="none">none (in force)</option>' in form
    assert form.count(" selected>") == 2 and form.count("(in force)") == 2


def test_a_polarity_from_the_targets_trend_is_marked_until_confirmed(
    web_client: TestClient,
) -> None:
    # T5.1.3-I1 (line 387-388): a share, targets 37,6 ... 32,0, no telling word: decrease, to be
    # confirmed. G1.1-I1 is decrease by its wording ("Жұмыссыздық деңгейі"): nothing to confirm.
    page, path = "/indicators/T5.1.3-I1", "/indicators/T5.1.3-I1/confirm"
    html = web_client.get(page).text
    assert 'id="polarity-note"' in html and "inferred from the targets&#39; trend" in html
    assert 'id="confirm-form"' in html and "Confirm decrease" in html
    unemployment = web_client.get("/indicators/G1.1-I1").text
    assert 'id="polarity-note"' not in unemployment and 'id="confirm-form"' not in unemployment
    forged = web_client.post(path, data={"reason": "x"})
    assert forged.status_code == 403
    status, html = _post(web_client, path, page, reason="fewer <i>able-bodied</i> is the aim")
    assert status == 200, html
    assert "polarity decrease confirmed" in html
    row = table_row(html[html.index('id="override-history"') :], "confirmed: fewer")
    assert "decrease" in row and USER in row and "in force" in row and "<i>" not in row
    assert 'id="polarity-note"' not in html and 'id="confirm-form"' not in html
    status, html = _post(web_client, "/indicators/G1.1-I1/confirm", "/indicators/G1.1-I1")
    assert status == 422 and "only a polarity inferred from the targets&#39; trend" in html


def test_the_year_shows_the_reports_sentence(web_client: TestClient) -> None:
    # G1.1-I1 in 2012: 6.2 / 5.3 = 116.98 %, lower is better: the reports' words.
    html = web_client.get("/indicators/G1.1-I1?year=2012").text
    assert '<strong id="year-sentence">achieved (decrease: positive dynamics)</strong>' in html
