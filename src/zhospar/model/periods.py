"""Periods as a first-class type: a year, a half-year, a quarter or a month.

One parser, clear errors, equality and ordering defined (openfisca-core's ``periods`` is the
model). Written forms: ``2011``, ``2011-H1``, ``2011-Q3``, ``2011-07``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from zhospar._exceptions import ValidationError, quoted


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


_MONTHS_IN = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
_COUNT = {PeriodKind.YEAR: 1, PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}
_FORMS = [
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})-?[HhПп]([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), PeriodKind.MONTH),
]


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period; ordered by year, start month, then length."""

    year: int
    start_month: int  # 1..12
    months: int  # 12, 6, 3 or 1

    @property
    def kind(self) -> PeriodKind:
        return {12: PeriodKind.YEAR, 6: PeriodKind.HALF, 3: PeriodKind.QUARTER}.get(
            self.months, PeriodKind.MONTH
        )

    @property
    def index(self) -> int:
        """1-based position within the year (H2 -> 2, Q3 -> 3, July -> 7)."""
        return (self.start_month - 1) // self.months + 1

    @classmethod
    def of(cls, year: int, kind: PeriodKind = PeriodKind.YEAR, index: int = 1) -> Period:
        if not 1 <= index <= _COUNT[kind]:
            raise ValidationError(
                f"{kind.value} {index} does not exist: expected 1 to {_COUNT[kind]}"
            )
        months = _MONTHS_IN[kind]
        return cls(year, (index - 1) * months + 1, months)

    @classmethod
    def parse(cls, text: str) -> Period:
        raw = str(text).strip()
        if re.fullmatch(r"\d{4}\.0", raw):  # a year typed into a spreadsheet number cell
            raw = raw[:4]
        for pattern, kind in _FORMS:
            m = pattern.match(raw)
            if m:
                year = int(m.group(1))
                index = int(m.group(2)) if kind is not PeriodKind.YEAR else 1
                if not 1900 <= year <= 2100:
                    break
                return cls.of(year, kind, index)
        raise ValidationError(
            f'expected a period such as 2011, 2011-H1, 2011-Q3 or 2011-07; got "{quoted(text)}"'
        )

    def contains(self, other: Period) -> bool:
        return (
            self.year == other.year
            and self.start_month <= other.start_month
            and other.start_month + other.months <= self.start_month + self.months
        )

    def __str__(self) -> str:
        kind = self.kind
        if kind is PeriodKind.YEAR:
            return f"{self.year}"
        if kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        if kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.start_month:02d}"
