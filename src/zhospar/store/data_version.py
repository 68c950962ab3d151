"""A data version per plan: a counter bumped with every write that can change the plan's scores.

Every write that can change a score (facts and their reasons, milestone states, imports,
overrides and polarity confirmations, the cap, risk assessments, sign-off) runs in
``Database.write(work, plan_id=...)``, which bumps ``plans.data_version`` in the same
transaction. A server process keeps the evaluation it computed for ``(plan, data_version)`` and
checks the version with one cheap query per request (``plan_states``): several workers, or several
hosts, share nothing but the database, and a value recorded by any of them, or by the CLI, shows
at the next request everywhere.

The version is read *before* the data it guards, so what a reader caches is never older than the
version it is filed under (a write that commits in between shows as a newer version next time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update

from zhospar._exceptions import NotFoundError
from zhospar.store.db import Database
from zhospar.store.schema import PlanRow, PlanVersionRow

__all__ = [
    "PlanState",
    "bump_data_version",
    "plan_state",
    "plan_states",
    "states_read_once",
]


@dataclass(frozen=True)
class PlanState:
    """A stored plan's identity and its data version, as one query reads them."""

    key: str
    plan_id: int
    created_at: dt.datetime  # with the id: which stored plan this is (a restore may swap it)
    data_version: int
    versions: int = 1  # an amendment made in the app adds one (``store.amendments``)

    @property
    def identity(self) -> tuple[int, str, int]:
        """What names the plan's text: it changes only when an amendment makes a version."""
        return (self.plan_id, self.created_at.isoformat(), self.versions)


def bump_data_version(conn: Connection, plan_id: int) -> None:
    """Count one more change of the plan's data (inside the writing transaction)."""
    conn.execute(
        update(PlanRow).where(PlanRow.id == plan_id).values(data_version=PlanRow.data_version + 1)
    )


_READ_ONCE: ContextVar[dict[int, list[PlanState]] | None] = ContextVar("plan_states", default=None)


@contextmanager
def states_read_once() -> Iterator[None]:
    """Within the block, ``plan_states`` asks each database once and answers the same after.

    For a request that writes nothing (a GET): its page asks for the plan's state in several
    places (its evaluation, the reasons, the overrides), and one reading serves them all, as
    one consistent view. Not for a request that writes: its page, made after the write, must
    see the version the write moved."""
    token = _READ_ONCE.set({})
    try:
        yield
    finally:
        _READ_ONCE.reset(token)


def plan_states(db: Database) -> list[PlanState]:
    """Every stored plan, first stored first, with its data version: one query (one per
    ``states_read_once`` block)."""
    memo = _READ_ONCE.get()
    if memo is not None and id(db) in memo:
        return memo[id(db)]
    versions = (
        select(func.count())
        .where(PlanVersionRow.plan_id == PlanRow.id)
        .scalar_subquery()
        .label("versions")
    )
    query = select(PlanRow.key, PlanRow.id, PlanRow.created_at, PlanRow.data_version, versions)
    with db.reading() as conn:
        rows = conn.execute(query.order_by(PlanRow.id)).all()
    states = [
        PlanState(r.key, r.id, r.created_at, int(r.data_version), int(r.versions)) for r in rows
    ]
    if memo is not None:
        memo[id(db)] = states
    return states


def plan_state(db: Database, plan_key: str | None) -> tuple[str, PlanState | None]:
    """The key asked for (default: the first plan stored) and its plan's state.

    None when ``KEY`` names no stored plan: the caller's loading then says which plans exist.
    """
    states = plan_states(db)
    if plan_key is None:
        if not states:
            raise NotFoundError(
                f"no plan is stored in {db.url}: run `zhospar init` to load the bundled plan"
            )
        return states[0].key, states[0]
    plan_part = plan_key.partition("@")[0].strip()
    return plan_key, next((s for s in states if s.key == plan_part), None)
