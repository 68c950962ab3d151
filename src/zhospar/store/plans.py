"""Storing plans and their versions, reading them back, and comparing two versions.

Comparing two versions is in ``diff`` (``zhospar diff``).

Keys: a plan has a short key (``mlsp-2010-2014``); a version is named ``PLAN@VERSION`` where the
version is the number of the act that made it (``mlsp-2010-2014@2342`` as approved,
``mlsp-2010-2014@415`` and ``@1417`` as amended). ``PLAN`` alone means the plan as read, which is
also its current version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhospar._exceptions import NotFoundError, PlanFormatError, StoreError
from zhospar.model.plan import Expenditure, Phase, Plan
from zhospar.model.walk import iter_indicators
from zhospar.rules.catalog import EXPENDITURE_UNIT, program_money
from zhospar.store._versions import VersionSpec, derive_versions
from zhospar.store.db import Database
from zhospar.store.schema import (
    IndicatorRow,
    MilestoneRow,
    PlanRow,
    PlanVersionRow,
    TargetRow,
)
from zhospar.store.search import index_plan

__all__ = [
    "BUNDLED_PLAN_KEY",
    "PlanInfo",
    "StoredPlan",
    "VersionInfo",
    "list_plans",
    "load_plan",
    "split_key",
    "store_plan",
]

BUNDLED_PLAN_KEY = "mlsp-2010-2014"


@dataclass(frozen=True)
class StoredPlan:
    """What ``store_plan`` did."""

    key: str
    created: bool  # False: the plan was already stored, nothing changed
    versions: list[str]
    placeholders: (
        int  # rows deleted by amendments, put back in the approved version as placeholders
    )


def store_plan(db: Database, plan: Plan, key: str) -> StoredPlan:
    """Store a plan and all its versions under ``key``; a second call with the same text is a no-op.

    Refuses to store a different text under a key already taken.
    """
    with db.session() as session, session.begin():
        existing = session.scalar(select(PlanRow).where(PlanRow.key == key))
        if existing is not None:
            return _already_stored(session, existing, plan)
        row = _plan_row(plan, key)
        session.add(row)
        session.flush()
        specs = derive_versions(plan)
        for spec in specs:
            _add_version(session, row.id, spec)
        index_plan(session.connection(), row.id, plan)
    return StoredPlan(key, True, [s.key for s in specs], specs[0].placeholders)


def _already_stored(session: Session, row: PlanRow, plan: Plan) -> StoredPlan:
    new_sha = plan.source.sha256 if plan.source else None
    if row.source_sha256 != new_sha:
        raise StoreError(
            f'plan "{row.key}" is already stored from another text '
            f"(sha256 {row.source_sha256}, this one {new_sha}); store it under another key"
        )
    versions = session.execute(
        select(PlanVersionRow.key, PlanVersionRow.placeholders)
        .where(PlanVersionRow.plan_id == row.id)
        .order_by(PlanVersionRow.seq)
    ).all()
    return StoredPlan(row.key, False, [v.key for v in versions], versions[0][1] if versions else 0)


def _plan_row(plan: Plan, key: str) -> PlanRow:
    return PlanRow(
        key=key,
        title=plan.title,
        ministry=plan.ministry,
        period_start=plan.period_start,
        period_end=plan.period_end,
        source_name=plan.source.name if plan.source else None,
        source_sha256=plan.source.sha256 if plan.source else None,
        document=plan.model_dump_json(),
        created_at=dt.datetime.now(dt.UTC),
    )


def _add_version(session: Session, plan_id: int, spec: VersionSpec) -> None:
    version = PlanVersionRow(
        plan_id=plan_id,
        key=spec.key,
        seq=spec.seq,
        act_kind=spec.act.kind if spec.act else "approved",
        act_number=spec.act.number if spec.act else None,
        act_date=spec.act.date if spec.act else None,
        is_current=spec.is_current,
        placeholders=spec.placeholders,
        document=spec.plan.model_dump_json(),
    )
    session.add(version)
    session.flush()
    placeholder_marker = "[wording not in the published text"
    for position, place in enumerate(iter_indicators(spec.plan), start=1):
        ind = place.indicator
        row = IndicatorRow(
            version_id=version.id,
            indicator_id=ind.id,
            parent_id=place.parent.id if place.parent else None,
            section=ind.section.value,
            direction=place.direction,
            code=place.code,
            number=ind.number,
            name=ind.name,
            unit=ind.unit,
            breakdown=ind.breakdown,
            kind=ind.kind.value if ind.kind else None,
            deleted_by=ind.deleted.act.number if ind.deleted else None,
            placeholder=ind.name.startswith(placeholder_marker),
            position=position,
            line=ind.line,
        )
        row_targets = [
            TargetRow(
                year=v.year, phase=v.phase.value, value=v.value, raw=v.raw, note=v.note, line=v.line
            )
            for v in ind.values
        ]
        _add_with_targets(session, row, row_targets)
    _add_expenditure_rows(session, version.id, spec.plan)
    _add_milestones(session, version.id, spec.plan, placeholder_marker)


def _add_with_targets(session: Session, row: IndicatorRow, targets: list[TargetRow]) -> None:
    session.add(row)
    session.flush()
    for target in targets:
        target.indicator_row_id = row.id
    session.add_all(targets)


def _add_expenditure_rows(session: Session, version_id: int, plan: Plan) -> None:
    """One ``P{code}-X`` row per budget program, its targets the money the plan gives it."""
    for position, program in enumerate(program_money(plan), start=1):
        row = IndicatorRow(
            version_id=version_id,
            indicator_id=program.indicator_id,
            section="expenditure",
            code=program.code,
            name=program.name,
            unit=EXPENDITURE_UNIT,
            placeholder=False,
            position=100_000 + position,
            line=program.line,
        )
        _add_with_targets(session, row, [_money_target(e, plan) for e in program.money])


def _money_target(item: Expenditure, plan: Plan) -> TargetRow:
    phase = Phase.PLANNED if item.year >= plan.period_start else Phase.REPORTED
    note = item.kind.value + (" (columns inferred)" if item.inferred else "")
    return TargetRow(
        year=item.year, phase=phase.value, value=item.value, raw=item.raw, note=note, line=item.line
    )


def _add_milestones(session: Session, version_id: int, plan: Plan, marker: str) -> None:
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                session.add_all(
                    MilestoneRow(
                        version_id=version_id,
                        milestone_id=m.id,
                        task=task.code,
                        name=m.name,
                        due_years=",".join(str(y) for y in m.due_years),
                        deleted_by=m.deleted.act.number if m.deleted else None,
                        placeholder=m.name.startswith(marker),
                        line=m.line,
                    )
                    for m in task.milestones
                )


def split_key(key: str) -> tuple[str, str | None]:
    """``"PLAN@VERSION"`` -> ``("PLAN", "VERSION")``; ``"PLAN"`` -> ``("PLAN", None)``."""
    plan, _, version = key.partition("@")
    return plan.strip(), (version.strip() or None)


def find_version(session: Session, key: str) -> PlanVersionRow:
    """The version named ``PLAN@VERSION`` (``PLAN``: its current one); NotFoundError if none."""
    plan_key, version_key = split_key(key)
    plan = session.scalar(select(PlanRow).where(PlanRow.key == plan_key))
    if plan is None:
        known = ", ".join(session.scalars(select(PlanRow.key))) or "none (run `zhospar init`)"
        raise NotFoundError(f'no plan "{plan_key}" in the database; plans stored: {known}')
    query = select(PlanVersionRow).where(PlanVersionRow.plan_id == plan.id)
    if version_key is None:
        query = query.where(PlanVersionRow.is_current.is_(True))
    else:
        query = query.where(PlanVersionRow.key == version_key)
    version = session.scalar(query)
    if version is None:
        keys = session.scalars(
            select(PlanVersionRow.key)
            .where(PlanVersionRow.plan_id == plan.id)
            .order_by(PlanVersionRow.seq)
        )
        known = ", ".join(f"{plan_key}@{k}" for k in keys)
        raise NotFoundError(f'plan "{plan_key}" has no version "{version_key}"; it has: {known}')
    return version


def load_plan(db: Database, plan_key: str | None = None) -> Plan:
    """The plan as read (``KEY``) or as it stood in one of its versions (``KEY@VERSION``)."""
    key = plan_key or db.default_plan_key()
    plan_part, version_part = split_key(key)
    with db.session() as session:
        if version_part is None:
            document = session.scalar(select(PlanRow.document).where(PlanRow.key == plan_part))
            if document is None:
                find_version(session, key)  # raises NotFoundError with the keys known
        else:
            document = find_version(session, key).document
    try:
        return Plan.model_validate_json(document or "")
    except ValueError as error:
        raise PlanFormatError(f"the stored plan {key} cannot be read back: {error}") from None


@dataclass(frozen=True)
class VersionInfo:
    key: str  # "PLAN@VERSION"
    seq: int
    act_kind: str
    act_number: str | None
    act_date: dt.date | None
    is_current: bool
    indicators: int  # present (not deleted) indicators, breakdown rows included
    milestones: int
    placeholders: int


@dataclass(frozen=True)
class PlanInfo:
    key: str
    title: str
    period_start: int
    period_end: int
    versions: list[VersionInfo] = field(default_factory=list)


def list_plans(db: Database) -> list[PlanInfo]:
    with db.session() as session:
        return [_plan_info(session, row) for row in session.scalars(select(PlanRow).order_by("id"))]


def _plan_info(session: Session, plan: PlanRow) -> PlanInfo:
    info = PlanInfo(plan.key, plan.title, plan.period_start, plan.period_end)
    versions = session.scalars(
        select(PlanVersionRow).where(PlanVersionRow.plan_id == plan.id).order_by("seq")
    )
    for v in versions:
        n_ind = session.scalar(
            select(func.count()).where(
                IndicatorRow.version_id == v.id,
                IndicatorRow.deleted_by.is_(None),
                IndicatorRow.section != "expenditure",
            )
        )
        n_mil = session.scalar(
            select(func.count()).where(
                MilestoneRow.version_id == v.id, MilestoneRow.deleted_by.is_(None)
            )
        )
        info.versions.append(
            VersionInfo(
                f"{plan.key}@{v.key}",
                v.seq,
                v.act_kind,
                v.act_number,
                v.act_date,
                v.is_current,
                n_ind or 0,
                n_mil or 0,
                v.placeholders,
            )
        )
    return info
