"""The strategic plan as a typed model (стратегиялық жоспар).

Kazakhstan's state planning system fixes one structure for every ministry's five-year plan:
mission and vision, analysis, strategic directions with goals, target indicators and tasks,
alignment with the state's strategic goals, functional capabilities, risk management, the legal
basis, and budget programs with their forms and an appendix that allocates money to goals.

Every element that carries a number also carries ``line``: the 1-based line of the published text
it was read from, so that any figure Zhospar shows can be traced back to the document.

Ids are derived from an element's place in the plan, never from reading order alone, so the same
text always yields the same ids (see ``docs/ids.md``):

====================  =====================  ==========================================
element               id                     example
====================  =====================  ==========================================
direction             ``D{n}``               ``D1``
goal                  ``G{code}``            ``G1.1``
task                  ``T{code}``            ``T1.1.4``
target indicator      ``G{code}-I{n}``       ``G1.1-I1`` (first target indicator of 1.1)
breakdown row         ``{parent}-b{n}``      ``G1.1-I1-b1`` (its first breakdown: women)
task indicator        ``T{code}-I{n}``       ``T1.1.4-I1``
milestone             ``T{code}-M{n}``       ``T2.1.1-M1``
budget program        ``P{code}``            ``P002``
program indicator     ``P{code}-{K}{n}``     ``P002-E2`` (K: Q quantitative, S quality,
                                             E efficiency, R result)
alignment row         ``A{goal}-{n}``        ``AG1.2-2``
risk                  ``R{n}``               ``R1``
legal act             ``L{n}``               ``L35``
allocation row        ``X{n}``               ``X12`` (n-th row of the appendix)
plan total            ``S{n}``               ``S1``
====================  =====================  ==========================================
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PROGRAM_KIND_LETTER",
    "ActRef",
    "AlignmentRow",
    "Allocation",
    "BudgetProgram",
    "Deletion",
    "Direction",
    "Expenditure",
    "ExpenditureKind",
    "FormSection",
    "Gap",
    "GapKind",
    "Goal",
    "Indicator",
    "IndicatorSection",
    "LegalAct",
    "Milestone",
    "Passage",
    "Phase",
    "Plan",
    "PlanTotal",
    "ProgramForm",
    "ProgramIndicatorKind",
    "ProgramType",
    "ProseSection",
    "Risk",
    "SourceDocument",
    "Task",
    "YearValue",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Phase(StrEnum):
    """Which part of the plan's time a yearly value belongs to."""

    REPORTED = "reported"  # Есепті кезең: years before the plan, values as reported
    PLANNED = "planned"  # Жоспарлы кезең: the plan's years, values are targets


class IndicatorSection(StrEnum):
    """Where in the plan an indicator stands."""

    TARGET = "target"  # нысаналы индикатор of a goal
    TASK = "task"  # көрсеткіш of a task
    PROGRAM = "program"  # indicator in a budget program form


class ProgramIndicatorKind(StrEnum):
    """The four kinds of indicators of a budget program form."""

    QUANTITATIVE = "quantitative"  # Сандық көрсеткіштері
    QUALITY = "quality"  # Сапа көрсеткіштері
    EFFICIENCY = "efficiency"  # Тиімділік көрсеткіштері
    RESULT = "result"  # Нәтиже көрсеткіштері


PROGRAM_KIND_LETTER: dict[ProgramIndicatorKind, str] = {
    ProgramIndicatorKind.QUANTITATIVE: "Q",
    ProgramIndicatorKind.QUALITY: "S",
    ProgramIndicatorKind.EFFICIENCY: "E",
    ProgramIndicatorKind.RESULT: "R",
}


class ActRef(_Model):
    """A legal act that approved or amended the plan, e.g. resolution No. 415 of 14.05.2010."""

    number: str
    date: dt.date | None = None
    kind: str = "resolution"
    line: int | None = None


class Deletion(_Model):
    """ "Алынып тасталды": the element was deleted by the act named."""

    act: ActRef
    line: int


