"""Signing in and out (``/login``, ``/logout``) and the activity log (``/activity``).

A login checks the name's password (argon2), unless the name or the client's address has failed
too often lately (``zhospar.store.credentials``: the wait doubles past five failures and is kept
in the database, so every worker sees it). A successful login opens a new session (a new id, so
an id planted before the login is worth nothing) in an HttpOnly, SameSite=Lax cookie, Secure
under https.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zhospar._exceptions import quoted
from zhospar.services.http import Context
from zhospar.store.activity import activity, since_day
from zhospar.store.credentials import (
    SESSION_HOURS,
    clear_failed_logins,
    close_session,
    login_wait,
    note_failed_login,
    open_session,
)
from zhospar.store.people import check_password
from zhospar.web._access import SESSION_COOKIE
from zhospar.web._render import render, same_site_path
from zhospar.web._security import CsrfForm

router = APIRouter()

_FIELD_LIMIT = 1000


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    return render(request, "login", {"next": same_site_path(next), "error": None, "name": ""})


def _refused(request: Request, name: str, target: str, message: str, status: int) -> Response:
    context = {"next": target, "error": message, "name": quoted(name)}
    return render(request, "login", context, status=status)


@router.post("/login", response_model=None, dependencies=[CsrfForm])
def login(
    request: Request,
    ctx: Context,
    name: Annotated[str, Form(max_length=_FIELD_LIMIT)] = "",
    password: Annotated[str, Form(max_length=_FIELD_LIMIT)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Sign in: a new session and back to the page asked for; slowed after failures."""
    target, address = same_site_path(next), request.client.host if request.client else "unknown"
    wait = login_wait(ctx.db, name, address)
    if wait:
        message = f"too many failed logins: try again in {wait} s"
        return _refused(request, name, target, message, 429)
    person = check_password(ctx.db, name.strip(), password)
    if person is None:
        note_failed_login(ctx.db, name, address)
        return _refused(request, name, target, "wrong name or password", 401)
    clear_failed_logins(ctx.db, person.name)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        close_session(ctx.db, old)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, open_session(ctx.db, person.name), max_age=SESSION_HOURS * 3600,
        httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/",
    )  # fmt: skip
    return response


@router.post("/logout", response_model=None, dependencies=[CsrfForm])
def logout(request: Request, ctx: Context) -> Response:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        close_session(ctx.db, session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/activity", response_class=HTMLResponse)
def activity_page(
    request: Request,
    ctx: Context,
    user: Annotated[str, Query(max_length=100)] = "",
    since: Annotated[str, Query(max_length=40)] = "",
    action: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    """Who did what, newest first, by person, date and kind of action (planners and admins)."""
    found = activity(ctx.db, user=user or None, since=since_day(since), action=action or None)
    filters = {"user": user, "since": since, "action": action}
    return render(request, "activity", {"entries": found, "filters": filters})
