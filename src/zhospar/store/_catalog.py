"""What an actual may refer to: the indicators of a plan's current version, with their ranges.

Loaded once per plan and kept on the ``Database`` (a stored plan never changes), so that checking a
million imported rows costs a dictionary lookup each.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from zhospar._exceptions import NotFoundError
from zhospar.model.plan import Plan
from zhospar.store._ranges import RangeRule, bounds, rule_for
from zhospar.store.db import Database
from zhospar.store.plans import split_key
from zhospar.store.reference import plan_years
from zhospar.store.schema import IndicatorRow, PlanRow, PlanVersionRow


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    unit: str | None
    rule: RangeRule
    deleted_by: str | None
    low: Decimal | None = None  # sensible range under ``rule``, for a quick check per value
    high: Decimal | None = None

    def out_of_range(self, value: Decimal) -> bool:
        low, high = self.low, self.high
        return (low is not None and value < low) or (high is not None and value > high)


@dataclass(frozen=True)
class Catalog:
    plan_id: int
    plan_key: str
    years: range | None  # None when the plan's period is not known
    indicators: dict[str, IndicatorInfo]

    def closest(self, indicator_id: str, n: int = 5) -> list[str]:
        """The ids most like a mistyped one, for "did you mean" messages."""
        ids = [k for k, info in self.indicators.items() if info.deleted_by is None]
        return difflib.get_close_matches(indicator_id.strip().upper(), ids, n=n, cutoff=0.6)

    def unknown_message(self, indicator_id: str) -> str:
        close = self.closest(indicator_id)
        hint = f"; closest: {', '.join(close)}" if close else ""
        return f'no indicator "{indicator_id}" in plan {self.plan_key}{hint}'


def catalog(db: Database, plan_key: str | None) -> Catalog:
    """The catalog of a plan (the default plan when ``plan_key`` is None)."""
    key = split_key(plan_key or db.default_plan_key())[0]
    cached = db._cache.get(("catalog", key))
    if isinstance(cached, Catalog):
        return cached
    found = _load(db, key)
    db._cache[("catalog", key)] = found
    return found


def _load(db: Database, key: str) -> Catalog:
    with db.session() as session:
        plan = session.scalar(select(PlanRow).where(PlanRow.key == key))
        if plan is None:
            known = ", ".join(session.scalars(select(PlanRow.key))) or "none (run `zhospar init`)"
            raise NotFoundError(f'no plan "{key}" in the database; plans stored: {known}')
        rows = session.execute(
            select(IndicatorRow.indicator_id, IndicatorRow.name, IndicatorRow.unit,
                   IndicatorRow.deleted_by)
            .join(PlanVersionRow, PlanVersionRow.id == IndicatorRow.version_id)
            .where(PlanVersionRow.plan_id == plan.id, PlanVersionRow.is_current.is_(True))
        ).all()  # fmt: skip
        years = plan_years(Plan.model_validate_json(plan.document))
    indicators = {}
    for r in rows:
        rule = rule_for(r.unit)
        info = IndicatorInfo(r.indicator_id, r.name, r.unit, rule, r.deleted_by, *bounds(rule))
        indicators[r.indicator_id] = info
    return Catalog(plan.id, key, years, indicators)
