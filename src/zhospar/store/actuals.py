"""Recording actual values (факт) with their full history.

Every value is checked before anything is written: the indicator exists in the plan's current
version (an indicator id, or ``P{code}-X`` for a budget program's expenditure in thousand tenge),
the region is known, the period lies within the plan's years, and the value is in its sensible
range (``zhospar.rules.ranges``) unless a reason to force it is given. All problems are reported
at once (``zhospar.rules.actuals``).

Then every row is written in one transaction, or none. History is append-only: a value for an
(indicator, period, region, breakdown) that already has one becomes the next revision; a value
equal to the latest revision (same value, source and comment) is left alone ("unchanged").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Literal

from sqlalchemy import Connection, select

from zhospar._exceptions import NotFoundError
from zhospar.model.actuals import Actual, ActualInput, Origin
from zhospar.model.batch import ActualBatch
from zhospar.model.periods import Period
from zhospar.rules.actuals import check_batch, check_entered_by
from zhospar.rules.reasons import ReasonInput
from zhospar.rules.regions import find_region
from zhospar.store._bulk import DEFAULT_BATCH, period_columns, stamp_for, table_rows, write_rows
from zhospar.store._catalog import catalog
from zhospar.store._revisions import Key, latest_revisions, number_revisions
from zhospar.store.activity import note
from zhospar.store.activity_words import (
    FACT_ONE,
    FACT_ONE_REGION,
    FACTS_FROM_FILE,
    FACTS_MANY,
    entry,
)
from zhospar.store.db import Database
from zhospar.store.reasons import check_reasons, write_reasons
from zhospar.store.schema import ActualRow
from zhospar.store.signoff import refuse_approved

__all__ = [
    "RecordResult",
    "Recorded",
    "history",
    "latest_actuals",
    "record_actuals",
    "set_actual",
]


@dataclass
class RecordResult:
    """What ``record_actuals`` did (or, on a dry run, would do)."""

    added: int = 0  # first values for their key
    revised: int = 0  # new revisions of a key that had a value
    unchanged: int = 0  # equal to the latest revision: not written
    rows: int = 0  # inputs given
    last_revision: int = 0  # the last input's revision: as written, or the one in force
    reasons: int = 0  # reasons for non-achievement recorded with the values


@dataclass(frozen=True)
class Recorded:
    """The result of ``set_actual``: the revision now in force and what happened."""

    actual: Actual
    status: Literal["added", "revised", "unchanged"]


def record_actuals(
    db: Database,
    plan_key: str | None,
    inputs: Sequence[ActualInput] | ActualBatch,
    *,
    entered_by: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int = DEFAULT_BATCH,
    reasons: Sequence[ReasonInput] = (),
) -> RecordResult:
    """Validate every input, then write them all in one transaction (see the module doc).

    ``inputs`` are ``ActualInput`` values, or many values as columns (an ``ActualBatch``, as an
    import gives them); both are checked by the same functions. ``reasons`` for
    non-achievement (an import's "reason" column) are written in the same transaction.
    """
    batch = inputs if isinstance(inputs, ActualBatch) else ActualBatch.of(inputs)
    plan_id, cat = catalog(db, plan_key)
    series = check_batch(cat, batch)
    given_reasons = check_reasons(cat, reasons)
    check_entered_by(entered_by)
    periods = period_columns(batch.period)
    keys = list(zip(series.indicator_id, periods["period"], series.region, series.breakdown,
                    strict=True))  # fmt: skip

    def work(conn: Connection) -> RecordResult:
        refuse_approved(conn, plan_id, set(periods["year"]))
        latest = latest_revisions(conn, plan_id, set(series.indicator_id), set(periods["period"]))
        numbered = number_revisions(keys, batch.value, batch.source, batch.comment,
                                    series.status, series.coverage, latest)  # fmt: skip
        if not dry_run:
            store = {
                "plan_id": repeat(plan_id), "indicator_id": series.indicator_id, **periods,
                "region": series.region, "breakdown": series.breakdown,
                "status": series.status, "coverage": series.coverage,
                "revision": numbered.revisions, "entered_by": repeat(entered_by),
                "entered_at": repeat(stamp_for(db.dialect, dt.datetime.now(dt.UTC))),
            }  # fmt: skip
            rows = table_rows(db.dialect, batch, store, numbered.written)
            write_rows(conn, rows, batch_size=batch_size, progress=progress)
        last = 0 if not keys else 1 if numbered.written is None else latest[keys[-1]][0]
        done = RecordResult(numbered.added, numbered.revised, numbered.unchanged, len(batch), last)
        done.reasons = len(given_reasons)
        if not dry_run:
            note(conn, "record-facts", _what_changed(batch, done), user=entered_by)
            write_reasons(conn, plan_id, given_reasons, by=entered_by)
        else:
            refuse_approved(conn, plan_id, {r.year for r in given_reasons})
        return done

    if dry_run:
        with db.reading() as conn:
            return work(conn)
    return db.write(work, plan_id=plan_id)


def _what_changed(batch: ActualBatch, done: RecordResult) -> str:
    """The activity log's words for a write: the value itself, or the counts and the file."""
    counts = {"added": done.added, "revised": done.revised, "unchanged": done.unchanged}
    if len(batch) == 1:
        one = {"id": batch.indicator_id[0], "period": batch.period[0], "value": batch.value[0]}
        if batch.region[0]:
            return entry(FACT_ONE_REGION, **one, region=batch.region[0],
                         revision=done.last_revision, **counts)  # fmt: skip
        return entry(FACT_ONE, **one, revision=done.last_revision, **counts)
    origin = next((f for f in batch.origin_file if f), None)
    if origin:
        return entry(FACTS_FROM_FILE, count=len(batch), file=origin, **counts)
    return entry(FACTS_MANY, count=len(batch), **counts)


def set_actual(
    db: Database, plan_key: str | None, item: ActualInput, *, entered_by: str
) -> Recorded:
    """Record one value (a correction when the key has one) and return the revision in force."""
    result = record_actuals(db, plan_key, [item], entered_by=entered_by)
    status: Literal["added", "revised", "unchanged"] = (
        "added" if result.added else "revised" if result.revised else "unchanged"
    )
    # the revision this call wrote (or found in force), not whatever is latest by now: another
    # writer may have added one since the commit; that row alone, not the key's whole history
    return Recorded(_revision(db, plan_key, item, result.last_revision), status)


def _revision(db: Database, plan_key: str | None, item: ActualInput, revision: int) -> Actual:
    """One revision of the series ``item`` was recorded in (its region and breakdown)."""
    plan_id, cat = catalog(db, plan_key)
    indicator_id, breakdown = item.indicator_id, (item.breakdown or "").strip()
    if breakdown:
        indicator_id, breakdown = cat.series(indicator_id, breakdown)
    t = ActualRow.__table__
    query = select(t).where(
        t.c.plan_id == plan_id, t.c.indicator_id == indicator_id,
        t.c.period == str(item.period), t.c.region == _region_code(item.region or ""),
        t.c.breakdown == breakdown, t.c.revision == revision,
    )  # fmt: skip
    with db.reading() as conn:
        return _actual(conn.execute(query).one()._mapping)


def history(
    db: Database,
    indicator_id: str,
    *,
    plan_key: str | None = None,
    region: str | None = None,
    period: Period | None = None,
    breakdown: str | None = None,
) -> list[Actual]:
    """Every revision of an indicator's values, oldest first within each period and region.

    ``region`` filters by a region code or name; ``""`` means the whole country only. A
    ``breakdown`` label naming a breakdown row means that row (``G1.1-I1`` + "әйелдер" is
    ``G1.1-I1-b1``), as when the values were recorded; ``""`` means no breakdown label.
    """
    plan_id, cat = catalog(db, plan_key)
    if indicator_id not in cat.indicators:
        raise NotFoundError(cat.unknown_message(indicator_id))
    if breakdown:
        indicator_id, breakdown = cat.series(indicator_id, breakdown)
    t = ActualRow.__table__
    query = select(t).where(t.c.plan_id == plan_id, t.c.indicator_id == indicator_id)
    if region is not None:
        query = query.where(t.c.region == _region_code(region))
    if period is not None:
        query = query.where(t.c.period == str(period))
    if breakdown is not None:
        query = query.where(t.c.breakdown == breakdown)
    query = query.order_by(
        t.c.year, t.c.start_month, t.c.months.desc(), t.c.region, t.c.breakdown, t.c.revision
    )
    with db.reading() as conn:
        return [_actual(row._mapping) for row in conn.execute(query)]


def latest_actuals(db: Database, plan_key: str | None = None) -> list[Actual]:
    """The revision in force of every (indicator, period, region, breakdown) of a plan."""
    plan_id = catalog(db, plan_key).plan_id
    t = ActualRow.__table__
    newest: dict[Key, Actual] = {}
    with db.reading() as conn:
        for row in conn.execute(select(t).where(t.c.plan_id == plan_id).order_by(t.c.id)):
            actual = _actual(row._mapping)
            key = (
                actual.indicator_id,
                str(actual.period),
                actual.region or "",
                actual.breakdown or "",
            )
            if key not in newest or newest[key].revision < actual.revision:
                newest[key] = actual
    return list(newest.values())


def _region_code(text: str) -> str:
    if not text:
        return ""
    found = find_region(text)
    if found is None:
        raise NotFoundError(f'unknown region "{text}": expected a region code such as 75')
    return found.code


def _actual(row: Any) -> Actual:
    return Actual(
        id=row["id"],
        plan_id=row["plan_id"],
        indicator_id=row["indicator_id"],
        period=Period(row["year"], row["start_month"], row["months"]),
        value=row["value"],
        region=row["region"] or None,
        breakdown=row["breakdown"] or None,
        source=row["source"],
        comment=row["comment"],
        origin=Origin(file=row["origin_file"], row=row["origin_row"]),
        force_reason=row["force_reason"],
        status=row["status"],
        coverage=row["coverage"],
        revision=row["revision"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
    )
