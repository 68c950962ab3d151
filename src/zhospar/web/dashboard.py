"""The dashboard (``/``): did the ministry deliver in a year, overall and by direction and goal."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._pages import Year, in_page_language, year_context
from zhospar.web._render import render
from zhospar.web.milestone_pages import milestone_counts, milestones_of

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Overall achievement and status counts, each direction and goal, and budget execution."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    report = in_page_language(ctx, queries.year_report(stored, chosen))
    lines = milestones_of(report)
    context = {
        **year_context(stored.plan, chosen, "/"),
        "report": report,
        "plan": stored.plan,
        "budget": queries.budget_summary(report.budget),
        "milestones": lines,
        "milestone_counts": milestone_counts(lines),
    }
    return render(request, "dashboard", context)
