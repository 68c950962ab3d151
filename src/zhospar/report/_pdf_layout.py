"""What the PDF reports share: the shipped fonts, the styles, the page and the tables (ReportLab).

The page is A4 landscape with its number ("3 / 44") at the bottom right; a draft carries its
marker (``SignOff.marker``, the words the DOCX header and the HTML banner show) in the top margin
of every page. The text is set in the DejaVu Sans the package ships (``fonts/``, Latin and
Cyrillic with the Kazakh letters), regular and bold: no font is looked for on the machine.

ReportLab's ``Paragraph`` reads markup (``<img src>``, ``<font>``, ``<a href>``, entities), so
every text that goes into one passes ``markup`` first: escaped, control characters dropped, a
line break kept as a break. A text may then say ``<img src="/etc/passwd"/>`` and the PDF shows
exactly that. A table cell whose text fits on one line is drawn as a plain string, which
ReportLab never parses (and which is much cheaper than a paragraph). Figures are plain strings in
columns widened to their longest, so a number is never broken across lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LayoutError,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from zhospar.report._format import xml_safe
from zhospar.report._workbook import STATUS_COLOURS
from zhospar.report.charts import HEIGHT, INK, WIDTH, ChartLayout, Stroke
from zhospar.report.model import SignOff

__all__ = [
    "TEXT_WIDTH",
    "Cell",
    "Column",
    "Styles",
    "chart_drawing",
    "grid_table",
    "markup",
    "paragraph",
    "status_fill",
    "styles",
    "write_document",
]

REGULAR, BOLD = "ZhosparSans", "ZhosparSans-Bold"
_FONT_FILES = {
    REGULAR: "DejaVuSans-LatinCyrillic.ttf",  # the charts' font too (``charts.FONT``)
    BOLD: "DejaVuSans-Bold-LatinCyrillic.ttf",
}
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
_SIDE, _TOP, _BOTTOM = 1.5 * cm, 1.6 * cm, 1.5 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * _SIDE
_FRAME_HEIGHT = PAGE_HEIGHT - _TOP - _BOTTOM - 12  # a frame pads each side by 6 points
_SIZE, _LEADING, _PAD = 8.0, 10.0, 3.0  # body text, points; a cell's padding each side
_INK, _GREY, _RED = (
    colors.HexColor("#222222"),
    colors.HexColor("#595959"),
    colors.HexColor("#9c0006"),
)
_HEAD_FILL, _RULE = colors.HexColor("#dce6f1"), colors.HexColor("#bbbbbb")
_BREAKS = re.compile(r"\r\n|[\r\n]")
_SPACING = re.compile("[\t\r\n]")
_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")  # the space in "3 401 552", not in "2010 15"


@functools.cache
def _fonts() -> None:
    """Register the shipped fonts with ReportLab, once per process."""
    folder = resources.files("zhospar.report") / "fonts"
    for name, file in _FONT_FILES.items():
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


def markup(text: str) -> str:
    """``text`` as Paragraph markup that means only itself: without the control characters a
    PDF string cannot hold, ``&``, ``<`` and ``>`` escaped, each line break a ``<br/>``; the
    space between a number's groups of thousands ("3 401 552", as a plan prints it) no-break,
    so that a number in running text is not broken across lines either."""
    text = _GROUPS.sub("\u00a0", xml_safe(text))
    return _BREAKS.sub("<br/>", escape(text))


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a report, by role."""

    body: ParagraphStyle
    bold: ParagraphStyle
    note: ParagraphStyle
    number: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]  # title, then levels 1-4


@functools.cache
def styles() -> Styles:
    """The styles, in the shipped fonts (registered on first use)."""
    _fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=_SIZE, leading=_LEADING,
                          textColor=_INK)  # fmt: skip
    sizes = (16.0, 13.0, 11.0, 10.0, 9.0)
    headings = tuple(
        ParagraphStyle(
            f"h{level}",
            parent=body,
            fontName=BOLD,
            fontSize=size,
            leading=size * 1.25,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        )
        for level, size in enumerate(sizes)
    )
    return Styles(
        body=body,
        bold=ParagraphStyle("bold", parent=body, fontName=BOLD),
        note=ParagraphStyle(
            "note", parent=body, fontSize=7.5, leading=9.5, textColor=_GREY, spaceAfter=4
        ),
        number=ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
        headings=headings,
    )


