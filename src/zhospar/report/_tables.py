"""The annual report's tables, once: which columns, which rows, which cell is coloured by status.

The DOCX and the PDF lay the same tables out each in its own way (WordprocessingML, ReportLab);
what a table holds is decided here, so that a column added, renamed or reordered is so in both.
A head is Zhospar's words, translated by the writer in the language of the moment; a cell is
text, or a figure with its note ("5,3" and "(preliminary)"), which a writer sets on one line or
two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from zhospar.i18n import N_, pgettext
from zhospar.report._format import (
    NO_VALUE,
    amount,
    assessment_text,
    figure,
    indicator_label,
    number,
    percent,
    risk_links,
    signal_text,
)
from zhospar.report.model import AnnualReport, IndicatorLine, MilestoneLine
from zhospar.report.names import PUBLISHED_HEADER
from zhospar.report.risks import state_word

__all__ = [
    "INDICATOR_HEADERS",
    "Cell",
    "Head",
    "ReportTable",
    "budget_table",
    "indicator_table",
    "milestone_table",
    "risk_table",
    "source_table",
    "summary_table",
    "unmatched_table",
]

Cell = str | tuple[str, str]  # text, or a figure and the note under it

INDICATOR_HEADERS = (
    "ID",
    "Indicator",
    "Unit",
    "Target",
    "Fact",
    "Achievement",
    "Status",
    "Explanation of deviation",
)


@dataclass(frozen=True)
class Head:
    """A column: its head (Zhospar's words), its share of the width where a writer sizes the
    columns (the PDF; the DOCX shares the width evenly), and whether it holds figures or codes
    ("G1.1-I1-b1", "001"), which are never broken across lines."""

    words: str
    share: float = 1.0
    figures: bool = False
    codes: bool = False


@dataclass(frozen=True)
class ReportTable:
    """A table's columns and rows; ``statuses`` colour the cells of ``status_column``."""

    heads: tuple[Head, ...]
    rows: list[list[Cell]]
    status_column: int | None = None
    statuses: tuple[str | None, ...] = field(default=())


def _published(published: Mapping[str, str], ident: str) -> list[Cell]:
    """The published (Kazakh) name's cell of a row, in a report whose names are translated
    (none otherwise); a name shown as published leaves the cell empty."""
    return [published.get(ident, "")] if published else []


def _published_head(published: Mapping[str, str]) -> tuple[Head, ...]:
    return (Head(PUBLISHED_HEADER, 2.4),) if published else ()


def _fact(line: IndicatorLine) -> Cell:
    """The fact, and the note on it (its status and coverage)."""
    return (number(line.fact), f"({line.fact_note})") if line.fact_note else number(line.fact)


def _status(line: IndicatorLine) -> str:
    sentence = line.status_text
    return f"{sentence}; {line.polarity_note}" if line.polarity_note else sentence


_INDICATOR_SHARES = (0.8, 3.4, 1.0, 0.9, 1.1, 1.0, 2.0, 2.2)
_FIGURES = {"Target", "Fact", "Achievement"}


def indicator_table(lines: Sequence[IndicatorLine], published: Mapping[str, str]) -> ReportTable:
    """Target, task or program indicators: plan, fact, achievement, status, explanation."""
    heads = tuple(
        Head(words, share, words in _FIGURES, words == "ID")
        for words, share in zip(INDICATOR_HEADERS, _INDICATOR_SHARES, strict=True)
    )
    rows = [
        [
            x.id, indicator_label(x), x.unit or "", number(x.target), _fact(x),
            percent(x.display_percent), _status(x), x.explanation or "",
            *_published(published, x.id),
        ]
        for x in lines
    ]  # fmt: skip
    statuses = tuple(x.status for x in lines)
    return ReportTable((*heads, *_published_head(published)), rows, 6, statuses)


def summary_table(report: AnnualReport) -> ReportTable:
    """Each direction's score and verdict."""
    heads = (
        Head("Direction", 1.0, codes=True),
        Head(pgettext("report", "Name"), 6.0),  # translated already: the writer's gettext keeps it
        Head("Score, %", 1.0, figures=True),
        Head("Status", 2.0),
    )
    rows: list[list[Cell]] = [
        [
            str(d.number), d.name, figure(d.score.display), d.score.verdict_label,
            *_published(report.published, d.id),
        ]
        for d in report.directions
    ]  # fmt: skip
    statuses = tuple(d.score.verdict for d in report.directions)
    return ReportTable((*heads, *_published_head(report.published)), rows, 3, statuses)


def milestone_table(milestones: Sequence[MilestoneLine]) -> ReportTable:
    heads = (
        Head("ID", 1.0, codes=True), Head("Milestone", 4.0), Head("Due", 0.9, codes=True),
        Head("Status", 1.3), Head("Evaluation", 3.0), Head("Explanation", 2.5),
    )  # fmt: skip
    rows: list[list[Cell]] = [
        [
            m.id, m.name, "-".join(str(y) for y in m.due_years) or NO_VALUE, m.status_label,
            m.message, m.explanation or "",
        ]
        for m in milestones
    ]  # fmt: skip
    return ReportTable(heads, rows, 3, tuple(m.status for m in milestones))


def budget_table(report: AnnualReport) -> ReportTable:
    """Planned and actual expenditure per program (thousand tenge) and the execution rate."""
    heads = (
        Head("Program", 0.8, codes=True), Head(pgettext("report", "Name"), 5.0),
        Head("Planned", 1.2, figures=True), Head("Actual", 1.2, figures=True),
        Head("Execution", 1.0, figures=True), Head("Planned source", 3.0),
    )  # fmt: skip
    rows: list[list[Cell]] = [
        [
            b.program, b.name, amount(b.planned), amount(b.actual), percent(b.display_rate),
            b.planned_source,
        ]
        for b in report.budget
    ]  # fmt: skip
    return ReportTable(heads, rows)


def risk_table(report: AnnualReport) -> ReportTable:
    """The plan's risks with the directions they are linked to and the signals of those."""
    heads = (
        Head("No.", 0.5, codes=True), Head("Risks", 2.5), Head("Consequences", 2.5),
        Head("Measures", 2.5), Head("Linked directions", 2.0), Head(N_("Signals"), 2.0),
        Head(N_("State and assessment"), 2.0),
    )  # fmt: skip
    rows: list[list[Cell]] = [
        [
            str(r.number), "\n".join(r.risks), "\n".join(r.consequences), "\n".join(r.measures),
            risk_links(r), signal_text(r), f"{state_word(r.state)}; {assessment_text(r)}",
        ]
        for r in report.risks
    ]  # fmt: skip
    return ReportTable(heads, rows)


def source_table(report: AnnualReport) -> ReportTable:
    """Where each target and fact scored comes from."""
    lines = [*report.indicators, *(i for p in report.programs for i in p.indicators)]
    heads = (Head("ID", 1.0, codes=True), Head("Target", 3.0), Head("Fact", 4.0),
             Head("Evaluation", 4.0))  # fmt: skip
    rows: list[list[Cell]] = [
        [x.id, x.target_source, x.fact_source or NO_VALUE, x.message]
        for x in lines
        if x.target is not None or x.facts
    ]
    return ReportTable(heads, rows)


def unmatched_table(report: AnnualReport) -> ReportTable:
    """The facts that name no indicator or period of the plan, and why."""
    heads = (Head("Indicator", 1.0, codes=True), Head("Fact", 5.0), Head("Why", 4.0))
    rows: list[list[Cell]] = [
        [u.indicator_id, u.fact.describe(), u.reason] for u in report.unmatched
    ]
    return ReportTable(heads, rows)
