"""The pages' application factory: the pages, static files, security and error pages.

``zhospar.server.create_app`` adds the JSON API (``zhospar.api``) to the app made here, so that
the pages import no module of the API: both ask ``zhospar.services``. Paths under ``/api``
answer errors as JSON, pages as HTML.

``pages_app`` connects to nothing and reads no environment unless asked to: given a
``Database`` it serves it (tests pass a temporary one); given none, it opens the database of
``Settings`` (``ZHOSPAR_DATABASE_URL``, else the SQLite file in the user's data folder) when the
server starts, and closes it when the server stops.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException

from zhospar._exceptions import ZhosparError, quoted
from zhospar.i18n import N_, gettext, lazy_gettext
from zhospar.services.context import AppContext
from zhospar.services.http import http_status
from zhospar.store import Database, Settings, open_database
from zhospar.store.db import database_error
from zhospar.web import (
    amendment_pages,
    audit_pages,
    budget_pages,
    dashboard,
    import_pages,
    indicator_pages,
    language_pages,
    milestone_pages,
    people_pages,
    period_pages,
    plan_pages,
    plan_switch,
    report_pages,
    risk_pages,
    search_pages,
    section_pages,
)
from zhospar.web._access import Authorize
from zhospar.web._head import HeadAsGet
from zhospar.web._language import RequestLanguage
from zhospar.web._render import environment, here, is_fragment
from zhospar.web._security import LOOPBACK_HOSTS, SiteGuard
from zhospar.web._turns import ReadTurns
from zhospar.web._uploads import StagedUploads
from zhospar.web.plan_switch import NameThePlan

__all__ = ["pages_app"]

_TITLES: dict[int, Any] = {  # translated when shown, in the page's language
    400: lazy_gettext("Bad request"),
    401: lazy_gettext("Sign in"),
    413: lazy_gettext("Too large"),
    403: lazy_gettext("Refused"),
    404: lazy_gettext("Not found"),
    405: lazy_gettext("Not allowed"),
    415: lazy_gettext("Unsupported form"),
    409: lazy_gettext("Not now"),
    422: lazy_gettext("Cannot do that"),
    429: lazy_gettext("Too many attempts"),
    500: lazy_gettext("Server error"),
    503: lazy_gettext("Database unavailable"),
}


def pages_app(
    db: Database | None = None,
    *,
    settings: Settings | None = None,
    plan_key: str | None = None,
    public: bool = False,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """The pages over ``db`` (or the database of ``settings``), showing plan ``plan_key``.

    ``zhospar.server.create_app`` is this app with the JSON API added. Everyone signs in
    (``zhospar.web._access``); ``public`` lets anyone read, never write. The app answers to the
    loopback names and ``allowed_hosts`` only (DNS rebinding).
    """
    chosen = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            if db is not None:
                yield
                return
            opened = open_database(chosen.database_url)
            app.state.context = AppContext(opened, chosen.user, plan_key)
            try:
                yield
            finally:
                opened.close()
        finally:
            app.state.uploads.close()  # uploads waiting for confirmation go with the server

    app = FastAPI(
        title="Zhospar",
        summary="Monitoring and evaluation of government strategic plans",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    if db is not None:
        app.state.context = AppContext(db, chosen.user, plan_key)
    # kept in the database, so that any worker can confirm what another previewed
    app.state.uploads = StagedUploads(lambda: app.state.context.db)
    app.state.public = public
    app.state.allowed_hosts = LOOPBACK_HOSTS | {h.strip().lower() for h in allowed_hosts}
    # plain ASGI layers, each added outside the one before (``@app.middleware("http")`` would
    # run the rest of the app in a task of its own and queue its answer: a cost per request)
    app.add_middleware(NameThePlan)  # the innermost: names the plan the route worked on
    app.add_middleware(Authorize)  # signs the caller in and checks the route's rule
    app.add_middleware(SiteGuard)  # host names, body sizes, security headers
    app.add_middleware(RequestLanguage)  # every layer inside speaks the page's language
    app.add_middleware(ReadTurns)  # reads take turns, writes go straight through
    app.add_middleware(HeadAsGet)  # the outermost: every layer sees a HEAD as the GET it is
    static = resources.files("zhospar.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    pages = (dashboard, plan_pages, milestone_pages, indicator_pages, budget_pages, import_pages,
             audit_pages, report_pages, section_pages, risk_pages, search_pages, people_pages,
             period_pages, language_pages, plan_switch, amendment_pages)  # fmt: skip
    for module in pages:  # pages answer HTML: the OpenAPI description is the JSON API's
        app.include_router(module.router, include_in_schema=False)
    _errors(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_page(request: Request, status: int, message: str) -> Response:
    """A page that says what went wrong in words, with a way back; JSON under /api."""
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    title = str(_TITLES.get(status) or gettext("Error"))
    name = "error_body.html.j2" if is_fragment(request) else "error.html.j2"  # htmx: the body
    html = (
        environment()
        .get_template(name)
        .render(
            status=status,
            title=title,
            message=message,
            request_path=request.url.path,
            here=here(request),
        )
    )
    return Response(html, status_code=status, media_type="text/html; charset=utf-8")


def _finite(value: Any) -> Any:
    """``value`` with NaN and the infinities as text ("nan", "inf"): they are not JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


