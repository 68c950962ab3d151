"""The app in a real browser: the system Chromium driven by Playwright, headless.

The server runs in a thread on a free port over a temporary SQLite database. Every test fails
on a console error or a Content-Security-Policy violation. Without /usr/bin/chromium these
tests are skipped, unless ``ZHOSPAR_REQUIRE_BROWSER`` is set (CI): then they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.conftest import FACTS
from zhospar.imports import import_file
from zhospar.server import create_app
from zhospar.store import Database, Settings, history, initialize, open_database
from zhospar.store.people import add_person

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
USER = "browser-user"  # a planner; every test starts signed in as them
PASSWORD = "browser password"
EDITOR_IN, EDITOR_OUT = "editor-1-3", "editor-5-1"  # editors of goal 1.3 and of goal 5.1
REFUSED = (  # a wrong password (401), a refused value or file (422), a role or scope (403),
    "the server responded with a status of 401",  # an approved year (409)
    "the server responded with a status of 409",
    "the server responded with a status of 422",
    "the server responded with a status of 403",
)


DATABASES: dict[str, Database] = {}


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("ZHOSPAR_REQUIRE_BROWSER"):
        pytest.fail(f"ZHOSPAR_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn in a background thread, on the bundled plan and its facts."""
    _require_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.sqlite3'}"
    db = open_database(url)
    initialize(db)
    import_file(db, FACTS, entered_by="statistics")
    add_person(db, USER, "planner", PASSWORD, by="tests")
    add_person(db, EDITOR_IN, "editor", PASSWORD, scopes=["1.3"], by="tests")
    add_person(db, EDITOR_OUT, "editor", PASSWORD, scopes=["5.1"], by="tests")
    port = _free_port()
    app = create_app(db, settings=Settings(url, USER))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        DATABASES[f"http://127.0.0.1:{port}"] = db
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        db.close()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page signed in as ``USER``; console errors and CSP violations seen are checked
    after the test."""
    from playwright.sync_api import Browser, ConsoleMessage

    assert isinstance(browser, Browser)
    context = browser.new_context()
    opened = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium logs every 4xx answer; a refused value's 422 is the form working as meant.
        if any(r in message.text for r in REFUSED):
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    _sign_in(opened, base_url, USER)
    yield opened
    violations = opened.evaluate("window.__cspViolations || []")
    context.close()
    assert problems == [] and violations == []


def _sign_in(page: object, base_url: str, name: str, password: str = PASSWORD) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(f"{base_url}/login", wait_until="networkidle")
    page.fill('input[name="name"]', name)
    page.fill('input[name="password"]', password)
    page.click('form.login button[type="submit"]')


def _sign_out(page: object) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.click('form.signed-in button[type="submit"]')
    page.wait_for_url("**/login")


def _watch_csp(page: object) -> None:
    """Count securitypolicyviolation events from the first script on (set before navigation)."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )


