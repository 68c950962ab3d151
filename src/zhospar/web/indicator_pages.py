"""The indicator page (``/indicators/{id}``), its entry form for actual values and its form for
polarity and roll-up overrides.

The page shows the plan's cells with their lines, every year's achievement, the forecast, the
chart, the selected year's facts per region and every revision of every recorded value. The entry
form posts to ``/indicators/{id}/actuals``: checked by the store's own rules (``set_actual``),
recorded as the person signed in, the history only ever appended to. The override form posts to
``/indicators/{id}/overrides`` (``set_polarity`` / ``set_rollup``, with a reason); a polarity
inferred from the targets' trend alone is marked, and its button posts to
``/indicators/{id}/confirm`` (``confirm_polarity``: an override equal to the inference). A refusal
comes back with the message beside its form and every field as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from zhospar._exceptions import ConflictError, NotFoundError, ValidationError
from zhospar.i18n import gettext, lazy_gettext
from zhospar.model.actuals import Actual
from zhospar.rules.access import Person
from zhospar.rules.regions import region_by_code
from zhospar.services import commands, queries, reasons
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.services.overrides import (
    OverrideForm,
    choices,
    form_in_force,
    indicator_overrides,
    settings_in_force,
    submit_override,
)
from zhospar.store import REGIONS, Region
from zhospar.store.confirmation import confirm_polarity
from zhospar.store.evaluation import StoredEvaluation
from zhospar.web._chart import plan_vs_fact_chart
from zhospar.web._pages import Year, page_names, year_context
from zhospar.web._render import after_post, render, render_shared
from zhospar.web._rows import FORCE_FIELD, for_the_form
from zhospar.web._security import CsrfForm

router = APIRouter()


@dataclass(frozen=True)
class RegionalFact:
    """A value in force for one region in the selected year, with the region's three names."""

    actual: Actual
    region: Region | None  # None: a code the reference does not know


class ReasonForm(BaseModel):
    """The reason form: the year (a string as typed) and why the target was missed."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
    year: commands.ShortText = ""
    text: commands.FreeText = ""


@dataclass(frozen=True)
class Forms:
    """The page's two forms as typed, and the messages beside them."""

    actual: commands.ActualForm | None = None
    errors: dict[str, str] | None = None
    override: OverrideForm | None = None
    override_error: str | None = None
    notice: str | None = None
    reason: ReasonForm | None = None
    reason_error: str | None = None


def _regional(detail: queries.IndicatorDetail, year: int) -> list[RegionalFact]:
    """The regions' values in force whose period lies in ``year`` (months and quarters too)."""
    found = [
        a
        for a in detail.revisions
        if a.id in detail.in_force and a.region and a.period.year == year
    ]
    found.sort(key=lambda a: (a.region or "", str(a.period), a.breakdown or ""))
    return [RegionalFact(a, region_by_code(a.region or "")) for a in found]


def _page(
    ctx: AppContext,
    indicator_id: str,
    year: int | None,
    forms: Forms,
    may_give_reason: bool,
    stored: StoredEvaluation | None = None,
) -> dict[str, Any]:
    """The page's context; ``stored``: the state of the data the page shows (default: now)."""
    stored = stored if stored is not None else ctx.stored()
    chosen = queries.check_year(stored, year)
    detail = queries.indicator_detail(ctx, stored, indicator_id, chosen)
    facts = {r.year: r.achievement.fact_value for r in detail.years}
    known = {y: v for y, v in facts.items() if v is not None}
    return {
        **year_context(stored.plan, chosen, f"/indicators/{indicator_id}"),
        "detail": detail,
        "names": page_names(ctx, stored),
        "signoff": queries.year_signoff(stored, chosen),
        "chart": plan_vs_fact_chart(detail.indicator.values, known),
        "regional": _regional(detail, chosen),
        "form": forms.actual or commands.ActualForm(period=str(chosen)),
        "errors": forms.errors or {},
        "overrides": indicator_overrides(ctx, indicator_id),
        "override_form": forms.override or form_in_force(detail.line.polarity),
        "override_in_force": settings_in_force(detail.line.polarity, detail.rollup),
        "override_error": forms.override_error,
        "override_choices": choices(),
        "notice": forms.notice,
        "regions": REGIONS,
        "user": ctx.user,
        "force_field": str(FORCE_FIELD),
        "reasons": reasons.indicator_reasons(ctx, indicator_id),
        "reason_form": forms.reason or ReasonForm(year=str(chosen)),
        "reason_error": forms.reason_error,
        "may_give_reason": may_give_reason,
    }


