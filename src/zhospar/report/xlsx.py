"""The annual implementation report as a formatted XLSX workbook (XlsxWriter).

Sheets: Summary (the plan's, directions', goals' and tasks' scores and costs), Indicators (every
goal and task indicator: plan, fact, achievement, status, explanation and sources), Program
indicators, Milestones, Budget (execution by program), Risks (with their signal indicators),
Charts (a native column-and-line chart of plan vs fact for each target indicator, drawn from the
Chart data sheet) and, when some facts could not be placed, Unmatched facts. Headers are frozen,
numbers are numbers, statuses are coloured, and every text is written as text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from zhospar._xlsx import new_workbook
from zhospar.evaluate.forecast import chance_word
from zhospar.evaluate.sentence import milestone_state_word
from zhospar.i18n import gettext, pgettext
from zhospar.report._format import assessment_text, moment, risk_links, signal_text
from zhospar.report._lines import polarity_word
from zhospar.report._workbook import (
    Cell,
    Col,
    Formats,
    StatusCell,
    Table,
    mark_draft,
    write_cell,
    write_table,
    write_text,
)
from zhospar.report.model import (
    AnnualReport,
    ChartSeries,
    IndicatorLine,
    MilestoneLine,
    RiskLine,
    Score,
)
from zhospar.report.names import PUBLISHED_HEADER
from zhospar.report.risks import state_word

__all__ = ["INDICATOR_COLUMNS", "PROGRAM_COLUMNS", "write_xlsx"]

INDICATOR_COLUMNS = (
    Col("Direction", 9),
    Col("Goal", 7),
    Col("Task", 8),
    Col("ID", 13),
    Col("No.", 5),
    Col("Indicator", 50, "wrap"),
    Col("Breakdown", 14, "wrap"),
    Col("Unit", 14, "wrap"),
    Col("Polarity", 10),
    Col("Target", 11, "number"),
    Col("Target source", 24, "wrap"),
    Col("Fact", 11, "number"),
    Col("Fact source", 45, "wrap"),
    Col("Achievement, %", 13, "percent"),
    Col("Status", 28, "wrap"),
    Col("Explanation of deviation", 40, "wrap"),
    Col("Evaluation", 45, "wrap"),
    Col("Forecast", 14),
    Col("Forecast note", 45, "wrap"),
    Col("Polarity rule", 40, "wrap"),
)


def _indicator_cells(place: Sequence[str], line: IndicatorLine) -> list[Cell]:
    """The cells of one indicator, after its place (direction, goal, task; or none)."""
    return [
        *place,
        line.id,
        line.number,
        line.name,
        line.breakdown,
        line.unit,
        polarity_word(line.polarity),
        line.target,
        line.target_source,
        line.fact,
        # beside the number: its status and coverage, then where it came from
        "; ".join(filter(None, (f"[{line.fact_note}]" if line.fact_note else "", line.fact_source)))
        or None,
        line.percent,
        StatusCell(line.status_text, line.status),
        line.explanation,
        line.message,
        chance_word(line.forecast),
        line.forecast_message,
        f"{line.polarity_reason}; {line.polarity_note}"
        if line.polarity_note
        else str(line.polarity_reason),
    ]


PUBLISHED = Col(PUBLISHED_HEADER, 50, "wrap")  # beside a translated name


def _published(report: AnnualReport, ident: str) -> list[Cell]:
    """The published (Kazakh) name's cell, in a report whose names are translated."""
    return [report.published.get(ident)] if report.published else []


def _indicator_rows(report: AnnualReport) -> Iterator[list[Cell]]:
    for direction in report.directions:
        for goal in direction.goals:
            for line in goal.target_indicators:
                cells = _indicator_cells([str(direction.number), goal.code, ""], line)
                yield [*cells, *_published(report, line.id)]
            for task in goal.tasks:
                for line in task.indicators:
                    cells = _indicator_cells([str(direction.number), goal.code, task.code], line)
                    yield [*cells, *_published(report, line.id)]


PROGRAM_COLUMNS = (Col("Program", 9), *INDICATOR_COLUMNS[3:])


def _program_rows(report: AnnualReport) -> Iterator[list[Cell]]:
    for program in report.programs:
        for line in program.indicators:
            yield [program.code, *_indicator_cells([], line), *_published(report, line.id)]


def _score_cells(level: str, code: str, name: str, score: Score) -> list[Cell]:
    return [
        level,
        code,
        name,
        score.score,
        StatusCell(score.verdict_label, score.verdict),
        score.achieved,
        score.nearly,
        score.not_achieved,
        score.no_data,
    ]


