"""Which stored plan the pages show: the switcher's form, and the plan named on every answer.

A ministry keeps more than one plan (the next five-year plan, another body's, a version under
amendment). Every page, report and API route works on the plan the request names
(``?plan=KEY``), else the one the person chose here (a cookie), else the server's
(``zhospar serve --plan``); ``zhospar.services.http.chosen_plan_key`` decides. The choice is a
form post with the CSRF token, not a link: another site must not be able to change which plan a
person records values into.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from zhospar._exceptions import NotFoundError
from zhospar.services.http import PLAN_COOKIE, Context
from zhospar.web._security import CsrfForm, same_site_path

__all__ = ["PLAN_HEADER", "name_the_plan", "router"]

router = APIRouter()

PLAN_HEADER = "Zhospar-Plan"
_YEAR = 365 * 24 * 3600


@router.post("/plans/choose", response_model=None, dependencies=[CsrfForm])
def choose_plan(
    request: Request,
    ctx: Context,
    key: Annotated[str, Form(min_length=1, max_length=120)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Show plan ``key`` from now on (a cookie), back on the page the switch was made from."""
    known = ctx.db.plan_keys()
    if key not in known:
        raise NotFoundError(f'no plan "{key}" is stored; plans stored: {", ".join(known)}')
    target = same_site_path(next)
    if "plan=" in target:  # a ?plan= on the way back would outrank the choice just made
        target = target.split("?", 1)[0]
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        PLAN_COOKIE,
        key,
        max_age=_YEAR,
        httponly=True,
        samesite="lax",
        path="/",
        secure=request.url.scheme == "https",
    )
    return response


async def name_the_plan(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Name the plan an answer is about in its ``Zhospar-Plan`` header (pages, reports, API),
    so a script or a saved file can tell which plan it holds."""
    response = await call_next(request)
    if hasattr(request.state, "plan_key"):
        key = request.state.plan_key
        if key is None:
            try:
                key = request.app.state.context.db.default_plan_key()
            except Exception:  # the header is a courtesy: an answer never fails for it
                return response
        response.headers[PLAN_HEADER] = quote(key, safe="@._-")
    return response
