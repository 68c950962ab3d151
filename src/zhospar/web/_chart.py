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

from zhospar.model.plan import YearValue
from zhospar.report import format_number

__all__ = ["Chart", "Dot", "nice_step", "nice_ticks", "plan_vs_fact_chart"]

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
