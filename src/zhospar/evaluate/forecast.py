"""A trend forecast of an indicator to the end of the plan, with the chance of reaching its target.

Method (also in ``docs/method.md``):

1. Points: the national yearly values observed so far (up to ``as_of``); a partial year (facts
   not covering the whole year or all regions) is left out. Fewer than two: "not enough data".
2. A straight line by least squares (``statistics.linear_regression``) through the points,
   extended to the target year: the end of the plan, or the last year with a target when the
   indicator's targets stop earlier (program forms cover three years).
3. The margin: how far the projection lies on the good side of the final target (increase:
   projected − target; decrease: target − projected; keep: the tolerance band minus the
   distance).
4. The spread: the standard error of a prediction from the line at the target year,
   s·√(1 + 1/n + (x₀ − x̄)² / Sxx), with s the residual standard deviation (n − 2 degrees of
   freedom), never taken as less than ``SPREAD_FLOOR`` (5 %) of the target; with two points only
   the floor applies.
5. The chance: "likely" when the margin is at least one spread, "unlikely" when it is at most
   minus one spread, "uncertain" in between. When the target year's fact is already in, the
   result says "reached" or "missed" instead.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from zhospar.evaluate.achievement import KEEP_TOLERANCE, target_for
from zhospar.evaluate.polarity import IndicatorPolarity, Polarity
from zhospar.evaluate.rollup import Observed
from zhospar.i18n import format_figure, format_number, gettext, pgettext
from zhospar.model.decimals import round_half_up
from zhospar.model.plan import Indicator, Phase, YearValue

__all__ = ["SPREAD_FLOOR", "Chance", "Forecast", "chance_word", "final_target", "forecast"]

SPREAD_FLOOR = Decimal("0.05")  # the spread is at least this share of the final target


class Chance(StrEnum):
    LIKELY = "likely"
    UNCERTAIN = "uncertain"
    UNLIKELY = "unlikely"
    REACHED = "reached"  # the target year's fact is in and meets the target
    MISSED = "missed"  # ... and does not
    NOT_ENOUGH_DATA = "not_enough_data"
    NO_TARGET = "no_target"
    NOT_FORECAST = "not_forecast"  # milestones and deleted indicators


def chance_word(chance: Chance) -> str:
    """A chance as a sentence names it, in the language of the moment (English: its value)."""
    words = {
        Chance.LIKELY: pgettext("chance", "likely"),
        Chance.UNCERTAIN: pgettext("chance", "uncertain"),
        Chance.UNLIKELY: pgettext("chance", "unlikely"),
        Chance.REACHED: pgettext("chance", "reached"),
        Chance.MISSED: pgettext("chance", "missed"),
        Chance.NOT_ENOUGH_DATA: pgettext("chance", "not_enough_data"),
        Chance.NO_TARGET: pgettext("chance", "no_target"),
        Chance.NOT_FORECAST: pgettext("chance", "not_forecast"),
    }
    return words[chance]


@dataclass(frozen=True)
class Forecast:
    indicator_id: str
    chance: Chance
    message: str
    points: tuple[tuple[int, Decimal], ...] = ()
    facts: tuple[Observed, ...] = ()
    target: YearValue | None = None  # the final target the projection is set against
    slope: Decimal | None = None  # change per year
    intercept: Decimal | None = None
    projected: Decimal | None = None  # the line's value in the target year
    spread: Decimal | None = None
    margin: Decimal | None = None  # > 0: on the good side of the target


def _dec(x: float) -> Decimal:
    return Decimal(str(round(x, 6)))


_SHOWN_DIGITS = 3  # significant digits of a computed figure in the sentence


def _shown(value: Decimal) -> str:
    """A computed figure as a reader wants it: three significant digits, whole above 1000, as
    the language writes it, never in scientific notation (0.0000123 reads "0.0000123").

    The forecast keeps its full precision in ``slope`` and ``projected``; only the sentence is
    rounded, so that "4.779167" reads "4.78" ("4,78" in Kazakh and Russian).
    """
    if not value:
        return format_number(Decimal(0))
    places = max(0, _SHOWN_DIGITS - 1 - value.adjusted())
    return format_number(round_half_up(value, places))


def final_target(indicator: Indicator, end_year: int) -> YearValue | None:
    """The target of the plan's last year, or of the last year that has one."""
    at_end = target_for(indicator, end_year)
    if at_end is not None and at_end.value is not None:
        return at_end
    planned = [
        v
        for v in indicator.values
        if v.phase is Phase.PLANNED and v.value is not None and v.year <= end_year
    ]
    return max(planned, key=lambda v: v.year, default=None)


