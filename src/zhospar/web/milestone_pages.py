"""The plan's milestones (``/milestones``): their state in the selected year, and a form on each
row to record it.

A milestone's actual value is 1 in the year it was done and 0 for "not done" in a year; the
store refuses anything else, even with a reason to force it, and any value of a milestone that
No. 1417 deleted. The row's form records "done in Y" (1) or "not done by Y" (0) for the page's
year through the same path as any value (``set_actual``: checked by the store, kept with its
history, recorded as the person signed in), so the state computed by ``zhospar.evaluate`` (done,
late, not done) changes on this page, the dashboard, the API and the report at once.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from zhospar._exceptions import NotFoundError
from zhospar.evaluate import MilestoneState
from zhospar.evaluate.sentence import milestone_state_word
from zhospar.i18n import gettext, pgettext
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_milestones
from zhospar.report import AnnualReport, MilestoneLine
from zhospar.services import commands, queries
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.web._pages import Year, page_names, year_context
from zhospar.web._render import render
from zhospar.web._rows import RowEntry, RowPage
from zhospar.web._security import CsrfForm

__all__ = ["milestone_counts", "milestones_of", "router", "state_words"]

router = APIRouter()


def state_words() -> dict[str, str]:
    """Each state's word in the language of the moment."""
    return {state.value: milestone_state_word(state) or "" for state in MilestoneState}


def milestones_of(report: AnnualReport) -> list[MilestoneLine]:
    """Every milestone of the plan in the order of the text, as the year's report scores it."""
    return [m for d in report.directions for g in d.goals for t in g.tasks for m in t.milestones]


def milestone_counts(lines: list[MilestoneLine]) -> Counter[str]:
    """How many milestones are in each state, in the words the page uses."""
    words = state_words()
    return Counter(words.get(m.state or "", pgettext("milestone", "no data")) for m in lines)


def _deleted(plan: Plan) -> frozenset[str]:
    """The milestones an amendment deleted: they take no value, so their rows have no form."""
    return frozenset(m.id for _, m in iter_milestones(plan) if m.deleted is not None)


def _page(ctx: AppContext, year: int | None, entry: RowEntry | None = None) -> dict[str, Any]:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    lines = milestones_of(queries.year_report(stored, chosen))
    return {
        **year_context(stored.plan, chosen, "/milestones"),
        "milestones": lines,
        "names": page_names(ctx, stored),
        "deleted": _deleted(stored.plan),
        "states": state_words(),
        "counts": milestone_counts(lines),
        "entry": entry or RowEntry(),  # the row whose form comes back with messages
        "user": ctx.user,
    }


_PAGE = RowPage("milestones", _page)


@router.get("/milestones", response_class=HTMLResponse)
def milestones(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Each milestone with its due years, its state at the end of the year (done, late, not
    done, or no data when nothing is reported) and the recorded facts that decide it."""
    return render(request, "milestones", _page(ctx, year))


def _notice(milestone_id: str, value: str, year: int) -> str:
    what = {
        "1": gettext("done in {year}").format(year=year),
        "0": gettext("not done by {year}").format(year=year),
    }.get(value, gettext("value {value}").format(value=value))
    return gettext("{milestone}: {what} recorded").format(milestone=milestone_id, what=what)


@router.post("/milestones/{milestone_id}/actual", response_model=None, dependencies=[CsrfForm])
def record_milestone(
    request: Request,
    ctx: Context,
    milestone_id: str,
    form: Annotated[commands.ActualForm, Form()],
    year: Year = None,
) -> Response:
    """Record the milestone done (1) or not done (0) in the selected year; the store refuses
    any other value and a deleted milestone, and the refusal is shown in the row (422)."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    if milestone_id not in {m.id for _, m in iter_milestones(stored.plan)}:
        message = gettext('no milestone "{id}" in this plan (ids look like T1.1.1-M1)')
        raise NotFoundError(message.format(id=milestone_id))
    entry = RowEntry(milestone_id, form, notice=_notice(milestone_id, form.value, chosen))
    return _PAGE.record(request, ctx, chosen, milestone_id, entry)
