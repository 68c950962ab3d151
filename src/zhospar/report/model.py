"""The annual implementation report as a typed model (жылдық іске асыру туралы есеп).

``build_report`` fills this model from the plan, the facts and ``zhospar.evaluate``; the XLSX,
DOCX and HTML writers only lay it out. No writer computes a figure: every number here is either
the plan's own (with its line) or the evaluation's (with the facts it used), so the three formats
always agree with each other and with the API and the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from zhospar.evaluate import Chance, MilestoneState, NoScore, Polarity, RollupRule, Status
from zhospar.evaluate.aggregate import Counts
from zhospar.evaluate.scoring_rules import CONCLUSIVE, TOO_FEW_FACTS, status_word
from zhospar.evaluate.sentence import coverage
from zhospar.i18n import Message, format_moment, format_number, gettext
from zhospar.model.assessments import RiskAssessment

__all__ = [
    "AnnualReport",
    "BudgetLine",
    "ChartPoint",
    "ChartSeries",
    "DirectionSection",
    "FactSource",
    "GoalSection",
    "IndicatorLine",
    "MilestoneLine",
    "ProgramSection",
    "RiskLine",
    "RiskLink",
    "Score",
    "ScoredLine",
    "SignOff",
    "SignalLine",
    "TaskSection",
    "UnmatchedLine",
]


@dataclass(frozen=True)
class FactSource:
    """One recorded fact behind a figure, with everything that says where it came from."""

    value: Decimal
    period: str  # "2012", "2012-Q3"
    region: str | None
    breakdown: str | None
    source: str | None  # the document or bulletin the user named
    file: str | None  # the import file ...
    row: int | None  # ... and its row
    entered_by: str | None
    entered_at: dt.datetime | None
    revision: int | None
    comment: str | None  # the recorded explanation (of a deviation, usually)
    force_reason: str | None = None  # why it was accepted outside its sensible range

    def describe(self) -> str:
        """Where the value came from, in one line: file and row, source, who and when."""
        parts = [f"{self.period}: {_plain(self.value)}"]
        if self.region:
            parts.append(gettext("region {region}").format(region=self.region))
        if self.breakdown:
            parts.append(gettext("breakdown {breakdown}").format(breakdown=self.breakdown))
        if self.file:
            where = gettext("{file}, row {row}").format(file=self.file, row=self.row)
            parts.append(where if self.row is not None else self.file)
        if self.source:
            parts.append(gettext("source: {source}").format(source=self.source))
        if self.entered_by:
            parts.append(self._entered())
        if self.revision is not None and self.revision > 1:
            parts.append(gettext("revision {number}").format(number=self.revision))
        if self.force_reason:
            parts.append(gettext("forced: {reason}").format(reason=self.force_reason))
        return "; ".join(parts)

    def _entered(self) -> str:
        if self.entered_at is None:
            return gettext("entered by {name}").format(name=self.entered_by)
        when = f"{self.entered_at:%Y-%m-%d %H:%M}"
        return gettext("entered by {name} at {when}").format(name=self.entered_by, when=when)


def _plain(value: Decimal) -> str:
    return format_number(value)


@dataclass(frozen=True)
class ChartPoint:
    year: int
    reported: Decimal | None  # the plan's value for a reported year (Есепті кезең)
    target: Decimal | None  # the plan's target for a planned year
    fact: Decimal | None  # the national fact, up to the report's year


@dataclass(frozen=True)
class ChartSeries:
    """Plan vs fact of one target indicator over the plan's years, for a chart."""

    indicator_id: str
    title: str  # the id only: document text stays out of pictures (captions carry it)
    points: tuple[ChartPoint, ...]

    @property
    def has_data(self) -> bool:
        return any(p.target is not None or p.fact is not None for p in self.points)


@dataclass(frozen=True)
class ScoredLine:
    """What an indicator and a milestone share in the report's year: the fact, the achievement,
    the status, the polarity, and where each came from.

    With ``IndicatorLine`` and ``MilestoneLine`` the one row model of an evaluation: the report's
    tables, the API's response models (``zhospar.api.models``) and the rows of ``zhospar score``
    (``zhospar.cli._score``) are all read from these fields, so each is computed once, in
    ``zhospar.report._lines``.
    """

    id: str
    name: str
    line: int  # where the indicator or milestone stands in the plan text
    polarity: Polarity
    polarity_reason: Message  # shown in the language that asks (the report is cached)
    polarity_overridden: bool  # set by a user (``zhospar polarity set``), not inferred
    fact: Decimal | None
    fact_note: str  # its status unless final and its coverage: "operational, Q1 2012"
    evidence: str  # the fact and its source, or how several rolled up and their sources
    percent: Decimal | None  # unrounded; rounding is for display
    status: Status
    no_score: NoScore | None  # why there is no score, when there is none
    status_label: str  # "achieved", "nearly achieved", "no fact", "no target" ...
    message: str  # the evaluation's own account of the figure
    explanation: str | None  # the recorded explanation: the facts' comments
    facts: tuple[FactSource, ...]


