"""Budget execution (``/budget``): planned against actual expenditure per program, and a form
on each program's row to record its actual for the year.

A program's actual expenditure is the value of its expenditure row ``P{code}-X`` (thousand
tenge) for the year, recorded through the same path as any value (``set_actual``: checked by
the store, kept with its history, recorded as the person signed in), so the execution rate, the
dashboard and the report show it at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from zhospar._exceptions import NotFoundError
from zhospar.i18n import gettext
from zhospar.imports.resolve import EXPENDITURE_SUFFIX
from zhospar.services import commands, queries
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.services.overview import BudgetYear, overview
from zhospar.web._chart import ColumnChart, column_chart
from zhospar.web._pages import Year, page_names, year_context
from zhospar.web._render import render
from zhospar.web._rows import FORCE_FIELD, RowEntry, RowPage
from zhospar.web._security import CsrfForm

router = APIRouter()


def _page(ctx: AppContext, year: int | None, entry: RowEntry | None = None) -> dict[str, Any]:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    report = queries.year_report(stored, chosen)
    years = overview(stored).budget
    return {
        "years_budget": years,
        "budget_chart": budget_chart(years),
        **year_context(stored.plan, chosen, "/budget"),
        "budget": report.budget,
        "names": page_names(ctx, stored),
        "summary": queries.budget_summary(report.budget),
        "entry": entry or RowEntry(),  # the row whose form comes back with messages
        "user": ctx.user,
        "force_field": FORCE_FIELD,
    }


_PAGE = RowPage("budget", _page)


@router.get("/budget", response_class=HTMLResponse)
def budget_page(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Planned expenditure (with the plan's line) against the actual, per program."""
    return render(request, "budget", _page(ctx, year))


def expenditure_id(code: str) -> str:
    """The id of a program's expenditure row: ``P002-X`` (see docs/ids.md)."""
    return f"P{code}{EXPENDITURE_SUFFIX}"


@router.post("/budget/{code}/actual", response_model=None, dependencies=[CsrfForm])
def record_expenditure(
    request: Request,
    ctx: Context,
    code: str,
    form: Annotated[commands.ActualForm, Form()],
    year: Year = None,
) -> Response:
    """Record program ``code``'s actual expenditure in the selected year."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    if code not in {p.code for p in stored.plan.budget_programs}:
        raise NotFoundError(
            gettext('no budget program "{code}" in this plan (codes look like 002)').format(
                code=code
            )
        )
    notice = gettext("program {code}, {year}: actual expenditure recorded").format(
        code=code, year=chosen
    )
    entry = RowEntry(f"P{code}", form, notice=notice)
    return _PAGE.record(request, ctx, chosen, expenditure_id(code), entry)


def budget_chart(years: tuple[BudgetYear, ...]) -> ColumnChart:
    """Planned and actual expenditure per year, thousand tenge (no bar: nothing stated)."""
    groups = [(str(y.year), [("planned", y.planned), ("actual", y.actual)]) for y in years]
    return column_chart(groups, (gettext("year"), gettext("thousand tenge")))