def test_dashboard_year_change_uses_htmx(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/?year=2014", wait_until="networkidle")
    page.evaluate("window.__marker = 'same document'")
    page.select_option("#year-select", "2012")
    # 2012: (100 + 100) / 2, the two facts of the year each capped at 100 (2014 scores the same
    # figure on other facts, so the heading tells the years apart).
    expect(page.locator("#overall")).to_contain_text("Achievement in 2012")
    expect(page.locator("#overall")).to_contain_text("100.00 %")
    expect(page).to_have_url(f"{base_url}/?year=2012")
    assert page.evaluate("window.__marker") == "same document"  # swapped, not reloaded


def test_record_a_value_through_the_form(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/plan?year=2012&q=T1.3.1", wait_until="networkidle")  # unfolded
    page.click('a[href="/indicators/T1.3.1-I1?year=2012"]')
    expect(page.locator("h1")).to_contain_text("ЖАО-ға жұмыспен қамту")
    page.fill('input[name="value"]', "150")  # thousand persons: accepted
    page.fill('input[name="period"]', "2012")
    page.fill('input[name="source"]', "browser test <b>bulletin</b>")
    page.click('#actual-form button[type="submit"]')
    expect(page.locator(".notice")).to_contain_text("2012: recorded")
    history = page.locator("#revisions")
    expect(history).to_contain_text("browser test <b>bulletin</b>")  # shown as text
    expect(history).to_contain_text(USER)
    page.fill('input[name="value"]', "abc")
    page.click('#actual-form button[type="submit"]')
    expect(page.locator("#value-error")).to_contain_text("expected a number such as 5.3")
    expect(page.locator('input[name="value"]')).to_have_value("abc")


def test_upload_a_file_preview_then_confirm(base_url: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,year,value\nG1.1-I1,2020,abc\n", encoding="utf-8")
    good = tmp_path / "pensions-2013.csv"
    good.write_text("indicator_id,year,value,source\nT4.1.2-I1,2013,50,budget law\n", "utf-8")
    page.goto(f"{base_url}/import", wait_until="networkidle")
    page.evaluate("window.__marker = 'same document'")
    page.set_input_files("#import-file", str(bad))
    page.click('#upload button[type="submit"]')
    problems = page.locator("#problems")
    expect(problems).to_contain_text("bad.csv: 2 problems, nothing written")
    expect(problems).to_contain_text("the period 2020 is outside the plan")
    page.set_input_files("#import-file", str(good))
    page.click('#upload button[type="submit"]')
    expect(page.locator("#preview-counts")).to_contain_text("1 value: 1 would be added")
    page.wait_for_load_state("networkidle")
    page.click("#confirm-import")
    expect(page.locator("#import-counts")).to_contain_text("1 value recorded: 1 added")
    assert page.evaluate("window.__marker") == "same document"  # htmx swapped the body
    page.goto(f"{base_url}/indicators/T4.1.2-I1?year=2013", wait_until="networkidle")
    expect(page.locator("#revisions")).to_contain_text("pensions-2013.csv, row 2")


def test_the_search_box_finds_an_indicator(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/risks?year=2012", wait_until="networkidle")
    page.fill('form.search input[name="q"]', "жұмыссыздық")
    page.press('form.search input[name="q"]', "Enter")
    expect(page.locator("#search-summary")).to_contain_text("found for “жұмыссыздық”")
    page.click('ol.search-results a[href="/indicators/G1.1-I1"]')
    expect(page.locator("h1")).to_contain_text("Жұмыссыздық деңгейі")


def test_an_assessment_through_the_risk_form(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/risks?year=2012", wait_until="networkidle")
    form = page.locator("#R5 form.entry")
    form.locator('select[name="likelihood"]').select_option("3")
    form.locator('select[name="impact"]').select_option("4")
    form.locator('textarea[name="note"]').fill("benefits indexed late")
    form.locator("button").click()
    expect(page.locator(".notice")).to_contain_text("R5 2012: assessment recorded")
    expect(page.locator("#R5 .assessment")).to_contain_text("Likelihood 3 (medium), impact 4")


def test_sign_in_is_asked_for_then_back_to_the_page(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    _sign_out(page)
    page.goto(f"{base_url}/plan?year=2012", wait_until="networkidle")
    expect(page).to_have_url(f"{base_url}/login?next=/plan%3Fyear%3D2012")
    page.fill('input[name="name"]', USER)
    page.fill('input[name="password"]', "not the password")
    page.click('form.login button[type="submit"]')
    expect(page.locator("#login-error")).to_contain_text("wrong name or password")
    page.fill('input[name="password"]', PASSWORD)
    page.click('form.login button[type="submit"]')
    expect(page).to_have_url(f"{base_url}/plan?year=2012")
    expect(page.locator("#signed-in-as")).to_have_text(f"{USER} (planner)")


def _enter_as(page: object, base_url: str, editor: str, year: int) -> None:
    """Sign in as ``editor`` and submit 140 thousand persons for T1.3.1-I1 (goal 1.3) in
    ``year`` through the indicator page's form."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    _watch_csp(page)
    _sign_out(page)
    _sign_in(page, base_url, editor)
    page.goto(f"{base_url}/indicators/T1.3.1-I1?year={year}", wait_until="networkidle")
    page.fill('input[name="value"]', "140")
    page.fill('input[name="period"]', str(year))
    page.click('#actual-form button[type="submit"]')


def test_an_editor_records_a_value_within_their_scope(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _enter_as(page, base_url, EDITOR_IN, 2013)
    expect(page.locator(".notice")).to_contain_text("2013: recorded")
    expect(page.locator("#revisions")).to_contain_text(EDITOR_IN)
    # and the reason for the year, in the same page's reason form (within the editor's scope)
    page.wait_for_load_state("networkidle")
    page.fill('#reason-form input[name="year"]', "2013")
    page.fill('#reason-form textarea[name="text"]', "fewer <i>vacancies</i> than planned")
    page.click('#reason-form button[type="submit"]')
    reasons = page.locator("#reasons-in-force")
    expect(reasons).to_contain_text("fewer <i>vacancies</i> than planned")  # shown as text
    expect(reasons).to_contain_text(EDITOR_IN)


def test_an_editor_outside_their_scope_is_refused(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _enter_as(page, base_url, EDITOR_OUT, 2014)
    expect(page.locator("#page .error-message")).to_have_text(
        "your role or scope does not allow this"
    )
    db = DATABASES[base_url]
    assert [a for a in history(db, "T1.3.1-I1") if str(a.period) == "2014"] == []


def test_a_planner_approves_the_editor_is_refused_the_planner_reopens(
    base_url: str, page: object
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/periods", wait_until="networkidle")
    page.click("#year-2011 form.approve button")
    expect(page.locator(".notice")).to_contain_text(f"2011 approved by {USER}")
    _enter_as(page, base_url, EDITOR_IN, 2011)
    expect(page.locator("#page .error-message")).to_contain_text(
        f"takes no new value: 2011 approved by {USER}"
    )
    _sign_out(page)
    _sign_in(page, base_url, USER)
    page.goto(f"{base_url}/periods", wait_until="networkidle")
    page.fill('#year-2011 input[name="reason"]', "the regions sent corrections")
    page.click("#year-2011 form.reopen button")
    expect(page.locator(".notice")).to_contain_text("(the regions sent corrections)")
    expect(page.locator("#year-2011")).to_contain_text("draft")


MAIN_PAGES = (
    "/", "/plan?year=2012", "/plan/text", "/risks?year=2012", "/milestones?year=2012",
    "/budget?year=2012", "/import", "/audit", "/reading", "/report", "/periods",
    "/indicators/G1.1-I1?year=2012", "/search?q=1.1",
)  # fmt: skip


def test_no_csp_violation_on_the_main_pages_nor_in_the_import(
    base_url: str, page: object, tmp_path: Path
) -> None:
    """Every page settled (network idle), then the import clicked through once the page has
    settled each time: no securitypolicyviolation event, no console line about the policy."""
    from playwright.sync_api import ConsoleMessage, Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    said: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            said.append(message.text)

    page.on("console", on_console)
    for path in MAIN_PAGES:
        page.goto(f"{base_url}{path}", wait_until="networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    good = tmp_path / "poverty-2013.csv"
    good.write_text("indicator_id,year,value,source\nG5.1-I1,2013,3.5,csp test\n", "utf-8")
    page.goto(f"{base_url}/import", wait_until="networkidle")
    page.set_input_files("#import-file", str(good))
    page.click('#upload button[type="submit"]')
    expect(page.locator("#preview-counts")).to_contain_text("1 value: 1 would be added")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # past htmx's settle delay (20 ms): the page has settled
    page.click("#confirm-import")
    expect(page.locator("#import-counts")).to_contain_text("1 value recorded: 1 added")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cspViolations") == [] and said == []


def test_the_plan_and_the_audit_fold_and_filter_as_one_types(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/plan?year=2012", wait_until="networkidle")
    # every direction closed: a page of headings, not 18,000 pixels
    assert page.evaluate("document.documentElement.scrollHeight") < 2500
    page.evaluate("window.__marker = 'same document'")
    page.locator("#plan-q").press_sequentially("зейнетақы")  # line 321: task 4.1.2, pensions
    expect(page.locator("#filter-summary")).to_contain_text("Showing what matches “зейнетақы”")
    expect(page.locator('[id="G4.1"]')).to_have_attribute("open", "")
    expect(page.locator('[id="G1.1"]')).to_have_count(0)
    expect(page.locator('a[href="/indicators/T4.1.2-I1?year=2012"]')).to_be_visible()
    assert page.evaluate("window.__marker") == "same document"  # swapped, not reloaded
    assert page.evaluate("document.activeElement.id") == "plan-q"  # still typing
    expect(page).to_have_url(
        f"{base_url}/plan?year=2012&q=%D0%B7%D0%B5%D0%B9%D0%BD%D0%B5%D1%82%D0%B0%D2%9B%D1%8B"
    )
    page.goto(f"{base_url}/audit", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollHeight") < 2500
    page.locator("#audit-q").press_sequentially("785")  # program 002's form, line 785
    expect(page.locator('[id="F-expenditure-list-form-002-2010"]')).to_be_visible()
    expect(page.locator("#filter-summary")).to_contain_text("mentions “785”")


def test_budget_numbers_never_wrap_on_a_narrow_screen(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{base_url}/budget?year=2012", wait_until="networkidle")
    expect(page.locator("#total-2012 td.planned")).to_have_text("1 120 270 082")
    wrapped = page.evaluate(
        """() => [...document.querySelectorAll('#budget td.num, #budget-totals td.num')]
            .filter(td => {
              const range = document.createRange();
              range.selectNodeContents(td);
              const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              return tops.size > 1;
            }).map(td => td.textContent)"""
    )
    assert wrapped == []
    numbers = page.locator("#budget td.num").first
    assert numbers.evaluate("e => getComputedStyle(e).fontVariantNumeric") == "tabular-nums"
    expect(page.locator("#budget-chart")).to_be_visible()


def test_the_language_switch_in_the_browser(page: object, base_url: str, tmp_path: Path) -> None:
    """Each language chosen by the switch: the page's ``lang`` as the browser reads it, its
    headings in that language, and a screenshot of the dashboard in each (kept under the
    test's temporary folder)."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    headings = {
        "kk": "Бағыттар мен мақсаттар",
        "ru": "Направления и цели",
        "en": "Directions and goals",
    }
    shots: dict[str, bytes] = {}
    page.goto(f"{base_url}/?year=2012")
    for language, name in (("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")):
        page.click(f'nav.languages a:text-is("{name}")')
        page.wait_for_url(f"{base_url}/?year=2012")  # back to the same page
        assert page.evaluate("document.documentElement.lang") == language
        expect(page.locator("h2", has_text=headings[language])).to_be_visible()
        path = tmp_path / f"dashboard-{language}.png"
        page.screenshot(path=str(path), full_page=True)
        shots[language] = path.read_bytes()
        assert path.stat().st_size > 10_000 and shots[language].startswith(b"\x89PNG")
    assert len(set(shots.values())) == 3  # three different pages, not one picture thrice
