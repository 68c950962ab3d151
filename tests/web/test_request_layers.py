"""The plain ASGI layers every request passes (``zhospar.web.app``): the site guard (host names,
body sizes, security headers), the sign-in with its access rule, and the plan header.

They once were ``@app.middleware("http")`` functions; these tests hold what a caller sees of
them: a refusal made by a layer carries the same headers as a page, a JSON body read by the
sign-in to find where a write lands still reaches the route whole, the CSRF cookie made while a
page renders is set on its answer, and every answer about a plan names it.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from tests._webapp import csrf_token, new_client
from zhospar.server import create_app
from zhospar.store import Database, Settings, history
from zhospar.web._security import CSRF_COOKIE, HEADERS
from zhospar.web.plan_switch import PLAN_HEADER


@pytest.fixture(scope="module")
def app(empty_database: Database) -> Any:
    return create_app(empty_database, settings=Settings(empty_database.url, "os-user"))


def _secured(answer: Any) -> bool:
    return all(answer.headers.get(name) == value for name, value in HEADERS.items())


def test_a_scoped_editors_json_write_reaches_the_route_whole(
    app: Any, empty_database: Database
) -> None:
    body = {"indicator_id": "T1.3.1-I1", "period": "2013", "value": "7.5", "comment": "whole"}
    with new_client(app, "layers-editor", "editor", "1") as client:  # direction 1 only
        written = client.post("/api/actuals", json=body)
        elsewhere = client.post("/api/actuals", json={**body, "indicator_id": "G4.1-I2"})
    assert written.status_code == 201, written.text
    assert elsewhere.status_code == 403 and _secured(elsewhere)
    (kept,) = [a for a in history(empty_database, "T1.3.1-I1") if a.comment == "whole"]
    assert (str(kept.period), str(kept.value)) == ("2013", "7.5")


def test_refusals_made_by_the_layers_carry_the_security_headers(app: Any) -> None:
    with new_client(app, None) as anyone:
        wrong_host = anyone.get("/login", headers={"Host": "rebound.example"})
        too_large = anyone.post(
            "/login", content=b"x" * (64 * 1024 + 1), headers={"Content-Type": "text/plain"}
        )
        not_signed_in = anyone.get("/api/plan")
    assert wrong_host.status_code == 400 and "rebound.example" in wrong_host.text
    assert too_large.status_code == 413
    assert not_signed_in.status_code == 401
    assert all(_secured(a) for a in (wrong_host, too_large, not_signed_in))


def test_a_new_visitor_gets_the_csrf_cookie_and_answers_name_their_plan(
    app: Any, empty_database: Database
) -> None:
    plan = empty_database.plan_keys()[0]
    with new_client(app, None) as anyone:
        login = anyone.get("/login")
    assert login.status_code == 200 and _secured(login)
    assert f"{CSRF_COOKIE}=" in login.headers["set-cookie"]
    assert "httponly" in login.headers["set-cookie"].lower()
    with new_client(app) as planner:
        page, api, head = planner.get("/plan"), planner.get("/api/plan"), planner.head("/plan")
    assert page.headers[PLAN_HEADER] == api.headers[PLAN_HEADER] == plan
    assert (head.status_code, head.content, head.headers[PLAN_HEADER]) == (200, b"", plan)
    assert head.headers["content-language"] == "en" and _secured(head)


def test_a_page_reads_the_plans_state_once_and_a_write_sees_its_own_version(
    app: Any, empty_database: Database
) -> None:
    """The indicator page asks for the plan's state in four places (its evaluation, may the
    person give a reason, the reasons, the overrides): a GET reads it once. A form post reads
    it again after its write, so the page it answers shows the value just recorded."""
    states: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "data_version" in statement and "plan_versions" in statement:
            states.append(statement)

    event.listen(empty_database.engine, "before_cursor_execute", seen)
    try:
        with new_client(app) as planner:
            states.clear()
            page = planner.get("/indicators/T1.3.1-I1?year=2012")
            read = len(states)
            form = {"csrf_token": csrf_token(planner, "/"), "period": "2012", "value": "4321"}
            posted = planner.post(
                "/indicators/T1.3.1-I1/actuals?year=2012", data=form, headers={"HX-Request": "true"}
            )
    finally:
        event.remove(empty_database.engine, "before_cursor_execute", seen)
    assert page.status_code == 200 and read == 1
    # the plan's 2012 target is 230.3: 4321 / 230.3 x 100 = 1876.25 %, by hand
    assert posted.status_code == 200 and "4321 / 230.3 × 100 = 1876.25 %" in posted.text
