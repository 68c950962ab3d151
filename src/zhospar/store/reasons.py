"""Reasons for non-achievement (орындалмау себептері), per indicator and year, with history.

``indicator_reasons`` is append-only (triggers refuse UPDATE and DELETE): a new reason for the
same indicator and year is a new row, and the latest one is in force; the earlier ones are its
history, each with the named person and the moment. A reason is refused for an approved year
(checked inside the writing transaction, as facts are) and every write is in the activity log.

    record_reason(db, None, "G1.1-I1", 2012, "the bulletin's method changed", by="dana")
    in_force = reasons_in_year(db, None, 2012)        # indicator id -> Reason
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import ConflictError, NotFoundError, ValidationError
from zhospar.i18n import gettext
from zhospar.rules.catalog import Catalog
from zhospar.rules.reasons import ReasonInput, check_reason_text, missing_reasons_message
from zhospar.store._catalog import catalog
from zhospar.store.activity import actor_name, note
from zhospar.store.activity_words import REASON_ONE, REASONS_MANY, entry
from zhospar.store.db import Database
from zhospar.store.people_tables import ReasonRow
from zhospar.store.signoff import refuse_approved

__all__ = [
    "Reason",
    "ReasonInput",
    "check_reasons",
    "reason_history",
    "reasons_in_year",
    "reasons_in_year_on",
    "record_reason",
    "record_reasons",
    "refuse_unexplained",
    "write_reasons",
]


@dataclass(frozen=True)
class Reason:
    """A reason as kept: who gave it and when (the latest per indicator and year is in force)."""

    id: int
    indicator_id: str
    year: int
    text: str
    entered_by: str
    entered_at: dt.datetime


def check_reasons(cat: Catalog, items: Iterable[ReasonInput]) -> list[ReasonInput]:
    """The reasons as kept (ids stripped, texts checked); refused at the first bad one."""
    checked: list[ReasonInput] = []
    for item in items:
        ident = item.indicator_id.strip()
        if ident not in cat.indicators:
            raise NotFoundError(cat.unknown_message(ident))
        years = cat.years
        if years is not None and item.year not in years:
            raise ValidationError(
                gettext(
                    "year {year} is outside the plan's period: expected {first} to {last}"
                ).format(year=item.year, first=years[0], last=years[-1])
            )
        checked.append(ReasonInput(ident, item.year, check_reason_text(item.text)))
    return checked


def write_reasons(
    conn: Connection, plan_id: int, items: Sequence[ReasonInput], *, by: str
) -> list[Reason]:
    """Write checked reasons inside the caller's transaction (refused for an approved year)."""
    if not items:
        return []
    refuse_approved(conn, plan_id, {i.year for i in items})
    who = actor_name(by)
    now = dt.datetime.now(dt.UTC)
    written: list[Reason] = []
    for item in items:
        row = {
            "plan_id": plan_id, "indicator_id": item.indicator_id, "year": item.year,
            "text": item.text, "entered_by": who, "entered_at": now,
        }  # fmt: skip
        key = conn.execute(insert(ReasonRow).values(**row)).inserted_primary_key
        assert key is not None  # both databases report the new id
        written.append(Reason(int(key[0]), item.indicator_id, item.year, item.text, who, now))
    if len(written) == 1:
        words = entry(REASON_ONE, id=items[0].indicator_id, year=items[0].year, text=items[0].text)
    else:
        years = ", ".join(sorted({str(i.year) for i in items}))
        words = entry(REASONS_MANY, count=len(written), years=years)
    note(conn, "record-reason", words, user=by)
    return written


def record_reasons(
    db: Database, plan_key: str | None, items: Iterable[ReasonInput], *, by: str
) -> list[Reason]:
    """Check every reason, then write them all in one transaction, or none."""
    plan_id, cat = catalog(db, plan_key)
    checked = check_reasons(cat, items)
    if not by.strip():
        raise ValidationError("who gives the reason must be named (user is empty)")
    return db.write(lambda conn: write_reasons(conn, plan_id, checked, by=by), plan_id=plan_id)


def record_reason(
    db: Database, plan_key: str | None, indicator_id: str, year: int, text: str, *, by: str
) -> Reason:
    """Record the reason an indicator missed its target in ``year``; it is now the one in force."""
    return record_reasons(db, plan_key, [ReasonInput(indicator_id, year, text)], by=by)[0]


def reason_history(
    db: Database, plan_key: str | None, indicator_id: str, year: int | None = None
) -> list[Reason]:
    """Every reason given for an indicator (in one year, or all), oldest first."""
    plan_id = catalog(db, plan_key).plan_id
    t = ReasonRow.__table__
    query = select(t).where(t.c.plan_id == plan_id, t.c.indicator_id == indicator_id)
    if year is not None:
        query = query.where(t.c.year == year)
    with db.reading() as conn:
        return [_reason(r) for r in conn.execute(query.order_by(t.c.id)).mappings()]


def reasons_in_year(db: Database, plan_key: str | None, year: int) -> Mapping[str, Reason]:
    """The reason in force of each indicator that has one for ``year``: indicator id -> Reason."""
    plan_id = catalog(db, plan_key).plan_id
    with db.reading() as conn:
        return reasons_in_year_on(conn, plan_id, year)


def reasons_in_year_on(conn: Connection, plan_id: int, year: int) -> dict[str, Reason]:
    """``reasons_in_year`` inside a transaction already open (the approval checks with it)."""
    t = ReasonRow.__table__
    query = select(t).where(t.c.plan_id == plan_id, t.c.year == year).order_by(t.c.id)
    return {r.indicator_id: r for r in map(_reason, conn.execute(query).mappings())}


def refuse_unexplained(conn: Connection, plan_id: int, year: int, missed: Sequence[str]) -> None:
    """Refuse (ConflictError, listing them) while an indicator in ``missed`` has no reason for
    ``year``; run inside the approval's transaction, so a reason and an approval cannot race."""
    explained = reasons_in_year_on(conn, plan_id, year)
    missing = [ident for ident in missed if ident not in explained]
    if missing:
        raise ConflictError(missing_reasons_message(year, missing))


def _reason(row: Any) -> Reason:
    return Reason(
        id=int(row["id"]),
        indicator_id=str(row["indicator_id"]),
        year=int(row["year"]),
        text=str(row["text"]),
        entered_by=str(row["entered_by"]),
        entered_at=row["entered_at"],
    )