def forecast(
    indicator: Indicator,
    polarity: IndicatorPolarity,
    observed: Mapping[int, Observed],
    *,
    end_year: int,
    as_of: int | None = None,
    keep_tolerance: Decimal = KEEP_TOLERANCE,
) -> Forecast:
    """Project ``indicator`` to its final target year from the yearly values observed so far."""
    ident = indicator.id
    if polarity.polarity is Polarity.MILESTONE or indicator.deleted is not None:
        return Forecast(ident, Chance.NOT_FORECAST, gettext("milestones and deleted indicators"))
    used = tuple(
        obs
        for year, obs in sorted(observed.items())
        if obs.value is not None and obs.complete and (as_of is None or year <= as_of)
    )
    points = tuple((obs.year, obs.value) for obs in used if obs.value is not None)
    target = final_target(indicator, end_year)
    base = Forecast(ident, Chance.NO_TARGET, "", points, used, target)
    if target is None or target.value is None:
        message = gettext("no target to forecast against by {year}").format(year=end_year)
        return replace(base, message=message)
    goal = _Goal(polarity.polarity, target.year, target.value, keep_tolerance)
    known = dict(points).get(target.year)
    if known is not None:
        margin = goal.margin(known)
        chance = Chance.REACHED if margin >= 0 else Chance.MISSED
        msg = gettext("the {year} fact {fact} is in: target {target} {chance}").format(
            year=target.year,
            fact=format_number(known),
            target=format_number(target.value),
            chance=chance_word(chance),
        )
        return replace(base, chance=chance, message=msg, projected=known, margin=margin)
    if len(points) < 2:
        msg = gettext("not enough data: {count} yearly value(s), a trend needs 2").format(
            count=len(points)
        )
        return replace(base, chance=Chance.NOT_ENOUGH_DATA, message=msg)
    return _project(base, goal)


@dataclass(frozen=True)
class _Goal:
    polarity: Polarity
    year: int
    target: Decimal
    tolerance: Decimal

    def margin(self, value: Decimal) -> Decimal:
        """How far ``value`` lies on the good side of the target."""
        if self.polarity is Polarity.DECREASE:
            return self.target - value
        if self.polarity is Polarity.KEEP:
            return abs(self.target) * self.tolerance / 100 - abs(value - self.target)
        return value - self.target


def _project(base: Forecast, goal: _Goal) -> Forecast:
    xs = [float(year) for year, _ in base.points]
    ys = [float(value) for _, value in base.points]
    slope, intercept = statistics.linear_regression(xs, ys)
    x0 = float(goal.year)
    projected = _dec(slope * x0 + intercept)
    floor = abs(goal.target) * SPREAD_FLOOR
    spread = max(_prediction_error(xs, ys, slope, intercept, x0), floor)
    margin = goal.margin(projected)
    chance = _chance(margin, spread)
    msg = gettext(
        "trend {slope} a year over {years} years projects {projected} "
        "in {year} against a target of {target} (margin {margin}, "
        "spread {spread}): {chance}"
    ).format(
        slope=_shown(_dec(slope)),
        years=len(xs),
        projected=_shown(projected),
        year=goal.year,
        target=format_number(goal.target),
        margin=format_figure(margin),
        spread=format_figure(spread),
        chance=chance_word(chance),
    )
    return replace(
        base,
        chance=chance,
        message=msg,
        slope=_dec(slope),
        intercept=_dec(intercept),
        projected=projected,
        spread=spread,
        margin=margin,
    )


def _prediction_error(
    xs: list[float], ys: list[float], slope: float, intercept: float, x0: float
) -> Decimal:
    n = len(xs)
    if n < 3:
        return Decimal(0)
    residuals = [y - (slope * x + intercept) for x, y in zip(xs, ys, strict=True)]
    s = math.sqrt(sum(r * r for r in residuals) / (n - 2))
    mean = statistics.fmean(xs)
    sxx = sum((x - mean) ** 2 for x in xs)
    return _dec(s * math.sqrt(1 + 1 / n + (x0 - mean) ** 2 / sxx))


def _chance(margin: Decimal, spread: Decimal) -> Chance:
    if spread == 0:
        return Chance.LIKELY if margin >= 0 else Chance.UNLIKELY
    if margin >= spread:
        return Chance.LIKELY
    if margin <= -spread:
        return Chance.UNLIKELY
    return Chance.UNCERTAIN
