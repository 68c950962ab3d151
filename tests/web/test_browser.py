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
from zhospar.store import Settings, initialize, open_database

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
USER = "browser-user"
REFUSED = "the server responded with a status of 422"  # a refused value or file


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
def page(browser: object) -> Iterator[object]:
    """A fresh page; console errors and CSP violations seen are checked after the test."""
    from playwright.sync_api import Browser, ConsoleMessage

    assert isinstance(browser, Browser)
    context = browser.new_context()
    opened = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium logs every 4xx answer; a refused value's 422 is the form working as meant.
        if REFUSED in message.text:
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    violations = opened.evaluate("window.__cspViolations || []")
    context.close()
    assert problems == [] and violations == []


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
    page.goto(f"{base_url}/?year=2014")
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
    page.goto(f"{base_url}/plan?year=2012")
    page.click('a[href="/indicators/T1.3.1-I1?year=2012"]')
    expect(page.locator("h1")).to_contain_text("ЖАО-ға жұмыспен қамту")
    page.fill('input[name="value"]', "150")  # thousand persons: accepted
    page.fill('input[name="period"]', "2012")
    page.fill('input[name="source"]', "browser test <b>bulletin</b>")
    page.click('form.entry button[type="submit"]')
    expect(page.locator(".notice")).to_contain_text("2012: recorded")
    history = page.locator("#revisions")
    expect(history).to_contain_text("browser test <b>bulletin</b>")  # shown as text
    expect(history).to_contain_text(USER)
    page.fill('input[name="value"]', "abc")
    page.click('form.entry button[type="submit"]')
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
    page.goto(f"{base_url}/import")
    page.evaluate("window.__marker = 'same document'")
    page.set_input_files("#import-file", str(bad))
    page.click('#upload button[type="submit"]')
    problems = page.locator("#problems")
    expect(problems).to_contain_text("bad.csv: 2 problem(s), nothing written")
    expect(problems).to_contain_text("the period 2020 is outside the plan")
    page.set_input_files("#import-file", str(good))
    page.click('#upload button[type="submit"]')
    expect(page.locator("#preview-counts")).to_contain_text("1 value(s): 1 would be added")
    page.click("#confirm-import")
    expect(page.locator("#import-counts")).to_contain_text("1 value(s) recorded: 1 added")
    assert page.evaluate("window.__marker") == "same document"  # htmx swapped the body
    page.goto(f"{base_url}/indicators/T4.1.2-I1?year=2013")
    expect(page.locator("#revisions")).to_contain_text("pensions-2013.csv, row 2")


def test_the_search_box_finds_an_indicator(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/risks?year=2012")
    page.fill('form.search input[name="q"]', "жұмыссыздық")
    page.press('form.search input[name="q"]', "Enter")
    expect(page.locator("#search-summary")).to_contain_text("found for “жұмыссыздық”")
    page.click('ol.search-results a[href="/indicators/G1.1-I1"]')
    expect(page.locator("h1")).to_contain_text("Жұмыссыздық деңгейі")


def test_an_assessment_through_the_risk_form(base_url: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _watch_csp(page)
    page.goto(f"{base_url}/risks?year=2012")
    form = page.locator("#R5 form.entry")
    form.locator('select[name="likelihood"]').select_option("3")
    form.locator('select[name="impact"]').select_option("4")
    form.locator('textarea[name="note"]').fill("benefits indexed late")
    form.locator("button").click()
    expect(page.locator(".notice")).to_contain_text("R5 2012: assessment recorded")
    expect(page.locator("#R5 .assessment")).to_contain_text("Likelihood 3 (medium), impact 4")