def _location(indicator_id: str, year: int | None, anchor: str) -> str:
    query = f"?year={year}" if year is not None else ""
    return f"/indicators/{indicator_id}{query}#{anchor}"


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator_page(
    request: Request, ctx: Context, indicator_id: str, year: Year = None
) -> HTMLResponse:
    """The same for everyone whose role allows the same forms: the body is rendered once per
    state of the data, year, language and whether the visitor may give a reason
    (``render_shared``); the visitor's name and form token are filled in per request."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    queries.find_place(stored.plan, indicator_id)  # an unknown id is a 404 before anything else
    may_give_reason = _may_give_reason(request, ctx, indicator_id)

    def context() -> dict[str, Any]:
        return _page(ctx, indicator_id, chosen, Forms(), may_give_reason, stored)

    layout = year_context(stored.plan, chosen, f"/indicators/{indicator_id}")
    key = (chosen, may_give_reason)
    return render_shared(
        request, "indicator", stored.memo, key, context, layout, personal={"user": ctx.user}
    )


_WORDS = {  # translated when shown, in the page's language
    "added": lazy_gettext("recorded"),
    "revised": lazy_gettext("recorded as a new revision"),
    "unchanged": lazy_gettext("already recorded as the latest revision; nothing written"),
}


@router.post("/indicators/{indicator_id}/actuals", response_model=None, dependencies=[CsrfForm])
def record_actual(
    request: Request,
    ctx: Context,
    indicator_id: str,
    form: Annotated[commands.ActualForm, Form()],
    year: Year = None,
) -> Response:
    """Record the value, or show why it was refused (422) with the form as typed."""
    queries.find_place(ctx.plan(), indicator_id)  # an unknown id is a 404, not a form error
    submitted = commands.submit_actual(ctx, indicator_id, form)
    done = submitted.done
    if done is None:
        forms = Forms(actual=form, errors=for_the_form(submitted.errors))
        return _answer(request, ctx, indicator_id, year, forms, status=422)
    notice = f"{done.actual.period}: {_WORDS[done.status]}"
    return after_post(
        request,
        _location(indicator_id, year, "history"),
        lambda: _answer(request, ctx, indicator_id, year, Forms(notice=notice)),
    )


@router.post("/indicators/{indicator_id}/overrides", response_model=None, dependencies=[CsrfForm])
def record_override(
    request: Request,
    ctx: Context,
    indicator_id: str,
    form: Annotated[OverrideForm, Form()],
    year: Year = None,
) -> Response:
    """Record a polarity or roll-up decision with its reason; the page then scores by it."""
    queries.find_place(ctx.plan(), indicator_id)
    error = submit_override(ctx, indicator_id, form)
    if error is not None:
        forms = Forms(override=form, override_error=error)
        return _answer(request, ctx, indicator_id, year, forms, status=422)
    notice = gettext("{kind} set to {value}").format(kind=form.kind, value=form.value)
    return after_post(
        request,
        _location(indicator_id, year, "overrides"),
        lambda: _answer(request, ctx, indicator_id, year, Forms(notice=notice)),
    )


class ConfirmForm(BaseModel):
    """The confirm button's form: the planner's reason, which may be left empty."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
    reason: commands.FreeText = ""


@router.post("/indicators/{indicator_id}/confirm", response_model=None, dependencies=[CsrfForm])
def confirm_inferred_polarity(
    request: Request,
    ctx: Context,
    indicator_id: str,
    form: Annotated[ConfirmForm, Form()],
    year: Year = None,
) -> Response:
    """Confirm a polarity inferred from the targets' trend, as the person signed in."""
    queries.find_place(ctx.plan(), indicator_id)
    try:
        done = confirm_polarity(ctx.db, ctx.plan_key, indicator_id, form.reason, ctx.user)
    except (ValidationError, NotFoundError) as error:
        forms = Forms(override_error=str(error))
        return _answer(request, ctx, indicator_id, year, forms, status=422)
    notice = gettext("polarity {polarity} confirmed").format(polarity=done.value)
    return after_post(
        request,
        _location(indicator_id, year, "overrides"),
        lambda: _answer(request, ctx, indicator_id, year, Forms(notice=notice)),
    )


def _answer(
    request: Request,
    ctx: AppContext,
    indicator_id: str,
    year: int | None,
    forms: Forms,
    status: int = 200,
) -> HTMLResponse:
    """The page made for this request alone: after a form, with its fields and messages."""
    may_give_reason = _may_give_reason(request, ctx, indicator_id)
    return render(
        request, "indicator", _page(ctx, indicator_id, year, forms, may_give_reason), status=status
    )


def _may_give_reason(request: Request, ctx: AppContext, indicator_id: str) -> bool:
    """Whether the person signed in may record a reason here: the reason form is theirs."""
    person: Person | None = getattr(request.state, "person", None)
    return reasons.may_write(person, ctx, indicator_id)


@router.post("/indicators/{indicator_id}/reasons", response_model=None, dependencies=[CsrfForm])
def record_reason(
    request: Request,
    ctx: Context,
    indicator_id: str,
    form: Annotated[ReasonForm, Form()],
    year: Year = None,
) -> Response:
    """Record the reason for non-achievement in the form's year (editors within scope, planners);
    a bad year or text comes back beside the form (422), an approved year is a 409."""
    queries.find_place(ctx.stored().plan, indicator_id)
    try:
        given = int(form.year)
    except ValueError:
        given = None
    try:
        if given is None:
            raise ValidationError(f'expected a year such as 2012; got "{form.year}"')
        done = reasons.set_reason(ctx, indicator_id, given, form.text)
    except (ValidationError, ConflictError) as error:
        forms = Forms(reason=form, reason_error=str(error))
        status = 409 if isinstance(error, ConflictError) else 422
        return _answer(request, ctx, indicator_id, year, forms, status=status)
    notice = gettext("{year}: reason recorded by {name}").format(
        year=done.year, name=done.entered_by
    )
    return after_post(
        request,
        _location(indicator_id, year, "reasons"),
        lambda: _answer(request, ctx, indicator_id, year, Forms(notice=notice)),
    )
