"""The annual implementation report as a PDF (ReportLab platypus), section by section as the DOCX.

Title and period; a summary of scores; a section per strategic direction and goal with a table of
its target indicators, a plan-vs-fact chart of each (the DOCX's PNG, ``charts.chart_png``) and a
table per task; the milestones; budget execution by program; the program indicators; the risks
with the indicators that signal them; and the sources of every number. When the plan's names are
shown translated, the published Kazakh name stands beside each (a column of the tables, a line
under a heading), as in the DOCX. The words are the language of the moment's (``zhospar report
--lang``); the page, the fonts, the draft marker and the escaping of every text are
``_pdf_layout``'s. ReportLab is imported only when a PDF is written (``report.write_report``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether

from zhospar.i18n import N_, gettext, pgettext
from zhospar.report._format import (
    NO_VALUE,
    amount,
    assessment_text,
    figure,
    indicator_label,
    moment,
    number,
    percent,
    risk_links,
    score_text,
    signal_text,
)
from zhospar.report._pdf_layout import (
    Cell,
    Column,
    chart_drawing,
    grid_table,
    paragraph,
    status_fill,
    styles,
    write_document,
)
from zhospar.report.docx import INDICATOR_HEADERS
from zhospar.report.model import AnnualReport, GoalSection, IndicatorLine, MilestoneLine
from zhospar.report.names import PUBLISHED_HEADER
from zhospar.report.risks import state_word

__all__ = ["write_pdf"]

Story = list[Flowable]
# The indicator tables' columns (``docx.INDICATOR_HEADERS``): their shares of the width, and
# which hold figures (set unwrapped, right-aligned).
_INDICATOR_SHARES = (0.8, 3.4, 1.0, 0.9, 1.1, 1.0, 2.0, 2.2)
_FIGURES = {"Target", "Fact", "Achievement"}
_CHART_WIDTH = 15 * cm  # as the DOCX's picture


def _headline(story: Story, text: str, level: int) -> None:
    story.append(paragraph(text, styles().headings[level]))


def _columns(
    heads: Sequence[str], shares: Sequence[float], figures: set[int], codes: set[int]
) -> list[Column]:
    """Columns whose heads are Zhospar's words, in the language of the moment; ``figures`` and
    ``codes`` the numbers of those that hold figures, and ids or codes."""
    return [
        Column(gettext(head), share, i in figures, i in codes)
        for i, (head, share) in enumerate(zip(heads, shares, strict=True))
    ]


def _published(published: Mapping[str, str], ident: str) -> list[Cell]:
    """The published (Kazakh) name's cell of a row, in a report whose names are translated
    (none otherwise); a name shown as published leaves the cell empty."""
    return [published.get(ident, "")] if published else []


def _published_columns(published: Mapping[str, str]) -> list[Column]:
    return [Column(gettext(PUBLISHED_HEADER), 2.4)] if published else []


def _published_line(story: Story, published: Mapping[str, str], ident: str) -> None:
    """Under a heading whose name is shown translated: the name as published."""
    if ident in published:
        story.append(paragraph(f"{gettext(PUBLISHED_HEADER)}: {published[ident]}"))


def _fact(line: IndicatorLine) -> Cell:
    """The fact, and the note on it (its status and coverage) on a line of its own under it."""
    if not line.fact_note:
        return number(line.fact)
    return (number(line.fact), f"({line.fact_note})")


def _status(line: IndicatorLine) -> str:
    sentence = line.status_text
    return f"{sentence}; {line.polarity_note}" if line.polarity_note else sentence


def _indicator_table(
    story: Story, lines: Sequence[IndicatorLine], published: Mapping[str, str]
) -> None:
    figures = {i for i, head in enumerate(INDICATOR_HEADERS) if head in _FIGURES}
    columns = [
        *_columns(INDICATOR_HEADERS, _INDICATOR_SHARES, figures, {0}),
        *_published_columns(published),
    ]
    rows = [
        [
            x.id, indicator_label(x), x.unit or "", number(x.target), _fact(x),
            percent(x.display_percent), _status(x), x.explanation or "",
            *_published(published, x.id),
        ]
        for x in lines
    ]  # fmt: skip
    fills = [(6, row, status_fill(x.status)) for row, x in enumerate(lines)]
    story.append(grid_table(columns, rows, fills))


def _score(story: Story, text: str) -> None:
    story.append(paragraph(gettext("Score: {score}").format(score=text)))


def _charts(story: Story, goal: GoalSection) -> None:
    """The goal's plan-vs-fact charts, each with its caption, where the DOCX has its pictures:
    the same shapes (``charts.layout``), drawn as vectors."""
    from zhospar.report.charts import caption, layout

    lines = {x.id: x for x in goal.target_indicators}
    for series in goal.charts:
        if series.has_data:
            picture = chart_drawing(layout(series), _CHART_WIDTH)
            picture.hAlign = "LEFT"
            text = caption(series, lines.get(series.indicator_id))
            story.append(KeepTogether([picture, paragraph(text, styles().note)]))


def _goal(story: Story, goal: GoalSection, published: Mapping[str, str]) -> None:
    _headline(story, f"{gettext('Goal')} {goal.code}. {goal.name}", 3)
    _published_line(story, published, goal.id)
    cost = (
        gettext("; cost (allocation appendix): {amount} thousand tenge").format(
            amount=amount(goal.cost)
        )
        if goal.cost
        else ""
    )
    _score(story, score_text(goal.score) + cost)
    if goal.target_indicators:
        story.append(paragraph(gettext("Target indicators (нысаналы индикаторлар)")))
        _indicator_table(story, goal.target_indicators, published)
    _charts(story, goal)
    for task in goal.tasks:
        _headline(story, f"{gettext('Task')} {task.code}. {task.name}", 4)
        _published_line(story, published, task.id)
        _score(story, score_text(task.score))
        if task.indicators:
            _indicator_table(story, task.indicators, published)


def _front(story: Story, report: AnnualReport) -> None:
    title = gettext("Annual report on the implementation of the strategic plan, %(year)s")
    _headline(story, title % {"year": report.year}, 0)
    story.append(paragraph(report.state.describe(), styles().bold))
    story.append(paragraph("Стратегиялық жоспардың іске асырылуы туралы жылдық есеп"))
    story.append(paragraph(report.title))
    if report.ministry:
        story.append(paragraph(report.ministry))
    period = gettext("1 January - 31 December %(year)s") % {"year": report.year}
    details = [
        f"{gettext('Reporting period')}: {period}",
        f"{gettext('Planned period')}: {report.period_start}-{report.period_end}",
        f"{gettext('Plan text')}: {report.plan_source or NO_VALUE}",
        f"{gettext('Facts')}: {report.facts_origin}",
        f"{gettext('Generated')}: {moment(report.generated_at)}",
    ]
    story.extend(paragraph(text) for text in details)


def _summary(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("1. Summary"), 1)
    story.append(
        paragraph(gettext("Plan score: {score}").format(score=score_text(report.plan_score)))
    )
    heads = ("Direction", pgettext("report", "Name"), "Score, %", "Status")
    columns = [
        *_columns(heads, (1.0, 6.0, 1.0, 2.0), {2}, {0}),
        *_published_columns(report.published),
    ]
    rows = [
        [
            str(d.number), d.name, figure(d.score.display), d.score.verdict_label,
            *_published(report.published, d.id),
        ]
        for d in report.directions
    ]  # fmt: skip
    fills = [(3, row, status_fill(d.score.verdict)) for row, d in enumerate(report.directions)]
    story.append(grid_table(columns, rows, fills))


def _directions(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("2. Strategic directions, goals and tasks"), 1)
    for direction in report.directions:
        _headline(story, f"{gettext('Direction')} {direction.number}. {direction.name}", 2)
        _published_line(story, report.published, direction.id)
        _score(story, score_text(direction.score))
        for goal in direction.goals:
            _goal(story, goal, report.published)


def _milestones(story: Story, milestones: Sequence[MilestoneLine]) -> None:
    _headline(story, gettext("3. Milestones"), 1)
    heads = ("ID", "Milestone", "Due", "Status", "Evaluation", "Explanation")
    columns = _columns(heads, (1.0, 4.0, 0.9, 1.3, 3.0, 2.5), set(), {0, 2})
    rows = [
        [
            m.id, m.name, "-".join(str(y) for y in m.due_years) or NO_VALUE, m.status_label,
            m.message, m.explanation or "",
        ]
        for m in milestones
    ]  # fmt: skip
    fills = [(3, row, status_fill(m.status)) for row, m in enumerate(milestones)]
    story.append(grid_table(columns, rows, fills))


def _budget(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("4. Budget execution by program"), 1)
    note = gettext("Thousand tenge. Planned: the program's form, else the list of programs.")
    story.append(paragraph(note, styles().note))
    heads = ("Program", pgettext("report", "Name"), "Planned", "Actual", "Execution",
             "Planned source")  # fmt: skip
    columns = _columns(heads, (0.8, 5.0, 1.2, 1.2, 1.0, 3.0), {2, 3, 4}, {0})
    rows = [
        [
            b.program, b.name, amount(b.planned), amount(b.actual), percent(b.display_rate),
            b.planned_source,
        ]
        for b in report.budget
    ]  # fmt: skip
    story.append(grid_table(columns, rows))


def _programs(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("5. Budget program indicators"), 1)
    for program in report.programs:
        if program.indicators:
            _headline(story, f"{gettext('Program')} {program.code}. {program.name}", 2)
            _published_line(story, report.published, program.id)
            _score(story, score_text(program.score))
            _indicator_table(story, program.indicators, report.published)


def _risks(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("6. Risks and the indicators that signal them"), 1)
    story.append(paragraph(report.risk_rule, styles().note))
    story.append(paragraph(report.risk_state_rule, styles().note))
    heads = ("No.", "Risks", "Consequences", "Measures", "Linked directions", N_("Signals"),
             N_("State and assessment"))  # fmt: skip
    columns = _columns(heads, (0.5, 2.5, 2.5, 2.5, 2.0, 2.0, 2.0), set(), {0})
    rows = [
        [
            str(r.number), "\n".join(r.risks), "\n".join(r.consequences), "\n".join(r.measures),
            risk_links(r), signal_text(r), f"{state_word(r.state)}; {assessment_text(r)}",
        ]
        for r in report.risks
    ]  # fmt: skip
    story.append(grid_table(columns, rows))


def _sources(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("7. Sources of the figures"), 1)
    story.extend(paragraph(text, styles().note) for text in report.method)
    lines = [*report.indicators, *(i for p in report.programs for i in p.indicators)]
    rows: list[list[Cell]] = [
        [x.id, x.target_source, x.fact_source or NO_VALUE, x.message]
        for x in lines
        if x.target is not None or x.facts
    ]
    columns = _columns(("ID", "Target", "Fact", "Evaluation"), (1.0, 3.0, 4.0, 4.0), set(), {0})
    story.append(grid_table(columns, rows))
    if report.unmatched:
        _headline(story, gettext("Facts that could not be placed"), 2)
        unmatched: list[list[Cell]] = [
            [u.indicator_id, u.fact.describe(), u.reason] for u in report.unmatched
        ]
        columns = _columns(("Indicator", "Fact", "Why"), (1.0, 5.0, 4.0), set(), {0})
        story.append(grid_table(columns, unmatched))


def _story(report: AnnualReport) -> Story:
    story: Story = []
    _front(story, report)
    _summary(story, report)
    _directions(story, report)
    _milestones(story, report.milestones)
    _budget(story, report)
    _programs(story, report)
    _risks(story, report)
    _sources(story, report)
    return story


def write_pdf(report: AnnualReport, path: str | Path) -> Path:
    """Write the annual report as a PDF at ``path``."""
    title = f"{report.title}, {report.year}"
    return write_document(Path(path), lambda: _story(report), report.state, title)
