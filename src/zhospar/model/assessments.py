"""A planner's assessment of a risk of the plan for one year: how likely, how grave, and why.

Kept like the facts: each assessment is a new record (who, when), the latest for a risk and a
year is in force and the earlier ones are its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["LEVELS", "RiskAssessment"]

# The five steps of likelihood and of impact, as a risk matrix reads them.
LEVELS: dict[int, str] = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


@dataclass(frozen=True)
class RiskAssessment:
    """One recorded assessment of risk ``risk_id`` (``R1``) for ``year``."""

    id: int
    risk_id: str
    year: int
    likelihood: int  # 1 (very low) to 5 (very high)
    impact: int  # 1 (very low) to 5 (very high)
    note: str
    entered_by: str
    entered_at: dt.datetime

    @property
    def level(self) -> int:
        """Likelihood times impact (1 to 25), as a risk matrix ranks risks."""
        return self.likelihood * self.impact

    @property
    def text(self) -> str:
        """The assessment in words, for a report's cell."""
        return (
            f"likelihood {self.likelihood} ({LEVELS[self.likelihood]}), impact {self.impact} "
            f"({LEVELS[self.impact]}): {self.note} — {self.entered_by}, "
            f"{self.entered_at:%Y-%m-%d}"
        )
