"""The indicator page (``/indicators/{id}``) and its entry form for actual values.

The page shows the plan's cells with their lines, every year's achievement, the forecast, the
chart and every revision of every recorded value. The form posts to
``/indicators/{id}/actuals``: checked by the store's own rules (``set_actual``), recorded as the
configured user, the history only ever appended to. A refused value comes back with the
message beside the form and every field as typed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.api import queries
from zhospar.api.context import AppContext, Context
from zhospar.store import REGIONS
from zhospar.web._chart import plan_vs_fact_chart
from zhospar.web._pages import Year, year_context
from zhospar.web._render import is_fragment, render
from zhospar.web._security import CSRF_FIELD, check_csrf

router = APIRouter()
MAX_FORM_BYTES = 64 * 1024


def _page(
    ctx: AppContext,
    indicator_id: str,
    year: int | None,
    form: queries.ActualForm | None,
    errors: dict[str, str],
    notice: str | None = None,
) -> dict[str, Any]:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    detail = queries.indicator_detail(ctx, stored, indicator_id, chosen)
    facts = {r.year: r.achievement.fact_value for r in detail.years}
    known = {y: v for y, v in facts.items() if v is not None}
    return {
        **year_context(stored.plan, chosen, f"/indicators/{indicator_id}"),
        "detail": detail,
        "chart": plan_vs_fact_chart(detail.indicator.values, known),
        "form": form or queries.ActualForm(period=str(chosen)),
        "errors": errors,
        "notice": notice,
        "regions": REGIONS,
        "user": ctx.user,
    }


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator_page(
    request: Request, ctx: Context, indicator_id: str, year: Year = None
) -> HTMLResponse:
    return render(request, "indicator", _page(ctx, indicator_id, year, None, {}))


async def _form_fields(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form (the only kind the entry form sends)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media != "application/x-www-form-urlencoded" or len(body) > MAX_FORM_BYTES:
        raise ValidationError("expected a form (application/x-www-form-urlencoded) under 64 KB")
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise ValidationError("the form is not UTF-8 text") from None


@router.post("/indicators/{indicator_id}/actuals", response_model=None)
async def record_actual(
    request: Request, ctx: Context, indicator_id: str, year: Year = None
) -> Response:
    """Check the CSRF token, then record the value or show why it was refused."""
    fields = await _form_fields(request)
    check_csrf(request, fields.get(CSRF_FIELD))
    return await run_in_threadpool(_record, request, ctx, indicator_id, year, fields)


def _record(
    request: Request,
    ctx: AppContext,
    indicator_id: str,
    year: int | None,
    fields: dict[str, str],
) -> Response:
    queries.find_place(ctx.stored().plan, indicator_id)  # an unknown id is a 404, not a form error
    form = queries.ActualForm.of(fields)
    parsed = queries.parse_actual(indicator_id, form)
    errors = dict(parsed.errors)
    if parsed.item is not None:
        try:
            done = queries.record_actual(ctx, parsed.item)
        except (ValidationError, NotFoundError) as error:
            errors["store"] = str(error)
        else:
            return _recorded(request, ctx, indicator_id, year, done.status, str(done.actual.period))
    context = _page(ctx, indicator_id, year, form, errors)
    return render(request, "indicator", context, status=422)


def _recorded(
    request: Request,
    ctx: AppContext,
    indicator_id: str,
    year: int | None,
    status: str,
    period: str,
) -> Response:
    """htmx: the refreshed body with a notice; a plain form post: back to the page (303)."""
    if not is_fragment(request):
        query = f"?year={year}" if year is not None else ""
        return RedirectResponse(f"/indicators/{indicator_id}{query}#history", status_code=303)
    words = {
        "added": "recorded",
        "revised": "recorded as a new revision",
        "unchanged": "already recorded as the latest revision; nothing written",
    }
    notice = f"{period}: {words[status]}"
    return render(request, "indicator", _page(ctx, indicator_id, year, None, {}, notice))
