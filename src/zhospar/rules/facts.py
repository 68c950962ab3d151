"""The status of a fact and its coverage: how final a value is, and which months it covers when
it is not its whole period.

* status: ``preliminary`` (a first estimate), ``operational`` (оперативті деректер: the
  department's running figures) or ``final`` (the published statistics). A fact given without
  one is ``final``: a value recorded for a period is taken as the figure for that period unless
  its sender says otherwise, and every value recorded before statuses existed was such a figure.
* coverage: the months the value covers when it is not its whole period, e.g. a value for 2012
  that covers January to May only. Written ``2012-01..2012-05`` (a run of months), ``2012-Q1``,
  ``2012-H1`` or ``2012-03`` (as periods are written); shown as "January–May 2012", "Q1 2012",
  "H1 2012", "March 2012". It lies within the fact's period; equal to it, it is no coverage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from zhospar._exceptions import ValidationError, quoted
from zhospar.model.periods import Period

__all__ = [
    "DEFAULT_STATUS",
    "Coverage",
    "FactStatus",
    "coverage_text",
    "fact_label",
    "parse_coverage",
    "parse_status",
]


class FactStatus(StrEnum):
    PRELIMINARY = "preliminary"
    OPERATIONAL = "operational"
    FINAL = "final"


DEFAULT_STATUS = FactStatus.FINAL
_RANGE = re.compile(r"^(\d{4})-(\d{1,2})\s*(?:\.\.|–|—)\s*(\d{4})-(\d{1,2})$")
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_EXPECTED = "expected a coverage such as 2012-01..2012-05, 2012-Q1, 2012-H1 or 2012-03"


@dataclass(frozen=True, order=True)
class Coverage:
    """The months a value covers: ``first`` to ``last`` of ``year``."""

    year: int
    first: int
    last: int

    def __str__(self) -> str:
        """The canonical written form: a period's when it is one, else a run of months."""
        months = self.last - self.first + 1
        if months in (1, 3, 6, 12) and (self.first - 1) % months == 0:
            return str(Period(self.year, self.first, months))
        return f"{self.year}-{self.first:02d}..{self.year}-{self.last:02d}"

    def within(self, period: Period) -> bool:
        return period.contains(Period(self.year, self.first, self.last - self.first + 1))

    def is_whole(self, period: Period) -> bool:
        return (self.year, self.first, self.last) == (
            period.year, period.start_month, period.start_month + period.months - 1,
        )  # fmt: skip


def parse_status(text: str | None) -> FactStatus:
    """A status as typed (any case); empty is the default, ``final``."""
    raw = (text or "").strip().lower()
    if not raw:
        return DEFAULT_STATUS
    try:
        return FactStatus(raw)
    except ValueError:
        known = ", ".join(s.value for s in FactStatus)
        raise ValidationError(f'expected a status: {known}; got "{quoted(text)}"') from None


def parse_coverage(text: str | None, period: Period | None = None) -> Coverage | None:
    """The coverage typed (None when empty, or when it is the whole ``period``); refused when it
    cannot be read or lies outside ``period``."""
    raw = (text or "").strip()
    if not raw:
        return None
    found = _RANGE.match(raw)
    if found:
        year, first, end_year, last = map(int, found.groups())
        if year != end_year or not 1 <= first <= last <= 12:
            raise ValidationError(
                f'a coverage runs from a month to a later month of the same year; got "'
                f'{quoted(text)}"'
            )
        coverage = Coverage(year, first, last)
    else:
        try:
            p = Period.parse(raw)
        except ValidationError:
            raise ValidationError(f'{_EXPECTED}; got "{quoted(text)}"') from None
        coverage = Coverage(p.year, p.start_month, p.start_month + p.months - 1)
    if period is not None:
        if not coverage.within(period):
            raise ValidationError(
                f"the coverage {coverage} lies outside the fact's period {period}: a value "
                "covers some months of its own period"
            )
        if coverage.is_whole(period):
            return None
    return coverage


def coverage_text(coverage: Coverage | str | None) -> str:
    """How a coverage reads: "January–May 2012", "Q1 2012", "H2 2012", "March 2012" ("" none)."""
    if coverage is None or coverage == "":
        return ""
    if isinstance(coverage, str):
        parsed = parse_coverage(coverage)
        assert parsed is not None
        coverage = parsed
    months = coverage.last - coverage.first + 1
    aligned = (coverage.first - 1) % months == 0
    if months == 12:
        return str(coverage.year)
    if months in (3, 6) and aligned:
        kind = "Q" if months == 3 else "H"
        return f"{kind}{(coverage.first - 1) // months + 1} {coverage.year}"
    first = _MONTHS[coverage.first]
    if months == 1:
        return f"{first} {coverage.year}"
    return f"{first}–{_MONTHS[coverage.last]} {coverage.year}"


def fact_label(status: str | None, coverage: Coverage | str | None) -> str:
    """What is shown beside a value: its status unless final, and its coverage, e.g.
    "operational, January–May 2012"; "" for a final value of its whole period."""
    parts = [status] if status and status != DEFAULT_STATUS else []
    covered = coverage_text(coverage)
    if covered:
        parts.append(covered)
    return ", ".join(parts)
