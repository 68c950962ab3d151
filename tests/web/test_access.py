"""Who may call which route: the role x route matrix, built from the app's own route table.

Every route of the app (pages, API, static files, the OpenAPI document) is called by nobody, a
viewer, an editor within their scope and one outside it, a planner and an admin. The outcome
each should get is written here by hand, per rule; a route with no rule in
``zhospar.web._access.ROUTE_RULES`` fails the first test, so a new route cannot go unguarded.
Requests that get through are built to be refused by the route itself (an empty form, a value
that is not a number), so the matrix writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.routing import Mount

from tests._webapp import PASSWORD, TestClient, csrf_token, new_client
from zhospar.rules.access import Rule
from zhospar.server import create_app
from zhospar.store import Database, Settings
from zhospar.web._access import ROUTE_RULES, app_routes

# samples for the path parameters; the in-scope editor's codes cover each of them (T1.3.1-I1
# and milestone T1.1.1-M1 lie under direction 1, budget program 002 is named), the other's none
SAMPLES = {
    "indicator_id": "T1.3.1-I1",
    "code": "002",
    "milestone_id": "T1.1.1-M1",
    "year": "2009",
    "risk_id": "R1",
}  # fmt: skip  (2009: before the plan, so approving it writes nothing)
PERSONAS: dict[str, tuple[str, str, str] | None] = {
    "anonymous": None,
    "viewer": ("matrix-viewer", "viewer", ""),
    "editor in scope": ("matrix-editor-in", "editor", "1 002"),
    "editor out of scope": ("matrix-editor-out", "editor", "5.1"),
    "planner": ("matrix-planner", "planner", ""),
    "admin": ("matrix-admin", "admin", ""),
}
OK, LOGIN, REFUSED = "allowed", "sign in", "refused"
BY_RULE = {  # anonymous, viewer, editor in scope, editor out of scope, planner, admin
    Rule.PUBLIC: (OK, OK, OK, OK, OK, OK),
    Rule.READ: (LOGIN, OK, OK, OK, OK, OK),
    Rule.WRITE_FACTS: (LOGIN, REFUSED, OK, REFUSED, OK, OK),
    Rule.PLANNER: (LOGIN, REFUSED, REFUSED, REFUSED, OK, OK),
    Rule.ADMIN: (LOGIN, REFUSED, REFUSED, REFUSED, REFUSED, OK),
}
WHOLE_PLAN = {  # a file: any editor may send one; the import refuses its rows outside the scope
    ("POST", "/import/preview"),
    ("POST", "/import/confirm"),
    ("POST", "/api/imports"),
}
TOO_LONG = "x" * 2001  # a reason past the text limit: the route refuses it, writing nothing


def _routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, from its route table."""
    found: list[tuple[str, str]] = []
    for route in app_routes(app.router.routes):
        if isinstance(route, Mount):
            found.append(("*", route.path))
            continue
        found += [(m, route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
    return found


@pytest.fixture(scope="module")
def clients(web_database: Database) -> Iterator[dict[str, TestClient]]:
    app = create_app(web_database, settings=Settings(web_database.url, "os-user"))
    opened: dict[str, TestClient] = {}
    try:
        for persona, who in PERSONAS.items():
            name, role, scope = who or (None, "viewer", "")
            manager = new_client(app, name, role, scope)
            opened[persona] = manager.__enter__()
            opened[persona].manager = manager  # type: ignore[attr-defined]
        yield opened
    finally:
        for client in opened.values():
            client.manager.__exit__(None, None, None)  # type: ignore[attr-defined]


def test_every_route_has_a_rule_and_every_rule_a_route(clients: dict[str, TestClient]) -> None:
    routes = _routes(clients["admin"].app)
    assert [r for r in routes if r not in ROUTE_RULES] == []
    assert [r for r in ROUTE_RULES if r not in routes] == []


def _call(client: TestClient, method: str, path: str, persona: str) -> Any:
    url = path.format(**SAMPLES)
    if method == "*":
        return client.get(f"{url}/zhospar.css")
    if method == "GET":
        return client.get(url, follow_redirects=False)
    if url.startswith("/api/"):  # a value that is no number: refused by the route, not written
        body = {"indicator_id": SAMPLES["indicator_id"], "period": "2013", "value": "abc"}
        return client.post(url, json=body)
    data = {"csrf_token": csrf_token(client, "/login"), "reason": TOO_LONG}
    if url == "/login":  # the persona's own name (nobody's: the viewer's), never a failure
        who = PERSONAS[persona] or PERSONAS["viewer"]
        assert who is not None
        data.update(name=who[0], password=PASSWORD)
    return client.post(url, data=data, follow_redirects=False)


def _outcome(response: Any) -> str:
    location = response.headers.get("location", "")
    if response.status_code == 303 and location.startswith("/login?next="):
        return LOGIN
    if response.status_code == 401 and "sign in first" in response.text:
        return LOGIN
    if response.status_code == 403 and "does not allow" in response.text:
        return REFUSED
    return OK


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_role_x_route_matrix(clients: dict[str, TestClient], persona: str) -> None:
    client = clients[persona]
    column = list(PERSONAS).index(persona)
    wrong: dict[str, tuple[str, int, str]] = {}
    for method, path in _routes(client.app):
        expected = BY_RULE[ROUTE_RULES[(method, path)]][column]
        if persona.startswith("editor") and (method, path) in WHOLE_PLAN:
            expected = OK
        response = _call(client, method, path, persona)
        who = PERSONAS[persona]
        if path in ("/login", "/logout") and who is not None:  # a new session, or none
            _sign_in_again(client, who[0])
        found = _outcome(response)
        if found != expected:
            wrong[f"{method} {path}"] = (found, response.status_code, response.text[:120])
        assert response.status_code < 500, (method, path, response.text[:300])
    assert wrong == {}


def _sign_in_again(client: TestClient, name: str) -> None:
    data = {"csrf_token": csrf_token(client, "/login"), "name": name, "password": PASSWORD}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def test_a_public_server_lets_anyone_read_and_nobody_write(web_database: Database) -> None:
    app = create_app(web_database, settings=Settings(web_database.url, "x"), public=True)
    with new_client(app, None) as anyone:
        for method, path in _routes(app):
            rule = ROUTE_RULES[(method, path)]
            response = _call(anyone, method, path, "anonymous")
            expected = OK if rule in (Rule.PUBLIC, Rule.READ) else LOGIN
            assert _outcome(response) == expected, (method, path)


HEAD_PATHS = (  # a page, a planner's page, a download, API reads, the OpenAPI document
    "/",
    "/indicators/T1.3.1-I1",
    "/activity",
    "/import/template",
    "/report?year=2013&format=xlsx",
    "/api/plan",
    "/api/indicators/T1.3.1-I1",
    "/api/openapi.json",
)


@pytest.mark.parametrize("persona", ["anonymous", "viewer", "planner"])
def test_head_answers_as_get_does_without_the_body(
    clients: dict[str, TestClient], persona: str
) -> None:
    client = clients[persona]
    for path in HEAD_PATHS:
        got = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert (head.status_code, head.content) == (got.status_code, b""), (persona, path)
        for name in ("content-type", "location", "content-disposition"):
            assert head.headers.get(name) == got.headers.get(name), (persona, path, name)
        # a workbook is made anew per request (its creation time inside): its zipped length may
        # differ by a byte between two answers, so only the made-once answers compare lengths
        made_per_request = path.startswith(("/report", "/import/template"))
        assert int(head.headers["content-length"]) == len(got.content) or made_per_request, (
            persona,
            path,
        )


def test_head_is_refused_where_get_is(clients: dict[str, TestClient]) -> None:
    """Access treats HEAD as GET: nobody is sent to sign in, a viewer is refused a planner's
    page, and a method no route takes is still 405."""
    assert clients["anonymous"].head("/", follow_redirects=False).headers["location"] == (
        "/login?next=/"
    )
    assert clients["anonymous"].head("/api/plan").status_code == 401
    assert clients["viewer"].head("/activity").status_code == 403
    assert clients["planner"].head("/logout").status_code == 405