@dataclass(frozen=True)
class IndicatorLine(ScoredLine):
    """One indicator in the report's year: plan, fact, achievement, status and their sources."""

    number: str | None  # the item label as printed
    place: str  # what it measures: "goal 1.1", "task 1.1.1", "program 002"
    unit: str | None
    breakdown: str | None  # the row's label when it details a parent ("әйелдер")
    target: Decimal | None
    target_raw: str | None  # the cell as printed, e.g. "6,2"
    target_line: int | None
    display_percent: str | None  # "116.98"
    rollup: RollupRule | None  # how its facts roll up to the national year
    rollup_overridden: bool  # set by a user (``zhospar rollup set``), not inferred
    rollup_note: str | None
    forecast: Chance  # likely / uncertain / unlikely / reached / missed ...
    forecast_message: str
    deleted: bool = False
    sentence: str = ""  # the status as the ministry's reports word it ("achieved by 92.5 %")
    polarity_note: str | None = None  # "polarity inferred from the targets' trend: ..."
    forced: str | None = None  # "forced outside its sensible range: REASON" (Achievement.forced)

    @property
    def status_text(self) -> str:
        """The status as the reports write it: the sentence, marked when its fact was forced."""
        shown = self.sentence or self.status_label
        return f"{shown}; {self.forced}" if self.forced else shown

    @property
    def target_source(self) -> str:
        if self.target_line is None:
            return gettext("plan line {line}: no cell for the year").format(line=self.line)
        return gettext('plan line {line}: "{text}"').format(
            line=self.target_line, text=self.target_raw
        )

    @property
    def fact_source(self) -> str:
        return " | ".join(f.describe() for f in self.facts)


@dataclass(frozen=True)
class MilestoneLine(ScoredLine):
    """One milestone of a task in the report's year: done, late, not done or not yet due."""

    task: str  # task code, "1.1.1"
    due_years: tuple[int, ...]
    state: MilestoneState | None  # done / late / not_done / not_yet_due


@dataclass(frozen=True)
class Score:
    """An aggregate score (task, goal, direction, program, plan) with its counts.

    The one summary of a score: the report's sections, the API's ``ScoreOut`` and the aggregate
    rows of ``zhospar score`` are read from it.
    """

    score: Decimal | None  # unrounded
    display: str | None  # rounded half up to 2 decimals, "116.98"
    status: Status
    achieved: int
    nearly: int
    not_achieved: int
    no_data: int

    @property
    def stands_on(self) -> str:
        """What the score is the mean of: "on the 2 of 63 indicators with facts"."""
        return coverage(Counts(self.achieved, self.nearly, self.not_achieved, self.no_data))

    @property
    def conclusive(self) -> bool:
        """Whether the score stands on enough facts to be called (``scoring_rules.CONCLUSIVE``)."""
        scored = self.achieved + self.nearly + self.not_achieved
        return bool(CONCLUSIVE.value(scored=scored, total=scored + self.no_data))

    @property
    def verdict(self) -> str:
        """The status as shown: the status, or "too_few_facts" for a mean of too few facts."""
        if self.score is None or self.conclusive:
            return self.status.value
        return TOO_FEW_FACTS

    @property
    def verdict_label(self) -> str:
        """The shown status in words, in the language of the moment: "achieved", "no data",
        "too few facts"."""
        if self.verdict == TOO_FEW_FACTS:
            return gettext("too few facts")
        return status_word(self.status).replace("_", " ")


@dataclass(frozen=True)
class TaskSection:
    id: str
    code: str
    name: str
    line: int
    score: Score
    indicators: tuple[IndicatorLine, ...]
    milestones: tuple[MilestoneLine, ...]
    cost: Decimal | None  # the allocation appendix's rows for the task, summed
    cost_lines: tuple[int, ...]


@dataclass(frozen=True)
class GoalSection:
    id: str
    code: str
    name: str
    line: int
    score: Score
    target_indicators: tuple[IndicatorLine, ...]
    tasks: tuple[TaskSection, ...]
    cost: Decimal | None  # the goal's stated total in the allocation appendix
    cost_line: int | None
    charts: tuple[ChartSeries, ...]


@dataclass(frozen=True)
class DirectionSection:
    id: str
    number: int
    name: str
    line: int
    score: Score
    goals: tuple[GoalSection, ...]


