"""Money and value cells of the budget tables, as the conversion left them.

Three kinds of damage recur in the budget list, the program forms and the appendix:

* digit groups broken inside a cell (``5 2 591 047``): ``parse_number`` already joins them;
* two cells run together when a row lost a tab (``34 725 0`` in a row one cell short): a cell
  that is not a well-grouped number and splits in exactly one way into two well-grouped numbers
  is taken as two cells; any other cell is left alone;
* a cell wrapped onto the next line (``363 594`` and, one line below, ``434``): the line below
  holds only bare three-digit groups, one under each value of the line above. Those groups are
  the low digits of the values above (``363 594 434``): a real value is never printed with a
  leading zero (``032``) and the rows above are in thousands form, so reading them as values of
  their own would give counts that cannot be right.
"""

from __future__ import annotations

import re
from decimal import Decimal

from zhospar._exceptions import NumberFormatError
from zhospar.ingest.numbers import is_no_value, parse_number

__all__ = [
    "continues_digits",
    "digit_count",
    "is_grouped",
    "join_digits",
    "no_values",
    "read_value",
    "split_run_together",
]

_GROUPED = re.compile(r"^(?:0|[1-9]\d{0,2}(?: \d{3})*)$")
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?: \d{3})+$")
_LOW_DIGITS = re.compile(r"^\d{3}$")


def is_grouped(raw: str) -> bool:
    """A whole number in regular groups of three digits: "0", "44 367", "1 026 183 544"."""
    return _GROUPED.fullmatch(raw.strip()) is not None


def digit_count(raw: str) -> int:
    return sum(ch.isdigit() for ch in raw)


def split_run_together(cells: list[str], expected: int) -> tuple[list[str], str] | None:
    """The cells with one run-together cell split in two (and that cell), or None.

    Only a row exactly one cell short is considered; the split must be the only cell that can be
    split, in the only way that gives two well-grouped numbers ("34 725 0" -> "34 725", "0").
    """
    if len(cells) != expected - 1:
        return None
    candidates = [(i, parts) for i, c in enumerate(cells) if (parts := _two_numbers(c))]
    if len(candidates) != 1:
        return None
    index, (left, right) = candidates[0]
    return [*cells[:index], left, right, *cells[index + 1 :]], cells[index]


def _two_numbers(cell: str) -> tuple[str, str] | None:
    if not cell or is_grouped(cell) or not all(group.isdigit() for group in cell.split()):
        return None
    groups = cell.split()
    splits = [
        (" ".join(groups[:i]), " ".join(groups[i:]))
        for i in range(1, len(groups))
        if is_grouped(" ".join(groups[:i])) and is_grouped(" ".join(groups[i:]))
    ]
    return splits[0] if len(splits) == 1 else None


def continues_digits(above: list[str], below: list[str]) -> bool:
    """True when ``below`` holds the wrapped low digits of the values in ``above``."""
    above_values = [c for c in above if c]
    return (
        len(below) == len(above_values) > 0
        and all(_LOW_DIGITS.fullmatch(c) for c in below)
        and all(_THOUSANDS.fullmatch(c) for c in above_values)
    )


def join_digits(above: list[str], below: list[str]) -> list[str]:
    """Each non-empty value above followed by its wrapped digits below."""
    low = iter(below)
    return [f"{c} {next(low)}" if c else c for c in above]


def read_value(raw: str) -> tuple[Decimal | None, str | None]:
    """The value of a cell and, when it is not a number, why (for the reading report)."""
    try:
        return parse_number(raw), None
    except NumberFormatError as exc:
        return None, str(exc)


def no_values(cells: list[str]) -> bool:
    """True when every cell is a "no value" mark and at least one is an X: "X X X" rows."""
    return bool(cells) and all(is_no_value(c) for c in cells) and any(c.strip() for c in cells)
