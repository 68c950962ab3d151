"""The plan-vs-fact chart of an indicator page, drawn on the server as inline SVG geometry.

Only coordinates, years and numbers go into the picture (the template escapes them anyway);
names and sources stay in the page's text. The plan line joins the reported values and the
targets; facts are dots joined by a second line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.model.plan import YearValue
from zhospar.report import format_number

__all__ = ["Chart", "Dot", "plan_vs_fact_chart"]

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 32
TICKS = 5


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


def _scale(years: Sequence[int], values: Sequence[Decimal]) -> _Scale:
    low, high = float(min(values)), float(max(values))
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low = 0.0 if 0 <= low - pad < low else low - pad  # start at zero when it is close
    return _Scale((min(years), max(years)), low, high + pad)


def plan_vs_fact_chart(cells: Sequence[YearValue], facts: Mapping[int, Decimal]) -> Chart | None:
    """The chart of an indicator's plan cells and its national yearly facts; None if empty."""
    plan = [(c.year, c.value) for c in cells if c.value is not None]
    known = [(y, v) for y, v in sorted(facts.items())]
    if not plan and not known:
        return None
    years = [y for y, _ in plan + known]
    scale = _scale(years, [v for _, v in plan + known])

    def dots(points: Sequence[tuple[int, Decimal]]) -> tuple[Dot, ...]:
        return tuple(Dot(scale.x(y), scale.y(float(v)), y, format_number(v)) for y, v in points)

    step = (scale.high - scale.low) / (TICKS - 1)
    y_ticks = tuple(
        Tick(scale.y(scale.low + i * step), f"{scale.low + i * step:.4g}") for i in range(TICKS)
    )
    x_ticks = tuple(Tick(scale.x(y), str(y)) for y in range(min(years), max(years) + 1))
    return Chart(WIDTH, HEIGHT, dots(plan), dots(known), x_ticks, y_ticks)
