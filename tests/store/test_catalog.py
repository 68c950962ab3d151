"""The store's catalog of a plan is built from the plan it keeps: it agrees with the rows of the
plan's current version, which SQL joins (SQLite and PostgreSQL).

The plan is the hand-made ``small`` one (tests/store/plan_fixture.py): 11 indicator rows
(breakdowns and deleted ones included), program 002's expenditure row and 4 milestones.
"""

from __future__ import annotations

from sqlalchemy import select

from zhospar.store import Database
from zhospar.store._catalog import catalog
from zhospar.store.schema import IndicatorRow, MilestoneRow, PlanVersionRow


def test_the_catalog_agrees_with_the_current_versions_rows(loaded: Database) -> None:
    with loaded.session() as session:
        current = PlanVersionRow.is_current.is_(True)
        indicators = session.execute(
            select(IndicatorRow.indicator_id, IndicatorRow.unit, IndicatorRow.deleted_by,
                   IndicatorRow.parent_id)
            .join(PlanVersionRow, PlanVersionRow.id == IndicatorRow.version_id).where(current)
        ).all()  # fmt: skip
        milestones = session.execute(
            select(MilestoneRow.milestone_id, MilestoneRow.deleted_by)
            .join(PlanVersionRow, PlanVersionRow.id == MilestoneRow.version_id).where(current)
        ).all()  # fmt: skip
    stored = catalog(loaded, "small")
    infos = stored.catalog.indicators
    assert len(indicators) == 12 and len(milestones) == 4
    assert sorted(infos) == sorted([r.indicator_id for r in indicators] +
                                   [m.milestone_id for m in milestones])  # fmt: skip
    for r in indicators:
        info = infos[r.indicator_id]
        assert (info.deleted_by, info.parent) == (r.deleted_by, r.parent_id)
        assert r.unit is None or info.unit == r.unit  # a breakdown without one: its parent's
    assert {m.milestone_id: m.deleted_by for m in milestones} == {
        "T4.1.1-M1": None, "T4.1.1-M2": None, "T4.1.1-M3": "1417", "T4.1.1-M4": None,
    }  # fmt: skip
    assert all(infos[m.milestone_id].deleted_by == m.deleted_by for m in milestones)
    assert catalog(loaded, "small@1417") is stored  # cached, and the key's version is the plan's
