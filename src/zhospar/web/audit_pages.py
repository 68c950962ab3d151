"""The plan's own problems: the audit of its figures (``/audit``) and how its text was read
(``/reading``): gaps such as direction 3's missing target table, and remarks on lines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zhospar.audit import Explanation, FindingKind, audit_plan
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._render import render

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    ctx: Context,
    kind: Annotated[FindingKind | None, Query(description="Only findings of this kind.")] = None,
) -> HTMLResponse:
    """Every finding names both places (section, line, value) and whether an amendment may
    explain it ("possibly explained by No. 415/1417")."""
    plan = ctx.plan()
    result = audit_plan(plan, kinds=[kind] if kind is not None else None)
    context = {
        "plan_title": plan.title,
        "result": result,
        "kinds": list(FindingKind),
        "kind": kind,
        "amended": Explanation.POSSIBLY_AMENDED,
    }
    return render(request, "audit", context)


@router.get("/reading", response_class=HTMLResponse)
def reading_page(request: Request, ctx: Context) -> HTMLResponse:
    plan = ctx.plan()
    return render(request, "reading", {"plan_title": plan.title, "reading": queries.reading(plan)})
