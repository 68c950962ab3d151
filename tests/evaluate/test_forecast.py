"""Trend forecast to the end of the plan, with the chance stated plainly (hand-computed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.evaluate._build import fact, indicator
from zhospar.evaluate import (
    Chance,
    FactRef,
    IndicatorPolarity,
    Observed,
    Polarity,
    PolaritySource,
    forecast,
)
from zhospar.i18n import Language, use_language
from zhospar.model.plan import Indicator

CENT = Decimal("0.0001")


def _pol(kind: Polarity) -> IndicatorPolarity:
    return IndicatorPolarity("X", kind, PolaritySource.OVERRIDE, "test")


def _seen(ind: Indicator, values: dict[int, str]) -> dict[int, Observed]:
    return {y: Observed.single(FactRef.of(fact(ind.id, str(y), v))) for y, v in values.items()}


UNEMPLOYMENT = indicator(
    "G1.1-I1",
    "Жұмыссыздық деңгейі",
    "%-бен",
    {2010: "6.6", 2011: "6.4", 2012: "6.2", 2013: "6.0", 2014: "5.9"},
)


def test_unemployment_facts_2010_2012_project_below_the_2014_target() -> None:
    # Facts 5.775, 5.4, 5.3: slope (5.3 - 5.775) / 2 = -0.2375, mean 16.475 / 3 = 5.491667 at
    # 2011, so 2014: 5.491667 - 3 × 0.2375 = 4.779167. Residuals 0.275/6, -0.55/6, 0.275/6:
    # s² = 0.45375 / 36 = 0.0126042, spread = s·√(1 + 1/3 + 9/2) = 0.112268 × 2.415229 = 0.27115,
    # below the floor 5 % × 5.9 = 0.295. Margin 5.9 - 4.779167 = 1.120833 >= 0.295: likely.
    seen = _seen(UNEMPLOYMENT, {2010: "5.775", 2011: "5.4", 2012: "5.3"})
    result = forecast(UNEMPLOYMENT, _pol(Polarity.DECREASE), seen, end_year=2014)
    assert result.chance is Chance.LIKELY
    assert result.slope == Decimal("-0.2375")
    assert result.projected is not None
    assert result.projected.quantize(CENT) == Decimal("4.7792")
    assert result.spread == Decimal("0.295")
    assert result.margin is not None and result.margin.quantize(CENT) == Decimal("1.1208")
    assert result.target is not None and result.target.year == 2014


def test_scattered_facts_leave_it_uncertain() -> None:
    # 10, 14, 12: slope 1, mean 12 at 2011, 2014: 15. Residuals -1, 2, -1: s² = 6,
    # spread² = 6 × (1 + 1/3 + 9/2) = 35, spread = 5.916080. Margin 15 - 16 = -1: uncertain.
    ind = indicator("X", "Саны", "адам", {2014: "16"})
    seen = _seen(ind, {2010: "10", 2011: "14", 2012: "12"})
    result = forecast(ind, _pol(Polarity.INCREASE), seen, end_year=2014)
    assert result.chance is Chance.UNCERTAIN
    assert result.projected == Decimal(15)
    assert result.spread == Decimal("5.91608")
    assert result.margin == Decimal(-1)


def test_two_flat_points_far_from_the_target_are_unlikely() -> None:
    # 10, 10: projection 10; spread = floor 5 % × 20 = 1; margin 10 - 20 = -10.
    ind = indicator("X", "Саны", "адам", {2014: "20"})
    result = forecast(
        ind, _pol(Polarity.INCREASE), _seen(ind, {2010: "10", 2011: "10"}), end_year=2014
    )
    assert (result.chance, result.spread, result.margin) == (Chance.UNLIKELY, 1, -10)


def test_one_point_is_not_enough() -> None:
    result = forecast(
        UNEMPLOYMENT, _pol(Polarity.DECREASE), _seen(UNEMPLOYMENT, {2010: "5"}), end_year=2014
    )
    assert result.chance is Chance.NOT_ENOUGH_DATA
    assert result.message.startswith("not enough data")


def test_as_of_ignores_later_facts() -> None:
    seen = _seen(UNEMPLOYMENT, {2010: "5.775", 2011: "5.4", 2012: "5.3"})
    result = forecast(UNEMPLOYMENT, _pol(Polarity.DECREASE), seen, end_year=2014, as_of=2010)
    assert result.chance is Chance.NOT_ENOUGH_DATA


def test_final_fact_in_says_reached_or_missed() -> None:
    pol = _pol(Polarity.DECREASE)
    reached = forecast(UNEMPLOYMENT, pol, _seen(UNEMPLOYMENT, {2014: "5.0"}), end_year=2014)
    missed = forecast(UNEMPLOYMENT, pol, _seen(UNEMPLOYMENT, {2014: "6.1"}), end_year=2014)
    assert (reached.chance, missed.chance) == (Chance.REACHED, Chance.MISSED)


def test_targets_that_stop_early_use_the_last_target_year() -> None:
    ind = indicator("P001-Q1", "Саны", "дана", {2010: "2", 2011: "2", 2012: "4"})
    result = forecast(
        ind, _pol(Polarity.INCREASE), _seen(ind, {2010: "2", 2011: "3"}), end_year=2014
    )
    assert result.target is not None and result.target.year == 2012
    assert result.projected == Decimal(4)  # 2 + 1 a year
    assert result.chance is Chance.UNCERTAIN  # margin 0, spread 0.2


def test_keep_margin_is_the_tolerance_band_minus_the_distance() -> None:
    # level 40, tolerance 5 % -> band 2; 2 points 40, 41 -> 2014: 44; margin 2 - 4 = -2;
    # spread = floor 5 % × 40 = 2: unlikely (margin <= -spread).
    ind = indicator("X", "Деңгей", "%", {2014: "40"})
    result = forecast(ind, _pol(Polarity.KEEP), _seen(ind, {2010: "40", 2011: "41"}), end_year=2014)
    assert (result.projected, result.margin, result.chance) == (44, -2, Chance.UNLIKELY)


def test_milestones_are_not_forecast() -> None:
    result = forecast(UNEMPLOYMENT, _pol(Polarity.MILESTONE), {}, end_year=2014)
    assert result.chance is Chance.NOT_FORECAST


def test_a_partial_year_is_not_a_point() -> None:
    ind = indicator("X", "Саны", "адам", {2014: "20"})
    seen = _seen(ind, {2010: "10", 2011: "12"})
    seen[2012] = Observed("X", 2012, Decimal(3), (), complete=False, note="covers 3 of 12 months")
    result = forecast(ind, _pol(Polarity.INCREASE), seen, end_year=2014)
    assert [year for year, _ in result.points] == [2010, 2011]
    assert result.projected == Decimal(18)  # 10 + 2 a year, not dragged down by 2012's 3


def test_the_sentence_rounds_what_was_computed() -> None:
    # the same facts as above: slope -0.2375 and 4.779167 in 2014, kept whole on the forecast
    seen = _seen(UNEMPLOYMENT, {2010: "5.775", 2011: "5.4", 2012: "5.3"})
    result = forecast(UNEMPLOYMENT, _pol(Polarity.DECREASE), seen, end_year=2014)
    assert result.projected == Decimal("4.779167")
    assert result.message.startswith("trend -0.238 a year over 3 years projects 4.78 in 2014 ")


_SENTENCES = {
    "en": "trend 0.2 a year over 2 years projects 1000 in 2014 against a target of 1200 "
    "(margin -200.20, spread 60.00)",
    "ru": "тренд 0,2 в год за 2 лет дает 1\xa0000 в 2014 году при плане 1\xa0200 "
    "(запас -200,20, разброс 60,00)",
    "kk": "2 жылдағы жылына 0,2 үрдіс 2014 жылы 1\xa0000 болжайды, жоспар 1\xa0200 "
    "(қор -200,20, шашырау 60,00)",
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_sentence_has_no_exponent_and_the_languages_numbers(language: Language) -> None:
    # 999.2 in 2011, 999.4 in 2012: 0.2 a year, 999.8 in 2014, which to three significant digits
    # is 1000 (".3g" wrote it "1.00e+3"). Target 1200: margin 999.8 - 1200 = -200.2; with two
    # points the spread is the floor, 5 % of 1200 = 60: unlikely.
    ind = indicator("X", "Саны", "адам", {2014: "1200"})
    seen = _seen(ind, {2011: "999.2", 2012: "999.4"})
    with use_language(language):
        result = forecast(ind, _pol(Polarity.INCREASE), seen, end_year=2014)
    assert result.chance is Chance.UNLIKELY
    assert result.message.startswith(_SENTENCES[language] + ": ")
    assert "e+" not in result.message.lower()
