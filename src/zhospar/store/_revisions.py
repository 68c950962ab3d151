"""Numbering revisions: the history of a series grows by one row per correction.

A series is (indicator, period, region, breakdown). Its first value is revision 1; a value that
differs from the revision in force becomes the next revision; a value equal to it (same value,
source, comment, status and coverage) is "unchanged" and not written again: an operational value
confirmed as final is a new revision even when the number stays. The revisions in force are
read with one query inside the write transaction, so that writers that take turns never hand
out the same number twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import repeat

from sqlalchemy import Connection, select

from zhospar.store.schema import ActualRow

__all__ = ["Key", "Latest", "Numbered", "latest_revisions", "number_revisions"]

Key = tuple[str, str, str, str]  # indicator, period, region code or '', breakdown or ''
# revision, then what makes a value differ: value, source, comment, status, coverage
Latest = tuple[int, Decimal, str | None, str | None, str, str | None]
_IN_LIST_LIMIT = 500  # more indicators than this: read the whole plan rather than a long IN list


@dataclass
class Numbered:
    """Each row's revision, which rows are written (None: all), and how many of each outcome."""

    revisions: Iterable[int]
    written: list[bool] | None = None
    added: int = 0
    revised: int = 0
    unchanged: int = 0


def latest_revisions(
    conn: Connection, plan_id: int, indicator_ids: set[str], periods: set[str]
) -> dict[Key, Latest]:
    """The revision in force of every series of these indicators and periods.

    Only the periods a batch gives are read (through the unique key's index), so that a month's
    import into a database holding years of values reads that month's rows, not all of them.
    """
    t = ActualRow.__table__
    query = select(
        t.c.indicator_id, t.c.period, t.c.region, t.c.breakdown,
        t.c.revision, t.c.value, t.c.source, t.c.comment, t.c.status, t.c.coverage,
    ).where(t.c.plan_id == plan_id)  # fmt: skip
    if len(indicator_ids) <= _IN_LIST_LIMIT:
        query = query.where(t.c.indicator_id.in_(sorted(indicator_ids)))
    if len(periods) <= _IN_LIST_LIMIT:
        query = query.where(t.c.period.in_(sorted(periods)))
    latest: dict[Key, Latest] = {}
    for ind, period, region, breakdown, *found in conn.execute(query):
        key = (ind, period, region, breakdown)
        known = latest.get(key)
        if known is None or found[0] > known[0]:
            latest[key] = tuple(found)
    return latest


def number_revisions(
    keys: Sequence[Key],
    values: Sequence[Decimal],
    sources: Sequence[str | None],
    comments: Sequence[str | None],
    statuses: Sequence[str],
    coverages: Sequence[str | None],
    latest: dict[Key, Latest],
) -> Numbered:
    """The revisions of rows given in order (``latest`` is updated as they are numbered).

    Rows whose series have no value yet, each given once (a first import), are all revision 1:
    that is seen over the whole column at once. Otherwise each row sees the rows before it.
    """
    distinct = set(keys)
    if len(distinct) == len(keys) and latest.keys().isdisjoint(distinct):
        return Numbered(repeat(1), None, added=len(keys))
    numbered = Numbered([], [])
    revisions: list[int] = []
    written: list[bool] = []
    rows = zip(keys, values, sources, comments, statuses, coverages, strict=True)
    for key, *given in rows:
        known = latest.get(key)
        if known is None:
            revision = 1
            numbered.added += 1
        elif list(known[1:]) == given:
            numbered.unchanged += 1
            revisions.append(0)
            written.append(False)
            continue
        else:
            revision = known[0] + 1
            numbered.revised += 1
        latest[key] = (revision, *given)
        revisions.append(revision)
        written.append(True)
    numbered.revisions, numbered.written = revisions, written
    return numbered
