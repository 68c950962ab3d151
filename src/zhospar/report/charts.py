"""Plan-vs-fact charts as SVG (inline in HTML) and PNG (for DOCX), both drawn from one layout
(the PDF draws the same layout as vectors: ``report._pdf_layout.chart_drawing``).

A chart is a few bars, a line, a grid and some numbers. Drawn through matplotlib it cost about
half a second (a figure, a constrained layout, text metrics, the Agg renderer), ten times over:
most of the DOCX and HTML reports' time, against an XLSX whose charts are native. Here one pure
function places the shapes (``layout``) and two small writers draw the same shapes: SVG as text,
PNG with Pillow (drawn at twice the size and reduced, for smooth edges).

A chart holds no document text, only the indicator's id, years and numbers: the caption beside
it carries the name, so no font lacks a glyph, and the id is escaped all the same. Output is
deterministic (no date, no random ids), so the same report gives the same file. The legend is in
the report's language in both: the PNG is drawn with a font shipped in the package (DejaVu Sans
reduced to Latin and Cyrillic, Kazakh letters included), since Pillow's own has Latin only.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from zhospar.i18n import format_grouped, gettext
from zhospar.report.model import ChartSeries, IndicatorLine

if TYPE_CHECKING:
    from PIL import ImageFont

__all__ = ["INK", "ChartLayout", "Stroke", "caption", "chart_png", "chart_svg", "layout"]

_REPORTED = "#9e9e9e"
_TARGET = "#4f81bd"
_FACT = "#c0504d"
_GRID = "#dddddd"
INK = "#333333"  # axes and labels
_FONTS = "DejaVu Sans, Arial, sans-serif"
_BAR = 0.6  # a bar's share of its year's slot

WIDTH, HEIGHT = 640, 320  # SVG user units; the PNG is drawn at PNG_SCALE times this
PNG_SCALE = 1.2  # 768 x 384 pixels, the size the DOCX's 15 cm picture had before
_TOP, _RIGHT, _BOTTOM = 36, 16, 56  # margins around the plot area (the left one fits the ticks)
_TICKS = 5  # about this many gridlines
_ROUND = tuple(Decimal(m) for m in ("1", "2", "2.5", "5", "10"))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]  # a polyline
    colour: str
    width: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    colour: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float
    anchor: str  # start / middle / end, as SVG's text-anchor


@dataclass(frozen=True)
class ChartLayout:
    """Every shape of a chart in drawing order, in SVG user units (y grows downwards)."""

    title: str
    rules: tuple[Stroke, ...]  # gridlines and axes, under the bars
    boxes: tuple[Box, ...]  # bars and legend swatches
    lines: tuple[Stroke, ...]  # the fact line, over the bars
    dots: tuple[Dot, ...]
    labels: tuple[Label, ...]


def _step(span: Decimal) -> Decimal:
    """A round gridline step (1, 2, 2.5 or 5 times a power of ten) giving about _TICKS lines."""
    raw = span / _TICKS
    power = Decimal(10) ** math.floor(math.log10(raw))
    return next(
        m * power
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if raw <= m * power
    )


def _ticks(values: Sequence[Decimal]) -> list[Decimal]:
    """Gridline values from at most 0 to at least the largest value (bars stand on 0)."""
    low, high = min(Decimal(0), *values), max(Decimal(0), *values)
    step = _step(high - low) if high > low else Decimal(1)
    first = math.floor(low / step)
    last = math.ceil(high / step)
    return [step * k for k in range(first, last + 1)]


def _tick_text(value: Decimal, step: Decimal) -> str:
    """A gridline's number, as many decimals as the step needs, grouped by thousands."""
    places = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_grouped(value, places=places)


def _values(series: ChartSeries) -> list[Decimal]:
    return [v for p in series.points for v in (p.reported, p.target, p.fact) if v is not None]


