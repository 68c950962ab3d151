"""Polarity: wording first, then the direction of the planned targets, then user overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.evaluate._build import indicator, small_plan
from zhospar._exceptions import ValidationError
from zhospar.evaluate import (
    Polarity,
    PolarityOverride,
    PolaritySource,
    apply_overrides,
    infer_polarities,
    infer_polarity,
)

RISING = {2010: "1", 2012: "2", 2014: "3"}
FALLING = {2010: "3", 2012: "2", 2014: "1"}


@pytest.mark.parametrize(
    ("name", "unit", "polarity", "word"),
    [
        ("Жұмыссыздық деңгейі", "%-бен", Polarity.DECREASE, "Жұмыссыздық деңгей"),
        (
            "Табысы ең төмен күнкөріс деңгейінен төмен халықтың үлесі",
            "%",
            Polarity.DECREASE,
            "күнкөріс деңгейінен төмен",
        ),
        ("Кедейлік деңгейі", "%", Polarity.DECREASE, "Кедейлік"),
        ("Өндірістік жарақаттану деңгейі", "коэффициент", Polarity.DECREASE, "жарақат"),
        ("Өндірістегі өлім-жітім", "адам", Polarity.DECREASE, "өлім"),
        (
            "Бәсекеге қабілеттіліктің мемлекеттік индексіндегі позиция 7.10-тармағы төмен емес",
            None,
            Polarity.DECREASE,
            "позиция",
        ),
        ("Doing Business рейтингісінде позициясын күшейту", None, Polarity.DECREASE, "рейтинг"),
        ("Қызмет көрсету уақытын қысқарту", "күн", Polarity.DECREASE, "уақытын"),
        ("Өтініштерді қарау мерзімі", "күн", Polarity.DECREASE, "күн"),
        (
            "ЗТМО-ның әкімшілік шығындарының ара салмағы",
            "%",
            Polarity.DECREASE,
            "шығындарының ара салмағ",
        ),
        ("Орташа мөлшері", "% өткен жылға", Polarity.INCREASE, "өткен жыл"),
    ],
)
def test_wording_decides_before_targets(
    name: str, unit: str | None, polarity: Polarity, word: str
) -> None:
    # Rising targets would say "increase" (or, for the growth index, falling would say
    # "decrease"): the wording must win.
    series = FALLING if polarity is Polarity.INCREASE else RISING
    result = infer_polarity(indicator("X-I1", name, unit, series, line=42))
    assert result.polarity is polarity
    assert result.source is PolaritySource.WORDING
    assert f'"{word}"' in str(result.reason)
    assert result.line == 42


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Күндізгі бөлімшелерде қызмет көрсетілетін адамдар", "адам"),  # not "күн", not "өлім"
        ("Ең төмен күнкөріс деңгейінің мөлшері", "теңге"),  # subsistence, not "below" it
        ("Уақытша жұмыс орындары", "бірлік"),  # "temporary", not "time"
    ],
)
def test_look_alike_words_do_not_fire(name: str, unit: str) -> None:
    # Falling targets: had a decrease word fired, the source would be the wording; none does,
    # so the unit (a count of people or things, or money) makes it an increase.
    result = infer_polarity(indicator("X-I1", name, unit, FALLING))
    assert (result.polarity, result.source) == (Polarity.INCREASE, PolaritySource.QUANTITY)


def test_targets_give_the_direction() -> None:
    rising = infer_polarity(indicator("X-I1", "Жұмысқа орналастырылғандардың үлесі", "%", RISING))
    falling = infer_polarity(
        indicator("X-I2", "Еңбекке қабілетті халықтың үлесі", "алушылардың санынан %", FALLING)
    )
    flat = infer_polarity(
        indicator(
            "X-I3",
            "Атаулы көмектің шекті деңгейі",
            "ЕТҚД көлеміне %",
            {2010: "40", 2011: "40", 2012: "40", 2013: "40", 2014: "40"},
            line=384,
        )
    )
    assert rising.polarity is Polarity.INCREASE
    assert str(rising.reason) == "targets rise from 1 (2010) to 3 (2014)"
    assert falling.polarity is Polarity.DECREASE
    assert flat.polarity is Polarity.KEEP
    assert str(flat.reason) == "targets stay at 40 from 40 (2010) to 40 (2014)"
    assert flat.line == 384


def test_reported_years_do_not_count_as_targets() -> None:
    # 2008-2009 are reported values; 2010-2014 targets rise even though 2009 was higher.
    ind = indicator("X-I1", "Саны", "адам", {2009: "99", 2010: "40", 2014: "50"})
    assert infer_polarity(ind).polarity is Polarity.INCREASE


def test_poverty_wording_beats_targets_that_end_higher() -> None:
    # The plan's poverty share: 12,3 11,5 15,6 13,2 12,5 ends above where it starts.
    series = {2010: "12.3", 2011: "11.5", 2012: "15.6", 2013: "13.2", 2014: "12.5"}
    name = "Табысы ең төмен күнкөріс деңгейінен төмен халықтың үлесі"
    assert infer_polarity(indicator("G5.1-I1", name, "%", series)).polarity is Polarity.DECREASE


def test_no_wording_and_one_target_defaults_to_increase() -> None:
    result = infer_polarity(indicator("X-I1", "Әдістемелік ұсынымдар", None, {2010: "2"}))
    assert (result.polarity, result.source) == (Polarity.INCREASE, PolaritySource.DEFAULT)


def test_breakdown_row_reads_its_parents_wording() -> None:
    plan = small_plan()
    polarities = infer_polarities(plan)
    assert polarities["G1.1-I1-b1"].polarity is Polarity.DECREASE
    assert "of G1.1-I1" in str(polarities["G1.1-I1-b1"].reason)
    assert polarities["T1.1.1-M1"].polarity is Polarity.MILESTONE
    assert str(polarities["T1.1.1-M1"].reason).startswith("a milestone of its task (due 2011-2012)")


def test_override_wins_and_keeps_what_inference_said() -> None:
    inferred = infer_polarities(small_plan())
    at = dt.datetime(2012, 3, 1, 9, 30)
    override = PolarityOverride(Polarity.KEEP, "the ministry keeps the level", "aigerim", at)
    result = apply_overrides(inferred, {"T1.1.1-I1": override})
    chosen = result["T1.1.1-I1"]
    assert (chosen.polarity, chosen.source) == (Polarity.KEEP, PolaritySource.OVERRIDE)
    assert chosen.override == override
    assert chosen.inferred == inferred["T1.1.1-I1"]
    assert "set to keep by aigerim on 2012-03-01 09:30" in str(chosen.reason)
    assert result["G1.1-I1"] == inferred["G1.1-I1"]  # the others untouched


def test_override_of_an_unknown_indicator_is_refused() -> None:
    override = PolarityOverride(Polarity.KEEP, "x", "u", dt.datetime(2012, 1, 1))
    with pytest.raises(ValidationError, match=r"G9\.9-I9"):
        apply_overrides(infer_polarities(small_plan()), {"G9.9-I9": override})


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Келісілген еңбек үлгі нормалары мен нормативтердің саны", "бірлік"),  # T2.1.2-I1
        ("Сатып алынған есептеу техникасының болжамды саны", "дана"),  # P011-Q3
        ("Кәсіби даярлауға жіберілген жұмыссыздар", "мың адам"),  # T1.2.2-I1
        ("Асырауында 1 адам болғанда", "млн. теңге"),
        ("Тұрғын үй көмегін алған отбасылар", "мың отбасы"),
    ],
)
def test_a_count_or_money_is_increase_whatever_its_targets(name: str, unit: str) -> None:
    # Falling targets (3, 2, 1) would say "decrease": a plan that expects fewer deliverables
    # does not make fewer better (issue 15). The unit decides, and it is not weak evidence.
    result = infer_polarity(indicator("X-I1", name, unit, FALLING))
    assert (result.polarity, result.source) == (Polarity.INCREASE, PolaritySource.QUANTITY)
    assert f'"{unit}"' in str(result.reason)
    assert not result.to_confirm


def test_a_count_whose_wording_asks_for_less_is_decrease() -> None:
    injuries = infer_polarity(indicator("X-I1", "Өндірістегі өлім-жітім", "адам", RISING))
    reduce = infer_polarity(indicator("X-I2", "Тексерулер санын қысқарту", "бірлік", RISING))
    assert injuries.polarity is reduce.polarity is Polarity.DECREASE
    assert injuries.source is reduce.source is PolaritySource.WORDING


def test_a_share_of_a_count_is_not_a_count() -> None:
    # "... санынан %" names a count, but the unit is a percentage: the targets decide, weakly.
    unit = "АӘЖ алушылардың жалпы санынан %"
    result = infer_polarity(indicator("X-I1", "Еңбекке қабілетті халықтың үлесі", unit, FALLING))
    assert (result.polarity, result.source) == (Polarity.DECREASE, PolaritySource.TARGETS)
    assert result.to_confirm and not result.confirmed


def test_confirming_is_an_override_equal_to_the_inference() -> None:
    weak = infer_polarity(indicator("X-I1", "Үлесі", "%", FALLING))
    strong = infer_polarity(indicator("X-I2", "Нормативтер", "бірлік", FALLING))
    at = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
    same = PolarityOverride(Polarity.DECREASE, "lower is the aim", "aigerim", at)
    other = PolarityOverride(Polarity.INCREASE, "more is better", "aigerim", at)
    inferred = {"X-I1": weak, "X-I2": strong}
    confirmed = apply_overrides(inferred, {"X-I1": same})["X-I1"]
    turned = apply_overrides(inferred, {"X-I1": other})["X-I1"]
    set_strong = apply_overrides(inferred, {"X-I2": other})["X-I2"]
    assert (confirmed.confirmed, confirmed.to_confirm) == (True, False)
    assert (turned.confirmed, turned.to_confirm) == (False, False)  # decided, not confirmed
    assert (set_strong.confirmed, set_strong.to_confirm) == (False, False)
