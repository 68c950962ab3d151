"""The plan tree (``/plan``): directions, goals, tasks and indicators with every year's cell.

Each cell shows the plan's value as printed and names its line of the published text; the
status is the selected year's, as the annual report shows it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.model.walk import iter_indicators
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._pages import Year, in_page_language, year_context
from zhospar.web._render import render

router = APIRouter()


@router.get("/plan", response_class=HTMLResponse)
def plan_tree(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    cells = {
        p.indicator.id: {v.year: v for v in p.indicator.values}
        for p in iter_indicators(stored.plan)
    }
    context = {
        **year_context(stored.plan, chosen, "/plan"),
        "report": in_page_language(ctx, queries.year_report(stored, chosen)),
        "columns": stored.plan.years,
        "cells": cells,
    }
    return render(request, "plan", context)
