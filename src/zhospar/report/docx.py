"""The annual implementation report as a DOCX document (python-docx), in the form a ministry files.

Title and period; a summary of scores; a section per strategic direction and goal with a table of
its target indicators, a plan-vs-fact chart of each (PNG drawn by ``charts``) and a table per task;
the milestones; budget execution by program; the program indicators; the risks with the
indicators that signal them; and the sources of every number. All text is set as plain runs, so
nothing in a document or a comment is interpreted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from zhospar.report._format import (
    NO_VALUE,
    amount,
    assessment_text,
    indicator_label,
    number,
    percent,
    risk_links,
    score_text,
    signal_text,
)
from zhospar.report._workbook import STATUS_COLOURS
from zhospar.report.model import AnnualReport, GoalSection, IndicatorLine, MilestoneLine

__all__ = ["INDICATOR_HEADERS", "write_docx"]

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


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """Text without the control characters XML cannot hold (a comment may carry them)."""
    return _NOT_XML.sub("", text)


def _shade(cell: _Cell, status: str) -> None:
    fill = STATUS_COLOURS.get(status)
    if fill is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill[0].lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: DocumentObject, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, text in zip(cells, values, strict=True):
            cell.text = _xml_safe(text)
    return table


def _indicator_row(line: IndicatorLine) -> list[str]:
    return [
        line.id,
        indicator_label(line),
        line.unit or "",
        number(line.target),
        number(line.fact),
        percent(line.display_percent),
        _status(line),
        line.explanation or "",
    ]


def _status(line: IndicatorLine) -> str:
    sentence = line.sentence or line.status_label
    return f"{sentence}; {line.polarity_note}" if line.polarity_note else sentence


def _indicator_table(doc: DocumentObject, lines: Sequence[IndicatorLine]) -> None:
    table = _table(doc, INDICATOR_HEADERS, [_indicator_row(x) for x in lines])
    for row, line in zip(table.rows[1:], lines, strict=True):
        _shade(row.cells[6], line.status)


def _milestone_table(doc: DocumentObject, milestones: Sequence[MilestoneLine]) -> None:
    rows = [
        [
            m.id,
            m.name,
            "-".join(str(y) for y in m.due_years) or NO_VALUE,
            m.status_label,
            m.message,
            m.explanation or "",
        ]
        for m in milestones
    ]
    headers = ("ID", "Milestone", "Due", "Status", "Evaluation", "Explanation")
    table = _table(doc, headers, rows)
    for row, m in zip(table.rows[1:], milestones, strict=True):
        _shade(row.cells[3], m.status)


def _goal(doc: DocumentObject, goal: GoalSection) -> None:
    from zhospar.report.charts import chart_png  # matplotlib only when a chart is drawn

    doc.add_heading(f"Goal {goal.code}. {goal.name}", level=3)
    cost = f"; cost (allocation appendix): {amount(goal.cost)} thousand tenge" if goal.cost else ""
    doc.add_paragraph(f"Score: {score_text(goal.score)}{cost}")
    if goal.target_indicators:
        doc.add_paragraph("Target indicators (нысаналы индикаторлар)")
        _indicator_table(doc, goal.target_indicators)
    for series in goal.charts:
        if series.has_data:
            doc.add_picture(io.BytesIO(chart_png(series)), width=Cm(15))
            line = next((x for x in goal.target_indicators if x.id == series.indicator_id), None)
            caption = f"{series.indicator_id}: {line.name}" if line else series.indicator_id
            doc.add_paragraph(f"Plan vs fact, {caption}", style="Caption")
    for task in goal.tasks:
        doc.add_heading(f"Task {task.code}. {task.name}", level=4)
        doc.add_paragraph(f"Score: {score_text(task.score)}")
        if task.indicators:
            _indicator_table(doc, task.indicators)


def _front(doc: DocumentObject, report: AnnualReport) -> None:
    doc.add_heading("Annual report on the implementation of the strategic plan", level=0)
    doc.add_paragraph("Стратегиялық жоспардың іске асырылуы туралы жылдық есеп")
    doc.add_paragraph(report.title)
    if report.ministry:
        doc.add_paragraph(report.ministry)
    details = [
        f"Reporting period: 1 January - 31 December {report.year}",
        f"Planned period: {report.period_start}-{report.period_end}",
        f"Plan text: {report.plan_source or NO_VALUE}",
        f"Facts: {_xml_safe(report.facts_origin)}",
        f"Generated: {report.generated_at:%Y-%m-%d %H:%M} UTC",
    ]
    for text in details:
        doc.add_paragraph(text)
    doc.add_heading("1. Summary", level=1)
    doc.add_paragraph(f"Plan score: {score_text(report.plan_score)}")
    rows = [
        [f"{d.number}", d.name, d.score.display or NO_VALUE, d.score.status.replace("_", " ")]
        for d in report.directions
    ]
    _table(doc, ("Direction", "Name", "Score, %", "Status"), rows)


def _budget(doc: DocumentObject, report: AnnualReport) -> None:
    doc.add_heading("4. Budget execution by program", level=1)
    doc.add_paragraph("Thousand tenge. Planned: the program's form, else the list of programs.")
    rows = [
        [
            b.program,
            b.name,
            amount(b.planned),
            amount(b.actual),
            percent(b.display_rate),
            b.planned_source,
        ]
        for b in report.budget
    ]
    headers = ("Program", "Name", "Planned", "Actual", "Execution", "Planned source")
    _table(doc, headers, rows)


def _programs(doc: DocumentObject, report: AnnualReport) -> None:
    doc.add_heading("5. Budget program indicators", level=1)
    for program in report.programs:
        if not program.indicators:
            continue
        doc.add_heading(f"Program {program.code}. {program.name}", level=2)
        doc.add_paragraph(f"Score: {score_text(program.score)}")
        _indicator_table(doc, program.indicators)


def _risks(doc: DocumentObject, report: AnnualReport) -> None:
    doc.add_heading("6. Risks and the indicators that signal them", level=1)
    doc.add_paragraph(report.risk_rule)
    doc.add_paragraph(report.risk_state_rule)
    rows = [
        [
            str(r.number),
            "\n".join(r.risks),
            "\n".join(r.consequences),
            "\n".join(r.measures),
            risk_links(r),
            signal_text(r),
            f"{r.state}; {assessment_text(r)}",
        ]
        for r in report.risks
    ]
    headers = (
        "No.", "Risks", "Consequences", "Measures", "Linked directions", "Signals",
        "State and assessment",
    )  # fmt: skip
    _table(doc, headers, rows)


def _sources(doc: DocumentObject, report: AnnualReport) -> None:
    doc.add_heading("7. Sources of the figures", level=1)
    for text in report.method:
        doc.add_paragraph(text)
    lines = [*report.indicators, *(i for p in report.programs for i in p.indicators)]
    rows = [
        [x.id, x.target_source, x.fact_source or NO_VALUE, x.message]
        for x in lines
        if x.target is not None or x.facts
    ]
    _table(doc, ("ID", "Target", "Fact", "Evaluation"), rows)
    if report.unmatched:
        doc.add_heading("Facts that could not be placed", level=2)
        rows = [[u.indicator_id, u.fact.describe(), u.reason] for u in report.unmatched]
        _table(doc, ("Indicator", "Fact", "Why"), rows)


def _landscape(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(9)


def write_docx(report: AnnualReport, path: str | Path) -> Path:
    """Write the report as a DOCX document at ``path``."""
    doc = Document()
    _landscape(doc)
    _front(doc, report)
    doc.add_heading("2. Strategic directions, goals and tasks", level=1)
    for direction in report.directions:
        doc.add_heading(f"Direction {direction.number}. {direction.name}", level=2)
        doc.add_paragraph(f"Score: {score_text(direction.score)}")
        for goal in direction.goals:
            _goal(doc, goal)
    doc.add_heading("3. Milestones", level=1)
    _milestone_table(doc, report.milestones)
    _budget(doc, report)
    _programs(doc, report)
    _risks(doc, report)
    _sources(doc, report)
    target = Path(path)
    doc.save(str(target))
    return target
