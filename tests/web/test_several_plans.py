"""Several plans in one database: every page, report and API route works on the plan the
request names (``?plan=``, the switcher's cookie, else the server's), and names it.

Beside the bundled plan, the tests store a small plan of their own (typed here: one direction,
one goal, one target indicator and one task indicator whose ids are those of the bundled plan,
so that a value recorded for one plan visibly does not reach the other).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from starlette.routing import Route

from tests._builders import indicator
from tests._webapp import TestClient, csrf_token, new_client
from zhospar.export.xlsx import write_workbook
from zhospar.model.plan import Direction, Goal, Phase, Plan, Task, YearValue
from zhospar.server import create_app
from zhospar.services.plan_files import load_plan_file
from zhospar.store import Database, Settings
from zhospar.web._access import app_routes

SMALL = "small-2020"
SMALL_TITLE = "Test agency: strategic plan 2020-2024"
BUNDLED = "mlsp-2010-2014"
BUNDLED_TITLE_WORD = "стратегиялық жоспары"  # the bundled plan's title (line 1 of the text)


def _values(line: int, cells: dict[int, str]) -> list[YearValue]:
    return [
        YearValue(
            year=year,
            phase=Phase.REPORTED if year < 2020 else Phase.PLANNED,
            value=Decimal(cell),
            raw=cell,
            line=line,
        )
        for year, cell in cells.items()
    ]


def small_plan() -> Plan:
    """A plan of five years, 2020-2024, with two reported years before it."""
    years = {2018: "10", 2019: "12", 2020: "14", 2021: "16", 2022: "18", 2023: "20", 2024: "22"}
    target = indicator("G1.1-I1", "Share of services online", "%", 5, values=_values(5, years))
    task_values = _values(8, {2020: "100", 2021: "120", 2022: "140", 2023: "160", 2024: "180"})
    task = Task(
        id="T1.1.1",
        code="1.1.1",
        name="Put the services online",
        indicators=[indicator("T1.1.1-I1", "Services online", "бірлік", 8, values=task_values)],
        line=7,
    )
    goal = Goal(
        id="G1.1", code="1.1", name="Services at a distance", target_indicators=[target],
        tasks=[task], line=4,
    )  # fmt: skip
    return Plan(
        title=SMALL_TITLE,
        ministry="Test agency",
        period_start=2020,
        period_end=2024,
        reported_years=[2018, 2019],
        directions=[Direction(id="D1", number=1, name="Digital services", goals=[goal], line=3)],
    )


@pytest.fixture(scope="module")
def two_plans(
    empty_database: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The bundled plan (the server's) and the small one, loaded from a plan workbook the
    test writes (``zhospar plan load``'s own path), a planner signed in."""
    workbook = tmp_path_factory.mktemp("small") / "small-plan.xlsx"
    write_workbook(small_plan(), workbook)
    loaded = load_plan_file(empty_database, workbook, SMALL)
    assert loaded.kind == "workbook" and loaded.stored.created
    app = create_app(empty_database, settings=Settings(empty_database.url, "os-user"))
    with new_client(app) as client:
        yield client


_NEEDS = {  # what a route requires; the small plan has one version, as approved
    "/api/search": {"q": "G1.1"},
    "/search": {"q": "G1.1"},
    "/plan/diff": {"from": f"{SMALL}@approved", "to": f"{SMALL}@approved"},
}


def shown_plan(html: str) -> str:
    """The plan the page's bar says it shows."""
    found = re.search(r'<strong id="current-plan">(.*?)</strong>', html)
    assert found is not None, "the page names no plan"
    return found.group(1)


def _reading_routes(client: TestClient) -> list[str]:
    """Every GET route of the app that takes no path parameter (pages and API alike)."""
    paths = []
    for route in app_routes(client.app.router.routes):  # type: ignore[attr-defined]
        if isinstance(route, Route) and "GET" in (route.methods or ()) and "{" not in route.path:
            paths.append(route.path)
    return sorted(set(paths) - {"/login", "/api/openapi.json", "/language"})


def test_the_server_plan_is_shown_when_none_is_named(two_plans: TestClient) -> None:
    page = two_plans.get("/")
    assert page.status_code == 200
    assert BUNDLED_TITLE_WORD in shown_plan(page.text)
    assert page.headers["Zhospar-Plan"] == BUNDLED
    assert two_plans.get("/api/plan").json()["key"] == BUNDLED


def test_every_reading_route_works_on_the_plan_it_names(two_plans: TestClient) -> None:
    routes = _reading_routes(two_plans)
    assert "/" in routes and "/api/plan" in routes and "/budget" in routes  # the list is real
    for path in routes:
        answer = two_plans.get(path, params={"plan": SMALL, **_NEEDS.get(path, {})})
        assert answer.status_code == 200, (path, answer.text[:300])
        assert answer.headers["Zhospar-Plan"] == SMALL, path
        if answer.headers["content-type"].startswith("text/html") and not path.startswith("/api"):
            assert shown_plan(answer.text) == SMALL_TITLE, path  # the page names its plan


