"""The plan's sections as published: ``/plan/text`` (mission, vision, analysis),
``/plan/alignment``, ``/plan/capabilities``, ``/legal-acts`` and ``/allocation``.

Each item names its line in the published text; the pages link to each other (a goal to its
alignment rows, its allocation, its risks). The content comes from ``zhospar.services.sections``,
as the API's does.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.i18n import gettext
from zhospar.model.plan import Plan
from zhospar.services import sections
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.web._pages import page_names
from zhospar.web._render import render

router = APIRouter()


def _goal_directions(plan: Plan) -> dict[str, int]:
    """The direction of each goal code, for the links to a goal's risks."""
    return {g.code: d.number for d in plan.directions for g in d.goals}


def _common(ctx: AppContext) -> tuple[Plan, dict[str, Any]]:
    plan = ctx.plan()
    common = {"plan_title": plan.title, "goal_directions": _goal_directions(plan)}
    return plan, {**common, "names": page_names(ctx)}


def _text_page(request: Request, ctx: Context, kinds: tuple[str, ...], title: str) -> HTMLResponse:
    plan, common = _common(ctx)
    text = sections.plan_text(plan, kinds)
    fallback = {s.kind: sections.fallback_text(plan, s.kind) for s in text.sections}
    context = {**common, "text": text, "fallback": fallback, "page_title": title}
    return render(request, "plan_text", context)


@router.get("/plan/text", response_class=HTMLResponse)
def plan_text(request: Request, ctx: Context) -> HTMLResponse:
    """The mission, the vision and the analysis of the current situation, paragraph by paragraph."""
    return _text_page(request, ctx, sections.TEXT_KINDS, gettext("Mission, vision and analysis"))


@router.get("/plan/capabilities", response_class=HTMLResponse)
def capabilities(request: Request, ctx: Context) -> HTMLResponse:
    """The functional capabilities (and possible risks) section."""
    return _text_page(request, ctx, (sections.CAPABILITIES,), gettext("Functional capabilities"))


@router.get("/plan/alignment", response_class=HTMLResponse)
def alignment(request: Request, ctx: Context) -> HTMLResponse:
    """Each direction and goal beside the state strategic goal it serves, and its source."""
    plan, common = _common(ctx)
    return render(request, "alignment", {**common, "rows": plan.alignment})


@router.get("/legal-acts", response_class=HTMLResponse)
def legal_acts(request: Request, ctx: Context) -> HTMLResponse:
    """The legal acts and documents the plan rests on."""
    plan, common = _common(ctx)
    return render(request, "legal_acts", {**common, "acts": plan.legal_acts})


@router.get("/allocation", response_class=HTMLResponse)
def allocation(request: Request, ctx: Context) -> HTMLResponse:
    """The appendix: money by goal and task, by year, its totals and the audit's findings."""
    plan, common = _common(ctx)
    return render(request, "allocation", {**common, "table": sections.allocation_table(plan)})
