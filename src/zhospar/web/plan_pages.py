"""The plan tree (``/plan``): directions, goals, tasks and indicators with every year's cell.

Each cell shows the plan's value as printed and names its line of the published text; the
status is the selected year's, as the annual report shows it. Each direction, goal, task and
program folds (closed by default); ``?q=`` shows only the parts that match, open
(``zhospar.web._filter``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zhospar.model.walk import iter_indicators
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._filter import plan_filter
from zhospar.web._pages import Year, in_page_language, page_names, year_context
from zhospar.web._render import render, render_shared

router = APIRouter()


@router.get("/plan", response_class=HTMLResponse)
def plan_tree(
    request: Request,
    ctx: Context,
    year: Year = None,
    q: Annotated[str | None, Query(description="Show only the parts that match.")] = None,
) -> HTMLResponse:
    """The tree is the same for everyone: rendered once per state of the data, year and
    query."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    layout = year_context(stored.plan, chosen, "/plan")

    def context() -> dict[str, Any]:
        places = list(iter_indicators(stored.plan))
        cells = {p.indicator.id: {v.year: v for v in p.indicator.values} for p in places}
        report = in_page_language(ctx, queries.year_report(stored, chosen))
        return {
            **layout,
            "report": report,
            "filter": plan_filter(q, report.directions, report.programs),
            "columns": stored.plan.years,
            "cells": cells,
            "units": {p.indicator.id: p.indicator.unit for p in places},  # as published
            "names": page_names(ctx, stored),
        }

    if q:  # a query's page is made for it alone: caching every query asked would grow unbounded
        return render(request, "plan", context())
    return render_shared(request, "plan", stored.memo, (chosen,), context, layout)
