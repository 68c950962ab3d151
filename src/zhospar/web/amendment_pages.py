"""The plan's versions and amendments (``/plan/versions``), what changed between two versions
(``/plan/diff``), and the planners' form to amend the plan by an act (``POST /plan/amend``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError as PydanticError

from zhospar._exceptions import ValidationError
from zhospar.i18n import gettext
from zhospar.model.amendments import (
    AddIndicator,
    AddMilestone,
    AddTask,
    Change,
    DeleteItem,
    SetTarget,
)
from zhospar.rules.values import parse_number
from zhospar.services.amendments import amend
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.store.amendments import amendments_of
from zhospar.store.diff import diff_versions
from zhospar.store.plans import list_plans, split_key
from zhospar.web._pages import page_names
from zhospar.web._render import after_post, render
from zhospar.web._security import CsrfForm

router = APIRouter()

KINDS = ("set-target", "delete", "add-indicator", "add-task", "add-milestone")
_Text = Annotated[str, Form(max_length=2000)]
_Short = Annotated[str, Form(max_length=100)]


def _page(ctx: AppContext, **extra: Any) -> dict[str, Any]:
    key = split_key(ctx.key())[0]
    info = next(p for p in list_plans(ctx.db) if p.key == key)
    return {
        "plan_title": info.title,
        "versions": info.versions,
        "amendments": amendments_of(ctx.db, key),
        "kinds": KINDS,
        "notice": None,
        "error": None,
        "form": {},
        "diff": None,
        "names": page_names(ctx),
        **extra,
    }


@router.get("/plan/versions", response_class=HTMLResponse)
def versions(request: Request, ctx: Context) -> HTMLResponse:
    return render(request, "versions", _page(ctx))


@router.get("/plan/diff", response_class=HTMLResponse)
def diff(
    request: Request,
    ctx: Context,
    a: Annotated[str, Query(alias="from", max_length=200)],
    b: Annotated[str, Query(alias="to", max_length=200)],
) -> HTMLResponse:
    """What changed from one version to another (indicators, targets, milestones)."""
    return render(request, "versions", _page(ctx, diff=diff_versions(ctx.db, a, b)))


def _change(kind: str, item: str, year: str, value: str, name: str, unit: str) -> Change:
    """The one change the form describes; a field it lacks is a ValidationError naming it."""
    try:
        if kind == "set-target":
            number = None if value.strip().lower() in ("", "none") else parse_number(value)
            return SetTarget(indicator_id=item, year=_year(year), value=number)
        if kind == "delete":
            return DeleteItem(item_id=item)
        if kind == "add-indicator":
            targets = {_year(year): parse_number(value)} if year.strip() else {}
            return AddIndicator(parent_id=item, name=name, unit=unit or None, targets=targets)
        if kind == "add-task":
            return AddTask(goal_id=item, name=name)
        if kind == "add-milestone":
            due = [_year(year)] if year.strip() else []
            return AddMilestone(task_id=item, name=name, due_years=due)
    except PydanticError as error:
        fields = ", ".join(str(e["loc"][0]) for e in error.errors())
        raise ValidationError(f"{kind}: fill in {fields}") from None
    raise ValidationError(f"kind: one of {', '.join(KINDS)}")


def _year(text: str) -> int:
    if not text.strip().isdigit():
        raise ValidationError(f'year: a year such as 2013; got "{text[:20]}"')
    return int(text)


@router.post("/plan/amend", response_model=None, dependencies=[CsrfForm])
def amend_page(
    request: Request,
    ctx: Context,
    kind: _Short,
    item: _Short,
    act_number: _Short,
    act_date: _Short,
    reason: _Text,
    year: _Short = "",
    value: _Short = "",
    name: _Text = "",
    unit: _Short = "",
) -> Response:
    """Amend the plan by an act (planners): one change, a new version of the plan."""
    form = {"kind": kind, "item": item, "act_number": act_number, "act_date": act_date,
            "reason": reason, "year": year, "value": value, "name": name, "unit": unit}  # fmt: skip
    try:
        change = _change(kind, item.strip(), year, value, name.strip(), unit.strip())
        done = amend(ctx.db, ctx.plan_key, act_number, act_date, reason, [change], by=ctx.user)
    except ValidationError as error:
        page = _page(ctx, error=str(error), form=form)
        return render(request, "versions", page, status=422)
    notice = gettext("{version} made from {previous}").format(
        version=done.version, previous=done.previous
    )
    return after_post(
        request,
        "/plan/versions",
        lambda: render(request, "versions", _page(ctx, notice=notice)),
    )
