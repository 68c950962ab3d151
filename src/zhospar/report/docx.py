"""The annual implementation report as a DOCX document (python-docx), in the form a ministry files.

Title and period; a summary of scores; a section per strategic direction and goal with a table of
its target indicators, a plan-vs-fact chart of each (PNG drawn by ``charts``) and a table per task;
the milestones; budget execution by program; the program indicators; the risks with the
indicators that signal them; and the sources of every number. When the plan's names are shown
translated, the published Kazakh name stands beside each (a column of the tables, a line under
a heading), as in the workbook. All text is set as plain runs, so
nothing in a document or a comment is interpreted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Emu, Pt

from zhospar.i18n import gettext
from zhospar.report._format import (
    NO_VALUE,
    moment,
    score_line,
    score_text,
    xml_safe,
)
from zhospar.report._tables import (
    Cell,
    ReportTable,
    budget_table,
    indicator_table,
    milestone_table,
    risk_table,
    source_table,
    summary_table,
    unmatched_table,
)
from zhospar.report._workbook import STATUS_COLOURS
from zhospar.report.model import (
    AnnualReport,
    GoalSection,
    SignOff,
)
from zhospar.report.names import PUBLISHED_HEADER

__all__ = ["mark_draft", "write_docx"]

# A4 landscape with 1.5 cm margins; tables share the text width evenly among their columns.
_PAGE_WIDTH, _PAGE_HEIGHT, _MARGIN = Cm(29.7), Cm(21.0), Cm(1.5)
_TEXT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_BREAKS = re.compile("([\t\r\n])")
_TABLE_PROPERTIES = (
    '<w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def _run(text: str, *, bold: bool = False) -> str:
    """A run as python-docx writes it for ``text``: a tab is ``<w:tab/>``, a line break (CR or
    LF) ``<w:br/>``, the rest ``<w:t>`` (space-preserving when it starts or ends with a space)."""
    pieces = []
    for piece in _BREAKS.split(xml_safe(text)):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            pieces.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            pieces.append(f"<w:t{space}>{escape(piece)}</w:t>")
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{properties}{''.join(pieces)}</w:r>"


def _append(doc: DocumentObject, xml: str) -> None:
    """Add a block (paragraph or table) at the end of the body, before its section settings."""
    doc.element.body.sectPr.addprevious(parse_xml(xml))


def _paragraph(doc: DocumentObject, text: str, style: str | None = None) -> None:
    """A paragraph of ``text`` in the style whose id is ``style`` (None: Normal).

    Written as python-docx's ``add_paragraph`` writes it, without its look-up of the style by
    name (a scan of every style, repeated for each of the report's hundred headings)."""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = _run(text) if text else ""
    _append(doc, f"<w:p {nsdecls('w')}>{properties}{run}</w:p>")


def _heading(doc: DocumentObject, text: str, level: int) -> None:
    """A heading as ``add_heading`` makes it: the Title style for level 0, else Heading N; a
    heading of Zhospar's own words is written in the language of the moment."""
    _paragraph(doc, gettext(text), "Title" if level == 0 else f"Heading{level}")


def _cell(width: int, text: str, *, bold: bool = False, status: str | None = None) -> str:
    fill = STATUS_COLOURS.get(status) if status else None
    shading = (
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill[0].lstrip("#")}"/>' if fill else ""
    )
    properties = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shading}</w:tcPr>'
    return f"<w:tc>{properties}<w:p>{_run(text, bold=bold)}</w:p></w:tc>"


def _table(
    doc: DocumentObject,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    shaded: tuple[int, Sequence[str | None]] | None = None,
) -> None:
    """A grid table with a bold header row, the columns sharing the text width evenly.

    The table is written as one piece of WordprocessingML, the same elements python-docx's
    ``add_table``/``add_row``/``cell.text`` make one object at a time (ten times slower):
    the report's sixty tables took most of the document's time. ``shaded`` is a column and
    each row's status: the status's colour fills that cell.
    """
    headers = [gettext(header) for header in headers]
    width = Emu(_TEXT_WIDTH // len(headers)).twips
    column, statuses = shaded if shaded else (-1, [None] * len(rows))
    body = "".join(
        "<w:tr>"
        + "".join(
            _cell(width, text, status=status if i == column else None)
            for i, text in enumerate(values)
        )
        + "</w:tr>"
        for values, status in zip(rows, statuses, strict=True)
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in headers)
    head = "".join(_cell(width, text, bold=True) for text in headers)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>{_TABLE_PROPERTIES}</w:tblPr>"
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{head}</w:tr>{body}</w:tbl>"
    )
    _append(doc, xml)


def _text(cell: Cell) -> str:
    """A cell's text on one line: a figure and its note side by side."""
    return cell if isinstance(cell, str) else " ".join(cell)


