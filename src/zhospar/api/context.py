"""What every request of the API and the pages works with: the database, the user, the plan.

``create_app`` puts one ``AppContext`` on ``app.state``; routes receive it through the
``Context`` dependency, so nothing here reads the environment or connects at import time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, cast

from fastapi import Depends, Query, Request

from zhospar.store import Database
from zhospar.store.evaluation import StoredEvaluation, evaluation_inputs

__all__ = ["AppContext", "Context", "Year", "get_context"]


@dataclass
class AppContext:
    """The open database, who records values (``entered_by``) and which plan is shown."""

    db: Database
    user: str
    plan_key: str | None = None  # None: the first plan stored (the bundled one after init)

    def stored(self) -> StoredEvaluation:
        """The plan, the facts in force and the overrides, read afresh for each request.

        Read per request (a few milliseconds) rather than cached, so that a value recorded by
        the CLI or another user shows at once, on every page and in the API alike.
        """
        return evaluation_inputs(self.db, self.plan_key)

    def key(self) -> str:
        return self.plan_key or self.db.default_plan_key()


def get_context(request: Request) -> AppContext:
    """The app's context, acting for the person signed in (``zhospar.web._access``)."""
    context = cast(AppContext, request.app.state.context)
    person = getattr(request.state, "person", None)
    return replace(context, user=person.name) if person is not None else context


Context = Annotated[AppContext, Depends(get_context)]

Year = Annotated[
    int | None,
    Query(description="A year of the plan; default: the latest year with a value recorded."),
]
