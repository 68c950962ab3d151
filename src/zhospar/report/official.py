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

Every word of the form is Zhospar's own and is written in the language of the moment
(``zhospar report --lang``): the Kazakh and Russian ones are the form's own wording (Appendix 5).
The rows' words are fixed when the form is built, the header's and the columns' when it is
written; both happen inside one ``use_language``. A report whose names are translated
(``report.names.with_translated_names``) gives each row its published (Kazakh) name beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zhospar.evaluate import EvaluationOptions, Fact, Status
from zhospar.i18n import N_, current_language, gettext, pgettext
from zhospar.model.plan import ActRef, Plan
from zhospar.report._format import indicator_label, moment, number
from zhospar.report.build import build_report
from zhospar.report.model import AnnualReport, GoalSection, IndicatorLine, SignOff
from zhospar.report.names import with_translated_names

__all__ = [
    "COLUMNS",
    "FORM_TITLE",
    "FORM_TITLE_KK",
    "NO_FACT",
    "NO_PLAN",
    "NO_REASON",
    "PUBLISHED",
    "FormRow",
    "OfficialReport",
    "RowKind",
    "act_text",
    "build_official",
    "columns",
    "goal_programs",
    "official_form",
    "reporting_period_head",
]


# The form's words, translated where they are written (gettext): English here, the Kazakh and
# Russian of the form in the catalogs.
FORM_TITLE = N_("Report on the implementation of the strategic plan of a state body")
FORM_TITLE_KK = "Мемлекеттік органның стратегиялық жоспарының іске асырылуы туралы есеп"
COLUMNS = (  # in English; ``columns()`` gives them in the language of the moment
    "Name",
    "Source of information",
    "Unit",
    "Plan",
    "Fact",
    "Reasons for non-achievement",
)
NO_PLAN = N_("no plan")  # the plan states no figure for the year
NO_FACT = N_("no fact")  # no fact recorded for the year
NO_REASON = N_("reason not recorded")  # short of the plan, and nobody has said why yet
PUBLISHED = N_("Published name (kk)")  # the column of the published names, when translated
_ACT_KINDS = {
    "resolution": N_("Resolution"),
    "decree": N_("Decree"),
    "law": N_("Law"),
    "order": N_("Order"),
}


def columns() -> tuple[str, ...]:
    """The six column heads (``COLUMNS``) in the language of the moment, in the form's own
    words: their context keeps them apart from the same English words elsewhere (a person's
    "Name" on the login page)."""
    return (
        pgettext("official form", "Name"),
        pgettext("official form", "Source of information"),
        pgettext("official form", "Unit"),
        pgettext("official form", "Plan"),
        pgettext("official form", "Fact"),
        pgettext("official form", "Reasons for non-achievement"),
    )


def reporting_period_head(year: int) -> str:
    """The head over the Plan and Fact columns: "Reporting period 2012"."""
    return gettext("Reporting period {year}").format(year=year)


class RowKind(StrEnum):
    """What a row of the form is: a heading of the grouping, or an indicator."""

    DIRECTION = "direction"
    GOAL = "goal"
    PROGRAMS = "programs"  # the codes of the budget programs that serve the goal
    TARGETS = "targets"  # the heading "Target indicators"
    TASK = "task"
    RESULTS = "results"  # the heading "Direct-result indicators", under a task
    INDICATOR = "indicator"  # a target or a direct-result indicator


