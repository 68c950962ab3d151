"""Search for the pages and the API: what a query finds, each hit with the page that shows it.

The finding is done by the database (``zhospar.store.search``); this module only says where each
kind of thing is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.services.context import AppContext
from zhospar.store.search import MAX_QUERY, SearchHit, search_plan

__all__ = ["KIND_LABELS", "MAX_QUERY", "Found", "search"]

KIND_LABELS = {
    "direction": "strategic direction",
    "goal": "goal",
    "task": "task",
    "indicator": "indicator",
    "program": "budget program",
    "risk": "risk",
    "legal-act": "legal act",
}


@dataclass(frozen=True)
class Found:
    """A hit with the page that shows it."""

    kind: str
    ref: str
    title: str
    url: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _url(hit: SearchHit) -> str:
    pages = {
        "indicator": f"/indicators/{hit.ref}",
        "program": f"/budget#{hit.ref}",
        "risk": f"/risks#{hit.ref}",
        "legal-act": f"/legal-acts#{hit.ref}",
    }
    return pages.get(hit.kind, f"/plan#{hit.ref}")


def search(ctx: AppContext, query: str, *, limit: int = 50) -> list[Found]:
    """What ``query`` (cut to ``MAX_QUERY`` characters) finds in the plan shown, best first."""
    hits = search_plan(ctx.db, ctx.plan_key, query[:MAX_QUERY], limit=limit)
    return [Found(h.kind, h.ref, h.title, _url(h)) for h in hits]
