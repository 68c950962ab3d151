"""What every request of the API and the pages works with: the database, the user, the plan.

``create_app`` puts one ``AppContext`` on ``app.state`` (``zhospar.services.http.Context`` hands
it to each route); the CLI makes one for a command. Nothing here reads the environment or
connects at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.store import Database
from zhospar.store.evaluation import StoredEvaluation, evaluation_inputs

__all__ = ["AppContext"]


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
