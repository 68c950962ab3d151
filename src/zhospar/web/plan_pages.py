"""The plan tree (``/plan``): directions, goals, tasks and indicators with every year's cell;
and the plan's milestones (``/milestones``) with their state in the selected year.

Each cell shows the plan's value as printed and names its line of the published text; the
status is the selected year's, as the annual report shows it.
"""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhospar.api import queries
from zhospar.api.context import Context
from zhospar.evaluate import MilestoneState
from zhospar.model.walk import iter_indicators
from zhospar.report import AnnualReport, MilestoneLine, report_years
from zhospar.web._pages import Year, year_context
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
        "report": queries.year_report(stored, chosen),
        "columns": report_years(stored.plan),
        "cells": cells,
    }
    return render(request, "plan", context)


def milestones_of(report: AnnualReport) -> list[MilestoneLine]:
    """Every milestone of the plan in the order of the text, as the year's report scores it."""
    return [m for d in report.directions for g in d.goals for t in g.tasks for m in t.milestones]


STATE_WORDS = {
    MilestoneState.DONE.value: "done",
    MilestoneState.LATE.value: "late",
    MilestoneState.NOT_DONE.value: "not done",
    MilestoneState.NOT_YET_DUE.value: "not yet due",  # scored as no data
}


def milestone_counts(lines: list[MilestoneLine]) -> Counter[str]:
    """How many milestones are in each state, in the words the page uses."""
    return Counter(STATE_WORDS.get(m.state or "", "no data") for m in lines)


@router.get("/milestones", response_class=HTMLResponse)
def milestones(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Each milestone with its due years, its state at the end of the year (done, late, not
    done, or no data when nothing is reported) and the recorded facts that decide it."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    lines = milestones_of(queries.year_report(stored, chosen))
    context = {
        **year_context(stored.plan, chosen, "/milestones"),
        "milestones": lines,
        "states": STATE_WORDS,
        "counts": milestone_counts(lines),
    }
    return render(request, "milestones", context)
