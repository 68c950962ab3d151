"""Planners' assessments of the plan's risks, year by year, with their history.

``risk_assessments`` is append-only (triggers refuse UPDATE and DELETE): a new assessment of
the same risk and year is a new row, and the latest one is in force.

    record_assessment(db, None, "R1", 2012, likelihood=4, impact=5, note="...", user="aigerim")
    in_force = assessments_in_force(assessment_history(db, None), 2012)   # risk id -> latest
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import NotFoundError, StoreError, ValidationError
from zhospar.i18n import gettext
from zhospar.model.assessments import LEVELS, RiskAssessment
from zhospar.store.activity import note as log_note
from zhospar.store.activity_words import ASSESSED, entry
from zhospar.store.db import Database
from zhospar.store.schema import PlanRow, RiskAssessmentRow

__all__ = [
    "MAX_NOTE",
    "assessment_history",
    "assessments_in_force",
    "record_assessment",
]

MAX_NOTE = 2000  # characters of an assessment's note


def _plan(db: Database, plan_key: str | None) -> tuple[int, str]:
    key = (plan_key or db.default_plan_key()).partition("@")[0].strip()
    with db.reading() as conn:
        found = conn.execute(select(PlanRow.id).where(PlanRow.key == key)).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f'no plan "{key}" in the database')
    return int(found), key


def _level(value: int | str, what: str) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number not in LEVELS:
        steps = ", ".join(f"{k} {v}" for k, v in LEVELS.items())
        raise ValidationError(f'{what} must be a whole number from 1 to 5 ({steps}); got "{value}"')
    return number


def _note(note: str) -> str:
    cleaned = note.strip()
    if not cleaned:
        raise ValidationError("an assessment needs a note: say what it rests on")
    if "\x00" in cleaned:  # PostgreSQL cannot store it
        raise ValidationError("the note holds a NUL character (\\x00), which cannot be stored")
    if len(cleaned) > MAX_NOTE:
        raise ValidationError(f"the note is longer than {MAX_NOTE} characters ({len(cleaned)})")
    return cleaned


def record_assessment(
    db: Database,
    plan_key: str | None,
    risk_id: str,
    year: int,
    *,
    likelihood: int | str,
    impact: int | str,
    note: str,
    user: str,
) -> RiskAssessment:
    """Record an assessment of one of the plan's risks for a year of its period, as ``user``."""
    plan_id, key = _plan(db, plan_key)
    plan = db.load_plan(key)
    ident = risk_id.strip().upper()
    known = [r.id for r in plan.risks]
    if ident not in known:
        raise NotFoundError(f'no risk "{risk_id}" in plan {key}; its risks: {", ".join(known)}')
    if not plan.period_start <= year <= plan.period_end:
        raise ValidationError(
            gettext("year {year} is outside the plan's period: expected {first} to {last}").format(
                year=year, first=plan.period_start, last=plan.period_end
            )
        )
    if not user.strip():
        raise ValidationError("who makes the assessment must be named (user is empty)")
    row: dict[str, Any] = {
        "plan_id": plan_id,
        "risk_id": ident,
        "year": year,
        "likelihood": _level(likelihood, "likelihood"),
        "impact": _level(impact, "impact"),
        "note": _note(note),
        "entered_by": user.strip(),
        "entered_at": dt.datetime.now(dt.UTC),
    }

    def work(conn: Connection) -> int:
        key = conn.execute(insert(RiskAssessmentRow).values(**row)).inserted_primary_key
        if key is None:  # pragma: no cover - both databases report the new id
            raise StoreError("the database did not report the id of the new assessment")
        what = entry(ASSESSED, id=ident, year=year, likelihood=row["likelihood"],
                     impact=row["impact"], note=row["note"])  # fmt: skip
        log_note(conn, "risk-assessment", what, user=row["entered_by"])
        return int(key[0])

    return _to_record({**row, "id": db.write(work, plan_id=plan_id)})


def assessment_history(
    db: Database, plan_key: str | None, *, risk_id: str | None = None
) -> list[RiskAssessment]:
    """Every assessment recorded for the plan (or one risk), oldest first."""
    plan_id, _ = _plan(db, plan_key)
    t = RiskAssessmentRow.__table__
    query = select(t).where(t.c.plan_id == plan_id)
    if risk_id is not None:
        query = query.where(t.c.risk_id == risk_id.strip().upper())
    with db.reading() as conn:
        rows = conn.execute(query.order_by(t.c.id)).mappings().all()
    return [_to_record(dict(r)) for r in rows]


def assessments_in_force(records: Iterable[RiskAssessment], year: int) -> dict[str, RiskAssessment]:
    """The latest assessment of each risk for ``year``."""
    latest: dict[str, RiskAssessment] = {}
    for record in records:
        if record.year == year and (
            record.risk_id not in latest or record.id > latest[record.risk_id].id
        ):
            latest[record.risk_id] = record
    return latest


def _to_record(row: dict[str, Any]) -> RiskAssessment:
    moment = row["entered_at"]
    if isinstance(moment, dt.datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return RiskAssessment(
        id=int(row["id"]),
        risk_id=str(row["risk_id"]),
        year=int(row["year"]),
        likelihood=int(row["likelihood"]),
        impact=int(row["impact"]),
        note=str(row["note"]),
        entered_by=str(row["entered_by"]),
        entered_at=moment,
    )
