"""The plan's own problems: the audit of its figures (``/audit``) and how its text was read
(``/reading``): gaps such as direction 3's missing target table, and remarks on lines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator

from zhospar.audit import Explanation, Finding, FindingKind, audit_plan
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._filter import matches, query_of
from zhospar.web._render import render

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    ctx: Context,
    kind: Annotated[
        FindingKind | None,
        BeforeValidator(lambda v: v or None),  # the form's "all kinds" sends kind=
        Query(description="Only findings of this kind."),
    ] = None,
    q: Annotated[str | None, Query(description="Only findings that mention this.")] = None,
) -> HTMLResponse:
    """Every finding names both places (section, line, value) and whether an amendment may
    explain it ("possibly explained by No. 415/1417"). The findings fold by kind, closed
    unless a query ``q`` picks them."""
    plan = ctx.plan()
    result = audit_plan(plan, kinds=[kind] if kind is not None else None)
    query = query_of(q)
    shown = [f for f in result.findings if _mentions(f, query)]
    context = {
        "plan_title": plan.title,
        "result": result,
        "query": query,
        "shown": len(shown),
        "groups": [(k, [f for f in shown if f.kind is k]) for k in FindingKind],
        "kinds": list(FindingKind),
        "kind": kind,
        "amended": Explanation.POSSIBLY_AMENDED,
    }
    return render(request, "audit", context)


def _mentions(finding: Finding, query: str) -> bool:
    """Whether a finding's kind, subject, year, places or note hold ``query``."""
    places = [t for p in (finding.a, finding.b) for t in (p.section, p.label, str(p.line))]
    texts = (finding.id, finding.kind.value, finding.subject, str(finding.year), finding.note)
    return matches(query, *texts, *places)


@router.get("/reading", response_class=HTMLResponse)
def reading_page(request: Request, ctx: Context) -> HTMLResponse:
    plan = ctx.plan()
    return render(request, "reading", {"plan_title": plan.title, "reading": queries.reading(plan)})
