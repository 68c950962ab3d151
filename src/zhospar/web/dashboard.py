"""The dashboard (``/``): did the ministry deliver in a year, overall and by direction and goal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.i18n import gettext
from zhospar.report import AnnualReport
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.services.overview import Overview, overview
from zhospar.web._chart import ColumnChart, LineChart, column_chart, year_line_chart
from zhospar.web._pages import Year, in_page_language, page_names, year_context
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
        report = in_page_language(ctx, queries.year_report(stored, chosen))
        lines = milestones_of(report)
        years = overview(stored)
        return {
            **layout,
            "overview": years,
            "direction_chart": direction_chart(report),
            "headline_chart": headline_chart(years),
            "report": report,
            "names": page_names(ctx, stored),
            "plan": stored.plan,
            "cap": stored.cap,
            "budget": queries.budget_summary(report.budget),
            "milestones": lines,
            "milestone_counts": milestone_counts(lines),
        }

    return render_shared(request, "dashboard", stored.memo, (chosen,), context, layout)


HUNDRED = Decimal(100)


def direction_chart(report: AnnualReport) -> ColumnChart:
    """Each direction's score in the year, a column coloured by its shown status."""
    groups = [
        (f"D{d.number}", [(f"status-{d.score.verdict.replace('_', '-')}", d.score.score)])
        for d in report.directions
    ]
    return column_chart(groups, (gettext("direction"), gettext("score, %")), top=HUNDRED)


def headline_chart(years: Overview) -> LineChart:
    """The plan's score over the planned years; no line across a year without a score."""
    points = {y: s.score for y, s in zip(years.years, years.plan, strict=True)}
    return year_line_chart(points, (gettext("year"), gettext("plan score, %")), top=HUNDRED)