@dataclass(frozen=True)
class FormRow:
    """One row of the form. A heading fills the name alone; an indicator every column."""

    kind: RowKind
    name: str
    line: IndicatorLine | None = None  # the indicator's figures, as the annual report has them
    source: str | None = None  # column 2: the sources the facts name
    reason: str | None = None  # the reason for non-achievement in force, as recorded
    published: str | None = None  # the published (Kazakh) name, when ``name`` is translated

    @property
    def name_lines(self) -> str:
        """The name as a document cell shows it: a translated one with its published name on
        the line under it (the DOCX and the PDF; the HTML marks the second line up)."""
        return f"{self.name}\n{self.published}" if self.published else self.name

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
        return number(self.plan) if self.plan is not None else gettext(NO_PLAN)

    @property
    def fact_text(self) -> str:
        if self.line is None:
            return ""
        return number(self.fact) if self.fact is not None else gettext(NO_FACT)

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
        return f"{self.sentence}. {gettext(NO_REASON)}" if self.short else self.sentence


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
        return f"{gettext(FORM_TITLE)}, {self.year}"

    @property
    def title_kk(self) -> str | None:
        """The form's Kazakh title under the title; none when the form is in Kazakh."""
        return None if current_language() == "kk" else FORM_TITLE_KK

    @property
    def reporting_period(self) -> str:
        return gettext("1 January - 31 December %(year)s") % {"year": self.year}

    @property
    def translated(self) -> bool:
        """Some names are shown translated: the published ones stand beside them."""
        return any(r.published for r in self.rows)

    @property
    def header(self) -> tuple[tuple[str, str], ...]:
        """The header as (label, text) lines, in the form's order: every writer prints these."""
        unstated = gettext("not stated in the plan")
        lines = [
            (gettext("State body"), self.state_body or unstated),
            (gettext("Strategic plan"), self.plan_title),
            (gettext("Planning period"), f"{self.period_start}-{self.period_end}"),
            (gettext("Adopted by"), self.adopted_by or unstated),
        ]
        if self.amended_by:
            lines.append((gettext("Amended by"), "; ".join(self.amended_by)))
        lines += [
            (gettext("Reporting period"), self.reporting_period),
            (gettext("Figures"), self.signoff.describe()),
        ]
        return tuple(lines)

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Where the figures come from, printed under the table."""
        return (
            (gettext("Plan text"), self.plan_source or "—"),
            (gettext("Facts"), self.facts_origin),
            (gettext("Generated"), moment(self.generated_at)),
        )

    @property
    def indicators(self) -> tuple[FormRow, ...]:
        return tuple(r for r in self.rows if r.kind is RowKind.INDICATOR)

    def row(self, indicator_id: str) -> FormRow | None:
        return next((r for r in self.indicators if r.line and r.line.id == indicator_id), None)


def act_text(act: ActRef) -> str:
    """An act as the header names it: "Resolution No. 2342 of 31.12.2009" (in Kazakh
    "31.12.2009 жылғы № 2342 қаулы", in Russian "Постановление № 2342 от 31.12.2009")."""
    known = _ACT_KINDS.get(act.kind)
    kind = gettext(known) if known else act.kind.capitalize()
    if act.date is None:
        return gettext("{kind} No. {number}").format(kind=kind, number=act.number)
    return gettext("{kind} No. {number} of {date}").format(
        kind=kind, number=act.number, date=f"{act.date:%d.%m.%Y}"
    )


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
    lines: Iterable[IndicatorLine], reasons: Mapping[str, str], published: Mapping[str, str]
) -> Iterator[FormRow]:
    for line in lines:
        if line.deleted:
            continue  # deleted by an amending act: no longer part of the plan
        reason = (reasons.get(line.id) or "").strip() or None
        yield FormRow(
            RowKind.INDICATOR, indicator_label(line), line, _sources(line), reason,
            published.get(line.id),
        )  # fmt: skip


def _goal_rows(
    plan: Plan, goal: GoalSection, reasons: Mapping[str, str], published: Mapping[str, str]
) -> Iterator[FormRow]:
    name = gettext("Goal {code}. {name}").format(code=goal.code, name=goal.name)
    yield FormRow(RowKind.GOAL, name, published=published.get(goal.id))
    programs = goal_programs(plan, goal.code)
    codes = ", ".join(programs) if programs else gettext("none named in the plan")
    yield FormRow(RowKind.PROGRAMS, gettext("Budget programs: {codes}").format(codes=codes))
    if goal.target_indicators:
        yield FormRow(RowKind.TARGETS, gettext("Target indicators"))
        yield from _indicator_rows(goal.target_indicators, reasons, published)
    for task in goal.tasks:
        name = gettext("Task {code}. {name}").format(code=task.code, name=task.name)
        yield FormRow(RowKind.TASK, name, published=published.get(task.id))
        if any(not line.deleted for line in task.indicators):
            yield FormRow(RowKind.RESULTS, gettext("Direct-result indicators"))
        yield from _indicator_rows(task.indicators, reasons, published)


def official_form(
    plan: Plan,
    report: AnnualReport,
    reasons: Mapping[str, str] | None = None,
) -> OfficialReport:
    """The form of ``report``'s year: its figures, grouped as the form groups them.

    ``reasons`` maps an indicator id to the reason for non-achievement in force for the year.
    Goals the plan names only in its alignment table (no indicators, no tasks) are left out.
    A ``report`` with translated names gives the form its names and their published ones.
    """
    given = reasons or {}
    published = report.published
    rows: list[FormRow] = []
    for direction in report.directions:
        name = gettext("Direction {number}. {name}").format(
            number=direction.number, name=direction.name
        )
        rows.append(FormRow(RowKind.DIRECTION, name, published=published.get(direction.id)))
        for goal in direction.goals:
            if goal.target_indicators or goal.tasks:
                rows.extend(_goal_rows(plan, goal, given, published))
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
    names: Mapping[str, str] | None = None,
) -> OfficialReport:
    """The official form of ``plan`` for ``year`` on ``facts`` (the annual report's figures);
    ``names``: the plan's names translated into the form's language, by element id."""
    report = build_report(
        plan, facts, year, options=options, facts_origin=facts_origin, generated_at=generated_at,
        signoff=signoff,
    )  # fmt: skip
    return official_form(plan, with_translated_names(report, names or {}), reasons)
