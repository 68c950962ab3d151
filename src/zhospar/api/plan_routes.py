"""The API of the plan's sections, the risk register, search, imports and overrides.

Each route asks the same function as its page (``zhospar.services``): ``/api/plan/sections``,
``/api/plan/names``, ``/api/risks``, ``/api/legal-acts``, ``/api/allocation`` and
``/api/search`` read;
``POST /api/risks/{id}/assessments``, ``POST /api/imports`` and
``POST /api/indicators/{id}/overrides`` write, with the checks of the pages. Writes from a
browser are refused from another site: a JSON body needs its ``Content-Type`` (so a preflight
that this API never grants), and a multipart file, which another site's form could send without
asking, needs the ``X-Requested-With`` header, which no form can send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.api.models import ErrorOut
from zhospar.api.plan_models import (
    AlignmentOut,
    AllocationOut,
    AssessmentIn,
    AssessmentOut,
    FoundOut,
    ImportOut,
    LegalActOut,
    NameOut,
    OverrideIn,
    OverrideOut,
    PlanSectionsOut,
    ProseOut,
    RiskOut,
    RiskRegisterOut,
)
from zhospar.api.routes import json_from_same_origin
from zhospar.i18n import negotiate
from zhospar.imports.translations import plan_names
from zhospar.services import queries, sections
from zhospar.services.http import Context, Year
from zhospar.services.imports import run_import
from zhospar.services.overrides import OverrideForm, indicator_overrides, submit_override
from zhospar.services.risks import AssessmentForm, risk_register, submit_assessment
from zhospar.services.search import MAX_QUERY, search

if TYPE_CHECKING:
    from zhospar.web._uploads import StagedUploads

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "An unknown indicator, risk or plan."},
    422: {"model": ErrorOut, "description": "A wrong parameter or a refused value."},
    503: {"model": ErrorOut, "description": "The database is unavailable."},
}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A body that is not UTF-8 text."},
    403: {"model": ErrorOut, "description": "A request from another site."},
    415: {"model": ErrorOut, "description": "A body of the wrong type."},
}
router = APIRouter(prefix="/api", tags=["plan"], responses=_ERRORS)


@router.get("/plan/sections")
def plan_sections(ctx: Context) -> PlanSectionsOut:
    """The plan's prose (mission, vision, analysis, functional capabilities) paragraph by
    paragraph, and the alignment of its directions and goals with the state's strategic goals;
    each with its line in the published text."""
    stored = ctx.stored()
    text = sections.plan_text(stored.plan, (*sections.TEXT_KINDS, sections.CAPABILITIES))
    return PlanSectionsOut(
        key=stored.plan_key,
        title=stored.plan.title,
        lines_known=text.lines_known,
        prose=[ProseOut.model_validate(s) for s in text.sections],
        alignment=[AlignmentOut.model_validate(r) for r in stored.plan.alignment],
    )


Language = Annotated[
    Literal["kk", "ru", "en"] | None,
    Query(description="The translations' language (kk: none); else Accept-Language's."),
]


@router.get("/plan/names")
def names(request: Request, ctx: Context, lang: Language = None) -> list[NameOut]:
    """Every name of the plan (directions, goals, tasks, indicators and their breakdowns,
    programs, risks, units) by id, as published and in ``lang`` where a translation is loaded
    (``zhospar plan translations import``): the other answers give the published names, which
    a client shows in ``lang`` by id, as the pages do."""
    asked = negotiate(query=lang, accept_language=request.headers.get("accept-language"))
    translated = queries.translated_names(ctx, None, asked)
    published = plan_names(ctx.plan())
    return [NameOut(id=i, published=p, translated=translated.get(i)) for i, p in published.items()]


@router.get("/legal-acts")
def legal_acts(ctx: Context) -> list[LegalActOut]:
    """The legal acts the plan rests on, each with its lines."""
    return [LegalActOut.model_validate(a) for a in ctx.plan().legal_acts]


@router.get("/allocation")
def allocation(ctx: Context) -> AllocationOut:
    """The appendix: money by goal and task per year (thousand tenge, each with its line), the
    sum of the goals' totals, and the audit's findings on the appendix."""
    table = sections.allocation_table(ctx.plan())
    return AllocationOut.model_validate(table, from_attributes=True)


Direction = Annotated[
    int | None, Query(description="Only the risks linked to this strategic direction.")
]


@router.get("/risks")
def risks(ctx: Context, year: Year = None, direction: Direction = None) -> RiskRegisterOut:
    """The risk register in ``year``: each risk with its consequences and measures, the
    directions and indicators that signal it (and why), their state, its assessment in force
    and every assessment recorded."""
    stored = ctx.stored()
    register = risk_register(stored, queries.check_year(stored, year))
    shown = [
        r
        for r in register.risks
        if direction is None or any(x.direction == direction for x in r.links)
    ]
    out = []
    for r in shown:
        one = RiskOut.model_validate(r)
        one.history = [AssessmentOut.model_validate(a) for a in register.history[r.id]]
        out.append(one)
    return RiskRegisterOut(
        year=register.year, rule=register.rule, state_rule=register.state_rule, risks=out
    )


@router.post(
    "/risks/{risk_id}/assessments",
    status_code=201,
    dependencies=[Depends(json_from_same_origin)],
    responses=_WRITE_ERRORS,
)
def assess(ctx: Context, risk_id: str, body: AssessmentIn) -> AssessmentOut:
    """Record a risk's assessment for a year as the person signed in (kept with its history)."""
    stored = ctx.stored()
    if risk_id not in {r.id for r in stored.plan.risks}:
        raise NotFoundError(f'no risk "{risk_id}" in the plan')
    year = queries.check_year(stored, body.year)
    form = AssessmentForm(str(body.likelihood), str(body.impact), body.note)
    return AssessmentOut.model_validate(submit_assessment(ctx, risk_id, year, form))


