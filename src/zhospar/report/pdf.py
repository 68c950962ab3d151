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

from zhospar.i18n import gettext
from zhospar.report._format import (
    NO_VALUE,
    moment,
    score_line,
    score_text,
)
from zhospar.report._pdf_layout import (
    Column,
    chart_drawing,
    grid_table,
    paragraph,
    status_fill,
    styles,
    write_document,
)
from zhospar.report._tables import (
    ReportTable,
    budget_table,
    indicator_table,
    milestone_table,
    risk_table,
    source_table,
    summary_table,
    unmatched_table,
)
from zhospar.report.model import AnnualReport, GoalSection, MilestoneLine
from zhospar.report.names import PUBLISHED_HEADER

__all__ = ["write_pdf"]

Story = list[Flowable]
_CHART_WIDTH = 15 * cm  # as the DOCX's picture


def _headline(story: Story, text: str, level: int) -> None:
    story.append(paragraph(text, styles().headings[level]))


def _table(story: Story, table: ReportTable) -> None:
    """One of the report's tables (``_tables``), laid out with its columns' shares."""
    columns = [Column(gettext(h.words), h.share, h.figures, h.codes) for h in table.heads]
    column = table.status_column
    fills = (
        [] if column is None
        else [(column, row, status_fill(s)) for row, s in enumerate(table.statuses)]
    )  # fmt: skip
    story.append(grid_table(columns, table.rows, fills))


def _published_line(story: Story, published: Mapping[str, str], ident: str) -> None:
    """Under a heading whose name is shown translated: the name as published."""
    if ident in published:
        story.append(paragraph(f"{gettext(PUBLISHED_HEADER)}: {published[ident]}"))


def _score(story: Story, text: str) -> None:
    story.append(paragraph(text))


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
    _score(story, score_line(goal.score, goal.cost))
    if goal.target_indicators:
        story.append(paragraph(gettext("Target indicators (нысаналы индикаторлар)")))
        _table(story, indicator_table(goal.target_indicators, published))
    _charts(story, goal)
    for task in goal.tasks:
        _headline(story, f"{gettext('Task')} {task.code}. {task.name}", 4)
        _published_line(story, published, task.id)
        _score(story, score_line(task.score))
        if task.indicators:
            _table(story, indicator_table(task.indicators, published))


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
    _table(story, summary_table(report))


def _directions(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("2. Strategic directions, goals and tasks"), 1)
    for direction in report.directions:
        _headline(story, f"{gettext('Direction')} {direction.number}. {direction.name}", 2)
        _published_line(story, report.published, direction.id)
        _score(story, score_line(direction.score))
        for goal in direction.goals:
            _goal(story, goal, report.published)


def _milestones(story: Story, milestones: Sequence[MilestoneLine]) -> None:
    _headline(story, gettext("3. Milestones"), 1)
    _table(story, milestone_table(milestones))


def _budget(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("4. Budget execution by program"), 1)
    note = gettext("Thousand tenge. Planned: the program's form, else the list of programs.")
    story.append(paragraph(note, styles().note))
    _table(story, budget_table(report))


def _programs(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("5. Budget program indicators"), 1)
    for program in report.programs:
        if program.indicators:
            _headline(story, f"{gettext('Program')} {program.code}. {program.name}", 2)
            _published_line(story, report.published, program.id)
            _score(story, score_line(program.score))
            _table(story, indicator_table(program.indicators, report.published))


def _risks(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("6. Risks and the indicators that signal them"), 1)
    story.append(paragraph(report.risk_rule, styles().note))
    story.append(paragraph(report.risk_state_rule, styles().note))
    _table(story, risk_table(report))


def _sources(story: Story, report: AnnualReport) -> None:
    _headline(story, gettext("7. Sources of the figures"), 1)
    story.extend(paragraph(text, styles().note) for text in report.method)
    _table(story, source_table(report))
    if report.unmatched:
        _headline(story, gettext("Facts that could not be placed"), 2)
        _table(story, unmatched_table(report))


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
