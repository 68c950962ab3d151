"""What changed between two versions of a plan, or two plans: ``zhospar diff A B``.

Indicators and milestones are matched by their plan id (``G2.1-I2``, ``T4.1.1-M3``); a row that
a version still prints but marks as deleted counts as absent from it. Targets are compared year
by year for the indicators present in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from zhospar.store.db import Database
from zhospar.store.plans import find_version
from zhospar.store.schema import IndicatorRow, MilestoneRow, TargetRow

__all__ = ["Item", "PlanDiff", "TargetChange", "diff_versions"]


@dataclass(frozen=True)
class Item:
    """An indicator or milestone as a diff names it."""

    id: str
    name: str
    deleted_by: str | None = None


@dataclass(frozen=True)
class TargetChange:
    indicator_id: str
    name: str
    year: int
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True)
class PlanDiff:
    """What changed from version ``a`` to version ``b``."""

    a: str
    b: str
    added: list[Item]
    deleted: list[Item]
    targets_changed: list[TargetChange]
    milestones_added: list[Item]
    milestones_deleted: list[Item]

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.deleted
            or self.targets_changed
            or self.milestones_added
            or self.milestones_deleted
        )


def diff_versions(db: Database, a: str, b: str) -> PlanDiff:
    """Indicators and milestones added and deleted, and targets changed, from ``a`` to ``b``."""
    with db.session() as session:
        va, vb = find_version(session, a), find_version(session, b)
        ind_a, ind_b = _rows(session, IndicatorRow, va.id), _rows(session, IndicatorRow, vb.id)
        mil_a, mil_b = _rows(session, MilestoneRow, va.id), _rows(session, MilestoneRow, vb.id)
        targets_a, targets_b = _targets(session, va.id), _targets(session, vb.id)
    present_a, present_b = _present(ind_a), _present(ind_b)
    changed = [
        TargetChange(key, present_b[key].name, year, old.get(year), new.get(year))
        for key in present_a
        if key in present_b
        for old, new in [(targets_a.get(key, {}), targets_b.get(key, {}))]
        for year in sorted(old.keys() | new.keys())
        if old.get(year) != new.get(year)
    ]
    return PlanDiff(
        a,
        b,
        added=[_item(k, present_b[k]) for k in present_b if k not in present_a],
        deleted=[_item(k, present_a[k], ind_b.get(k)) for k in present_a if k not in present_b],
        targets_changed=changed,
        milestones_added=[
            _item(k, r)
            for k, r in _present(mil_b).items()
            if k not in mil_a or mil_a[k].deleted_by is not None
        ],
        milestones_deleted=[
            _item(k, r, mil_b.get(k))
            for k, r in _present(mil_a).items()
            if k not in _present(mil_b)
        ],
    )


Row = TypeVar("Row", IndicatorRow, MilestoneRow)


def _rows(session: Session, table: type[Row], version_id: int) -> dict[str, Row]:
    """Every row of a version, deleted ones included, by its plan id, in document order."""
    rows = session.scalars(select(table).where(table.version_id == version_id).order_by("id"))
    return {_row_id(r): r for r in rows}


def _row_id(row: IndicatorRow | MilestoneRow) -> str:
    return row.indicator_id if isinstance(row, IndicatorRow) else row.milestone_id


def _present(rows: dict[str, Row]) -> dict[str, Row]:
    return {k: r for k, r in rows.items() if r.deleted_by is None}


def _item(key: str, row: Row, in_b: Row | None = None) -> Item:
    """The row as ``a`` has it; for a deletion, the act that ``b`` names, when it does."""
    return Item(key, row.name, in_b.deleted_by if in_b is not None else None)


def _targets(session: Session, version_id: int) -> dict[str, dict[int, Decimal | None]]:
    rows = session.execute(
        select(IndicatorRow.indicator_id, TargetRow.year, TargetRow.value)
        .join(TargetRow, TargetRow.indicator_row_id == IndicatorRow.id)
        .where(IndicatorRow.version_id == version_id)
        .order_by(TargetRow.id)
    )
    found: dict[str, dict[int, Decimal | None]] = {}
    for indicator_id, year, value in rows:
        found.setdefault(indicator_id, {})[year] = value
    return found