def paragraph(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain ``text`` (escaped: nothing in it is read as markup)."""
    return Paragraph(markup(text), style or styles().body)


def status_fill(status: str | None) -> colors.Color | None:
    """The fill of a status's cell: the colours of the workbook and the DOCX."""
    fill = STATUS_COLOURS.get(status) if status else None
    return colors.HexColor(fill[0]) if fill else None


@dataclass(frozen=True)
class Column:
    """A table column: its head (already in the report's language), its share of the width, and
    whether it holds figures (right-aligned) or codes ("G1.1-I1-b1", "001"): either is drawn
    unbroken, its column widened to the longest."""

    head: str
    share: float = 1.0
    figures: bool = False
    codes: bool = False

    @property
    def unbroken(self) -> bool:
        return self.figures or self.codes


# A cell's content: text; in a figure column, a figure (drawn as it is) or a figure and a note
# under it ("5.3", "(operational, Q1 2012)"); or a flowable made by the caller.
Cell = str | tuple[str, str] | Flowable


def _fits(text: str, font: str, width: float) -> bool:
    """The text is one line that fits ``width``: ReportLab may draw it as a plain string, with
    no Paragraph to parse and break into lines (most cells: "—", "no fact", an id)."""
    if _SPACING.search(text):
        return False  # a break or a tab: the paragraph's to lay out
    return pdfmetrics.stringWidth(text, font, _SIZE) <= width - 2 * _PAD


def _cell(content: Cell, column: Column, width: float) -> Cell | list[Flowable]:
    """What the table holds for ``content``: a figure as it is; a text as it is when it fits on
    one line (a plain string is never read as markup), else as a wrapping paragraph."""
    if isinstance(content, tuple):
        figure, note = content
        return [paragraph(figure, styles().number), paragraph(note, styles().note)]
    if not isinstance(content, str) or column.figures:
        return content
    if column.codes and not _SPACING.search(content):
        return xml_safe(content)
    return xml_safe(content) if _fits(content, REGULAR, width) else paragraph(content)


def _head_cell(content: Cell, width: float) -> Cell:
    if not isinstance(content, str):
        return content
    if _fits(content, BOLD, width):
        return xml_safe(content)
    return paragraph(content, styles().bold)


def _unbroken_text(content: Cell) -> str:
    """The text of a figure's or a code's cell that is drawn unbroken (none for a flowable)."""
    if isinstance(content, tuple):
        return content[0]
    return content if isinstance(content, str) else ""


def _least(column: Column, cells: Iterable[Cell]) -> float:
    """The least width of a column: its head's longest word (a head breaks between words only)
    and, unbroken figures and codes, its longest cell."""
    words = [pdfmetrics.stringWidth(w, BOLD, _SIZE) for w in column.head.split()]
    if column.unbroken:
        words += [pdfmetrics.stringWidth(_unbroken_text(c), REGULAR, _SIZE) for c in cells]
    return max(words, default=0) + 2 * _PAD + 1


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """The columns' widths: their shares of the text width, each at least its least width
    (``_least``), what that takes given back by the columns wider than theirs, in proportion
    to the room each has."""
    total = sum(c.share for c in columns)
    least = [_least(c, (row[i] for row in rows)) for i, c in enumerate(columns)]
    widths = [max(TEXT_WIDTH * c.share / total, w) for c, w in zip(columns, least, strict=True)]
    excess = sum(widths) - TEXT_WIDTH
    room = [w - m for w, m in zip(widths, least, strict=True)]
    if excess > 0 and sum(room) > 0:
        share = min(1.0, excess / sum(room))
        widths = [w - r * share for w, r in zip(widths, room, strict=True)]
    return widths


def grid_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    fills: Sequence[tuple[int, int, colors.Color | None]] = (),
    *,
    heads: Sequence[Sequence[Cell]] | None = None,
    commands: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A grid table whose head is repeated on every page; text cells wrap, figures do not.

    The head is one bold row of the columns' heads, or the rows ``heads`` (a form's head of
    several rows, with ``commands`` that span and style them: ReportLab's table commands, rows
    counted from the table's first). ``fills`` colours single body cells: (column, row counted
    from the first body row, colour).
    """
    _fonts()
    widths = _widths(columns, rows)
    head = [
        [_head_cell(content, w) for content, w in zip(row, widths, strict=True)]
        for row in heads or [[c.head for c in columns]]
    ]
    body = [
        [_cell(content, c, w) for content, c, w in zip(row, columns, widths, strict=True)]
        for row in rows
    ]
    first = len(head)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, _SIZE, _LEADING),
        ("FONT", (0, 0), (-1, first - 1), BOLD, _SIZE, _LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), _INK),
        ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
        ("BACKGROUND", (0, 0), (-1, first - 1), _HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *(("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)),
        *(("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)),
        *(("ALIGN", (i, first), (i, -1), "RIGHT") for i, c in enumerate(columns) if c.figures),
        *(("BACKGROUND", (i, first + r), (i, first + r), fill) for i, r, fill in fills if fill),
        *commands,
    ]
    return Table(
        [*head, *body], colWidths=widths, style=TableStyle(style),
        repeatRows=first, hAlign="LEFT", spaceBefore=3, spaceAfter=6,
    )  # fmt: skip


class _NumberedCanvas(Canvas):
    """A canvas that holds its pages until the end, to number each "N / total" (ReportLab's
    usual way to know the count of pages when the first one is drawn)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # the page's reset, not in the stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.setFont(REGULAR, 8)
            self.setFillColor(_GREY)
            self.drawRightString(PAGE_WIDTH - _SIDE, 0.8 * cm, f"{number} / {total}")
            super().showPage()
        super().save()