class YearValue(_Model):
    """One yearly value of an indicator as the plan states it.

    ``value`` is None when the cell holds no number ("-", "X", blank); ``raw`` keeps the cell as
    printed so that a reader can check the conversion.
    """

    year: int
    phase: Phase
    value: Decimal | None
    raw: str
    line: int
    note: str | None = None  # e.g. "(нақты)" or "(жоспар)" from the column header
    # Where the value came from when it is not line ``line`` of the published text: the sheet
    # and row of the plan workbook it was typed into ("Values, row 12"), or what its author wrote.
    source: str | None = None


class Indicator(_Model):
    """A measured quantity: a goal's target indicator, a task's indicator or a program's."""

    id: str
    section: IndicatorSection
    number: str | None = None  # the item label as printed: "1.", "а)", "-"
    name: str
    unit: str | None = None
    values: list[YearValue] = Field(default_factory=list)
    breakdowns: list[Indicator] = Field(default_factory=list)
    breakdown: str | None = None  # label of this row when it is a breakdown, e.g. "әйелдер"
    kind: ProgramIndicatorKind | None = None  # for program indicators only
    deleted: Deletion | None = None
    line: int


MILESTONE_UNIT = "1 = done, 0 = not done"  # how a milestone's actual value reads


class Milestone(_Model):
    """A deliverable with due years, e.g. "Заң жобасын әзірлеу (2011-2012 жж.)".

    Its actual value is 1 in the year it was done, or 0 for "not done" in a year.
    """

    id: str
    name: str
    due_years: list[int] = Field(default_factory=list)
    deleted: Deletion | None = None
    line: int


class Task(_Model):
    """Міндет: a task under a goal, with its indicators and milestones."""

    id: str
    code: str  # "1.1.4"
    name: str
    co_executors: list[str] = Field(default_factory=list)  # bodies named in parentheses
    indicators: list[Indicator] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    line: int


class Goal(_Model):
    """Мақсат: a goal of a strategic direction."""

    id: str
    code: str  # "1.1"
    name: str
    target_indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    only_in_alignment: bool = False  # named only in the alignment section (e.g. 3.1, 3.2)
    line: int


class Direction(_Model):
    """Стратегиялық бағыт: one of the plan's strategic directions."""

    id: str
    number: int
    name: str
    goals: list[Goal] = Field(default_factory=list)
    line: int


class AlignmentRow(_Model):
    """A goal of the ministry set against the state strategic goal it serves and its source."""

    id: str
    direction: int | None = None
    direction_name: str | None = None  # as the alignment table prints it
    goal: str | None = None  # goal code, "1.2"
    goal_name: str | None = None
    state_goal: str  # the quoted state strategic goal
    source_document: str | None = None
    line: int


class Risk(_Model):
    """A row of the risk-management table (Қатер менеджменті)."""

    id: str
    number: int
    risks: list[str]
    consequences: list[str]
    measures: list[str]
    line: int
    end_line: int


class LegalAct(_Model):
    """An entry of the list of legal acts the plan rests on."""

    id: str
    number: int
    title: str
    line: int
    end_line: int


class ExpenditureKind(StrEnum):
    APPROVED = "approved"  # бекітілген жоспар: the budget as approved
    ACTUAL = "actual"  # нақты: reported execution
    PLANNED = "planned"  # жоспар: planned figures


class Expenditure(_Model):
    """One year's money (thousand tenge) in one place of the plan."""

    year: int
    kind: ExpenditureKind
    value: Decimal | None
    raw: str
    line: int
    inferred: bool = False  # the column's year and kind were worked out, not read from a header
    source: str | None = None  # as YearValue.source: the workbook's sheet and row, if not a line


class ProgramType(StrEnum):
    CURRENT = "current"  # Ағымдағы бюджеттік бағдарлама
    DEVELOPMENT = "development"  # Бюджеттік даму бағдарламасы


class BudgetProgram(_Model):
    """A row of the list of budget programs (Бюджеттік бағдарламалар тізбесі)."""

    id: str
    code: str  # "002"
    name: str
    type: ProgramType
    proposed: bool = False  # "Әзірлеуге ұсынылатын бағдарламалар": proposed, not yet in force
    functional_group: str | None = None
    functional_subgroup: str | None = None
    expenditure: list[Expenditure] = Field(default_factory=list)
    line: int


