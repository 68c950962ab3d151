"""Dating the columns of a money table whose header rows were lost.

The list of budget programs and the appendix lost their header rows in the conversion, so a
column's year and kind (approved plan, actual, planned) cannot be read. Every program also has a
form whose expenditure row is dated by the form's own header ("2008 жыл (нақты)", "2009 жыл
(жоспар)", "2010 жыл" ...). A column is dated by the forms when, over the programs, its amounts
equal the forms' amounts of one year more often than those of any other year (at least
``MIN_VOTES`` programs, and no tie). Zeros do not vote: a program without money in two years
would otherwise match both.

A column nothing matches is dated by its place: in the state budget format the approved plan
of a reported year stands just before that year's actual, so an undated column right before the
column of a year's actual is that year's approved plan. Any other undated column stays undated
(year 0) rather than being guessed. Every dated cell is marked ``inferred``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from zhospar.model.plan import Expenditure, ExpenditureKind

__all__ = ["MIN_VOTES", "ColumnDate", "apply_dates", "date_columns"]

MIN_VOTES = 2


@dataclass(frozen=True)
class ColumnDate:
    year: int
    kind: ExpenditureKind
    votes: int  # programs whose amounts matched the forms (0: dated by its place)


def date_columns(
    rows: Iterable[tuple[str, Sequence[Expenditure]]],
    forms: Mapping[str, Sequence[Expenditure]],
) -> dict[int, ColumnDate]:
    """The date of each column position that the forms (or its place) can date."""
    votes: defaultdict[int, Counter[int]] = defaultdict(Counter)
    kinds: defaultdict[tuple[int, int], Counter[ExpenditureKind]] = defaultdict(Counter)
    width = 0
    for code, cells in rows:
        width = max(width, len(cells))
        for position, cell in enumerate(cells):
            for ref in forms.get(code, ()):
                if cell.value and ref.value == cell.value:
                    votes[position][ref.year] += 1
                    kinds[position, ref.year][ref.kind] += 1
    dates: dict[int, ColumnDate] = {}
    for position, counter in votes.items():
        ranked = counter.most_common(2)
        year, count = ranked[0]
        if count < MIN_VOTES or (len(ranked) > 1 and ranked[1][1] == count):
            continue
        kind = kinds[position, year].most_common(1)[0][0]
        dates[position] = ColumnDate(year, kind, count)
    _one_column_per_year(dates)
    _date_by_place(dates, width)
    return dates


def _one_column_per_year(dates: dict[int, ColumnDate]) -> None:
    """When two columns match the same year, the one more programs agree on keeps it."""
    best: dict[int, int] = {}
    for position, date in sorted(dates.items()):
        other = best.get(date.year)
        if other is None or dates[other].votes < date.votes:
            best[date.year] = position
    for position in [p for p, d in dates.items() if best[d.year] != p]:
        del dates[position]


def _date_by_place(dates: dict[int, ColumnDate], width: int) -> None:
    for position in range(width):
        after = dates.get(position + 1)
        if position in dates or after is None or after.kind is not ExpenditureKind.ACTUAL:
            continue
        taken = any(
            d.year == after.year and d.kind is ExpenditureKind.APPROVED for d in dates.values()
        )
        if not taken:
            dates[position] = ColumnDate(after.year, ExpenditureKind.APPROVED, 0)


def apply_dates(cells: Sequence[Expenditure], dates: Mapping[int, ColumnDate]) -> None:
    """Give each undated cell the year and kind of its column, marked as inferred.

    Cells a header already dated (year other than 0) keep their date.
    """
    for position, cell in enumerate(cells):
        date = dates.get(position)
        if date is not None and cell.year == 0:
            cell.year, cell.kind, cell.inferred = date.year, date.kind, True
