"""How Zhospar rounds a figure it shows: half up, to 2 decimals unless told otherwise.

Half up is how people round by hand and how the official reports print percentages (116.985 ->
116.99); Python's default, half to even, would show 116.98. A figure too small for its decimals
keeps two significant digits (``round_shown``: 0.0044 %, never 0.00 %). Figures are kept
unrounded in the evaluation and rounded only where they are shown, here, so every page, file
and message agrees (``zhospar.i18n`` then writes them as each language does).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["SIGNIFICANT", "round_half_up", "round_shown", "rounded_text"]

SIGNIFICANT = 2  # the significant digits a figure too small for its decimals keeps


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """``value`` rounded half up to ``places`` decimals: 116.985 -> 116.99, 2.5 -> 3 (places=0)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_shown(value: Decimal, places: int = 2) -> Decimal:
    """``value`` as shown: half up to ``places`` decimals, except that a value which would show
    as 0 keeps its first ``SIGNIFICANT`` digits: a share of 0.0044 % is 0.0044, never 0.00 (which
    would read as nothing at all)."""
    rounded = round_half_up(value, places)
    if rounded or not value:
        return rounded
    return round_half_up(value, SIGNIFICANT - 1 - value.adjusted())


def rounded_text(value: Decimal | None, places: int = 2) -> str | None:
    """The text of a figure as shown, e.g. "116.99" or "0.0044"; None stays None (nothing to
    show). Never in scientific notation."""
    return None if value is None else format(round_shown(value, places), "f")
