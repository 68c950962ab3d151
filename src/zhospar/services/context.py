"""What every request of the API and the pages works with: the database, the user, the plan.

``create_app`` puts one ``AppContext`` on ``app.state`` (``zhospar.services.http.Context`` hands
it to each route); the CLI makes one for a command. Nothing here reads the environment or
connects at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.model.plan import Plan
from zhospar.store import Database
from zhospar.store.evaluation import StoredEvaluation, cached_evaluation, cached_plan

__all__ = ["AppContext"]


@dataclass
class AppContext:
    """The open database, who records values (``entered_by``) and which plan is shown."""

    db: Database
    user: str
    plan_key: str | None = None  # None: the first plan stored (the bundled one after init)

    def stored(self) -> StoredEvaluation:
        """The plan, the facts in force and the overrides, as they stand now.

        Each call checks the plan's data version in the database (one query) and reuses what
        was read, and computed from it, while the version stands still
        (``zhospar.store.evaluation.cached_evaluation``): a value recorded by the CLI, another
        user, another worker or another host shows at the next request, on every page and in
        the API alike.
        """
        return cached_evaluation(self.db, self.plan_key)

    def plan(self) -> Plan:
        """The plan alone (its text read once per process; it never changes once stored)."""
        return cached_plan(self.db, self.plan_key)

    def key(self) -> str:
        return self.plan_key or self.db.default_plan_key()