class EchoJSONResponse(JSONResponse):
    """JSON for errors that echo what the client sent: every non-ASCII character escaped (a
    lone surrogate sent as ``"\\ud800"`` cannot be encoded as UTF-8) and NaN or Infinity,
    which Python's parser accepts but JSON has not, as text."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(_finite(content), ensure_ascii=True, allow_nan=False)
        return text.encode("ascii")


def _short_input(error: dict[str, Any]) -> dict[str, Any]:
    """A field error whose echoed input is cut to a quotable length (a 50 KB value is not
    sent back whole)."""
    if isinstance(error.get("input"), str):
        return {**error, "input": quoted(error["input"])}
    return error


# What pydantic says of a bad parameter, for its most common kinds, in the page's language; a
# kind not listed keeps pydantic's (English) words.
_PROBLEMS = {
    "missing": N_("a value is required"),
    "int_parsing": N_('expected a whole number; got "{input}"'),
    "int_type": N_('expected a whole number; got "{input}"'),
    "decimal_parsing": N_('expected a number; got "{input}"'),
    "float_parsing": N_('expected a number; got "{input}"'),
    "enum": N_('expected one of {expected}; got "{input}"'),
    "literal_error": N_('expected one of {expected}; got "{input}"'),
    "string_too_long": N_("at most {max_length} characters"),
    "greater_than_equal": N_("expected at least {ge}"),
    "less_than_equal": N_("expected at most {le}"),
}


def _problem(error: Any) -> str:
    """One bad parameter's problem in words (``_PROBLEMS``), its input quoted and cut short."""
    message = _PROBLEMS.get(error.get("type", ""))
    if message is None:
        return str(error.get("msg", ""))
    context = {str(k): v for k, v in (error.get("ctx") or {}).items()}
    try:
        return gettext(message).format(input=quoted(str(error.get("input", ""))), **context)
    except (KeyError, IndexError):
        return str(error.get("msg", ""))


def _errors(app: FastAPI) -> None:
    """Zhospar's errors, HTTP errors and bad parameters: JSON for the API, pages for people."""

    async def zhospar_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ZhosparError)
        return error_page(request, http_status(exc), str(exc))

    async def database_failure(request: Request, exc: Exception) -> Response:
        """A database error the store did not translate: a StoreError all the same (503)."""
        return await zhospar_error(request, database_error(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if _is_api(request):
            return await http_exception_handler(request, exc)
        message = exc.detail if exc.status_code != 404 else gettext("There is no such page.")
        return error_page(request, exc.status_code, str(message))

    async def bad_parameters(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _is_api(request):
            errors = [_short_input(e) for e in jsonable_encoder(exc.errors())]
            return EchoJSONResponse({"detail": errors}, 422)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {_problem(e)}" for e in exc.errors()
        )
        return error_page(
            request, 422, gettext("Wrong parameter — {problems}").format(problems=problems)
        )

    app.add_exception_handler(ZhosparError, zhospar_error)
    for driver_error in (DBAPIError, sqlite3.Error, psycopg.Error):
        app.add_exception_handler(driver_error, database_failure)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_parameters)