def _runs(
    xs: Sequence[float], ys: Sequence[float | None]
) -> Iterator[tuple[tuple[float, float], ...]]:
    """The fact line's pieces: consecutive years with a fact; a year without one breaks it."""
    run: list[tuple[float, float]] = []
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if run:
                yield tuple(run)
            run = []
        else:
            run.append((x, y))
    if run:
        yield tuple(run)


def _legend(series: ChartSeries) -> list[tuple[str, str]]:
    """The drawn series' names, in the language of the moment."""
    entries = []
    if any(p.reported is not None for p in series.points):
        entries.append((gettext("Reported (plan)"), _REPORTED))
    entries.append((gettext("Target (plan)"), _TARGET))
    if any(p.fact is not None for p in series.points):
        entries.append((gettext("Fact"), _FACT))
    return entries


def layout(series: ChartSeries) -> ChartLayout:
    """The chart's shapes: a bar per year for the plan's reported value and target, the facts
    as a line with dots, a gridline per round number, the years below, the legend under them."""
    ticks = _ticks(_values(series) or [Decimal(1)])
    step = ticks[1] - ticks[0]
    tick_texts = [_tick_text(t, step) for t in ticks]
    left = 12 + 7 * max(len(t) for t in tick_texts)
    right, top, bottom = WIDTH - _RIGHT, _TOP, HEIGHT - _BOTTOM
    low, high = float(ticks[0]), float(ticks[-1])

    def y_of(value: Decimal) -> float:
        return bottom - (float(value) - low) / (high - low) * (bottom - top)

    slot = (right - left) / max(len(series.points), 1)
    xs = [left + slot * (i + 0.5) for i in range(len(series.points))]
    zero = y_of(Decimal(0))
    boxes = [
        Box(x - slot * _BAR / 2, min(zero, y_of(v)), slot * _BAR, abs(zero - y_of(v)), colour)
        for colour, pick in ((_REPORTED, "reported"), (_TARGET, "target"))
        for x, point in zip(xs, series.points, strict=True)
        if (v := getattr(point, pick)) is not None
    ]
    grid = [Stroke(((left, y_of(t)), (right, y_of(t))), _GRID, 1) for t in ticks]
    axes = [Stroke(((left, top), (left, bottom), (right, bottom)), INK, 1)]
    facts = [None if p.fact is None else y_of(p.fact) for p in series.points]
    line = [Stroke(run, _FACT, 2) for run in _runs(xs, facts) if len(run) > 1]
    dots = [Dot(x, y, 3.5, _FACT) for x, y in zip(xs, facts, strict=True) if y is not None]
    labels = [Label(WIDTH / 2, 22, series.title, 14, "middle")]
    labels += [
        Label(left - 6, y_of(t) + 4, s, 11, "end") for t, s in zip(ticks, tick_texts, strict=True)
    ]
    years = zip(xs, series.points, strict=True)
    labels += [Label(x, bottom + 16, str(p.year), 11, "middle") for x, p in years]
    legend_boxes, legend_labels = _legend_row(series, bottom + 38)
    return ChartLayout(
        title=series.title,
        rules=(*grid, *axes),
        boxes=(*boxes, *legend_boxes),
        lines=tuple(line),
        dots=tuple(dots),
        labels=(*labels, *legend_labels),
    )


def _legend_row(series: ChartSeries, baseline: float) -> tuple[list[Box], list[Label]]:
    """The legend as one centred row: a swatch and its name per drawn series."""
    entries = _legend(series)
    widths = [16 + 6.5 * len(name) + 18 for name, _ in entries]
    x = (WIDTH - sum(widths)) / 2
    boxes, labels = [], []
    for (name, colour), width in zip(entries, widths, strict=True):
        boxes.append(Box(x, baseline - 10, 12, 10, colour))
        labels.append(Label(x + 16, baseline, name, 11, "start"))
        x += width
    return boxes, labels


