"""Search (``/search?q=``): indicators, goals, tasks, programs, risks and legal acts found by
their code or the words of their names, best first, each linked to the page that shows it.

The query is cut to ``MAX_QUERY`` characters before anything is done with it; the database
answers it (``zhospar.store.search``), and what it finds is escaped like any text of the plan.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zhospar.services.http import Context
from zhospar.services.search import MAX_QUERY, search
from zhospar.web._pages import page_names
from zhospar.web._render import render

router = APIRouter()

SearchText = Annotated[str, Query(description="A code (G1.1, P002) or words of a name.")]


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, ctx: Context, q: SearchText = "") -> HTMLResponse:
    query = q[:MAX_QUERY]
    found = search(ctx, query) if query.strip() else []
    names = page_names(ctx) if found else None
    context = {"plan_title": "Search", "search_q": query, "found": found, "names": names}
    return render(request, "search", context)
