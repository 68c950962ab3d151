"""What the pages and the JSON API share over HTTP: the request's context, the year parameter,
and the one place where Zhospar's exceptions become HTTP status codes.

Kept out of ``zhospar.services``' other modules so that the CLI, which uses the same queries and
commands, never imports FastAPI.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, cast

from fastapi import Depends, Query, Request

from zhospar._exceptions import (
    ConflictError,
    ImportFileError,
    NotFoundError,
    PlanFormatError,
    PlanReadError,
    StoreError,
    ValidationError,
    ZhosparError,
    code_for,
)
from zhospar.services.context import AppContext

__all__ = [
    "PLAN_COOKIE",
    "STATUS_CODES",
    "Context",
    "PlanChoice",
    "Year",
    "chosen_plan_key",
    "get_context",
    "http_status",
]

PLAN_COOKIE = "zhospar_plan"
"""The plan a person chose with the switcher: a plan key, checked when it is read."""

PlanChoice = Annotated[
    str | None,
    Query(
        alias="plan",
        min_length=1,
        max_length=120,
        description=(
            "The key of a stored plan (`GET /api/plans`), or `KEY@VERSION` for one of its "
            "versions; default: the plan chosen with the switcher, else the server's plan."
        ),
    ),
]


def chosen_plan_key(request: Request, asked: str | None = None) -> str | None:
    """The plan a request works on: ``?plan=``, else the switcher's cookie when it still names a
    stored plan, else the server's (None: the first plan stored).

    A ``?plan=`` naming no plan is the caller's mistake and ends in 404 (the store lists the
    plans there are); a stale cookie is ignored, so a person is never locked out of every page.
    """
    context = cast(AppContext, request.app.state.context)
    if asked is None:
        asked = request.query_params.get("plan") or None
    if asked is None:
        remembered = request.cookies.get(PLAN_COOKIE)
        if remembered and remembered in context.db.plan_keys():
            asked = remembered
    chosen = asked or context.plan_key
    request.state.plan_key = chosen  # for the answer's Zhospar-Plan header and the page's bar
    return chosen


def get_context(request: Request, plan: PlanChoice = None) -> AppContext:
    """The app's context for the plan this request works on, acting for the person signed in
    (``zhospar.web._access``)."""
    context = cast(AppContext, request.app.state.context)
    person = getattr(request.state, "person", None)
    key = chosen_plan_key(request, plan)
    return replace(context, user=person.name if person is not None else context.user, plan_key=key)


Context = Annotated[AppContext, Depends(get_context)]

Year = Annotated[
    int | None,
    Query(description="A year of the plan; default: the latest year with a value recorded."),
]

STATUS_CODES: dict[type[ZhosparError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    ValidationError: 422,
    ImportFileError: 422,
    PlanReadError: 422,
    PlanFormatError: 422,
    StoreError: 503,
}


def http_status(error: ZhosparError) -> int:
    """The status of the nearest class of ``error`` that has one; 500 for anything else."""
    return code_for(error, STATUS_CODES, 500)