def _summary_rows(report: AnnualReport) -> Iterator[list[Cell]]:
    plan, direction, goal, task, program = (
        pgettext("level", "plan"),
        pgettext("level", "direction"),
        pgettext("level", "goal"),
        pgettext("level", "task"),
        pgettext("level", "program"),
    )
    yield [*_score_cells(plan, "", report.title, report.plan_score), None, None]
    for d in report.directions:
        yield [
            *_score_cells(direction, str(d.number), d.name, d.score),
            None,
            None,
            *_published(report, d.id),
        ]
        for g in d.goals:
            where = (
                gettext("appendix line {line}").format(line=g.cost_line) if g.cost_line else None
            )
            yield [
                *_score_cells(goal, g.code, g.name, g.score),
                g.cost,
                where,
                *_published(report, g.id),
            ]
            for t in g.tasks:
                lines = ", ".join(str(n) for n in t.cost_lines)
                where = gettext("appendix line(s) {lines}").format(lines=lines) if lines else None
                yield [
                    *_score_cells(task, t.code, t.name, t.score),
                    t.cost,
                    where,
                    *_published(report, t.id),
                ]
    for p in report.programs:
        yield [
            *_score_cells(program, p.code, p.name, p.score),
            None,
            None,
            *_published(report, p.id),
        ]


_SUMMARY_COLUMNS = (
    Col("Level", 10),
    Col("Code", 8),
    Col("Name", 60, "wrap", "report"),
    Col("Score, %", 10, "percent"),
    Col("Status", 14),
    Col("Achieved", 9, "int"),
    Col("Nearly", 8, "int"),
    Col("Not achieved", 9, "int"),
    Col("No data", 8, "int"),
    Col("Cost, thousand tenge", 16, "number"),
    Col("Cost source", 22, "wrap"),
)


def _summary(book: Workbook, f: Formats, report: AnnualReport) -> None:
    """The report's heading (what, which year, from which plan and facts) above the scores."""
    head = [
        (gettext("Plan"), report.title),
        (gettext("Ministry"), report.ministry or ""),
        (gettext("Report year"), str(report.year)),
        (gettext("Planned period"), f"{report.period_start}-{report.period_end}"),
        (gettext("Plan text"), report.plan_source or ""),
        (gettext("Facts"), report.facts_origin),
        (gettext("Generated"), moment(report.generated_at)),
    ]
    sheet = book.add_worksheet(gettext("Summary"))
    title = gettext("Annual implementation report {year}").format(year=report.year)
    write_text(sheet, 0, 0, title, f.title)
    state = report.state
    write_text(sheet, 0, 2, state.describe(), f.bold if state.approved else f.draft)
    for row, (label, value) in enumerate(head, start=1):
        write_text(sheet, row, 0, label, f.bold)
        write_text(sheet, row, 2, value, f.text)
    top = len(head) + 2
    columns = (*_SUMMARY_COLUMNS, PUBLISHED) if report.published else _SUMMARY_COLUMNS
    for col, spec in enumerate(columns):
        write_text(sheet, top, col, spec.label(), f.header)
        sheet.set_column(col, col, spec.width)
    row = top
    for row, cells in enumerate(_summary_rows(report), start=top + 1):
        for col, spec in enumerate(columns):
            write_cell(sheet, row, col, cells[col] if col < len(cells) else None, spec.kind, f)
    sheet.freeze_panes(top + 1, 0)
    for offset, text in enumerate(report.method, start=row + 2):
        write_text(sheet, offset, 0, text, f.note)


def _milestone_cells(m: MilestoneLine) -> list[Cell]:
    return [
        m.task,
        m.id,
        m.name,
        "-".join(str(y) for y in m.due_years) or None,
        StatusCell(m.status_label, m.status),
        milestone_state_word(m.state),
        m.message,
        m.explanation,
        " | ".join(x.describe() for x in m.facts) or None,
        m.line,
    ]


_MILESTONE_COLUMNS = (
    Col("Task", 8),
    Col("ID", 12),
    Col("Milestone", 60, "wrap"),
    Col("Due", 10),
    Col("Status", 14),
    Col("State", 11),
    Col("Evaluation", 40, "wrap"),
    Col("Explanation", 40, "wrap"),
    Col("Fact source", 40, "wrap"),
    Col("Plan line", 9, "int"),
)

_BUDGET_COLUMNS = (
    Col("Program", 9),
    Col("Name", 50, "wrap", "report"),
    Col("Planned, thousand tenge", 16, "number"),
    Col("Planned source", 30, "wrap"),
    Col("Actual, thousand tenge", 16, "number"),
    Col("Actual source", 40, "wrap"),
    Col("Execution, %", 12, "percent"),
    Col("Note", 45, "wrap"),
)

_RISK_COLUMNS = (
    Col("No.", 5, "int"),
    Col("Risks", 40, "wrap"),
    Col("Consequences", 40, "wrap"),
    Col("Measures", 50, "wrap"),
    Col("Plan lines", 10),
    Col("Linked directions (why)", 40, "wrap"),
    Col("Signal indicators (status in the year)", 60, "wrap"),
    Col("State in the year", 14),
    Col("Assessment (likelihood, impact 1-5)", 50, "wrap"),
)