def caption(series: ChartSeries, line: IndicatorLine | None) -> str:
    """The words under a chart: the indicator's name and the unit of its values (document text,
    kept out of the picture)."""
    if line is None:
        return f"{gettext('Plan vs fact')}, {series.indicator_id}"
    unit = f" ({line.unit})" if line.unit else ""
    return f"{gettext('Plan vs fact')}, {series.indicator_id}: {line.name}{unit}"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _polyline(stroke: Stroke) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in stroke.points)
    return (
        f'<polyline points="{points}" fill="none" stroke="{stroke.colour}" '
        f'stroke-width="{_n(stroke.width)}"/>'
    )


def chart_svg(series: ChartSeries) -> str:
    """The chart as an ``<svg>`` element to inline in HTML (no prologue, no external refs)."""
    shapes = layout(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="{_FONTS}">'
        f"<title>{escape(gettext('Plan vs fact'))}, {escape(shapes.title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *(_polyline(s) for s in shapes.rules),
        *(
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" '
            f'height="{_n(b.height)}" fill="{b.colour}"/>'
            for b in shapes.boxes
        ),
        *(_polyline(s) for s in shapes.lines),
        *(
            f'<circle cx="{_n(d.x)}" cy="{_n(d.y)}" r="{_n(d.radius)}" fill="{d.colour}"/>'
            for d in shapes.dots
        ),
        *(
            f'<text x="{_n(t.x)}" y="{_n(t.y)}" font-size="{_n(t.size)}" '
            f'text-anchor="{t.anchor}" fill="{INK}">{escape(t.text)}</text>'
            for t in shapes.labels
        ),
        "</svg>",
    ]
    return "".join(parts)


_SUPERSAMPLE = 2  # the PNG is drawn this many times larger, then reduced: smooth edges
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # Pillow's anchors on the baseline


FONT = "DejaVuSans-LatinCyrillic.ttf"
"""Shipped in ``zhospar/report/fonts`` (licence beside it): Pillow's built-in font has Latin
letters only, and the charts speak Kazakh and Russian; no font is looked for on the machine."""


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The shipped font at ``size`` pixels."""
    from PIL import ImageFont

    with resources.as_file(resources.files("zhospar.report") / "fonts" / FONT) as path:
        return ImageFont.truetype(str(path), size)


def chart_png(series: ChartSeries, *, scale: float = PNG_SCALE) -> bytes:
    """The chart as PNG bytes, ``scale`` pixels per SVG unit (768 x 384 by default)."""
    from PIL import Image, ImageDraw  # only where a picture is made (not for the HTML)

    shapes = layout(series)  # in the language of the moment: the shipped font has Cyrillic
    k = scale * _SUPERSAMPLE
    image = Image.new("RGB", (round(WIDTH * k), round(HEIGHT * k)), "#ffffff")
    draw = ImageDraw.Draw(image)
    for stroke in (*shapes.rules,):
        draw.line(
            [(x * k, y * k) for x, y in stroke.points], stroke.colour, round(stroke.width * k)
        )
    for b in shapes.boxes:
        if b.height * k >= 1:
            draw.rectangle((b.x * k, b.y * k, (b.x + b.width) * k, (b.y + b.height) * k), b.colour)
    for stroke in shapes.lines:
        points = [(x * k, y * k) for x, y in stroke.points]
        draw.line(points, stroke.colour, round(stroke.width * k), joint="curve")
    for d in shapes.dots:
        r = d.radius * k
        draw.ellipse((d.x * k - r, d.y * k - r, d.x * k + r, d.y * k + r), d.colour)
    # The text after the reduction, at the picture's own size: FreeType smooths its edges
    # already, and drawing it large then reducing it took a third of the chart's time.
    image = image.reduce(_SUPERSAMPLE)
    draw = ImageDraw.Draw(image)
    for t in shapes.labels:
        font = _font(round(t.size * scale))
        draw.text((t.x * scale, t.y * scale), t.text, INK, font, anchor=_ANCHORS[t.anchor])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