def _marker(state: SignOff) -> Callable[[Canvas, Any], None]:
    """What each page draws before its content: a draft's marker in the top margin."""

    def draw(canvas: Canvas, _doc: Any) -> None:
        if not state.approved:
            canvas.saveState()
            canvas.setFont(BOLD, 9)
            canvas.setFillColor(_RED)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 1.0 * cm, state.marker)
            canvas.restoreState()

    return draw


def _split_in_rows(story: list[Flowable]) -> list[Flowable]:
    """``story`` with its tables that hold a row taller than a page allowed to split inside
    their rows. Only those: ReportLab's splitting inside rows places the rest of a table that
    splits again badly (over itself), so the other tables keep their rows whole."""
    for flowable in story:
        if isinstance(flowable, Table):
            flowable.wrap(TEXT_WIDTH, _FRAME_HEIGHT)
            heights: list[float] = getattr(flowable, "_rowHeights", [])
            head = sum(heights[: flowable.repeatRows])
            if max(heights, default=0) > _FRAME_HEIGHT - head:
                flowable.splitInRow = 1
    return story


def write_document(
    path: Path, story: Callable[[], list[Flowable]], state: SignOff, title: str
) -> Path:
    """Lay out the flowables ``story`` makes on numbered A4 landscape pages, marked when
    ``state`` is a draft, and write the PDF at ``path``.

    A table row taller than a page (a very long comment) cannot be placed whole; the story is
    then made again and laid out with such tables splitting inside their rows.
    """
    _fonts()
    draw = _marker(state)

    def build(flowables: list[Flowable]) -> None:
        document = SimpleDocTemplate(
            str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=_SIDE, rightMargin=_SIDE,
            topMargin=_TOP, bottomMargin=_BOTTOM, title=title, creator="Zhospar",
        )  # fmt: skip
        document.build(flowables, onFirstPage=draw, onLaterPages=draw, canvasmaker=_NumberedCanvas)

    try:
        build(story())
    except LayoutError:
        build(_split_in_rows(story()))
    return path


def chart_drawing(shapes: ChartLayout, width: float) -> Drawing:
    """A plan-vs-fact chart, ``width`` points wide: the shapes the SVG and the PNG draw
    (``charts.layout``), drawn as vectors in the shipped font. Sharp at any zoom, and no picture
    to encode, decode and compress again."""

    def up(y: float) -> float:  # the layout's y grows downwards, ReportLab's upwards
        return HEIGHT - y

    def points(stroke: Stroke) -> list[float]:
        return [c for x, y in stroke.points for c in (x, up(y))]

    _fonts()
    chart = Group(_box(0, 0, WIDTH, HEIGHT, colors.white))
    for rule in shapes.rules:
        chart.add(PolyLine(points(rule), strokeColor=_colour(rule.colour), strokeWidth=rule.width))
    for b in shapes.boxes:
        if b.height > 0:
            chart.add(_box(b.x, up(b.y + b.height), b.width, b.height, _colour(b.colour)))
    for line in shapes.lines:
        chart.add(PolyLine(points(line), strokeColor=_colour(line.colour),
                           strokeWidth=line.width, strokeLineJoin=1))  # fmt: skip
    for dot in shapes.dots:
        chart.add(Circle(dot.x, up(dot.y), dot.radius, fillColor=_colour(dot.colour),
                         strokeColor=None))  # fmt: skip
    for label in shapes.labels:
        chart.add(String(label.x, up(label.y), label.text, fontName=REGULAR,
                         fontSize=label.size, fillColor=_colour(INK),
                         textAnchor=_ANCHORS[label.anchor]))  # fmt: skip
    scale = width / WIDTH
    chart.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(width, HEIGHT * scale)
    drawing.add(chart)
    return drawing


_ANCHORS: dict[str, Literal["start", "middle", "end"]] = {
    "start": "start", "middle": "middle", "end": "end"
}  # fmt: skip


def _box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    """A filled rectangle with no outline."""
    box = Rect(x, y, width, height)
    box.fillColor, box.strokeColor = fill, None
    return box


@functools.cache
def _colour(hex_code: str) -> colors.Color:
    return colors.HexColor(hex_code)
