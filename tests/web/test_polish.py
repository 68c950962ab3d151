"""The rough edges a new user hit (issue 13, item 4), on the pages.

Each module-scoped database holds the bundled plan alone; the tests record what they need.
Figures by hand: the base pension T4.1.2-I1 has the unit "ЕТҚД шамасына %" (a share, 0..100)
and the 2013 target 50 (line 322, "40 40 40 50 50 50 50" under 2008 ... 2014); a fact of 150,
forced with a reason, scores 150 / 50 × 100 = 300.00 %, achieved, and counts 100 in a mean.
"""

from __future__ import annotations

from tests._webapp import TestClient, post_form, table_row

REASON = "two payments of the year counted together"
FORCED = f"forced outside its sensible range: {REASON}"
FORCE_HINT = (
    "Give a reason to force it if it is right (in the field &#34;Reason to accept a value "
    "outside the sensible range&#34; of this row, then record it again)"
)


def _record_forced(client: TestClient) -> None:
    page = "/indicators/T4.1.2-I1?year=2013"
    path = "/indicators/T4.1.2-I1/actuals?year=2013"
    status, html = post_form(client, path, page, period="2013", value="150")
    assert status == 422 and "a share cannot be over 100 %" in html
    status, html = post_form(client, path, page, period="2013", value="150", force_reason=REASON)
    # the tests of this module may share its database (one worker) or not (several)
    assert status == 200 and ("2013: recorded" in html or "2013: already recorded" in html)


def test_a_forced_value_is_marked_wherever_it_is_scored(empty_client: TestClient) -> None:
    _record_forced(empty_client)
    page = empty_client.get("/indicators/T4.1.2-I1?year=2013").text
    assert f'<strong class="forced" id="year-forced">{FORCED}</strong>' in page
    row = table_row(page[page.index('id="years"') :], "<td>2013</td>")
    assert "300.00 %" in row and 'class="tag forced"' in row
    plan = empty_client.get("/plan?year=2013").text
    row = table_row(plan, 'href="/indicators/T4.1.2-I1?year=2013"')
    assert "achieved · 300.00 %" in row and f'<span class="tag forced" title="{FORCED}">' in row
    # the dashboard no longer caps it silently: it names the forced score and the cap
    dashboard = empty_client.get("/?year=2013").text
    forced = dashboard[dashboard.index('id="forced"') :]
    forced = forced[: forced.index("</p>")]
    assert "counted at most 100 % in the means above" in forced
    assert 'href="/indicators/T4.1.2-I1?year=2013">T4.1.2-I1</a> 300.00 %' in forced
    assert REASON in forced


def test_the_headline_of_too_few_facts_is_not_called_achieved(empty_client: TestClient) -> None:
    _record_forced(empty_client)  # the one fact of 2013
    html = empty_client.get("/?year=2013").text
    start = html.index('id="overall"')
    overall = html[start : html.index("</section>", start)]
    # one fact (capped at 100) of the 63 indicators and milestones the plan's score counts
    assert '<span class="score status-too-few-facts">100.00 %</span>' in overall
    assert '<span class="verdict status-too-few-facts" id="verdict">too few facts</span>' in overall
    assert "on the 1 of 63 indicators with facts" in overall
    assert 'status-achieved">' not in overall.replace('status-achieved">1 achieved', "")
    assert 'id="too-few-facts"' in overall


def test_the_budget_row_takes_a_reason_to_accept(empty_client: TestClient) -> None:
    page, path = "/budget?year=2013", "/budget/002/actual?year=2013"
    assert 'name="force_reason" aria-label="Reason to accept a value outside' in (
        empty_client.get(page).text
    )
    status, html = post_form(empty_client, path, page, value="-5", source="treasury")
    assert status == 422
    error = html[html.index('id="P002-error"') :]
    assert "an amount of money cannot be negative" in error[:600] and FORCE_HINT in error[:600]
    assert "--force" not in html
    assert 'value="-5"' in table_row(html, 'id="P002"')  # kept as typed
    status, html = post_form(
        empty_client, path, page, value="-5", source="treasury", force_reason="a refund"
    )
    assert status == 200 and "program 002, 2013: actual expenditure recorded" in html


def test_a_milestone_refusal_names_no_command_line_flag(empty_client: TestClient) -> None:
    page = "/milestones?year=2013"
    path = "/milestones/T1.1.1-M2/actual?year=2013"
    status, html = post_form(empty_client, path, page, value="2")
    assert status == 422
    assert "a milestone is 1 (done) or 0 (not done)" in html and "--force" not in html


def test_the_plan_folds_and_filters_without_javascript(empty_client: TestClient) -> None:
    whole = empty_client.get("/plan?year=2012").text
    assert whole.count('<details class="goal"') >= 10 and "<details open" not in whole
    assert " open>" not in whole  # everything closed by default, yet in the page (anchors)
    assert 'id="G1.1"' in whole and 'id="T4.1.2-I1"' not in whole  # rows carry no id
    # line 321: task 4.1.2 "Зейнетақы төлемдерінің мөлшерін арттыру" (pensions), goal 4.1
    html = empty_client.get("/plan?year=2012&q=ЗЕЙНЕТАҚЫ").text  # case does not matter
    assert 'id="filter-summary">Showing what matches “ЗЕЙНЕТАҚЫ”' in html
    assert '<details class="goal" id="G4.1" open>' in html
    assert 'href="/indicators/T4.1.2-I1?year=2012"' in html
    assert 'id="G1.1"' not in html and 'id="D1"' not in html  # direction 1: no pensions
    assert len(html) < len(whole) / 3
    nothing = empty_client.get("/plan?year=2012&q=no-such-words-anywhere").text
    assert "Nothing matches “no-such-words-anywhere”." in nothing and "<details" not in nothing


