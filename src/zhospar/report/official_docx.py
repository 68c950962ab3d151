"""The official form as a DOCX document (python-docx), laid out as the published form.

Landscape A4: the title, the header lines, one table of six columns ("Reporting period" over
Plan and Fact, the columns' numbers 1-6) whose heading rows (direction, goal, budget programs,
tasks) span the table, and the sources of the figures. A draft says so in the page header (on
every page) and under the title. Text is set as plain runs (``docx._run``): nothing in a
document or a reason is interpreted. The words are the language of the moment's (``zhospar
report --lang``); a translated name has its published (Kazakh) name on the line under it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import nsdecls
from docx.shared import Emu

from zhospar.report._workbook import STATUS_COLOURS
from zhospar.report.docx import _TEXT_WIDTH, _append, _heading, _landscape, _paragraph, _run
from zhospar.report.docx import mark_draft as _mark_draft
from zhospar.report.official import (
    COLUMNS,
    FormRow,
    OfficialReport,
    RowKind,
    columns,
    reporting_period_head,
)

__all__ = ["write_official_docx"]

_SHARES = (32, 17, 9, 7, 7, 28)  # per cent of the text width, by column
_BOLD = {RowKind.DIRECTION, RowKind.GOAL, RowKind.TASK}


def _widths() -> list[int]:
    total = Emu(_TEXT_WIDTH).twips
    return [total * share // 100 for share in _SHARES]


def _cell(width: int, text: str, *, span: int = 1, bold: bool = False, fill: str | None = None,
          merge: str | None = None) -> str:  # fmt: skip
    """A cell of ``width`` twips; ``span`` columns wide; ``merge`` "restart" or "continue" for
    a cell merged with the one below or above it."""
    extra = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge:
        extra += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    extra += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    properties = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{extra}</w:tcPr>'
    return f"<w:tc>{properties}<w:p>{_run(text, bold=bold)}</w:p></w:tc>"


def _head(w: list[int], year: int) -> str:
    """Two header rows (Plan and Fact under the reporting period) and the numbers row."""
    heads = columns()
    first = (
        _cell(w[0], heads[0], bold=True, merge="restart")
        + _cell(w[1], heads[1], bold=True, merge="restart")
        + _cell(w[2], heads[2], bold=True, merge="restart")
        + _cell(w[3] + w[4], reporting_period_head(year), span=2, bold=True)
        + _cell(w[5], heads[5], bold=True, merge="restart")
    )
    second = (
        "".join(_cell(w[i], "", merge="continue") for i in range(3))
        + _cell(w[3], heads[3], bold=True)
        + _cell(w[4], heads[4], bold=True)
        + _cell(w[5], "", merge="continue")
    )
    numbers = "".join(_cell(w[i], str(i + 1)) for i in range(len(COLUMNS)))
    header = "<w:trPr><w:tblHeader/></w:trPr>"
    return f"<w:tr>{header}{first}</w:tr><w:tr>{header}{second}</w:tr><w:tr>{numbers}</w:tr>"


def _row(w: list[int], r: FormRow) -> str:
    if r.line is None:
        fill = "DCE6F1" if r.kind is RowKind.DIRECTION else None
        cell = _cell(sum(w), r.name_lines, span=len(w), bold=r.kind in _BOLD, fill=fill)
        return f"<w:tr>{cell}</w:tr>"
    colour = STATUS_COLOURS.get(r.status.value) if r.status else None
    cells = (
        _cell(w[0], r.name_lines)
        + _cell(w[1], r.source or "—")
        + _cell(w[2], r.unit)
        + _cell(w[3], r.plan_text)
        + _cell(w[4], r.fact_text)
        + _cell(w[5], r.reasons, fill=colour[0].lstrip("#") if colour else None)
    )
    return f"<w:tr>{cells}</w:tr>"


def _form_table(document: DocumentObject, form: OfficialReport) -> None:
    w = _widths()
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in w)
    body = "".join(_row(w, r) for r in form.rows)
    properties = '<w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>{properties}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        f"{_head(w, form.year)}{body}</w:tbl>"
    )
    _append(document, xml)


def write_official_docx(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form as a DOCX document at ``path``."""
    doc = Document()
    _landscape(doc)
    _mark_draft(doc, form.signoff)
    _heading(doc, form.title, 0)
    if form.title_kk:
        _paragraph(doc, form.title_kk)
    for label, text in form.header:
        _paragraph(doc, f"{label}: {text}")
    _form_table(doc, form)
    for label, text in form.sources:
        _paragraph(doc, f"{label}: {text}")
    target = Path(path)
    doc.save(str(target))
    return target
