"""The JSON API under ``/api``: the plan, its indicators, recorded values, scores, audit, budget.

Each route asks ``zhospar.services`` (the same queries and commands the pages and the CLI use)
and lays the answer out in the response models of ``zhospar.api.models``. Errors become status
codes in ``zhospar.services.http`` only.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from zhospar.api.models import (
    ActualIn,
    ActualOut,
    BudgetLineOut,
    BudgetOut,
    BudgetSummaryOut,
    DirectionOut,
    ErrorOut,
    IndicatorDetailOut,
    IndicatorOut,
    PlanOut,
    PlanTreeOut,
    ReasonIn,
    ReasonOut,
    RecordedOut,
    ScoreOut,
    TargetOut,
)
from zhospar.audit import Finding, FindingKind, Skip, audit_plan
from zhospar.model.periods import Period
from zhospar.report import AnnualReport
from zhospar.services import commands, queries, reasons
from zhospar.services.http import Context, Year
from zhospar.store import history as revisions_of
from zhospar.store import latest_actuals, list_plans

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "An unknown indicator or plan."},
    422: {"model": ErrorOut, "description": "A wrong parameter or a refused value."},
    503: {"model": ErrorOut, "description": "The database is unavailable."},
}
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)


@router.get("/plans")
def plans(ctx: Context) -> list[PlanOut]:
    """Every plan stored, with its versions (``KEY@VERSION``)."""
    return [PlanOut.of(p) for p in list_plans(ctx.db)]


def _report(ctx: Context, year: int | None) -> tuple[str, AnnualReport]:
    stored = ctx.stored()
    return stored.plan_key, queries.year_report(stored, queries.check_year(stored, year))


@router.get("/plan", response_model=PlanTreeOut)
def plan_tree(ctx: Context, year: Year = None) -> Response:
    """Directions, goals, tasks, indicators and milestones, each with its score in ``year``."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)

    def answer() -> bytes:  # the same for everyone: made once per state of the data and year
        report = queries.year_report(stored, chosen)
        tree = PlanTreeOut(
            key=stored.plan_key,
            title=report.title,
            year=report.year,
            facts_origin=report.facts_origin,
            score=ScoreOut.model_validate(report.plan_score),
            directions=[DirectionOut.model_validate(d) for d in report.directions],
        )
        return tree.model_dump_json().encode()

    body = stored.memo.get(("api-plan", chosen), answer)
    return Response(body, media_type="application/json")


@router.get("/scores")
def scores(ctx: Context, year: Year = None) -> list[IndicatorOut]:
    """Every indicator's achievement in ``year`` (goal, task and program form indicators)."""
    _, report = _report(ctx, year)
    program_lines = (i for p in report.programs for i in p.indicators)
    return [IndicatorOut.model_validate(i) for i in (*report.indicators, *program_lines)]


@router.get("/indicators/{indicator_id}")
def indicator(ctx: Context, indicator_id: str, year: Year = None) -> IndicatorDetailOut:
    """One indicator: targets with their lines, every year's achievement, every revision."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    detail = queries.indicator_detail(ctx, stored, indicator_id, chosen)
    return IndicatorDetailOut.of(detail, chosen, reasons.indicator_reasons(ctx, indicator_id))


@router.get("/indicators/{indicator_id}/targets")
def targets(ctx: Context, indicator_id: str) -> list[TargetOut]:
    """The plan's cells of one indicator: reported years and targets, each with its line."""
    place = queries.find_place(ctx.plan(), indicator_id)
    return [TargetOut.model_validate(v) for v in place.indicator.values]