def test_the_audit_folds_by_kind_and_filters(empty_client: TestClient) -> None:
    whole = empty_client.get("/audit").text
    assert '<details class="findings" id="kind-expenditure-list-form">' in whole
    # program 002's form states 557 556 682 at line 785 (the list of programs: line 629)
    html = empty_client.get("/audit?q=785").text
    assert 'id="F-expenditure-list-form-002-2010"' in html
    assert '<details class="findings" id="kind-expenditure-list-form" open>' in html
    assert html.count("<tr id=") < whole.count("<tr id=")
    assert 'id="F-expenditure-list-form-002-2010"' not in empty_client.get("/audit?q=xyzzy").text


def test_the_audits_all_kinds_choice_is_no_error(empty_client: TestClient) -> None:
    # the form's "all kinds" sends an empty kind (with the filter box's query)
    response = empty_client.get("/audit?kind=&q=785")
    assert response.status_code == 200
    assert 'id="F-expenditure-list-form-002-2010"' in response.text


def test_budget_totals_per_year_agree_with_the_plans_own_total_rows(
    empty_client: TestClient, seed_lines: list[str]
) -> None:
    # The list of programs' grand total "Шығыстардың барлығы" (line 672) states
    # ... 925 761 261 (2010) and 1 026 218 269 (2011); its "I. Қолданыстағы бағдарламалар"
    # row (line 625) ends with 1 120 270 082 for 2012, and the programs to be developed (II.,
    # line 665) plan 0 in 2012, so that is 2012's whole.
    assert seed_lines[672 - 1].split("\t")[-2:] == ["925 761 261", "1 026 218 269"]
    assert seed_lines[625 - 1].split("\t")[-1] == "1 120 270 082"
    assert seed_lines[665 - 1].split("\t")[-1] == "0"
    html = empty_client.get("/budget?year=2012").text
    y2011, y2012 = table_row(html, 'id="total-2011"'), table_row(html, 'id="total-2012"')
    assert '<td class="num planned">1 026 218 269</td>' in y2011
    assert 'data-line="672">1 026 218 269</span>' in y2011  # the sum equals the plan's total
    assert '<td class="num planned">1 120 270 082</td>' in y2012
    # 2010: the forms state more than the list (program 002: 557 556 682 on its form, line
    # 785, against 554 655 853 in the list, line 629): both totals are shown, side by side
    y2010 = table_row(html, 'id="total-2010"')
    assert 'data-line="672">925 761 261</span>' in y2010
    assert "2013" in table_row(html, 'id="total-2013"')  # beyond the list: nothing planned
    chart = html[html.index('<svg class="chart" id="budget-chart"') :]
    chart = chart[: chart.index("</svg>")]
    assert ">thousand tenge</text>" in chart and ">year</text>" in chart
    assert chart.count('<rect class="planned"') == 5 and 'data-category="2012"' in chart


def test_the_dashboard_charts_name_their_axes_and_show_the_years(
    empty_client: TestClient,
) -> None:
    _record_forced(empty_client)  # T4.1.2-I1 (direction 4), 2013: 300 %, counting 100
    html = empty_client.get("/?year=2013").text
    bars = html[html.index('id="direction-chart"') :]
    bars = bars[: bars.index("</svg>")]
    assert ">direction</text>" in bars and ">score, %</text>" in bars
    assert bars.count("<rect ") == 5  # D1 ... D5
    # direction 4 in 2013: one item of its 16 scored (100): a full bar, grey, not green
    assert 'class="status-too-few-facts"' in bars and "D4, too few facts: 100" in bars
    line = html[html.index('id="headline-chart"') :]
    line = line[: line.index("</svg>")]
    assert ">year</text>" in line and ">plan score, %</text>" in line
    assert line.count("<circle") == 1 and "<polyline" not in line  # one year with a score
    assert 'data-year="2013"' in line
    grid = table_row(html, 'id="grid-D4"')
    assert grid.count("<td") == 5  # 2010 ... 2014
    assert '<td class="status-too-few-facts" data-year="2013">too few facts' in grid
    assert '<td class="status-no-data" data-year="2012">no data</td>' in grid


def test_a_line_is_never_drawn_across_a_year_without_a_value() -> None:
    from decimal import Decimal

    from zhospar.web._chart import plan_vs_fact_chart, year_line_chart

    points = {2010: Decimal(50), 2011: None, 2012: Decimal(60), 2013: Decimal(70), 2014: None}
    chart = year_line_chart(points, ("year", "score, %"), top=Decimal(100))
    assert [d.year for d in chart.dots] == [2010, 2012, 2013]
    assert [[d.year for d in run] for run in chart.runs] == [[2012, 2013]]
    assert [t.label for t in chart.axes.y_ticks] == ["0", "20", "40", "60", "80", "100"]
    facts = {2010: Decimal("5.775"), 2012: Decimal("5.3"), 2013: Decimal("5.25")}
    indicator = plan_vs_fact_chart([], facts)
    assert indicator is not None
    assert [[d.year for d in run] for run in indicator.runs(indicator.facts)] == [[2012, 2013]]
