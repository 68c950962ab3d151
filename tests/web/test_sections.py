"""The plan's sections as pages: the text, the alignment, the capabilities, the legal acts, the
allocation appendix, the risk register and search, on SQLite and PostgreSQL.

Expected values are read from the published text (the line numbers were found by hand).
"""

from __future__ import annotations

import re

from tests._webapp import USER, TestClient, post_form, table_row

MISSION = "Халықтың өмір сүру деңгейі мен сапасын арттыруға жәрдемдесу."  # line 55
FIRST_RISK = "Өндірістің төмендеуі;"  # risk 1, line 482
LABOUR_CODE = (  # legal act 1, line 539
    "«Қазақстан Республикасының Еңбек кодексі» Қазақстан Республикасының 2007 жылғы 15 "
    "мамырдағы Кодексі"
)


def test_the_text_shows_the_mission_with_its_line(
    web_client: TestClient, seed_lines: list[str]
) -> None:
    assert seed_lines[54] == MISSION
    html = web_client.get("/plan/text").text
    assert (
        f'<p id="line-55" data-line="55">{MISSION} <span class="line-mark">line 55</span>' in html
    )
    assert "Миссиясы" in html and "Пайымдауы" in html
    assert '2. Ағымдағы ахуалды талдау <span class="line-mark">line 61</span>' in html
    assert seed_lines[60] == "2. Ағымдағы ахуалды талдау"


def test_capabilities_page(web_client: TestClient, seed_lines: list[str]) -> None:
    html = web_client.get("/plan/capabilities").text
    heading = "5. Функционалдық мүмкіндіктері және ықтимал қатерлері"
    assert seed_lines[432] == heading
    assert f'{heading} <span class="line-mark">line 433</span>' in html
    assert MISSION not in html  # only its own section


def test_alignment_rows_name_their_goal_and_line(
    web_client: TestClient, seed_lines: list[str]
) -> None:
    html = web_client.get("/plan/alignment").text
    row = table_row(html, 'id="AG1.1-1"')
    assert 'id="align-G1.1"' in row and "line 401" in row
    assert "«4.1. Халықты әлеуметтік қорғау саласындағы негізгі мақсат" in row
    assert seed_lines[400].startswith("1.1-мақсат\tЖұмысынан айрылу (жұмысының болмауы)")
    assert 'href="/allocation#alloc-G1.1"' in row and 'href="/risks?direction=1"' in row


def test_legal_acts(web_client: TestClient, seed_lines: list[str]) -> None:
    html = web_client.get("/legal-acts").text
    assert seed_lines[538] == f"1. {LABOUR_CODE}"
    row = table_row(html, 'id="L1"')
    assert LABOUR_CODE in row and "line 539" in row
    assert len(re.findall(r'<tr id="L\d+"', html)) == 35


def test_allocation_total_of_goal_4_1(web_client: TestClient, seed_lines: list[str]) -> None:
    assert "755 010 200" in seed_lines[1410] and seed_lines[1410].startswith("4.1-мақсат")
    html = web_client.get("/allocation").text
    row = table_row(html, 'id="alloc-G4.1"')
    assert 'data-line="1411">755 010 200</span>' in row
    # the sum of the eight goals' 2010 totals as printed (lines 1392-1434), added by hand:
    # 596 762 + 102 579 124 + 330 000 + 90 178 + 8 675 275 + 755 010 200 + 11 600 429
    # + 47 296 313 = 926 178 281
    total = table_row(html, 'id="allocation-total"')
    assert "926 178 281" in total
    findings = html[html.index('id="allocation-findings"') :]
    assert "goal-total" in findings and "allocation appendix" in findings


def test_sections_link_to_each_other(web_client: TestClient) -> None:
    html = web_client.get("/plan").text
    goal = html[html.index('id="G1.1"') :]
    assert 'href="/plan/alignment#align-G1.1"' in goal[:2000]
    assert 'href="/allocation#alloc-G1.1"' in goal[:2000]
    for page in ("/plan/text", "/legal-acts", "/allocation", "/risks", "/plan/alignment"):
        body = web_client.get(page).text
        assert 'aria-label="Sections of the plan"' in body
        assert all(f'href="{p}"' in body for p in ("/plan/text", "/risks", "/allocation"))


