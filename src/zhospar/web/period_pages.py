"""The sign-off page (``/periods``): each year of the plan, a draft or approved (by whom, when),
and for planners the forms to approve a year or reopen it with a reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from zhospar.services.commands import FreeText
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.services.reasons import approve as approve_year
from zhospar.store.signoff import reopen_year, year_states
from zhospar.web._render import after_post, render
from zhospar.web._security import CsrfForm

router = APIRouter()


def _page(ctx: AppContext, notice: str | None = None) -> dict[str, Any]:
    plan = ctx.plan()
    states = year_states(ctx.db, ctx.plan_key)
    return {
        "years": list(plan.planned_years),
        "states": states,
        "plan_title": plan.title,
        "notice": notice,
    }


@router.get("/periods", response_class=HTMLResponse)
def periods(request: Request, ctx: Context) -> HTMLResponse:
    return render(request, "periods", _page(ctx))


@router.post("/periods/{year}/approve", response_model=None, dependencies=[CsrfForm])
def approve(request: Request, ctx: Context, year: int) -> Response:
    """Approve the year (planners); a year already approved is a 409 naming who did it, and so
    is a year whose missed indicators are not all explained (the message lists them)."""
    state = approve_year(ctx, year)
    return after_post(
        request, "/periods", lambda: render(request, "periods", _page(ctx, state.describe()))
    )


@router.post("/periods/{year}/reopen", response_model=None, dependencies=[CsrfForm])
def reopen(
    request: Request, ctx: Context, year: int, reason: Annotated[FreeText, Form()] = ""
) -> Response:
    """Reopen an approved year with a reason (planners)."""
    state = reopen_year(ctx.db, ctx.plan_key, year, reason, by=ctx.user)
    return after_post(
        request, "/periods", lambda: render(request, "periods", _page(ctx, state.describe()))
    )
