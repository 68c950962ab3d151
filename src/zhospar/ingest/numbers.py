"""Reading numbers as the published text prints them.

The official publication was converted to text with its digit groups broken in odd places:
``4 0 234 532`` is 40234532 and ``1 0 000`` is 10000; decimals use a comma (``6,9``); and a
cell with no value holds "-", "—", "X", "x" or nothing. Inside one cell spaces only ever separate
digit groups, so a number is its digits with the spaces taken out.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from zhospar._exceptions import NumberFormatError

NO_VALUE = frozenset({"", "-", "—", "–", "x", "х", "X", "Х", "--", "---"})
_NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)?")


def is_no_value(raw: str) -> bool:
    """True for the marks the plan uses for "no value" (Latin or Cyrillic X, dashes, blank)."""
    return raw.strip() in NO_VALUE


def looks_like_number(raw: str) -> bool:
    """True when the cell is a number in the plan's print conventions."""
    return _NUMBER.fullmatch(_without_spaces(raw)) is not None


def parse_number(raw: str) -> Decimal | None:
    """The value of a cell, or None when the cell holds no value.

    Raises NumberFormatError for anything else, naming the cell, so a caller can say where.
    """
    text = raw.strip()
    if text in NO_VALUE:
        return None
    compact = _without_spaces(text).replace("−", "-")
    if _NUMBER.fullmatch(compact) is None:
        raise NumberFormatError(f'expected a number such as 6,9 or 4 0 234 532; got "{raw}"')
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise NumberFormatError(f'expected a number; got "{raw}"') from exc


def _without_spaces(text: str) -> str:
    """The text with every white space taken out, no-break and narrow no-break spaces included.

    ``str.split`` splits on exactly what ``re``'s ``\\s`` matches (U+00A0 and U+202F among
    them), and is several times quicker than a substitution on the plan's many value cells.
    """
    return "".join(text.split())