def _report_table(doc: DocumentObject, table: ReportTable) -> None:
    """One of the report's tables (``_tables``), the columns sharing the width evenly."""
    rows = [[_text(cell) for cell in row] for row in table.rows]
    shaded = None if table.status_column is None else (table.status_column, table.statuses)
    _table(doc, [h.words for h in table.heads], rows, shaded)


def _published_line(doc: DocumentObject, published: Mapping[str, str], ident: str) -> None:
    """Under a heading whose name is shown translated: the name as published."""
    if ident in published:
        _paragraph(doc, f"{gettext(PUBLISHED_HEADER)}: {published[ident]}")


def _goal(doc: DocumentObject, goal: GoalSection, published: Mapping[str, str]) -> None:
    from zhospar.report.charts import caption, chart_png  # Pillow only when a chart is drawn

    _heading(doc, f"{gettext('Goal')} {goal.code}. {goal.name}", 3)
    _published_line(doc, published, goal.id)
    _paragraph(doc, score_line(goal.score, goal.cost))
    if goal.target_indicators:
        _paragraph(doc, gettext("Target indicators (нысаналы индикаторлар)"))
        _report_table(doc, indicator_table(goal.target_indicators, published))
    lines = {x.id: x for x in goal.target_indicators}
    for series in goal.charts:
        if series.has_data:
            doc.add_picture(io.BytesIO(chart_png(series)), width=Cm(15))
            _paragraph(doc, caption(series, lines.get(series.indicator_id)), "Caption")
    for task in goal.tasks:
        _heading(doc, f"{gettext('Task')} {task.code}. {task.name}", 4)
        _published_line(doc, published, task.id)
        _paragraph(doc, score_line(task.score))
        if task.indicators:
            _report_table(doc, indicator_table(task.indicators, published))


def mark_draft(doc: DocumentObject, state: SignOff) -> None:
    """A draft's marker in the page header (on every page); an approved year has none."""
    if state.approved:
        return
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    run = header.paragraphs[0].add_run(state.marker)
    run.bold = True


def _front(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "Annual report on the implementation of the strategic plan", 0)
    _paragraph(doc, report.state.describe())
    _paragraph(doc, "Стратегиялық жоспардың іске асырылуы туралы жылдық есеп")
    _paragraph(doc, report.title)
    if report.ministry:
        _paragraph(doc, report.ministry)
    period = gettext("1 January - 31 December %(year)s") % {"year": report.year}
    details = [
        f"{gettext('Reporting period')}: {period}",
        f"{gettext('Planned period')}: {report.period_start}-{report.period_end}",
        f"{gettext('Plan text')}: {report.plan_source or NO_VALUE}",
        f"{gettext('Facts')}: {report.facts_origin}",
        f"{gettext('Generated')}: {moment(report.generated_at)}",
    ]
    for text in details:
        _paragraph(doc, text)
    _heading(doc, "1. Summary", 1)
    _paragraph(doc, gettext("Plan score: {score}").format(score=score_text(report.plan_score)))
    _report_table(doc, summary_table(report))


def _budget(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "4. Budget execution by program", 1)
    _paragraph(
        doc, gettext("Thousand tenge. Planned: the program's form, else the list of programs.")
    )
    _report_table(doc, budget_table(report))


def _programs(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "5. Budget program indicators", 1)
    for program in report.programs:
        if not program.indicators:
            continue
        _heading(doc, f"{gettext('Program')} {program.code}. {program.name}", 2)
        _published_line(doc, report.published, program.id)
        _paragraph(doc, score_line(program.score))
        _report_table(doc, indicator_table(program.indicators, report.published))


def _risks(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "6. Risks and the indicators that signal them", 1)
    _paragraph(doc, report.risk_rule)
    _paragraph(doc, report.risk_state_rule)
    _report_table(doc, risk_table(report))


def _sources(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "7. Sources of the figures", 1)
    for text in report.method:
        _paragraph(doc, text)
    _report_table(doc, source_table(report))
    if report.unmatched:
        _heading(doc, "Facts that could not be placed", 2)
        _report_table(doc, unmatched_table(report))


def _landscape(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    doc.styles["Normal"].font.size = Pt(9)


def write_docx(report: AnnualReport, path: str | Path) -> Path:
    """Write the report as a DOCX document at ``path``."""
    doc = Document()
    _landscape(doc)
    mark_draft(doc, report.state)
    _front(doc, report)
    _heading(doc, "2. Strategic directions, goals and tasks", 1)
    for direction in report.directions:
        _heading(doc, f"{gettext('Direction')} {direction.number}. {direction.name}", 2)
        _published_line(doc, report.published, direction.id)
        _paragraph(doc, score_line(direction.score))
        for goal in direction.goals:
            _goal(doc, goal, report.published)
    _heading(doc, "3. Milestones", 1)
    _report_table(doc, milestone_table(report.milestones))
    _budget(doc, report)
    _programs(doc, report)
    _risks(doc, report)
    _sources(doc, report)
    target = Path(path)
    doc.save(str(target))
    return target
