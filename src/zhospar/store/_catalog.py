"""The catalog of a stored plan (``zhospar.rules.catalog``), with the plan's id in the database.

Built once per plan version from the plan the store keeps, and kept on the ``Database``, so
that checking a million imported rows costs a dictionary lookup each. The plan's identity
(``data_version.plan_state``: one query) names the version: an amendment made by any process,
worker or host is seen at the next write.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from zhospar._exceptions import NotFoundError
from zhospar.rules.catalog import Catalog, catalog_of
from zhospar.store.data_version import plan_state
from zhospar.store.db import Database
from zhospar.store.plans import split_key
from zhospar.store.schema import PlanRow

__all__ = ["StoredCatalog", "catalog"]


class StoredCatalog(NamedTuple):
    """A plan's catalog and the id its rows are stored under."""

    plan_id: int
    catalog: Catalog


def catalog(db: Database, plan_key: str | None) -> StoredCatalog:
    """The catalog of a plan's current version (the default plan when ``plan_key`` is None)."""
    key, state = plan_state(db, split_key(plan_key)[0] if plan_key else None)
    if state is None:
        return _load(db, key)  # raises NotFoundError naming the plans stored
    cached = db._cache.get(("catalog", key))
    if cached is not None and cached[0] == state.identity:
        return cached[1]  # type: ignore[no-any-return]
    found = _load(db, key)
    db._cache[("catalog", key)] = (state.identity, found)
    return found


def _load(db: Database, key: str) -> StoredCatalog:
    """The catalog of the plan as scored (``amendments.plan_in_force``): the plan as read, its
    current version, unless amendments made in the app govern some years differently (a row
    deleted in 2013 still takes its facts of 2012)."""
    from zhospar.store.amendments import plan_in_force  # it imports the plan store, as we do

    with db.session() as session:
        query = select(PlanRow.id, PlanRow.document).where(PlanRow.key == key)
        row = session.execute(query).first()
        if row is None:
            known = ", ".join(session.scalars(select(PlanRow.key))) or "none (run `zhospar init`)"
            raise NotFoundError(f'no plan "{key}" in the database; plans stored: {known}')
    return StoredCatalog(row.id, catalog_of(plan_in_force(db, key), key))
