"""Reasons for non-achievement (себептер): what a reason's text must be, and the messages about
a year whose misses are not explained.

A reason is recorded per indicator and year; its history is append-only and the latest is in
force. Approving a year is refused while an indicator of that year is not achieved, or only
nearly achieved (the statuses of ``zhospar.evaluate.scoring_rules``), and has no reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhospar._exceptions import ValidationError

__all__ = ["REASON_LIMIT", "ReasonInput", "check_reason_text", "missing_reasons_message"]

REASON_LIMIT = 2000  # characters: a paragraph, as the official form's column holds


@dataclass(frozen=True)
class ReasonInput:
    """A reason to record: an indicator of the plan, a year of its period and the text."""

    indicator_id: str
    year: int
    text: str


def check_reason_text(text: str) -> str:
    """The reason as kept (stripped); refuses an empty one, a NUL or more than the limit."""
    cleaned = str(text).strip()
    if not cleaned:
        raise ValidationError("a reason for non-achievement needs a text: say why it was missed")
    if "\x00" in cleaned:  # PostgreSQL cannot store it
        raise ValidationError("the reason holds a NUL character (\\x00), which cannot be stored")
    if len(cleaned) > REASON_LIMIT:
        raise ValidationError(
            f"a reason holds at most {REASON_LIMIT} characters; got {len(cleaned)}"
        )
    return cleaned


def missing_reasons_message(year: int, indicator_ids: Sequence[str]) -> str:
    """Why a year cannot be approved: these indicators are missed and not explained."""
    listed = ", ".join(indicator_ids)
    return (
        f"{year} cannot be approved: {len(indicator_ids)} indicator(s) not achieved or only "
        f"nearly achieved have no reason for non-achievement: {listed}. Record one for each "
        f"(zhospar reason set ID {year} TEXT) and approve again"
    )