class FormSection(_Model):
    """A block of a program form; program 001's form has several, numbered 1. to 4."""

    title: str | None = None
    directions: list[int] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    directions_text: str | None = None
    goals_text: str | None = None
    tasks_text: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    line: int


class ProgramForm(_Model):
    """Бюджеттік бағдарламаның нысаны: the form of one budget program."""

    id: str
    code: str
    administrator: str | None = None
    name: str
    description: str | None = None
    sections: list[FormSection] = Field(default_factory=list)
    expenditure: list[Expenditure] = Field(default_factory=list)
    line: int
    end_line: int


class Allocation(_Model):
    """A row of the appendix that allocates expenditure to directions, goals and tasks."""

    id: str
    direction: int | None = None
    goal: str | None = None
    task: str | None = None
    program: str | None = None  # "002"
    subprograms: list[str] = Field(default_factory=list)  # "РБ (002.100.101.103)" -> 100,101,103
    reference: str | None = None  # as printed: "РБ (002.102)"
    label: str | None = None
    is_goal_total: bool = False
    expenditure: list[Expenditure] = Field(default_factory=list)
    line: int


class PlanTotal(_Model):
    """A total the plan states itself, e.g. "Шығыстардың барлығы"."""

    id: str
    label: str
    expenditure: list[Expenditure] = Field(default_factory=list)
    # codes of the programs the total covers, from the rows' rank in the list (for the audit)
    programs: list[str] = Field(default_factory=list)
    line: int


class GapKind(StrEnum):
    """Whose a gap is: the document's, or the reader's."""

    # The section is there but the plan as published lacks a part of it (direction 3's table):
    # nothing was lost in reading; the gap is reported, and reading goes on.
    DOCUMENT = "document"
    # A section the format prescribes was not found (cut, or headed in a way not known): its
    # text may have been read as part of another section, so the reading is not to be trusted.
    SECTION_NOT_FOUND = "section-not-found"


class Gap(_Model):
    """Something the plan's structure requires that this text does not hold."""

    where: str  # e.g. "direction 3"
    what: str  # e.g. "target indicators table"
    line: int | None = None
    kind: GapKind = GapKind.DOCUMENT


class Passage(_Model):
    """A paragraph of a prose section as printed, with the lines it spans."""

    text: str
    line: int
    end_line: int


class ProseSection(_Model):
    """A prose section (mission, vision, analysis, functional capabilities) with its heading,
    kept paragraph by paragraph so that a page can show each one's line in the text."""

    kind: str  # "mission", "vision", "analysis", "functional-capabilities"
    heading: str | None = None
    line: int | None = None  # the heading's line
    paragraphs: list[Passage] = Field(default_factory=list)


class SourceDocument(_Model):
    name: str
    sha256: str
    lines: int


class Plan(_Model):
    """A ministry's strategic plan as published."""

    title: str
    ministry: str | None = None
    approved_by: ActRef | None = None
    amended_by: list[ActRef] = Field(default_factory=list)
    period_start: int
    period_end: int
    reported_years: list[int] = Field(default_factory=list)
    mission: str | None = None
    vision: str | None = None
    analysis: str | None = None
    functional_capabilities: str | None = None
    organisational_structure: str | None = None
    prose: list[ProseSection] = Field(default_factory=list)  # the prose above, with lines
    directions: list[Direction] = Field(default_factory=list)
    alignment: list[AlignmentRow] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    legal_acts: list[LegalAct] = Field(default_factory=list)
    budget_programs: list[BudgetProgram] = Field(default_factory=list)
    program_forms: list[ProgramForm] = Field(default_factory=list)
    allocations: list[Allocation] = Field(default_factory=list)
    totals: list[PlanTotal] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    source: SourceDocument | None = None

    @property
    def planned_years(self) -> range:
        """The planned period's years (2010-2014): the years targets are scored in."""
        return range(self.period_start, self.period_end + 1)

    @property
    def years(self) -> list[int]:
        """Every year the plan gives figures for: its reported years, then the planned period."""
        return sorted({*self.reported_years, *self.planned_years})
