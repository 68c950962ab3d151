"""The official form as a PDF (ReportLab platypus), laid out as the published form and the DOCX.

Landscape A4: the title, the header lines, one table of six columns ("Reporting period" over
Plan and Fact, the columns' numbers 1-6, the three head rows repeated on every page) whose
heading rows (direction, goal, budget programs, tasks) span the table, and the sources of the
figures. A draft says so in the top margin of every page and under the title. The words are the
language of the moment's; a translated name has its published (Kazakh) name on the line under
it. The page, the fonts and the escaping of every text are ``_pdf_layout``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from zhospar.report._pdf_layout import (
    REGULAR,
    Cell,
    Column,
    grid_table,
    paragraph,
    status_fill,
    styles,
    write_document,
)
from zhospar.report.official import (
    FormRow,
    OfficialReport,
    RowKind,
    columns,
    reporting_period_head,
)

__all__ = ["write_official_pdf"]

_SHARES = (32, 17, 9, 7, 7, 28)  # per cent of the text width, by column (as the DOCX)
_FIGURES = (3, 4)  # Plan and Fact
_BOLD = {RowKind.DIRECTION, RowKind.GOAL, RowKind.TASK}
_DIRECTION_FILL = colors.HexColor("#dce6f1")
_HEAD_ROWS = 3


def _head(year: int) -> tuple[list[list[Cell]], list[tuple[Any, ...]]]:
    """The two head rows (Plan and Fact under the reporting period) and the numbers row, with
    the spans that join them."""
    heads = columns()
    rows: list[list[Cell]] = [
        [heads[0], heads[1], heads[2], reporting_period_head(year), "", heads[5]],
        ["", "", "", heads[3], heads[4], ""],
        [str(i + 1) for i in range(len(heads))],
    ]
    spans = [("SPAN", (i, 0), (i, 1)) for i in (0, 1, 2, 5)]
    numbers = ("FONT", (0, 2), (-1, 2), REGULAR, 7)
    return rows, [*spans, ("SPAN", (3, 0), (4, 0)), ("ALIGN", (0, 2), (-1, 2), "CENTER"), numbers]


def _figure(text: str, value: object) -> Cell:
    """A Plan or Fact cell: the figure, unbroken; the words saying there is none ("no plan",
    in Russian "нет планового значения") may wrap."""
    return text if value is not None else paragraph(text, styles().number)


def _row(r: FormRow) -> list[Cell]:
    if r.line is None:
        style = styles().bold if r.kind in _BOLD else styles().body
        return [paragraph(r.name_lines, style), "", "", "", "", ""]  # spanning the table
    plan, fact = _figure(r.plan_text, r.plan), _figure(r.fact_text, r.fact)
    return [r.name_lines, r.source or "—", r.unit, plan, fact, r.reasons]


def _form_table(form: OfficialReport) -> Flowable:
    heads, commands = _head(form.year)
    cols = [
        Column(head, share, i in _FIGURES)
        for i, (head, share) in enumerate(zip(columns(), _SHARES, strict=True))
    ]
    first = _HEAD_ROWS
    for n, r in enumerate(form.rows, start=first):
        if r.line is None:
            commands.append(("SPAN", (0, n), (-1, n)))
            if r.kind is RowKind.DIRECTION:
                commands.append(("BACKGROUND", (0, n), (-1, n), _DIRECTION_FILL))
    fills = [(5, n, status_fill(r.status)) for n, r in enumerate(form.rows) if r.line]
    rows = [_row(r) for r in form.rows]
    return grid_table(cols, rows, fills, heads=heads, commands=commands)


def _story(form: OfficialReport) -> list[Flowable]:
    story: list[Flowable] = [paragraph(form.title, styles().headings[0])]
    if form.title_kk:
        story.append(paragraph(form.title_kk))
    story.extend(paragraph(f"{label}: {text}") for label, text in form.header)
    story.append(_form_table(form))
    story.extend(paragraph(f"{label}: {text}", styles().note) for label, text in form.sources)
    return story


def write_official_pdf(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form as a PDF at ``path``."""
    return write_document(Path(path), lambda: _story(form), form.signoff, form.title)
