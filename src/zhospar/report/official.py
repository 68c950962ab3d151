"""The official report on the implementation of the strategic plan, in the published form
(Appendix 5 to the Methodological instruction on monitoring of strategic and program documents;
``shared/reference/official-reporting.md``).

    form = build_official(plan, facts, 2012, reasons={"G1.1-I1": "..."}, signoff=...)
    write_official(form, "mlsp-2012-official.pdf")   # or .xlsx, .docx, .html

The form's header names the state body, the planning period, the act that adopted the plan (and
the acts that amended it) and the reporting period. Its body is one list of rows, grouped
direction -> goal (with the codes of the budget programs that serve it) -> target indicators ->
tasks -> direct-result indicators, in six columns: Name | Source of information | Unit | Plan |
Fact | Reasons for non-achievement. The last column opens with the indicator's status sentence
(``zhospar.evaluate.sentence.status_sentence``: "achieved by 92.5 %") and carries the reason in
force. Nothing is computed here: each figure is an ``IndicatorLine`` of the annual report; the
reasons come in as a mapping (the store reads them), so this module stays pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zhospar.evaluate import EvaluationOptions, Fact, Status
from zhospar.model.plan import ActRef, Plan
from zhospar.report._format import number
from zhospar.report.build import build_report
from zhospar.report.model import AnnualReport, GoalSection, IndicatorLine, SignOff

__all__ = [
    "COLUMNS",
    "FORM_TITLE",
    "FORM_TITLE_KK",
    "NO_FACT",
    "NO_PLAN",
    "NO_REASON",
    "FormRow",
    "OfficialReport",
    "RowKind",
    "act_text",
    "build_official",
    "goal_programs",
    "official_form",
]

FORM_TITLE = "Report on the implementation of the strategic plan of a state body"
FORM_TITLE_KK = "Мемлекеттік органның стратегиялық жоспарының іске асырылуы туралы есеп"
COLUMNS = (
    "Name",
    "Source of information",
    "Unit",
    "Plan",
    "Fact",
    "Reasons for non-achievement",
)
NO_PLAN = "no plan"  # the plan states no figure for the year
NO_FACT = "no fact"  # no fact recorded for the year
NO_REASON = "reason not recorded"  # short of the plan, and nobody has said why yet
_ACT_KINDS = {"resolution": "Resolution", "decree": "Decree", "law": "Law", "order": "Order"}


class RowKind(StrEnum):
    """What a row of the form is: a heading of the grouping, or an indicator."""

    DIRECTION = "direction"
    GOAL = "goal"
    PROGRAMS = "programs"  # the codes of the budget programs that serve the goal
    TARGETS = "targets"  # the heading "Target indicators"
    TASK = "task"
    INDICATOR = "indicator"  # a target or a direct-result indicator


@dataclass(frozen=True)
class FormRow:
    """One row of the form. A heading fills the name alone; an indicator every column."""

    kind: RowKind
    name: str
    line: IndicatorLine | None = None  # the indicator's figures, as the annual report has them
    source: str | None = None  # column 2: the sources the facts name
    reason: str | None = None  # the reason for non-achievement in force, as recorded

    @property
    def unit(self) -> str:
        return (self.line.unit or "") if self.line is not None else ""

    @property
    def plan(self) -> Decimal | None:
        return self.line.target if self.line is not None else None

    @property
    def fact(self) -> Decimal | None:
        return self.line.fact if self.line is not None else None

    @property
    def plan_text(self) -> str:
        """The plan as printed in the form: the number, or "no plan" (never a guess)."""
        if self.line is None:
            return ""
        return number(self.plan) if self.plan is not None else NO_PLAN

    @property
    def fact_text(self) -> str:
        if self.line is None:
            return ""
        return number(self.fact) if self.fact is not None else NO_FACT

    @property
    def status(self) -> Status | None:
        return self.line.status if self.line is not None else None

    @property
    def sentence(self) -> str:
        """The status as the ministry's reports word it ("achieved", "not achieved: 85.0 %")."""
        return (self.line.sentence or self.line.status_label) if self.line is not None else ""

    @property
    def short(self) -> bool:
        """Short of the plan: the form asks why."""
        return self.status in (Status.NEARLY, Status.NOT_ACHIEVED)

    @property
    def reasons(self) -> str:
        """Column 6: the sentence, then the reason (or that none is recorded when one is due)."""
        if self.line is None:
            return ""
        if self.reason:
            return f"{self.sentence}. {self.reason}"
        return f"{self.sentence}. {NO_REASON}" if self.short else self.sentence


