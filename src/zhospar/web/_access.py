"""Who may call which route: ONE table from each route of the app to its rule, and the
middleware that signs the caller in (session cookie or ``Authorization: Bearer``) and enforces it.

A route with no rule is refused (403) rather than left open, and the role x route test walks the
app's own route table, so a new route without a line here fails it. A rule is a
``zhospar.rules.access.Rule``; who passes it is decided there, purely.

Facts are written within an editor's scope: the codes of the indicator, budget program or
milestone named in the path (or, for ``POST /api/actuals``, in the JSON body) must lie beneath
one of their codes. An import may touch the whole plan: an editor with a scope may send one, and
the import refuses each row outside the scope (with its row number), writing nothing. Each
request runs ``acting`` as its person, so every write it makes, and its
activity-log line, names them and the client's address.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from urllib.parse import quote

import psycopg
from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhospar._exceptions import ZhosparError
from zhospar.i18n import gettext
from zhospar.rules.access import (
    Decision,
    Person,
    Rule,
    decide,
    indicator_codes,
    milestone_codes,
    program_codes,
)
from zhospar.services.http import chosen_plan_key, http_status
from zhospar.store.activity import Actor, acting
from zhospar.store.credentials import session_person, token_person
from zhospar.store.data_version import states_read_once
from zhospar.store.db import Database, database_error

__all__ = ["ROUTE_RULES", "SESSION_COOKIE", "Authorize", "app_routes", "route_key"]

SESSION_COOKIE = "zhospar_session"
_DRIVER_ERRORS = (DBAPIError, sqlite3.Error, psycopg.Error)
ANONYMOUS = "anonymous"

ROUTE_RULES: dict[tuple[str, str], Rule] = {
    # signing in, and what every page loads
    ("GET", "/login"): Rule.PUBLIC,
    ("POST", "/login"): Rule.PUBLIC,
    ("POST", "/logout"): Rule.PUBLIC,
    ("GET", "/language"): Rule.PUBLIC,  # the language switch: the login page has it too
    ("*", "/static"): Rule.PUBLIC,
    # pages
    ("GET", "/"): Rule.READ,
    ("GET", "/plan"): Rule.READ,
    ("GET", "/milestones"): Rule.READ,
    ("GET", "/indicators/{indicator_id}"): Rule.READ,
    ("GET", "/budget"): Rule.READ,
    ("GET", "/import"): Rule.READ,
    ("GET", "/import/template"): Rule.READ,
    ("GET", "/audit"): Rule.READ,
    ("GET", "/reading"): Rule.READ,
    ("GET", "/report"): Rule.READ,
    ("GET", "/plan/text"): Rule.READ,
    ("GET", "/plan/alignment"): Rule.READ,
    ("GET", "/plan/capabilities"): Rule.READ,
    ("GET", "/legal-acts"): Rule.READ,
    ("GET", "/allocation"): Rule.READ,
    ("GET", "/risks"): Rule.READ,
    ("GET", "/search"): Rule.READ,
    ("GET", "/activity"): Rule.PLANNER,
    ("GET", "/periods"): Rule.READ,
    ("POST", "/plans/choose"): Rule.READ,
    ("GET", "/plan/versions"): Rule.READ,
    ("GET", "/plan/diff"): Rule.READ,
    ("POST", "/plan/amend"): Rule.PLANNER,  # which plan the pages show: a reader's own choice
    ("POST", "/periods/{year}/approve"): Rule.PLANNER,
    ("POST", "/periods/{year}/reopen"): Rule.PLANNER,
    ("POST", "/indicators/{indicator_id}/actuals"): Rule.WRITE_FACTS,
    ("POST", "/indicators/{indicator_id}/reasons"): Rule.WRITE_FACTS,  # within the scope
    ("POST", "/budget/{code}/actual"): Rule.WRITE_FACTS,
    ("POST", "/milestones/{milestone_id}/actual"): Rule.WRITE_FACTS,
    ("POST", "/import/preview"): Rule.WRITE_FACTS,
    ("POST", "/import/confirm"): Rule.WRITE_FACTS,
    ("POST", "/indicators/{indicator_id}/overrides"): Rule.PLANNER,
    ("POST", "/indicators/{indicator_id}/confirm"): Rule.PLANNER,  # a polarity override
    ("POST", "/risks/{risk_id}/assessments"): Rule.PLANNER,
    # the JSON API
    ("GET", "/api/openapi.json"): Rule.READ,
    ("GET", "/api/plans"): Rule.READ,
    ("GET", "/api/plan"): Rule.READ,
    ("GET", "/api/scores"): Rule.READ,
    ("GET", "/api/indicators/{indicator_id}"): Rule.READ,
    ("GET", "/api/indicators/{indicator_id}/targets"): Rule.READ,
    ("GET", "/api/actuals"): Rule.READ,
    ("GET", "/api/audit"): Rule.READ,
    ("GET", "/api/budget"): Rule.READ,
    ("GET", "/api/plan/sections"): Rule.READ,
    ("GET", "/api/plan/names"): Rule.READ,
    ("GET", "/api/legal-acts"): Rule.READ,
    ("GET", "/api/allocation"): Rule.READ,
    ("GET", "/api/risks"): Rule.READ,
    ("GET", "/api/search"): Rule.READ,
    ("POST", "/api/actuals"): Rule.WRITE_FACTS,
    ("POST", "/api/indicators/{indicator_id}/reasons"): Rule.WRITE_FACTS,  # within the scope
    ("POST", "/api/imports"): Rule.WRITE_FACTS,  # a whole file: each row within the scope
    ("POST", "/api/indicators/{indicator_id}/overrides"): Rule.PLANNER,
    ("POST", "/api/risks/{risk_id}/assessments"): Rule.PLANNER,
}

_READING = {"GET", "HEAD"}
# a whole file: an editor with a scope may send one; the import checks each row against it
_ROWS_CHECKED = {("POST", "/import/preview"), ("POST", "/import/confirm"), ("POST", "/api/imports")}


def app_routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route of an app, the routers it includes opened up (FastAPI keeps an included
    router as one entry; its routes already carry the router's own prefix)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is None:
            yield route
            continue
        if getattr(getattr(route, "include_context", None), "prefix", ""):
            raise ValueError("include routers without a prefix: give it to the APIRouter")
        yield from app_routes(included.routes)


def route_key(request: Request) -> tuple[tuple[str, str] | None, dict[str, str]]:
    """The route ``request`` goes to, as a key of ``ROUTE_RULES``, and its path parameters;
    None when no route takes it (the router then answers 404 or 405, running nothing)."""
    method = "GET" if request.method == "HEAD" else request.method
    state = request.app.state
    if getattr(state, "routes", None) is None:
        state.routes = list(app_routes(request.app.router.routes))
    for route in state.routes:
        match, child = route.matches(request.scope)
        if match is not Match.FULL:
            continue
        if isinstance(route, Mount):
            return ("*", route.path), {}
        return (method, str(getattr(route, "path", ""))), dict(child.get("path_params", {}))
    return None, {}


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _db(request: Request) -> Database:
    return request.app.state.context.db  # type: ignore[no-any-return]


def _signed_in(request: Request) -> Person | None:
    """The person of the Bearer token (API routes, and GET of any page), else of the session."""
    db = _db(request)
    token = _bearer(request)
    if token is not None and (_is_api(request) or request.method in _READING):
        return token_person(db, token)
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        person = session_person(db, session)
        if person is not None:
            request.state.session_id = session
        return person
    return None


async def _write_codes(
    request: Request, params: dict[str, str], body: _Body
) -> frozenset[str] | None:
    """Where a write of facts lands in the plan tree; None: anywhere (an import)."""
    ctx = request.app.state.context
    plan = replace(ctx, plan_key=chosen_plan_key(request)).plan()  # read once per process
    if "indicator_id" in params:
        return indicator_codes(plan, params["indicator_id"]) or frozenset()
    if "milestone_id" in params:
        return milestone_codes(plan, params["milestone_id"]) or frozenset()
    if "code" in params:
        return program_codes(plan, params["code"])
    if request.url.path == "/api/actuals":  # the one JSON body naming where it writes
        try:
            found = json.loads(await body.read())
        except ValueError:
            return frozenset()
        ident = found.get("indicator_id") if isinstance(found, dict) else None
        if not isinstance(ident, str):
            return frozenset()
        return indicator_codes(plan, ident) or frozenset()
    return None


class _Body:
    """A request's body, read here when the rule needs it and then handed on to the route as
    if it had not been read."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._data: bytes | None = None
        self._handed = False

    async def read(self) -> bytes:
        if self._data is None:
            chunks: list[bytes] = []
            while True:
                message = await self._receive()
                if message["type"] != "http.request":
                    break  # the client went away: the route sees what came
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
            self._data = b"".join(chunks)
        return self._data

    async def receive(self) -> Message:
        """The ``receive`` the route gets: the body read here first, if it was."""
        if self._data is not None and not self._handed:
            self._handed = True
            return {"type": "http.request", "body": self._data, "more_body": False}
        return await self._receive()