def test_a_page_and_the_api_show_the_named_plans_own_figures(two_plans: TestClient) -> None:
    page = two_plans.get("/indicators/G1.1-I1", params={"plan": SMALL})
    assert page.status_code == 200 and "Share of services online" in page.text
    targets = two_plans.get("/api/indicators/G1.1-I1/targets", params={"plan": SMALL}).json()
    assert {t["year"]: t["raw"] for t in targets}[2022] == "18"
    # the bundled plan's G1.1-I1 is the unemployment rate: 2012 target 6,2 (line 217)
    bundled = two_plans.get("/api/indicators/G1.1-I1/targets").json()
    assert {t["year"]: t["raw"] for t in bundled}[2012] == "6,2"


def test_a_value_recorded_for_one_plan_stays_with_it(two_plans: TestClient) -> None:
    sent = {"indicator_id": "T1.1.1-I1", "period": "2021", "value": "125"}
    assert two_plans.post("/api/actuals", params={"plan": SMALL}, json=sent).status_code == 201
    small = two_plans.get("/api/actuals", params={"plan": SMALL}).json()
    assert [(a["indicator_id"], a["period"], a["value"]) for a in small] == [
        ("T1.1.1-I1", "2021", "125")
    ]
    assert all(a["indicator_id"] != "T1.1.1-I1" for a in two_plans.get("/api/actuals").json())
    # 125 of a target of 120 (an increase): achieved on the small plan's own indicator page
    page = two_plans.get("/indicators/T1.1.1-I1", params={"plan": SMALL, "year": "2021"})
    assert "104.17" in page.text


@pytest.mark.parametrize("form", ["annual", "official"])
@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_every_report_of_the_named_plan(two_plans: TestClient, form: str, fmt: str) -> None:
    asked = {"plan": SMALL, "year": "2021", "form": form, "format": fmt, "download": "true"}
    report = two_plans.get("/report", params=asked)
    assert report.status_code == 200, report.text[:300]
    assert SMALL in report.headers["content-disposition"]
    assert report.headers["Zhospar-Plan"] == SMALL
    assert len(report.content) > 1000
    if fmt == "html":  # the small plan's own rows, not the bundled plan's
        assert "Services online" in report.text and "Жұмыссыздық" not in report.text


def test_a_plan_no_one_stored_is_a_404_naming_the_plans(two_plans: TestClient) -> None:
    answer = two_plans.get("/api/plan", params={"plan": "no-such-plan"})
    assert answer.status_code == 404
    assert BUNDLED in answer.json()["detail"] and SMALL in answer.json()["detail"]
    assert two_plans.get("/", params={"plan": "no-such-plan"}).status_code == 404


def test_the_switcher_remembers_the_choice_and_refuses_what_is_not_a_plan(
    two_plans: TestClient,
) -> None:
    page = two_plans.get("/budget")
    assert 'action="/plans/choose"' in page.text and f'value="{SMALL}"' in page.text
    token = csrf_token(two_plans, "/budget")
    chosen = two_plans.post(
        "/plans/choose",
        data={"csrf_token": token, "key": SMALL, "next": "/budget"},
        follow_redirects=False,
    )
    assert chosen.status_code == 303 and chosen.headers["location"] == "/budget"
    try:
        assert shown_plan(two_plans.get("/").text) == SMALL_TITLE
        assert two_plans.get("/api/plan").json()["key"] == SMALL
        # a ?plan= still outranks the choice
        assert two_plans.get("/api/plan", params={"plan": BUNDLED}).json()["key"] == BUNDLED
        unknown = two_plans.post(
            "/plans/choose", data={"csrf_token": token, "key": "nope", "next": "/"}
        )
        assert unknown.status_code == 404
        away = two_plans.post(
            "/plans/choose",
            data={"csrf_token": token, "key": SMALL, "next": "//evil.example/"},
            follow_redirects=False,
        )
        assert away.headers["location"] == "/"  # never an open redirect
        no_token = two_plans.post("/plans/choose", data={"key": SMALL}, follow_redirects=False)
        assert no_token.status_code == 403  # another site cannot switch a person's plan
    finally:
        two_plans.cookies.delete("zhospar_plan")
    assert two_plans.get("/api/plan").json()["key"] == BUNDLED


def test_a_stale_choice_falls_back_to_the_servers_plan(two_plans: TestClient) -> None:
    two_plans.cookies.set("zhospar_plan", "deleted-plan")
    try:
        assert two_plans.get("/api/plan").json()["key"] == BUNDLED
    finally:
        two_plans.cookies.delete("zhospar_plan")
