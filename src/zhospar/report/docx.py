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
    xml_safe,
)
from zhospar.report._workbook import STATUS_COLOURS
from zhospar.report.model import (
    AnnualReport,
    GoalSection,
    IndicatorLine,
    MilestoneLine,
    SignOff,
)
from zhospar.report.names import PUBLISHED_HEADER
from zhospar.report.risks import state_word

__all__ = ["INDICATOR_HEADERS", "mark_draft", "write_docx"]

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
    shaded: tuple[int, Sequence[str]] | None = None,
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


def _indicator_row(line: IndicatorLine) -> list[str]:
    return [
        line.id,
        indicator_label(line),
        line.unit or "",
        number(line.target),
        f"{number(line.fact)} ({line.fact_note})" if line.fact_note else number(line.fact),
        percent(line.display_percent),
        _status(line),
        line.explanation or "",
    ]


def _status(line: IndicatorLine) -> str:
    sentence = line.status_text
    return f"{sentence}; {line.polarity_note}" if line.polarity_note else sentence


def _published(published: Mapping[str, str], ident: str) -> list[str]:
    """The published (Kazakh) name's cell of a row, in a report whose names are translated
    (none otherwise); a name shown as published leaves the cell empty."""
    return [published.get(ident, "")] if published else []


def _published_head(published: Mapping[str, str]) -> tuple[str, ...]:
    return (PUBLISHED_HEADER,) if published else ()


def _indicator_table(
    doc: DocumentObject, lines: Sequence[IndicatorLine], published: Mapping[str, str]
) -> None:
    rows = [[*_indicator_row(x), *_published(published, x.id)] for x in lines]
    headers = (*INDICATOR_HEADERS, *_published_head(published))
    _table(doc, headers, rows, shaded=(6, [x.status for x in lines]))


def _published_line(doc: DocumentObject, published: Mapping[str, str], ident: str) -> None:
    """Under a heading whose name is shown translated: the name as published."""
    if ident in published:
        _paragraph(doc, f"{gettext(PUBLISHED_HEADER)}: {published[ident]}")


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
    _table(doc, headers, rows, shaded=(3, [m.status for m in milestones]))


def _goal(doc: DocumentObject, goal: GoalSection, published: Mapping[str, str]) -> None:
    from zhospar.report.charts import caption, chart_png  # Pillow only when a chart is drawn

    _heading(doc, f"{gettext('Goal')} {goal.code}. {goal.name}", 3)
    _published_line(doc, published, goal.id)
    cost = (
        gettext("; cost (allocation appendix): {amount} thousand tenge").format(
            amount=amount(goal.cost)
        )
        if goal.cost
        else ""
    )
    _paragraph(doc, gettext("Score: {score}").format(score=score_text(goal.score)) + cost)
    if goal.target_indicators:
        _paragraph(doc, gettext("Target indicators (нысаналы индикаторлар)"))
        _indicator_table(doc, goal.target_indicators, published)
    lines = {x.id: x for x in goal.target_indicators}
    for series in goal.charts:
        if series.has_data:
            doc.add_picture(io.BytesIO(chart_png(series)), width=Cm(15))
            _paragraph(doc, caption(series, lines.get(series.indicator_id)), "Caption")
    for task in goal.tasks:
        _heading(doc, f"{gettext('Task')} {task.code}. {task.name}", 4)
        _published_line(doc, published, task.id)
        _paragraph(doc, gettext("Score: {score}").format(score=score_text(task.score)))
        if task.indicators:
            _indicator_table(doc, task.indicators, published)


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
    rows = [
        [
            f"{d.number}",
            d.name,
            figure(d.score.display),
            d.score.verdict_label,
            *_published(report.published, d.id),
        ]
        for d in report.directions
    ]
    name = pgettext("report", "Name")
    headers = ("Direction", name, "Score, %", "Status", *_published_head(report.published))
    _table(doc, headers, rows)


def _budget(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "4. Budget execution by program", 1)
    _paragraph(
        doc, gettext("Thousand tenge. Planned: the program's form, else the list of programs.")
    )
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
    name = pgettext("report", "Name")  # a translated head passes _table's gettext unchanged
    headers = ("Program", name, "Planned", "Actual", "Execution", "Planned source")
    _table(doc, headers, rows)


def _programs(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "5. Budget program indicators", 1)
    for program in report.programs:
        if not program.indicators:
            continue
        _heading(doc, f"{gettext('Program')} {program.code}. {program.name}", 2)
        _published_line(doc, report.published, program.id)
        _paragraph(doc, gettext("Score: {score}").format(score=score_text(program.score)))
        _indicator_table(doc, program.indicators, report.published)


def _risks(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "6. Risks and the indicators that signal them", 1)
    _paragraph(doc, report.risk_rule)
    _paragraph(doc, report.risk_state_rule)
    rows = [
        [
            str(r.number),
            "\n".join(r.risks),
            "\n".join(r.consequences),
            "\n".join(r.measures),
            risk_links(r),
            signal_text(r),
            f"{state_word(r.state)}; {assessment_text(r)}",
        ]
        for r in report.risks
    ]
    headers = (
        "No.", "Risks", "Consequences", "Measures", "Linked directions", N_("Signals"),
        N_("State and assessment"),
    )  # fmt: skip
    _table(doc, headers, rows)


def _sources(doc: DocumentObject, report: AnnualReport) -> None:
    _heading(doc, "7. Sources of the figures", 1)
    for text in report.method:
        _paragraph(doc, text)
    lines = [*report.indicators, *(i for p in report.programs for i in p.indicators)]
    rows = [
        [x.id, x.target_source, x.fact_source or NO_VALUE, x.message]
        for x in lines
        if x.target is not None or x.facts
    ]
    _table(doc, ("ID", "Target", "Fact", "Evaluation"), rows)
    if report.unmatched:
        _heading(doc, "Facts that could not be placed", 2)
        rows = [[u.indicator_id, u.fact.describe(), u.reason] for u in report.unmatched]
        _table(doc, ("Indicator", "Fact", "Why"), rows)


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
        _paragraph(doc, gettext("Score: {score}").format(score=score_text(direction.score)))
        for goal in direction.goals:
            _goal(doc, goal, report.published)
    _heading(doc, "3. Milestones", 1)
    _milestone_table(doc, report.milestones)
    _budget(doc, report)
    _programs(doc, report)
    _risks(doc, report)
    _sources(doc, report)
    target = Path(path)
    doc.save(str(target))
    return target
