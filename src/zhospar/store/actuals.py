"""Recording actual values (факт) with their full history.

Every value is checked before anything is written: the indicator exists in the plan's current
version (an indicator id, or ``P{code}-X`` for a budget program's expenditure in thousand tenge),
the region is known, the period lies within the plan's years, and the value is in its sensible
range (``_ranges``) unless a reason to force it is given. All problems are reported at once.

Then every row is written in one transaction, or none. History is append-only: a value for an
(indicator, period, region, breakdown) that already has one becomes the next revision; a value
equal to the latest revision (same value, source and comment) is left alone ("unchanged").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Connection, select

from zhospar._exceptions import (
    ImportFileError,
    NotFoundError,
    Problem,
    ValidationError,
)
from zhospar.model.actuals import Actual, ActualInput, Origin
from zhospar.model.periods import Period
from zhospar.store._bulk import DEFAULT_BATCH, Row, stamp_for, value_for, write_rows
from zhospar.store._catalog import Catalog, catalog
from zhospar.store._ranges import range_problem
from zhospar.store.db import Database
from zhospar.store.reference import find_region
from zhospar.store.schema import ActualRow

__all__ = [
    "RecordResult",
    "Recorded",
    "history",
    "latest_actuals",
    "record_actuals",
    "set_actual",
]

Key = tuple[str, str, str, str]  # indicator, period, region code or '', breakdown or ''
Latest = tuple[int, Decimal, str | None, str | None]  # revision, value, source, comment
_MAX_BREAKDOWN = 100


@dataclass
class RecordResult:
    """What ``record_actuals`` did (or, on a dry run, would do)."""

    added: int = 0  # first values for their key
    revised: int = 0  # new revisions of a key that had a value
    unchanged: int = 0  # equal to the latest revision: not written
    rows: int = 0  # inputs given


@dataclass(frozen=True)
class Recorded:
    """The result of ``set_actual``: the revision now in force and what happened."""

    actual: Actual
    status: Literal["added", "revised", "unchanged"]


def record_actuals(
    db: Database,
    plan_key: str | None,
    inputs: Sequence[ActualInput],
    *,
    entered_by: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> RecordResult:
    """Validate every input, then write them all in one transaction (see the module doc)."""
    cat = catalog(db, plan_key)
    regions = _check(cat, inputs)
    if not entered_by.strip():
        raise ValidationError("who enters the values must be named (entered_by is empty)")

    def work(conn: Connection) -> RecordResult:
        result = RecordResult(rows=len(inputs))
        latest = _latest(conn, cat.plan_id, {i.indicator_id for i in inputs})
        rows = _rows(db.dialect, cat.plan_id, inputs, regions, latest, result, entered_by)
        if dry_run:
            for _ in rows:
                pass
        else:
            write_rows(conn, rows, batch_size=batch_size, progress=progress)
        return result

    if dry_run:
        with db.reading() as conn:
            return work(conn)
    return db.write(work, plan_id=cat.plan_id)


def _check(cat: Catalog, inputs: Sequence[ActualInput]) -> dict[str, str]:
    """Every problem of every input at once; returns the region codes of the names used."""
    problems: list[tuple[ActualInput, str, str, bool]] = []  # input, column, message, not found
    regions: dict[str, str] = {}
    infos = cat.indicators
    years = cat.years
    for item in inputs:
        info = infos.get(item.indicator_id)
        if info is None:
            problems.append((item, "indicator", cat.unknown_message(item.indicator_id), True))
        elif info.deleted_by is not None:
            message = (
                f'indicator {info.id} "{_short(info.name)}" was deleted from plan '
                f"{cat.plan_key} by resolution No. {info.deleted_by}; it takes no actual values"
            )
            problems.append((item, "indicator", message, False))
        elif not item.value.is_finite():
            problems.append((item, "value", f"expected a number; got {item.value}", False))
        elif (
            info.out_of_range(item.value)
            and not item.force_reason
            and (why := range_problem(info.rule, item.value))
        ):
            message = (
                f'indicator {info.id} "{_short(info.name)}" has unit "{info.unit}": {why}; '
                f"got {item.value}. Give a reason to force it (--force REASON) if it is right"
            )
            problems.append((item, "value", message, False))
        if item.region and item.region not in regions:
            found = find_region(item.region)
            if found is None:
                message = (
                    f'unknown region "{item.region}": expected a region code such as 75 or '
                    "a name such as Алматы қаласы (see `zhospar regions`)"
                )
                problems.append((item, "region", message, False))
            else:
                regions[item.region] = found.code
        if years is not None and item.period.year not in years:
            message = (
                f"period {item.period} is outside plan {cat.plan_key} "
                f"({years.start}-{years.stop - 1})"
            )
            problems.append((item, "period", message, False))
        if item.breakdown and len(item.breakdown.strip()) > _MAX_BREAKDOWN:
            message = f"a breakdown label is at most {_MAX_BREAKDOWN} characters"
            problems.append((item, "breakdown", message, False))
    if problems:
        _raise(problems)
    return regions


def _short(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _raise(problems: list[tuple[ActualInput, str, str, bool]]) -> None:
    files = [item.origin.file for item, *_ in problems if item.origin.file]
    if files:
        found = [Problem(item.origin.row, column, msg) for item, column, msg, _ in problems]
        raise ImportFileError(files[0], found)
    messages = [msg for _, _, msg, _ in problems]
    text = (
        messages[0]
        if len(messages) == 1
        else f"{len(messages)} values refused:\n" + "\n".join(f"- {m}" for m in messages)
    )
    if all(not_found for *_, not_found in problems):
        raise NotFoundError(text)
    raise ValidationError(text)


def _latest(conn: Connection, plan_id: int, indicator_ids: set[str]) -> dict[Key, Latest]:
    """The latest revision of every key these inputs touch, read inside the write transaction."""
    t = ActualRow.__table__
    query = select(
        t.c.indicator_id, t.c.period, t.c.region, t.c.breakdown,
        t.c.revision, t.c.value, t.c.source, t.c.comment,
    ).where(t.c.plan_id == plan_id)  # fmt: skip
    if len(indicator_ids) <= 500:
        query = query.where(t.c.indicator_id.in_(sorted(indicator_ids)))
    latest: dict[Key, Latest] = {}
    for ind, period, region, breakdown, revision, value, source, comment in conn.execute(query):
        key = (ind, period, region, breakdown)
        known = latest.get(key)
        if known is None or revision > known[0]:
            latest[key] = (revision, value, source, comment)
    return latest


def _rows(
    dialect: str,
    plan_id: int,
    inputs: Sequence[ActualInput],
    regions: dict[str, str],
    latest: dict[Key, Latest],
    result: RecordResult,
    entered_by: str,
) -> Iterator[Row]:
    """The rows to insert, numbering revisions as it goes and counting what it does."""
    to_driver = value_for(dialect)
    stamp = stamp_for(dialect, dt.datetime.now(dt.UTC))
    periods: dict[Period, tuple[str, int, int, int]] = {}
    for item in inputs:
        period = item.period
        p = periods.get(period)
        if p is None:
            p = periods[period] = (str(period), period.year, period.start_month, period.months)
        region = regions[item.region] if item.region else ""
        breakdown = item.breakdown.strip() if item.breakdown else ""
        value, source, comment = item.value, item.source, item.comment
        key = (item.indicator_id, p[0], region, breakdown)
        known = latest.get(key)
        if known is None:
            revision = 1
            result.added += 1
        elif known[1] == value and known[2] == source and known[3] == comment:
            result.unchanged += 1
            continue
        else:
            revision = known[0] + 1
            result.revised += 1
        latest[key] = (revision, value, source, comment)
        origin = item.origin
        yield (
            plan_id, key[0], p[0], p[1], p[2], p[3], region, breakdown, revision,
            to_driver(value), source, comment, origin.file, origin.row, item.force_reason,
            entered_by, stamp,
        )  # fmt: skip


def set_actual(
    db: Database, plan_key: str | None, item: ActualInput, *, entered_by: str
) -> Recorded:
    """Record one value (a correction when the key has one) and return the revision in force."""
    result = record_actuals(db, plan_key, [item], entered_by=entered_by)
    status: Literal["added", "revised", "unchanged"] = (
        "added" if result.added else "revised" if result.revised else "unchanged"
    )
    region = find_region(item.region).code if item.region else None  # type: ignore[union-attr]
    found = history(
        db, item.indicator_id, plan_key=plan_key, region=region or "", period=item.period,
        breakdown=(item.breakdown or "").strip(),
    )  # fmt: skip
    return Recorded(found[-1], status)


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

    ``region`` filters by a region code or name; ``""`` means the whole country only.
    """
    cat = catalog(db, plan_key)
    if indicator_id not in cat.indicators:
        raise NotFoundError(cat.unknown_message(indicator_id))
    t = ActualRow.__table__
    query = select(t).where(t.c.plan_id == cat.plan_id, t.c.indicator_id == indicator_id)
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
    cat = catalog(db, plan_key)
    t = ActualRow.__table__
    newest: dict[Key, Actual] = {}
    with db.reading() as conn:
        for row in conn.execute(select(t).where(t.c.plan_id == cat.plan_id).order_by(t.c.id)):
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
        revision=row["revision"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
    )
