"""The risk register, watched (``/risks``): each risk of the plan with its consequences and
measures, the directions and indicators that signal it (with the evidence of the link), their
state in the chosen year, and a form to record a planner's assessment for that year.

An assessment (likelihood and impact from 1 to 5, and a note) is recorded as the person signed in
and kept with its history (``zhospar.store.risk_assessments``); the annual report carries it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.i18n import gettext
from zhospar.services import queries
from zhospar.services.commands import FreeText
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.services.risks import AssessmentForm, risk_register, submit_assessment
from zhospar.web._pages import Year, page_names, year_context
from zhospar.web._render import after_post, render
from zhospar.web._security import CsrfForm
from zhospar.web._words import level_words

router = APIRouter()

Direction = Annotated[
    int | None, Query(description="Only the risks linked to this strategic direction.")
]


@dataclass(frozen=True)
class Entry:
    """The assessment form that comes back: which risk, as typed, and why it was refused."""

    risk_id: str = ""
    form: AssessmentForm = field(default_factory=AssessmentForm)
    error: str = ""
    notice: str = ""


def _page(
    ctx: AppContext, year: int | None, direction: int | None, entry: Entry | None = None
) -> dict[str, Any]:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    register = risk_register(stored, chosen)
    shown = [
        r
        for r in register.risks
        if direction is None or any(x.direction == direction for x in r.links)
    ]
    return {
        **year_context(stored.plan, chosen, "/risks"),
        "register": register,
        "names": page_names(ctx, stored),
        "shown": shown,
        "direction": direction,
        "levels": level_words(),
        "entry": entry or Entry(),
        "user": ctx.user,
    }


@router.get("/risks", response_class=HTMLResponse)
def risks_page(
    request: Request, ctx: Context, year: Year = None, direction: Direction = None
) -> HTMLResponse:
    return render(request, "risks", _page(ctx, year, direction))


@router.post("/risks/{risk_id}/assessments", response_model=None, dependencies=[CsrfForm])
def record(
    request: Request,
    ctx: Context,
    risk_id: str,
    likelihood: Annotated[str, Form()] = "",
    impact: Annotated[str, Form()] = "",
    note: Annotated[FreeText, Form()] = "",
    year: Year = None,
) -> Response:
    """Record an assessment of the risk for the year, or show why it was refused (422)."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    if risk_id not in {r.id for r in stored.plan.risks}:
        raise NotFoundError(f'no risk "{risk_id}" in the plan')
    form = AssessmentForm(likelihood, impact, note)
    try:
        done = submit_assessment(ctx, risk_id, chosen, form)
    except ValidationError as refused:
        entry = Entry(risk_id, form, str(refused))
        return render(request, "risks", _page(ctx, chosen, None, entry), status=422)
    notice = gettext("{risk} {year}: assessment recorded").format(risk=done.risk_id, year=done.year)
    return after_post(
        request,
        f"/risks?year={chosen}#{risk_id}",
        lambda: render(request, "risks", _page(ctx, chosen, None, Entry(risk_id, notice=notice))),
    )
