"""The dashboard (``/``): did the ministry deliver in a year, overall and by direction and goal."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._pages import Year, year_context
from zhospar.web._render import render_shared
from zhospar.web.milestone_pages import milestone_counts, milestones_of

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Overall achievement and status counts, each direction and goal, and budget execution;
    the same for everyone, so rendered once per state of the data and year."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    layout = year_context(stored.plan, chosen, "/")

    def context() -> dict[str, Any]:
        report = queries.year_report(stored, chosen)
        lines = milestones_of(report)
        return {
            **layout,
            "report": report,
            "plan": stored.plan,
            "budget": queries.budget_summary(report.budget),
            "milestones": lines,
            "milestone_counts": milestone_counts(lines),
        }

    return render_shared(request, "dashboard", stored.memo, (chosen,), context, layout)
