"""Amending a stored plan: each amendment makes a new version, and a year is scored against the
version in force in that year.

``amend_plan`` applies an ``Amendment`` (``zhospar.model.amendments``) to the plan as it stands,
stores the result as the plan's new current version (``KEY@ACT``, the earlier versions kept as
they were), records what was asked, by whom and when (``plan_amendments``, append-only) and
notes it in the activity log, all in one transaction. ``zhospar diff KEY@A KEY@B`` and the diff
page compare any two versions.

``plan_in_force`` is the plan the evaluation scores: each planned year's targets come from the
version in force in that year (the last made by its end), so amending the targets of 2013 in
2013 leaves 2010-2012 scored as they were planned. A row deleted by a later act is scored in
the years before it, and has no target from its act's year on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update

from zhospar._exceptions import ConflictError, NotFoundError, ValidationError
from zhospar.model.amendments import (
    Amendment,
    apply_amendment,
    changes_between,
    compose_in_force,
)
from zhospar.model.plan import ActRef, Plan
from zhospar.store._versions import VersionSpec
from zhospar.store.activity import note
from zhospar.store.activity_words import AMENDED, entry
from zhospar.store.data_version import bump_data_version
from zhospar.store.db import Database
from zhospar.store.people_tables import PlanAmendmentRow
from zhospar.store.plans import _add_version, load_plan, split_key
from zhospar.store.schema import PlanRow, PlanVersionRow
from zhospar.store.search import reindex_plan

__all__ = ["Amended", "AmendmentRecord", "amend_plan", "amendments_of", "plan_in_force"]


@dataclass(frozen=True)
class Amended:
    """What ``amend_plan`` made: the new version's key and the one it replaced as current."""

    version: str  # "PLAN@ACT"
    previous: str
    changes: int


@dataclass(frozen=True)
class AmendmentRecord:
    version: str
    amendment: Amendment
    entered_by: str
    entered_at: dt.datetime


def amend_plan(db: Database, plan_key: str | None, amendment: Amendment, *, by: str) -> Amended:
    """Store the plan after ``amendment`` as its new current version (all or nothing)."""

    def make(current: Plan) -> Plan:
        return apply_amendment(current, amendment)

    return _new_version(db, plan_key, amendment, make, by=by)


def amend_with_plan(
    db: Database, plan_key: str, new: Plan, act: ActRef, reason: str, *, by: str
) -> Amended:
    """Store ``new`` (an amended plan loaded from a workbook or a text) as the plan's new
    current version, recording the changes it makes (``changes_between``) as the amendment.

    The file is the authority for the new version's wording; the record says what changed in
    targets, indicators and milestones. A file that changes none of them is refused."""

    def amended(current: Plan) -> Plan:
        if not changes_between(current, new):
            raise ValidationError(
                "the file changes no target, indicator or milestone of the stored plan: "
                "nothing to amend"
            )
        result = new.model_copy(deep=True)
        acts = [a.number for a in result.amended_by]
        if act.number not in acts:
            result.amended_by.append(act)
        return result

    def record(current: Plan) -> Amendment:
        return Amendment(act=act, reason=reason, changes=changes_between(current, new))

    return _new_version(db, plan_key, record, amended, by=by)


def _new_version(
    db: Database,
    plan_key: str | None,
    amendment: Amendment | Callable[[Plan], Amendment],
    make: Callable[[Plan], Plan],
    *,
    by: str,
) -> Amended:
    """The plan as ``make`` changes the stored one, stored as its new current version, with the
    amendment recorded (who, when, why) and the activity log noted, in one transaction."""
    key = split_key(plan_key or db.default_plan_key())[0]
    with db.session() as session, session.begin():
        row = session.scalar(select(PlanRow).where(PlanRow.key == key))
        if row is None:
            load_plan(db, key)  # raises NotFoundError naming the plans stored
            raise NotFoundError(key)  # pragma: no cover
        versions = session.execute(
            select(PlanVersionRow.key, PlanVersionRow.seq, PlanVersionRow.is_current).where(
                PlanVersionRow.plan_id == row.id
            )
        ).all()
        current = Plan.model_validate_json(row.document)
        made = amendment if isinstance(amendment, Amendment) else amendment(current)
        version_key = made.act.number
        if any(v.key == version_key for v in versions):
            raise ConflictError(f"plan {key} already has a version {key}@{version_key}")
        amended = make(current)
        previous = next((v.key for v in versions if v.is_current), versions[-1].key)
        session.execute(
            update(PlanVersionRow).where(PlanVersionRow.plan_id == row.id).values(is_current=False)
        )
        spec = VersionSpec(
            key=version_key,
            seq=max(v.seq for v in versions) + 1,
            act=made.act,
            kind="amended",
            plan=amended,
            placeholders=0,
            is_current=True,
        )
        _add_version(session, row.id, spec)
        row.document = amended.model_dump_json()
        session.add(
            PlanAmendmentRow(
                plan_id=row.id,
                version_key=version_key,
                amendment=made.model_dump_json(),
                entered_by=by,
                entered_at=dt.datetime.now(dt.UTC),
            )
        )
        session.flush()
        conn = session.connection()
        reindex_plan(conn, row.id, amended)
        bump_data_version(conn, row.id)  # every server reads the plan and its scores again
        detail = entry(AMENDED, plan=key, version=version_key, count=len(made.changes),
                       act=made.act.number, date=made.act.date, reason=made.reason)  # fmt: skip
        note(conn, "plan.amend", detail, user=by)
    db._cache.clear()  # plans read once per process are read again
    return Amended(f"{key}@{version_key}", f"{key}@{previous}", len(made.changes))


def amendments_of(db: Database, plan_key: str | None) -> list[AmendmentRecord]:
    """The amendments made in Zhospar to a plan, oldest first."""
    key = split_key(plan_key or db.default_plan_key())[0]
    with db.session() as session:
        rows = session.execute(
            select(PlanAmendmentRow)
            .join(PlanRow, PlanRow.id == PlanAmendmentRow.plan_id)
            .where(PlanRow.key == key)
            .order_by(PlanAmendmentRow.id)
        ).scalars()
        return [
            AmendmentRecord(
                f"{key}@{r.version_key}",
                Amendment.model_validate_json(r.amendment),
                r.entered_by,
                r.entered_at,
            )
            for r in rows
        ]


def plan_in_force(db: Database, plan_key: str | None) -> Plan:
    """The plan to score: as read, unless a version made after the plan's first year changed
    what governs some year (then each planned year from the version in force in it).

    The bundled plan's acts all date from its first year (2010), so it is scored as read."""
    key = plan_key or db.default_plan_key()
    plan = db.load_plan(key)
    if split_key(key)[1] is not None:
        return plan  # a version asked for by name is scored as it stands
    with db.session() as session:
        latest = session.scalar(
            select(func.max(PlanVersionRow.act_date))
            .join(PlanRow, PlanRow.id == PlanVersionRow.plan_id)
            .where(PlanRow.key == key)
        )
        if latest is None or latest.year <= plan.period_start:
            return plan
        rows = session.execute(
            select(PlanVersionRow.act_date, PlanVersionRow.document)
            .join(PlanRow, PlanRow.id == PlanVersionRow.plan_id)
            .where(PlanRow.key == key)
            .order_by(PlanVersionRow.seq)
        ).all()
    versions = [(r.act_date, Plan.model_validate_json(r.document)) for r in rows]
    return compose_in_force(plan, versions)
