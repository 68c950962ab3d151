"""Facts (факт) as the evaluation sees them, and where each came from.

The evaluation takes any objects that look like ``zhospar.model.actuals.ActualInput`` or
``Actual`` (the ``Fact`` protocol), so the store, an import file or a test can feed it without
conversion. Every number it computes carries ``FactRef`` records: the value, the source the user
named, the file and row it was imported from, who entered it and which revision it is, so that a
report can show where each figure came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, TypeVar

from zhospar.model.periods import Period, PeriodKind
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.rules.facts import fact_label

__all__ = ["Fact", "FactGroups", "FactRef", "UnmatchedFact", "group_facts", "latest"]


class Fact(Protocol):
    """What the evaluation needs of an actual value (``ActualInput`` and ``Actual`` fit)."""

    @property
    def indicator_id(self) -> str: ...
    @property
    def period(self) -> Period: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def region(self) -> str | None: ...
    @property
    def breakdown(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


F = TypeVar("F", bound=Fact)


@dataclass(frozen=True)
class FactRef:
    """One fact as evidence: its value and everything that says where it came from."""

    indicator_id: str
    period: Period
    value: Decimal
    region: str | None = None
    breakdown: str | None = None
    source: str | None = None
    file: str | None = None
    row: int | None = None
    revision: int | None = None
    entered_by: str | None = None
    entered_at: dt.datetime | None = None
    status: str | None = None  # preliminary, operational, final (None: not said, as final)
    coverage: str | None = None  # months covered when not the whole period: "2012-01..2012-05"

    @classmethod
    def of(cls, fact: Fact) -> FactRef:
        """Capture a fact; the optional fields of ``Actual`` are read when present."""
        if isinstance(fact, FactRef):
            return fact
        origin = getattr(fact, "origin", None)
        return cls(
            indicator_id=fact.indicator_id,
            period=fact.period,
            value=fact.value,
            region=fact.region,
            breakdown=fact.breakdown,
            source=fact.source,
            file=getattr(origin, "file", None),
            row=getattr(origin, "row", None),
            revision=getattr(fact, "revision", None),
            entered_by=getattr(fact, "entered_by", None),
            entered_at=getattr(fact, "entered_at", None),
            status=getattr(fact, "status", None),
            coverage=getattr(fact, "coverage", None),
        )

    @property
    def note(self) -> str:
        """Its status (unless final) and coverage, as shown beside the value ("" for neither)."""
        return fact_label(self.status, self.coverage)

    @property
    def is_national_year(self) -> bool:
        """A value for the whole country and the whole year: needs no roll-up."""
        return self.region is None and self.period.kind is PeriodKind.YEAR

    def describe(self) -> str:
        """Where the value came from, in words: 'facts.csv, row 3; source: IMF WEO'."""
        parts = []
        if self.file:
            parts.append(f"{self.file}, row {self.row}" if self.row is not None else self.file)
        if self.source:
            parts.append(f"source: {self.source}")
        if self.entered_by:
            parts.append(f"entered by {self.entered_by}")
        if self.revision is not None and self.revision > 1:
            parts.append(f"revision {self.revision}")
        return "; ".join(parts) or "no source recorded"


def _key(fact: Fact) -> tuple[str, Period, str | None, str | None]:
    return (fact.indicator_id, fact.period, fact.region, fact.breakdown)


def latest(facts: Iterable[F]) -> list[F]:
    """Keep only the current value per (indicator, period, region, breakdown).

    History is append-only, so a correction is a new revision; only the highest revision counts.
    Facts without a revision (plain ``ActualInput``) count in order: a later one replaces an
    earlier one with the same key. The result keeps the order in which keys first appeared.
    """
    current: dict[tuple[str, Period, str | None, str | None], F] = {}
    for fact in facts:
        key = _key(fact)
        held = current.get(key)
        if held is None or _revision(fact) >= _revision(held):
            current[key] = fact
    return list(current.values())


def _revision(fact: Fact) -> int:
    revision = getattr(fact, "revision", None)
    return revision if isinstance(revision, int) else 0


@dataclass(frozen=True)
class UnmatchedFact:
    """A fact the evaluation could not place, and why (shown in reports, never dropped)."""

    fact: FactRef
    reason: str


@dataclass
class FactGroups:
    """Facts grouped by the indicator (or breakdown row, or ``P002-X``) they belong to."""

    by_indicator: dict[str, list[FactRef]] = field(default_factory=dict)
    unmatched: list[UnmatchedFact] = field(default_factory=list)

    def of(self, indicator_id: str) -> Sequence[FactRef]:
        return self.by_indicator.get(indicator_id, ())


def group_facts(plan: Plan, facts: Iterable[Fact]) -> FactGroups:
    """Group facts by indicator, sending a breakdown value to its breakdown row.

    A fact may name a breakdown row directly (``G1.1-I1-b1``) or name the parent with the
    breakdown label (``G1.1-I1`` + ``әйелдер``); the label is matched to the row's own label
    (case and punctuation ignored, or as a whole word of it). A label that matches no row, or
    more than one, is reported as unmatched rather than guessed.
    """
    children = _breakdown_rows(plan)
    child_ids = {cid for rows in children.values() for _, cid in rows}
    groups = FactGroups()
    for fact in facts:
        ref = FactRef.of(fact)
        target_id, problem = _place(ref, children, child_ids)
        if problem is not None:
            groups.unmatched.append(UnmatchedFact(ref, problem))
        else:
            groups.by_indicator.setdefault(target_id, []).append(ref)
    return groups


def _breakdown_rows(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """parent id -> [(normalised label, child id)]."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for place in iter_indicators(plan):
        if place.parent is not None:
            label = _norm(place.indicator.breakdown or place.indicator.name)
            rows.setdefault(place.parent.id, []).append((label, place.indicator.id))
    return rows


def _place(
    ref: FactRef, children: Mapping[str, list[tuple[str, str]]], child_ids: set[str]
) -> tuple[str, str | None]:
    if not ref.breakdown:
        return ref.indicator_id, None
    rows = children.get(ref.indicator_id)
    if rows is None:
        if ref.indicator_id in child_ids:
            return ref.indicator_id, None  # the fact names the breakdown row itself
        return ref.indicator_id, (
            f"{ref.indicator_id} has no breakdown rows, so the value for breakdown "
            f'"{ref.breakdown}" has nowhere to go (it is not the total)'
        )
    wanted = _norm(ref.breakdown)
    found = [cid for label, cid in rows if label == wanted] or [
        cid for label, cid in rows if wanted in label.split(" ")
    ]
    if len(found) == 1:
        return found[0], None
    if not found:
        labels = ", ".join(f'"{label}"' for label, _ in rows)
        return ref.indicator_id, (
            f'breakdown "{ref.breakdown}" is not one of the rows of {ref.indicator_id} ({labels})'
        )
    return ref.indicator_id, f'breakdown "{ref.breakdown}" fits several rows of {ref.indicator_id}'


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