def test_risk_register_shows_risk_1_its_signals_and_state(web_client: TestClient) -> None:
    html = web_client.get("/risks?year=2012").text
    risk = html[html.index('<section class="risk') : html.index('id="R2"')]
    assert 'id="R1"' in risk and f"<li>{FIRST_RISK}</li>" in risk
    assert "lines 482–484" in risk
    assert "direction 1" in risk and 'href="/indicators/G1.1-I1?year=2012"' in risk
    # G1.1-I1 in 2012: target 6,2 against the fact 5.3 (a decrease): achieved, 116.98 %
    assert "achieved · 116.98 %" in risk
    assert "calm in 2012" in risk
    only = web_client.get("/risks?year=2012&direction=5").text
    assert 'id="R5"' in only and 'id="R1"' not in only


def test_recording_an_assessment_keeps_its_history(web_client: TestClient) -> None:
    status, html = post_form(
        web_client, "/risks/R2/assessments?year=2013", "/risks?year=2013",
        likelihood="4", impact="5", note="<b>mass layoffs</b> announced",
    )  # fmt: skip
    assert status == 200 and "R2 2013: assessment recorded" in html
    risk = html[html.index('id="R2"') : html.index('id="R3"')]
    assert "Likelihood 4 (high), impact 5 (very high)" in risk
    assert "&lt;b&gt;mass layoffs&lt;/b&gt;" in risk and "<b>mass" not in risk
    assert USER in risk
    status, html = post_form(
        web_client, "/risks/R2/assessments?year=2013", "/risks?year=2013",
        likelihood="2", impact="5", note="eased",
    )  # fmt: skip
    risk = html[html.index('id="R2"') : html.index('id="R3"')]
    assert "Likelihood 2 (low)" in risk and "History: 2 assessments" in risk
    report = web_client.get("/risks?year=2012").text
    assert "Not assessed for 2012." in report[report.index('id="R2"') : report.index('id="R3"')]


def test_a_refused_assessment_comes_back_with_its_reason(web_client: TestClient) -> None:
    status, html = post_form(
        web_client, "/risks/R3/assessments?year=2013", "/risks?year=2013",
        likelihood="9", impact="1", note="kept as typed",
    )  # fmt: skip
    assert status == 422
    risk = html[html.index('id="R3"') : html.index('id="R4"')]
    assert "likelihood must be a whole number from 1 to 5" in risk
    assert "kept as typed" in risk
    forged = web_client.post(
        "/risks/R3/assessments?year=2013", data={"likelihood": "1", "impact": "1", "note": "x"}
    )
    assert forged.status_code == 403
    assert web_client.post("/risks/R99/assessments", data={}).status_code == 403


def test_search_page_finds_by_words_and_by_code(web_client: TestClient) -> None:
    html = web_client.get("/search", params={"q": "жұмыссыздық"}).text
    assert '<a href="/indicators/G1.1-I1">G1.1-I1</a>' in html
    assert 'value="жұмыссыздық"' in html  # the box keeps the query
    html = web_client.get("/search", params={"q": "G1.1"}).text
    hits = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', html)
    # the ids that begin with the code first, shortest first; then the words' matches
    assert [ref for _, ref in hits[:4]] == ["G1.1", "G1.1-I1", "G1.1-I1-b1", "G1.1-I1-b2"]
    assert hits[0] == ("/plan#G1.1", "G1.1") and hits[1][0] == "/indicators/G1.1-I1"


def test_search_escapes_and_limits_the_query(web_client: TestClient) -> None:
    html = web_client.get("/search", params={"q": '<script>alert("x")</script>'}).text
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    long = web_client.get("/search", params={"q": "кодекс " + "ы" * 5000})
    assert long.status_code == 200 and "ы" * 201 not in long.text
    assert "0 found" in long.text


def test_every_page_has_the_search_box(web_client: TestClient) -> None:
    for page in ("/", "/plan", "/budget", "/risks", "/legal-acts"):
        html = web_client.get(page).text
        assert '<form class="search" role="search" method="get" action="/search">' in html
