"""The JSON shapes of the plan's sections, the risk register, search, imports and overrides.

Filled from the library's objects with ``model_validate`` (``from_attributes``), as in
``zhospar.api.models``; each line names its place in the published text.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from zhospar.api.models import Code, FreeText

__all__ = [
    "AllocationOut",
    "AssessmentIn",
    "AssessmentOut",
    "FoundOut",
    "ImportOut",
    "OverrideIn",
    "OverrideOut",
    "PlanSectionsOut",
    "RiskOut",
    "RiskRegisterOut",
]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PassageOut(_Out):
    text: str
    line: int
    end_line: int


class ProseOut(_Out):
    kind: str = Field(description="mission, vision, analysis or functional-capabilities")
    heading: str | None
    line: int | None = Field(description="The heading's line in the published text.")
    paragraphs: list[PassageOut]


class AlignmentOut(_Out):
    id: str
    direction: int | None
    direction_name: str | None
    goal: str | None
    goal_name: str | None
    state_goal: str
    source_document: str | None
    line: int


class PlanSectionsOut(BaseModel):
    key: str
    title: str
    lines_known: bool = Field(description="False for a plan stored before paragraphs had lines.")
    prose: list[ProseOut]
    alignment: list[AlignmentOut]


class LegalActOut(_Out):
    id: str
    number: int
    title: str
    line: int
    end_line: int


class MoneyOut(_Out):
    year: int
    kind: str
    value: Decimal | None
    raw: str
    line: int


class AllocationRowOut(_Out):
    id: str
    direction: int | None
    goal: str | None
    task: str | None
    program: str | None
    reference: str | None
    label: str | None
    is_goal_total: bool
    expenditure: list[MoneyOut]
    line: int


class PlaceOut(_Out):
    section: str
    line: int | None
    value: Decimal | None
    label: str


class FindingOut(_Out):
    id: str
    kind: str
    severity: str
    explanation_text: str
    year: int
    subject: str
    a: PlaceOut
    b: PlaceOut
    difference: Decimal | None


class AllocationOut(BaseModel):
    years: list[int]
    rows: list[AllocationRowOut]
    total: dict[int, Decimal] = Field(
        description="Per year, the sum of the goals' totals as printed (computed)."
    )
    findings: list[FindingOut] = Field(description="The audit's findings on the appendix.")


class RiskLinkOut(_Out):
    direction: int
    explicit: bool = Field(description="The risk table names the direction or one of its goals.")
    shared: list[str] = Field(description="The word stems shared (a keyword link).")
    score: Decimal


class NameOut(_Out):
    """One name of the plan: as published, and in the language asked where translated."""

    id: str = Field(description="The element's id (G1.1, G1.1-I1, P002, R1); a unit U:...")
    published: str = Field(description="The name as published (Kazakh).")
    translated: str | None = Field(
        description="The name in the language asked; null: none is loaded, show the published."
    )


class SignalOut(_Out):
    id: str
    name: str
    status: str
    status_label: str
    display_percent: str | None
    forecast: str


class AssessmentOut(_Out):
    id: int
    risk_id: str
    year: int
    likelihood: int
    impact: int
    note: str
    entered_by: str
    entered_at: dt.datetime


class RiskOut(_Out):
    id: str
    number: int
    risks: list[str]
    consequences: list[str]
    measures: list[str]
    line: int
    end_line: int
    links: list[RiskLinkOut]
    signals: list[SignalOut]
    state: str = Field(description="materialising, watch, calm or unknown in the year.")
    assessment: AssessmentOut | None = Field(description="The assessment in force for the year.")
    history: list[AssessmentOut] = Field(default_factory=list)


class RiskRegisterOut(BaseModel):
    year: int
    rule: str
    state_rule: str
    risks: list[RiskOut]


class AssessmentIn(BaseModel):
    """A planner's assessment of a risk for a year."""

    model_config = ConfigDict(extra="forbid")
    year: StrictInt
    likelihood: StrictInt = Field(description="1 (very low) to 5 (very high).")
    impact: StrictInt = Field(description="1 (very low) to 5 (very high).")
    note: FreeText = Field(description="What the assessment rests on.")


class FoundOut(_Out):
    kind: str
    ref: str
    title: str
    url: str


class ProblemOut(_Out):
    row: int | None
    column: str | None
    message: str


class PreviewRowOut(_Out):
    row: int | None
    indicator_id: str
    period: str
    region: str | None
    breakdown: str | None
    value: Decimal
    source: str | None


class CountsOut(_Out):
    added: int
    revised: int
    unchanged: int
    rows: int


class ImportOut(_Out):
    stage: Literal["preview", "done", "refused"]
    name: str
    result: CountsOut | None = Field(description="What was (or would be) written.")
    problems: list[ProblemOut] = Field(description="Every problem; nothing written when any.")
    rows: list[PreviewRowOut] = Field(description="The first rows resolved, in a preview.")


class OverrideIn(BaseModel):
    """A polarity or roll-up decision for an indicator, with its reason."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["polarity", "rollup"]
    value: Code = Field(description="A polarity or a roll-up rule; 'inferred' ends one.")
    reason: FreeText
    numerator: Code | None = None
    denominator: Code | None = None
    scale: Code | None = None
    base: Code | None = None


class OverrideOut(_Out):
    id: int
    indicator_id: str
    kind: str
    value: str
    reason: str
    entered_by: str
    entered_at: dt.datetime
