"""Year headers of the plan's tables, however the copy prints them.

The directions tables print "2008 ж", the program forms "2008 жыл (нақты)"; other copies of the
same era print "2008 ж.", "2008 жыл", "2008 жылы" or a bare "2008". All are read alike, here and
only here. A note in parentheses ("(нақты)", "(жоспар)") says which kind of money a column holds.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["YEAR_CELL", "header_years", "is_year_header", "year_cell", "year_row"]

# "2008", "2008 ж", "2008 ж.", "2008 жыл", "2008 жылы", "2008 жыл (нақты)"
YEAR_CELL = re.compile(
    r"^((?:19|20)\d{2})\s*(?:(ж|жыл\w*)\s*\.?)?\s*(?:\((.+?)\))?$", re.IGNORECASE
)


_CENTURIES = frozenset({"19", "20"})


def _year_like(cell: str) -> bool:
    """A cheap look before the pattern: every year cell opens with "19" or "20"."""
    return cell[:2] in _CENTURIES


def year_cell(cell: str) -> tuple[int, str | None] | None:
    """(year, note) of a header cell with a year word ("2008 ж", "2009 жыл (жоспар)"), else None.

    A bare "2008" is not taken here: alone it may be a value; ``year_row`` takes a row of them.
    """
    match = YEAR_CELL.match(cell) if _year_like(cell) else None
    if match is None or (match.group(2) is None and match.group(3) is None):
        return None
    return int(match.group(1)), match.group(3)


def year_row(cells: list[str] | tuple[str, ...]) -> list[tuple[int, int, str | None]] | None:
    """(column, year, note) of each cell when the row is a row of year headers, else None.

    Every non-empty cell must be a year, two or more of them, in increasing order; a row of bare
    years ("2008  2009  2010") must also run one year after another, so a row of values that
    happen to be years is not taken for a header.
    """
    found: list[tuple[int, int, str | None]] = []
    bare = True
    for column, cell in enumerate(cells):
        if not cell:
            continue
        match = YEAR_CELL.match(cell) if _year_like(cell) else None
        if match is None:
            return None
        bare = bare and match.group(2) is None and match.group(3) is None
        found.append((column, int(match.group(1)), match.group(3)))
    if len(found) < 2:
        return None
    years = [year for _, year, _ in found]
    steps = {b - a for a, b in itertools.pairwise(years)}
    if min(steps) <= 0 or (bare and steps != {1}):
        return None
    return found


def is_year_header(cells: list[str] | tuple[str, ...]) -> bool:
    """A row that states years: a cell with a year word, or a row of bare years."""
    for cell in cells:
        if cell[:2] in _CENTURIES:
            break
    else:
        return False  # most rows: no cell even opens like a year
    return any(year_cell(c) for c in cells) or year_row(cells) is not None


def header_years(cells: list[str] | tuple[str, ...]) -> list[tuple[int, str | None]]:
    """The (year, note) of each year cell of a row already known to be a header.

    Bare years count here ("Көрсеткіш атауы | Өлшем бірлігі | 2008 | 2009 ..."), since the row's
    other cells already make it a header.
    """
    found = [
        (int(m.group(1)), m.group(3))
        for c in cells
        if _year_like(c) and (m := YEAR_CELL.match(c)) is not None
    ]
    years = [year for year, _ in found]
    return found if all(a < b for a, b in itertools.pairwise(years)) else []