@dataclass(frozen=True)
class ProgramSection:
    """A budget program's form indicators (they score the program, not a goal)."""

    id: str
    code: str
    name: str
    score: Score
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class BudgetLine:
    program: str
    name: str
    planned: Decimal | None  # thousand tenge
    planned_source: str  # 'program form, line 2417: "557 556 682"'
    actual: Decimal | None
    actual_evidence: str  # the fact and its source, or how several rolled up and their sources
    actual_facts: tuple[FactSource, ...]
    rate: Decimal | None
    display_rate: str | None
    message: str


@dataclass(frozen=True)
class SignalLine:
    """An indicator that signals a risk, with its state in the report's year."""

    id: str
    name: str
    status: Status
    status_label: str
    display_percent: str | None
    forecast: Chance


@dataclass(frozen=True)
class RiskLink:
    """Why a risk is linked to a direction: the direction named, or the words they share."""

    direction: int
    explicit: bool  # the risk's text names the direction or one of its goals
    shared: tuple[str, ...]  # the shared word stems (keyword link)
    score: Decimal


@dataclass(frozen=True)
class RiskLine:
    id: str
    number: int
    risks: tuple[str, ...]
    consequences: tuple[str, ...]
    measures: tuple[str, ...]
    line: int
    end_line: int
    links: tuple[RiskLink, ...]
    signals: tuple[SignalLine, ...]
    state: str = "unknown"  # RiskState: what the signals say in the report's year
    assessment: RiskAssessment | None = None  # a planner's, in force for the report's year


@dataclass(frozen=True)
class UnmatchedLine:
    fact: FactSource
    indicator_id: str
    reason: str


@dataclass(frozen=True)
class SignOff:
    """Whether a year's figures are approved (by whom, when) or still a draft.

    The reports and pages say it in these words; a draft report says it on every page.
    """

    year: int
    approved: bool = False
    by: str | None = None
    at: dt.datetime | None = None

    @property
    def marker(self) -> str:
        """The words every page of a draft carries (no user text: safe in CSS and headers)."""
        return gettext("DRAFT: the figures of {year} are not approved").format(year=self.year)

    def describe(self) -> str:
        """ "approved by NAME on 2026-12-07 14:00 UTC" ("7 декабря 2026 г., 14:00 UTC" in
        Russian), or the draft marker."""
        if not self.approved:
            return self.marker
        by = self.by or gettext("unknown")
        if self.at is None:
            return gettext("approved by {name}").format(name=by)
        when = format_moment(self.at)
        return gettext("approved by {name} on {when}").format(name=by, when=when)


@dataclass(frozen=True)
class AnnualReport:
    """Everything the annual implementation report shows, for one plan and one year."""

    title: str
    ministry: str | None
    year: int
    period_start: int
    period_end: int
    plan_source: str | None  # the plan text's file name and sha256
    facts_origin: str  # "database ..." or the import files read
    generated_at: dt.datetime
    plan_score: Score
    directions: tuple[DirectionSection, ...]
    programs: tuple[ProgramSection, ...]
    budget: tuple[BudgetLine, ...]
    risks: tuple[RiskLine, ...]
    risk_rule: str
    unmatched: tuple[UnmatchedLine, ...]
    method: tuple[str, ...] = field(default=())
    risk_state_rule: str = ""
    # The published (Kazakh) name of each element whose name is shown translated, by id
    # (``zhospar.report.names.with_translated_names``); empty: the names are as published.
    published: Mapping[str, str] = field(default_factory=dict)
    signoff: SignOff | None = None  # None: a draft of ``year`` (see ``state``)

    @property
    def state(self) -> SignOff:
        """The year's sign-off; a report given none is a draft."""
        return self.signoff if self.signoff is not None else SignOff(self.year)

    @property
    def milestones(self) -> tuple[MilestoneLine, ...]:
        return tuple(
            m for d in self.directions for g in d.goals for t in g.tasks for m in t.milestones
        )

    @property
    def indicators(self) -> tuple[IndicatorLine, ...]:
        """Every goal and task indicator (breakdown rows included), in document order."""
        out: list[IndicatorLine] = []
        for direction in self.directions:
            for goal in direction.goals:
                out.extend(goal.target_indicators)
                for task in goal.tasks:
                    out.extend(task.indicators)
        return tuple(out)

    @property
    def charts(self) -> tuple[ChartSeries, ...]:
        return tuple(c for d in self.directions for g in d.goals for c in g.charts)

    def indicator(self, indicator_id: str) -> IndicatorLine | None:
        for line in (*self.indicators, *(i for p in self.programs for i in p.indicators)):
            if line.id == indicator_id:
                return line
        return None