def _risk_cells(risk: RiskLine) -> list[Cell]:
    return [
        risk.number,
        "\n".join(risk.risks),
        "\n".join(risk.consequences),
        "\n".join(risk.measures),
        f"{risk.line}-{risk.end_line}",
        risk_links(risk),
        signal_text(risk),
        state_word(risk.state),
        assessment_text(risk),
    ]


def _chart_data(book: Workbook, f: Formats, charts: Sequence[ChartSeries]) -> Worksheet:
    sheet = book.add_worksheet(gettext("Chart data"))
    heads = [gettext(h) for h in ("Indicator", "Year", "Reported (plan)", "Target", "Fact")]
    for col, header in enumerate(heads):
        write_text(sheet, 0, col, header, f.header)
    sheet.set_column(0, 0, 13)
    sheet.set_column(1, 4, 12)
    sheet.freeze_panes(1, 0)
    row = 1
    for series in charts:
        for point in series.points:
            write_text(sheet, row, 0, series.indicator_id)
            sheet.write_number(row, 1, point.year, f.int)
            for col, value in enumerate((point.reported, point.target, point.fact), start=2):
                write_cell(sheet, row, col, value, "number", f)
            row += 1
    return sheet


def _charts(book: Workbook, f: Formats, report: AnnualReport) -> None:
    """A native column (plan) and line (fact) chart for each target indicator."""
    series_list = [s for s in report.charts if s.has_data]
    if not series_list:
        return
    sheet = book.add_worksheet(gettext("Charts"))
    data = "'" + gettext("Chart data").replace("'", "''") + "'"
    _chart_data(book, f, series_list)
    first = 1
    for index, series in enumerate(series_list):
        last = first + len(series.points) - 1
        years = f"={data}!$B${first + 1}:$B${last + 1}"
        column = book.add_chart({"type": "column"})
        for col, name, colour in (
            (2, gettext("Reported (plan)"), "#9E9E9E"),
            (3, gettext("Target"), "#4F81BD"),
        ):
            letter = "CD"[col - 2]
            column.add_series(
                {
                    "name": name,
                    "categories": years,
                    "values": f"={data}!${letter}${first + 1}:${letter}${last + 1}",
                    "fill": {"color": colour},
                    "overlap": 100,
                }
            )
        line = book.add_chart({"type": "line"})
        line.add_series(
            {
                "name": gettext("Fact"),
                "categories": years,
                "values": f"={data}!$E${first + 1}:$E${last + 1}",
                "line": {"color": "#C0504D", "width": 2.25},
                "marker": {"type": "circle", "size": 6, "fill": {"color": "#C0504D"}},
            }
        )
        column.combine(line)
        title = gettext("{id}: plan vs fact").format(id=series.indicator_id)
        column.set_title({"name": title})
        column.show_blanks_as("gap")
        column.set_legend({"position": "bottom"})
        column.set_size({"width": 560, "height": 300})
        sheet.insert_chart(index * 16, 0, column)
        indicator = report.indicator(series.indicator_id)
        caption = f"{series.indicator_id}: {indicator.name}" if indicator else series.indicator_id
        write_text(sheet, index * 16, 10, caption, f.wrap)
        first = last + 1
    sheet.set_column(10, 10, 60)


def write_xlsx(report: AnnualReport, path: str | Path) -> Path:
    """Write the report as an XLSX workbook at ``path``."""
    target = Path(path)
    book = new_workbook(target)
    try:
        f = Formats(book)
        _summary(book, f, report)
        more = (PUBLISHED,) if report.published else ()
        heads = (*INDICATOR_COLUMNS, *more)
        indicators = Table("Indicators", heads, _indicator_rows(report), 4)
        write_table(book, f, indicators)
        heads = (*PROGRAM_COLUMNS, *more)
        programs = Table("Program indicators", heads, _program_rows(report), 2)
        write_table(book, f, programs)
        milestones = (_milestone_cells(m) for m in report.milestones)
        write_table(book, f, Table("Milestones", _MILESTONE_COLUMNS, milestones, 2))
        budget = (
            [
                b.program,
                b.name,
                b.planned,
                b.planned_source,
                b.actual,
                " | ".join(x.describe() for x in b.actual_facts) or None,
                b.rate,
                b.message,
            ]
            for b in report.budget
        )
        write_table(book, f, Table("Budget", _BUDGET_COLUMNS, budget, 1))
        risks = (_risk_cells(r) for r in report.risks)
        write_table(
            book,
            f,
            Table("Risks", _RISK_COLUMNS, risks, 1, (report.risk_rule, report.risk_state_rule)),
        )
        _charts(book, f, report)
        if report.unmatched:
            unmatched = ([u.indicator_id, u.fact.describe(), u.reason] for u in report.unmatched)
            cols = (Col("Indicator", 14), Col("Fact", 60, "wrap"), Col("Why", 60, "wrap"))
            write_table(book, f, Table("Unmatched facts", cols, unmatched))
        mark_draft(book, report.state)
    finally:
        book.close()
    return target
