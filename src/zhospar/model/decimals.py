"""How Zhospar rounds a figure it shows: half up, to 2 decimals unless told otherwise.

Half up is how people round by hand and how the official reports print percentages (116.985 ->
116.99); Python's default, half to even, would show 116.98. Figures are kept unrounded in the
evaluation and rounded only where they are shown, here, so every page, file and message agrees.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["round_half_up", "rounded_text"]


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """``value`` rounded half up to ``places`` decimals: 116.985 -> 116.99, 2.5 -> 3 (places=0)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded_text(value: Decimal | None, places: int = 2) -> str | None:
    """The text of a figure as shown, e.g. "116.99"; None stays None (nothing to show)."""
    return None if value is None else str(round_half_up(value, places))