SearchText = Annotated[
    str,
    Query(
        description="A code (G1.1, P002) or words of a name; only the first "
        f"{MAX_QUERY} characters are looked at."
    ),
]


@router.get("/search")
def search_plan(
    ctx: Context,
    q: SearchText,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many.")] = 50,
) -> list[FoundOut]:
    """Indicators, goals, tasks, programs, risks and legal acts found by code or by the words
    of their names, best first, each with the page that shows it."""
    return [FoundOut.model_validate(f) for f in search(ctx, q[:MAX_QUERY], limit=limit)]


def multipart_from_same_origin(request: Request) -> None:
    """A multipart body can come from another site's form without a preflight: refuse a
    foreign ``Origin``, and ask for ``X-Requested-With``, which a form cannot send."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, f"requests from {origin} are not accepted")
    if not request.headers.get("x-requested-with"):
        raise HTTPException(403, "send the header X-Requested-With (any value) with a file")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise HTTPException(415, "send the file as multipart/form-data (field: file)")


@router.post(
    "/imports",
    dependencies=[Depends(multipart_from_same_origin)],
    responses={
        **_WRITE_ERRORS,
        413: {"model": ErrorOut, "description": "A file larger than the upload limit."},
        422: {"model": ImportOut, "description": "A file with problems: nothing written."},
    },
    response_model=ImportOut,
)
def imports(
    request: Request,
    ctx: Context,
    file: Annotated[UploadFile, File(description="A CSV or XLSX file of actual values.")],
    dry_run: Annotated[
        bool, Form(description="true: only check and count (nothing written).")
    ] = True,
) -> ImportOut | JSONResponse:
    """Import a file of actual values as the import page does: a dry run gives the counts and
    the first rows (or every problem); otherwise every row is written in one transaction, or
    none when any row is refused (``stage`` "refused", status 422)."""
    uploads: StagedUploads = request.app.state.uploads
    staged = uploads.stage(file.file, file.filename, "api")
    try:
        outcome = run_import(ctx, staged, dry_run=dry_run, person=request.state.person)
    finally:
        uploads.discard(staged.token)
    found = ImportOut.model_validate(outcome)
    if outcome.stage == "refused":
        return JSONResponse(found.model_dump(mode="json"), status_code=422)
    return found


@router.post(
    "/indicators/{indicator_id}/overrides",
    status_code=201,
    dependencies=[Depends(json_from_same_origin)],
    responses=_WRITE_ERRORS,
)
def override(ctx: Context, indicator_id: str, body: OverrideIn) -> OverrideOut:
    """Record a polarity or roll-up decision for an indicator with its reason, as the override
    form of the indicator page does; the evaluation then follows it."""
    queries.find_place(ctx.plan(), indicator_id)  # an unknown id is a 404
    form = OverrideForm(
        kind=body.kind, value=body.value, reason=body.reason, numerator=body.numerator or "",
        denominator=body.denominator or "", scale=body.scale or "", base=body.base or "",
    )  # fmt: skip
    error = submit_override(ctx, indicator_id, form)
    if error is not None:
        raise ValidationError(error)
    recorded = indicator_overrides(ctx, indicator_id).records
    latest = max((r for r in recorded if r.kind.value == body.kind), key=lambda r: r.id)
    return OverrideOut.model_validate(latest)
