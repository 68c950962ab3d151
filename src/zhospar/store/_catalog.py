"""What an actual may refer to: the indicators of a plan's current version, with their ranges.

Milestones are recorded the same way, under their own ids (``T5.1.4-M1``): 1 in the year a
milestone was done, 0 for "not done" in a year (``docs/method.md``).

Loaded once per plan and kept on the ``Database`` (a stored plan never changes), so that checking a
million imported rows costs a dictionary lookup each.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.model.names import name_words
from zhospar.model.plan import MILESTONE_UNIT, Plan
from zhospar.store._ranges import RangeRule, bounds, rule_for
from zhospar.store.db import Database
from zhospar.store.plans import split_key
from zhospar.store.reference import plan_years
from zhospar.store.schema import IndicatorRow, MilestoneRow, PlanRow, PlanVersionRow


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    unit: str | None
    rule: RangeRule
    deleted_by: str | None
    low: Decimal | None = None  # sensible range under ``rule``, for a quick check per value
    high: Decimal | None = None
    parent: str | None = None  # for a breakdown row: the indicator it details
    label: tuple[str, ...] = ()  # for a breakdown row: its label as ``name_words`` sees it

    def out_of_range(self, value: Decimal) -> bool:
        low, high = self.low, self.high
        if self.rule is RangeRule.MILESTONE:
            return value not in (low, high)
        return (low is not None and value < low) or (high is not None and value > high)


@dataclass(frozen=True)
class Catalog:
    plan_id: int
    plan_key: str
    years: range | None  # None when the plan's period is not known
    indicators: dict[str, IndicatorInfo]
    breakdowns: dict[str, list[IndicatorInfo]] = field(default_factory=dict)  # by parent id

    def closest(self, indicator_id: str, n: int = 5) -> list[str]:
        """The ids most like a mistyped one, for "did you mean" messages."""
        ids = [k for k, info in self.indicators.items() if info.deleted_by is None]
        return difflib.get_close_matches(indicator_id.strip().upper(), ids, n=n, cutoff=0.6)

    def unknown_message(self, indicator_id: str) -> str:
        close = self.closest(indicator_id)
        hint = f"; closest: {', '.join(close)}" if close else ""
        return f'no indicator "{indicator_id}" in plan {self.plan_key}{hint}'

    def series(self, indicator_id: str, breakdown: str | None) -> tuple[str, str]:
        """The indicator id and breakdown label ('' for none) a value is recorded under.

        A label naming a breakdown row of the indicator (``G1.1-I1`` + "әйелдер", compared as
        ``name_words`` sees them) means that row: ``("G1.1-I1-b1", "")``, the same key as the
        row's own id, so that either way of naming it gives one series. A label naming no row
        stays free text (a split the plan does not list). Raises ValidationError for a label
        that names several rows.
        """
        label = (breakdown or "").strip()
        info = self.indicators.get(indicator_id)
        if not label or info is None:
            return indicator_id, label
        words = name_words(label)
        if not words:  # only punctuation: it names no row
            return indicator_id, label
        if info.parent is not None:  # the row itself, named a second time by its label
            return (indicator_id, "") if words == info.label else (indicator_id, label)
        rows = [r for r in self.breakdowns.get(indicator_id, ()) if r.label == words]
        live = [r for r in rows if r.deleted_by is None] or rows
        if len(live) > 1:
            ids = ", ".join(r.id for r in live)
            raise ValidationError(
                f'the breakdown "{label}" names several rows of {indicator_id} ({ids}): '
                "give the row's own id instead"
            )
        return (live[0].id, "") if live else (indicator_id, label)


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
                   IndicatorRow.deleted_by, IndicatorRow.parent_id, IndicatorRow.breakdown)
            .join(PlanVersionRow, PlanVersionRow.id == IndicatorRow.version_id)
            .where(PlanVersionRow.plan_id == plan.id, PlanVersionRow.is_current.is_(True))
        ).all()  # fmt: skip
        milestones = session.execute(
            select(MilestoneRow.milestone_id, MilestoneRow.name, MilestoneRow.deleted_by)
            .join(PlanVersionRow, PlanVersionRow.id == MilestoneRow.version_id)
            .where(PlanVersionRow.plan_id == plan.id, PlanVersionRow.is_current.is_(True))
        ).all()  # fmt: skip
        years = plan_years(Plan.model_validate_json(plan.document))
    units = {r.indicator_id: r.unit for r in rows}
    indicators: dict[str, IndicatorInfo] = {}
    breakdowns: dict[str, list[IndicatorInfo]] = {}
    for r in rows:
        # a breakdown row printed without a unit is measured as its parent is
        unit = r.unit or (units.get(r.parent_id) if r.parent_id else None)
        rule = rule_for(unit)
        label = name_words(r.breakdown or r.name) if r.parent_id else ()
        info = IndicatorInfo(
            r.indicator_id, r.name, unit, rule, r.deleted_by, *bounds(rule), r.parent_id, label
        )
        indicators[r.indicator_id] = info
        if r.parent_id:
            breakdowns.setdefault(r.parent_id, []).append(info)
    milestone = RangeRule.MILESTONE
    for m in milestones:
        indicators[m.milestone_id] = IndicatorInfo(
            m.milestone_id, m.name, MILESTONE_UNIT, milestone, m.deleted_by, *bounds(milestone)
        )
    return Catalog(plan.id, key, years, indicators, breakdowns)