@dataclass(frozen=True)
class OfficialReport:
    """The form for one plan and one year: its header lines and its rows."""

    plan_title: str
    state_body: str | None
    period_start: int
    period_end: int
    adopted_by: str | None  # "Resolution No. 2342 of 31.12.2009"
    amended_by: tuple[str, ...]
    year: int
    signoff: SignOff
    facts_origin: str
    plan_source: str | None
    generated_at: dt.datetime
    rows: tuple[FormRow, ...]

    @property
    def title(self) -> str:
        return f"{FORM_TITLE}, {self.year}"

    @property
    def title_kk(self) -> str:
        return FORM_TITLE_KK

    @property
    def reporting_period(self) -> str:
        return f"1 January - 31 December {self.year}"

    @property
    def header(self) -> tuple[tuple[str, str], ...]:
        """The header as (label, text) lines, in the form's order: every writer prints these."""
        lines = [
            ("State body", self.state_body or "not stated in the plan"),
            ("Strategic plan", self.plan_title),
            ("Planning period", f"{self.period_start}-{self.period_end}"),
            ("Adopted by", self.adopted_by or "not stated in the plan"),
        ]
        if self.amended_by:
            lines.append(("Amended by", "; ".join(self.amended_by)))
        lines += [
            ("Reporting period", self.reporting_period),
            ("Figures", self.signoff.describe()),
        ]
        return tuple(lines)

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Where the figures come from, printed under the table."""
        return (
            ("Plan text", self.plan_source or "—"),
            ("Facts", self.facts_origin),
            ("Generated", f"{self.generated_at:%Y-%m-%d %H:%M} UTC"),
        )

    @property
    def indicators(self) -> tuple[FormRow, ...]:
        return tuple(r for r in self.rows if r.kind is RowKind.INDICATOR)

    def row(self, indicator_id: str) -> FormRow | None:
        return next((r for r in self.indicators if r.line and r.line.id == indicator_id), None)


def act_text(act: ActRef) -> str:
    """An act as the header names it: "Resolution No. 2342 of 31.12.2009"."""
    kind = _ACT_KINDS.get(act.kind, act.kind.capitalize())
    when = f" of {act.date:%d.%m.%Y}" if act.date is not None else ""
    return f"{kind} No. {act.number}{when}"


def goal_programs(plan: Plan, goal: str) -> tuple[str, ...]:
    """The codes of the budget programs that serve ``goal``: the allocation appendix's rows of
    the goal and the program forms whose sections name it, in code order."""
    codes = {a.program for a in plan.allocations if a.goal == goal and a.program}
    for form in plan.program_forms:
        if any(goal in section.goals for section in form.sections):
            codes.add(form.code)
    return tuple(sorted(codes))


def _sources(line: IndicatorLine) -> str | None:
    seen: list[str] = []
    for fact in line.facts:
        if fact.source and fact.source not in seen:
            seen.append(fact.source)
    return "; ".join(seen) or None


def _indicator_rows(
    lines: Iterable[IndicatorLine], reasons: Mapping[str, str]
) -> Iterator[FormRow]:
    for line in lines:
        if line.deleted:
            continue  # deleted by an amending act: no longer part of the plan
        name = f"of which: {line.breakdown}" if line.breakdown else line.name
        reason = (reasons.get(line.id) or "").strip() or None
        yield FormRow(RowKind.INDICATOR, name, line, _sources(line), reason)


def _goal_rows(plan: Plan, goal: GoalSection, reasons: Mapping[str, str]) -> Iterator[FormRow]:
    yield FormRow(RowKind.GOAL, f"Goal {goal.code}. {goal.name}")
    programs = goal_programs(plan, goal.code)
    codes = ", ".join(programs) if programs else "none named in the plan"
    yield FormRow(RowKind.PROGRAMS, f"Budget programs: {codes}")
    if goal.target_indicators:
        yield FormRow(RowKind.TARGETS, "Target indicators")
        yield from _indicator_rows(goal.target_indicators, reasons)
    for task in goal.tasks:
        yield FormRow(RowKind.TASK, f"Task {task.code}. {task.name}")
        yield from _indicator_rows(task.indicators, reasons)


def official_form(
    plan: Plan,
    report: AnnualReport,
    reasons: Mapping[str, str] | None = None,
) -> OfficialReport:
    """The form of ``report``'s year: its figures, grouped as the form groups them.

    ``reasons`` maps an indicator id to the reason for non-achievement in force for the year.
    Goals the plan names only in its alignment table (no indicators, no tasks) are left out.
    """
    given = reasons or {}
    rows: list[FormRow] = []
    for direction in report.directions:
        rows.append(FormRow(RowKind.DIRECTION, f"Direction {direction.number}. {direction.name}"))
        for goal in direction.goals:
            if goal.target_indicators or goal.tasks:
                rows.extend(_goal_rows(plan, goal, given))
    return OfficialReport(
        plan_title=plan.title,
        state_body=plan.ministry,
        period_start=plan.period_start,
        period_end=plan.period_end,
        adopted_by=act_text(plan.approved_by) if plan.approved_by else None,
        amended_by=tuple(act_text(a) for a in plan.amended_by),
        year=report.year,
        signoff=report.state,
        facts_origin=report.facts_origin,
        plan_source=report.plan_source,
        generated_at=report.generated_at,
        rows=tuple(rows),
    )


def build_official(
    plan: Plan,
    facts: Iterable[Fact],
    year: int,
    *,
    options: EvaluationOptions | None = None,
    reasons: Mapping[str, str] | None = None,
    signoff: SignOff | None = None,
    facts_origin: str = "",
    generated_at: dt.datetime | None = None,
) -> OfficialReport:
    """The official form of ``plan`` for ``year`` on ``facts`` (the annual report's figures)."""
    report = build_report(
        plan, facts, year, options=options, facts_origin=facts_origin, generated_at=generated_at,
        signoff=signoff,
    )  # fmt: skip
    return official_form(plan, report, reasons)
