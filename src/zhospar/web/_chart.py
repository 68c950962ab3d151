"""The plan-vs-fact chart of an indicator page, drawn on the server as inline SVG geometry.

Only coordinates, years and numbers go into the picture (the template escapes them anyway);
names and sources stay in the page's text. The plan line joins the reported values and the
targets; facts are dots joined by a second line.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.i18n import gettext
from zhospar.model.plan import YearValue
from zhospar.report import format_number

__all__ = [
    "Axes",
    "Chart",
    "Column",
    "ColumnChart",
    "Dot",
    "LineChart",
    "column_chart",
    "nice_step",
    "nice_ticks",
    "plan_vs_fact_chart",
    "year_line_chart",
]

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 32
TICKS = 5  # about this many labelled values on the y-axis
_ROUNDED = ((1.5, 1), (3.0, 2), (7.0, 5))  # a step's leading digit: below 1.5 -> 1 ...


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    year: int
    label: str  # the value as shown, e.g. "6.2"


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plan: tuple[Dot, ...]
    facts: tuple[Dot, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @staticmethod
    def line(dots: Sequence[Dot]) -> str:
        """The ``points`` attribute of a polyline through ``dots``."""
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in dots)

    @staticmethod
    def runs(dots: Sequence[Dot]) -> tuple[tuple[Dot, ...], ...]:
        """The runs of two or more dots of consecutive years: a line never crosses a year
        without a value."""
        return runs_of(dots)


def runs_of(dots: Sequence[Dot]) -> tuple[tuple[Dot, ...], ...]:
    """``dots`` (in year order) cut where a year is missing; runs of one dot left out."""
    runs: list[list[Dot]] = []
    for dot in dots:
        if runs and runs[-1][-1].year == dot.year - 1:
            runs[-1].append(dot)
        else:
            runs.append([dot])
    return tuple(tuple(r) for r in runs if len(r) > 1)


@dataclass(frozen=True)
class _Scale:
    years: tuple[int, int]
    low: float
    high: float

    def x(self, year: int) -> float:
        first, last = self.years
        span = max(last - first, 1)
        return LEFT + (year - first) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return TOP + (self.high - value) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)


def nice_step(span: float, count: int = TICKS) -> Decimal:
    """The step of about ``count`` ticks over ``span``: 1, 2 or 5 x 10^k (Heckbert's "nice
    numbers"), so that the labels are numbers a reader takes in at a glance (0, 2, 4 ...)
    rather than 6.158."""
    if span <= 0 or not math.isfinite(span):
        return Decimal(1)
    raw = span / max(count - 1, 1)
    power = math.floor(math.log10(raw))
    fraction = raw / 10**power  # 1 <= fraction < 10
    factor = next((f for limit, f in _ROUNDED if fraction < limit), 10)
    return Decimal(factor).scaleb(power).normalize()


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[Decimal]:
    """Round values from a multiple of the step at or below ``low`` to one at or above
    ``high``; exact decimals, so that a label never reads 0.30000000000000004."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    step = nice_step(high - low, count)
    first = math.floor(Decimal(repr(low)) / step)
    last = math.ceil(Decimal(repr(high)) / step)
    return [(step * i).normalize() + 0 for i in range(first, last + 1)]


def _scale(years: Sequence[int], values: Sequence[Decimal]) -> tuple[_Scale, list[Decimal]]:
    """The scale from the round tick below the lowest value to the one above the highest (from
    zero when zero is close: less than a quarter of the span below the lowest value)."""
    low, high = float(min(values)), float(max(values))
    if 0 < low < (high - low) / 4:
        low = 0.0
    ticks = nice_ticks(low, high)
    scale = _Scale((min(years), max(years)), float(ticks[0]), float(ticks[-1]))
    return scale, ticks


def plan_vs_fact_chart(cells: Sequence[YearValue], facts: Mapping[int, Decimal]) -> Chart | None:
    """The chart of an indicator's plan cells and its national yearly facts; None if empty."""
    plan = [(c.year, c.value) for c in cells if c.value is not None]
    known = [(y, v) for y, v in sorted(facts.items())]
    if not plan and not known:
        return None
    years = [y for y, _ in plan + known]
    scale, ticks = _scale(years, [v for _, v in plan + known])

    def dots(points: Sequence[tuple[int, Decimal]]) -> tuple[Dot, ...]:
        return tuple(Dot(scale.x(y), scale.y(float(v)), y, format_number(v)) for y, v in points)

    y_ticks = tuple(Tick(scale.y(float(t)), format_number(t)) for t in ticks)
    x_ticks = tuple(Tick(scale.x(y), str(y)) for y in range(min(years), max(years) + 1))
    return Chart(WIDTH, HEIGHT, dots(plan), dots(known), x_ticks, y_ticks)


# --- the dashboard's and the budget page's charts: columns and a line over the years ---------

AXIS_LEFT, AXIS_BOTTOM = 72, 44  # room for the value ticks and the axis's name, the categories


@dataclass(frozen=True)
class Column:
    """One bar: its box, the series it belongs to (a CSS class), what it is and its value."""

    x: float
    y: float
    width: float
    height: float
    series: str  # "score", "planned", "actual"; the CSS class, also the verdict's status class
    category: str  # "D1", "2012"
    label: str  # the value as shown, "100.00" or "no data"


@dataclass(frozen=True)
class Axes:
    """The frame every chart of this kind shares: size, ticks and the axes' names."""

    width: int
    height: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_title: str  # "direction", "year"
    y_title: str  # "score, %", "thousand tenge"

    @property
    def plot_left(self) -> int:
        return AXIS_LEFT

    @property
    def plot_bottom(self) -> int:
        return self.height - AXIS_BOTTOM


@dataclass(frozen=True)
class ColumnChart:
    axes: Axes
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class LineChart:
    """Dots at the years with a value, and lines only between neighbouring years that both
    have one: a gap (a year with no value) is never bridged."""

    axes: Axes
    dots: tuple[Dot, ...]
    runs: tuple[tuple[Dot, ...], ...]  # each of two or more consecutive years


def _value_axis(values: Sequence[Decimal], top: Decimal | None) -> tuple[list[Decimal], float]:
    """Round ticks from 0 to the highest value (or ``top``); the top tick as a float."""
    high = float(max([*values, top or Decimal(0), Decimal(1)]))
    ticks = nice_ticks(0.0, high)
    return ticks, float(ticks[-1])


def _y(value: float, top: float) -> float:
    return TOP + (top - value) / top * (HEIGHT - TOP - AXIS_BOTTOM)


def _ticks(ticks: Sequence[Decimal], top: float) -> tuple[Tick, ...]:
    return tuple(Tick(_y(float(t), top), format_number(t)) for t in ticks)


def column_chart(
    groups: Sequence[tuple[str, Sequence[tuple[str, Decimal | None]]]],
    titles: tuple[str, str],
    top: Decimal | None = None,
) -> ColumnChart:
    """Columns per category: ``groups`` is [(category, [(series, value or None)])]; a None
    value draws no bar, and its label says "no data". ``titles``: the x and y axes' names."""
    values = [v for _, bars in groups for _, v in bars if v is not None]
    ticks, high = _value_axis(values, top)
    slot = (WIDTH - AXIS_LEFT - RIGHT) / max(len(groups), 1)
    columns, x_ticks = [], []
    for i, (category, bars) in enumerate(groups):
        left = AXIS_LEFT + i * slot
        x_ticks.append(Tick(left + slot / 2, category))
        width = slot * 0.7 / max(len(bars), 1)
        for j, (series, value) in enumerate(bars):
            y = _y(float(value), high) if value is not None else _y(0.0, high)
            x = left + slot * 0.15 + j * width
            label = format_number(value) if value is not None else gettext("no data")
            columns.append(Column(x, y, width, _y(0.0, high) - y, series, category, label))
    axes = Axes(WIDTH, HEIGHT, tuple(x_ticks), _ticks(ticks, high), *titles)
    return ColumnChart(axes, tuple(columns))


def year_line_chart(
    points: Mapping[int, Decimal | None], titles: tuple[str, str], top: Decimal | None = None
) -> LineChart:
    """A value over the years (None: no value that year, no dot, no line across it)."""
    years = sorted(points)
    values = [v for v in points.values() if v is not None]
    ticks, high = _value_axis(values, top)
    span = max(years[-1] - years[0], 1) if years else 1
    x_of = {
        y: AXIS_LEFT + 24 + (y - years[0]) / span * (WIDTH - AXIS_LEFT - RIGHT - 48) for y in years
    }
    dots = {
        y: Dot(x_of[y], _y(float(v), high), y, format_number(v))
        for y, v in points.items()
        if v is not None
    }
    x_ticks = tuple(Tick(x_of[y], str(y)) for y in years)
    axes = Axes(WIDTH, HEIGHT, x_ticks, _ticks(ticks, high), *titles)
    shown = tuple(dots[y] for y in years if y in dots)
    return LineChart(axes, shown, runs_of(shown))