@router.get("/actuals")
def actuals(
    ctx: Context,
    indicator: Annotated[
        str | None, Query(description="Only this indicator, e.g. G1.1-I1.")
    ] = None,
    period: Annotated[str | None, Query(description="Only this period: 2012, 2012-Q3 ...")] = None,
    region: Annotated[
        str | None, Query(description="Only this region code; '' the country.")
    ] = None,
    revisions: Annotated[
        bool, Query(description="Every revision (needs indicator), not only those in force.")
    ] = False,
) -> list[ActualOut]:
    """Recorded values: those in force (default) or, for one indicator, every revision."""
    wanted = Period.parse(period) if period else None
    if revisions:
        if indicator is None:
            raise HTTPException(422, "revisions=true needs an indicator")
        found = revisions_of(ctx.db, indicator, plan_key=ctx.plan_key, region=region, period=wanted)
    else:
        found = [
            a
            for a in latest_actuals(ctx.db, ctx.plan_key)
            if (indicator is None or a.indicator_id == indicator)
            and (wanted is None or a.period == wanted)
            and (region is None or (a.region or "") == region)
        ]
    return [ActualOut.of(a) for a in found]


def json_from_same_origin(request: Request) -> None:
    """A browser sends JSON to another site's API only after a CORS preflight, which this API
    never grants; a JSON body with no foreign ``Origin`` therefore needs no CSRF token."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise HTTPException(415, "send the value as JSON (Content-Type: application/json)")
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, f"requests from {origin} are not accepted")


_POST_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A body that is not UTF-8 text."},
    403: {"model": ErrorOut, "description": "A request from another site (Origin)."},
    415: {"model": ErrorOut, "description": "A body that is not JSON."},
}


def _field_errors(errors: dict[str, str]) -> HTTPException:
    detail = [{"loc": ["body", k], "msg": v, "type": "value_error"} for k, v in errors.items()]
    return HTTPException(422, detail)


@router.post(
    "/actuals",
    status_code=201,
    dependencies=[Depends(json_from_same_origin)],
    responses=_POST_ERRORS,
)
def record(ctx: Context, body: ActualIn) -> RecordedOut:
    """Record one value as the person signed in; a correction becomes a new revision."""
    if isinstance(body.value, float) and not math.isfinite(body.value):
        message = "expected a finite number; NaN, Infinity and beyond 1.8e308 cannot be recorded"
        raise _field_errors({"value": message})
    form = commands.ActualForm(
        period=body.period,
        value=str(body.value),
        region=body.region or "",
        source=body.source or "",
        comment=body.comment or "",
        force_reason=body.force_reason or "",
        status=body.status or "",
        coverage=body.coverage or "",
    )
    parsed = commands.parse_actual(body.indicator_id, form)
    if parsed.item is None:
        raise _field_errors(parsed.errors)
    done = commands.record_actual(ctx, parsed.item)
    return RecordedOut(status=done.status, actual=ActualOut.of(done.actual))


@router.post(
    "/indicators/{indicator_id}/reasons",
    status_code=201,
    dependencies=[Depends(json_from_same_origin)],
    responses={
        **_POST_ERRORS,
        409: {"model": ErrorOut, "description": "The year is approved: it takes no reason."},
    },
)
def record_reason(ctx: Context, indicator_id: str, body: ReasonIn) -> ReasonOut:
    """Record the reason an indicator missed its target in a year, as the person signed in
    (editors within their scope, planners); it is then the one in force."""
    queries.find_place(ctx.stored().plan, indicator_id)
    return ReasonOut.of(reasons.set_reason(ctx, indicator_id, body.year, body.text))


@router.get("/audit")
def audit(
    ctx: Context,
    kind: Annotated[list[FindingKind] | None, Query(description="Only these kinds.")] = None,
) -> dict[str, list[Finding] | list[Skip]]:
    """Where the plan contradicts itself: both places with lines and values, and the checks
    the audit chose not to make."""
    result = audit_plan(ctx.plan(), kinds=kind)
    return {"findings": result.findings, "skipped": result.skipped}


@router.get("/budget")
def budget(ctx: Context, year: Year = None) -> BudgetOut:
    """Planned (with the plan's line) and actual expenditure per program, execution rate."""
    _, report = _report(ctx, year)
    summary = queries.budget_summary(report.budget)
    return BudgetOut(
        year=report.year,
        summary=BudgetSummaryOut.model_validate(summary),
        programs=[BudgetLineOut.model_validate(b) for b in report.budget],
    )