def _refusal(request: Request, decision: Decision, rule: Rule | None) -> Response:
    from zhospar.web.app import error_page  # the app's error pages; imported late (cycle)

    if decision is Decision.UNAUTHENTICATED:
        if not _is_api(request) and request.method in _READING:
            query = f"?{request.url.query}" if request.url.query else ""
            target = quote(request.url.path + query)
            return RedirectResponse(f"/login?next={target}", status_code=303)
        response = error_page(
            request, 401, gettext("sign in first (or send Authorization: Bearer TOKEN)")
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="zhospar"'
        return response
    if rule is None:
        message = gettext("this route has no access rule: it is refused to everyone")
        return error_page(request, 403, message)
    return error_page(request, 403, gettext("your role or scope does not allow this"))


async def _decision(
    request: Request, key: tuple[str, str], params: dict[str, str], body: _Body
) -> tuple[Decision, Rule | None, Person | None]:
    """Who is asking and whether the route's rule lets them (reads the database)."""
    rule = ROUTE_RULES.get(key)
    # a database round trip (PostgreSQL: another process): in a thread, so that the event loop
    # answers other requests meanwhile rather than waiting with it
    person = await run_in_threadpool(_signed_in, request)
    request.state.person = person
    public = bool(getattr(request.app.state, "public", False))
    if rule is None:
        return (Decision.FORBIDDEN if person else Decision.UNAUTHENTICATED), rule, person
    needs_codes = rule is Rule.WRITE_FACTS and person is not None and bool(person.scopes)
    codes = await _write_codes(request, params, body) if needs_codes else None
    if needs_codes and codes is None and key in _ROWS_CHECKED:  # each row against the scope
        codes = frozenset(person.scopes)  # type: ignore[union-attr]
    return decide(person, rule, public=public, codes=codes), rule, person


class Authorize:
    """ASGI middleware, just outside the routes: sign the caller in, check the route's rule,
    and run the route as that person.

    Runs outside the app's exception handlers: a database that fails while the caller is
    looked up answers here as it would in a route (503, one sentence), not with a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        key, params = route_key(request)
        if key is None or (ROUTE_RULES.get(key) is Rule.PUBLIC and key[0] == "*"):
            await self.app(scope, receive, send)  # no route (404, 405), or static files
            return
        body = _Body(receive)
        try:
            decision, rule, person = await _decision(request, key, params, body)
        except (ZhosparError, *_DRIVER_ERRORS) as error:
            await _failure(request, error)(scope, receive, send)
            return
        if decision is not Decision.ALLOW:
            await _refusal(request, decision, rule)(scope, receive, send)
            return
        address = request.client.host if request.client else "unknown"
        # a GET writes nothing: the plan's state is read once for the whole page
        reading = states_read_once() if request.method in _READING else nullcontext()
        with acting(Actor(person.name if person else ANONYMOUS, address)), reading:
            await self.app(scope, body.receive, send)


def _failure(request: Request, error: Exception) -> Response:
    from zhospar.web.app import error_page  # the app's error pages; imported late (cycle)

    known = error if isinstance(error, ZhosparError) else database_error(error)
    return error_page(request, http_status(known), str(known))
