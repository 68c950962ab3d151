"""Which stored plan the pages show: the switcher's form, and the plan named on every answer.

A ministry keeps more than one plan (the next five-year plan, another body's, a version under
amendment). Every page, report and API route works on the plan the request names
(``?plan=KEY``), else the one the person chose here (a cookie), else the server's
(``zhospar serve --plan``); ``zhospar.services.http.chosen_plan_key`` decides. The choice is a
form post with the CSRF token, not a link: another site must not be able to change which plan a
person records values into.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhospar._exceptions import NotFoundError
from zhospar.services.http import PLAN_COOKIE, Context
from zhospar.store.data_version import plan_states
from zhospar.web._security import CsrfForm, same_site_path

__all__ = ["PLAN_HEADER", "NameThePlan", "router"]

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


class NameThePlan:
    """ASGI middleware, the innermost: name the plan an answer is about in its
    ``Zhospar-Plan`` header (pages, reports, API), so a script or a saved file can tell which
    plan it holds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def named(message: Message) -> None:
            if message["type"] == "http.response.start":
                key = _plan_named(scope)
                if key is not None:
                    MutableHeaders(scope=message)[PLAN_HEADER] = quote(key, safe="@._-")
            await send(message)

        await self.app(scope, receive, named)


def _plan_named(scope: Scope) -> str | None:
    """The plan the route worked on (``chosen_plan_key``), None when it worked on none."""
    state = scope.get("state", {})
    if "plan_key" not in state:
        return None
    key: str | None = state["plan_key"]
    if key is not None:
        return key
    titles = state.get("plan_titles")  # the page's plan bar read them: the first is the default
    if titles:
        return str(titles[0][0])
    try:  # a GET read the plans' states already (``states_read_once``): no query then
        return plan_states(scope["app"].state.context.db)[0].key
    except Exception:  # the header is a courtesy: an answer never fails for it
        return None
