"""Actual results as the planning department records them (факт).

``ActualInput`` is what a user or an import file gives; ``Actual`` is what the store keeps: the
same with who entered it, when, and which revision it is. History is append-only: a correction is
a new revision, never an update in place.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from zhospar.model.periods import Period

TEXT_LIMIT = 2000  # characters of a source, comment or reason: a paragraph, not a file


class Origin(BaseModel):
    """Where a value came from: an import file and row, or typed in by hand."""

    model_config = ConfigDict(frozen=True)
    file: str | None = None
    row: int | None = None


class ActualInput(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    indicator_id: str  # an indicator id of the plan, or "P002-X" for a program's expenditure
    period: Period
    value: Decimal
    region: str | None = None  # region code, None for the whole country
    breakdown: str | None = None
    source: str | None = None  # document, statistical bulletin ...
    comment: str | None = None
    origin: Origin = Origin()
    force_reason: str | None = None  # why a value outside the sensible range is accepted
    status: str = "final"  # preliminary, operational or final (``zhospar.rules.facts``)
    coverage: str | None = None  # months covered when not the whole period: "2012-01..2012-05"


class Actual(ActualInput):
    id: int
    plan_id: int
    revision: int  # 1 for the first value, +1 for each correction
    entered_by: str
    entered_at: dt.datetime
