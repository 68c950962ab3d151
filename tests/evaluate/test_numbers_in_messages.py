"""The numbers inside the method and forecast sentences, as each language writes them.

Figures worked out by hand. The unemployment rate G1.1-I1 has the 2012 target "6,2" (line 217
of the plan text: "%-бен 6,9 8,0 6,6 6,4 6,2 6,0 5,9") and should fall; with a fact of 5.3 the
achievement is 6.2 / 5.3 × 100 = 116.981... %, shown 116.98. Kazakh and Russian write a decimal
comma (6,2; 116,98), English a point. A share of 0.044 against a target of 1000 is
0.044 / 1000 × 100 = 0.0044 %: shown with its two significant digits, never 0,00 %.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.evaluate._build import fact, indicator
from tests.evaluate.test_columnar import _columnar, pure_scores
from zhospar.evaluate import (
    EvaluationOptions,
    IndicatorPolarity,
    Observed,
    Polarity,
    PolaritySource,
    achieve,
    status_sentence,
)
from zhospar.evaluate.facts import FactRef
from zhospar.i18n import Language, format_percent, use_language
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period

NBSP = "\u00a0"

_G11_I1 = {
    "en": "6.2 / 5.3 × 100 = 116.98 % (decrease: target / fact); achieved",
    "ru": "6,2 / 5,3 × 100 = 116,98 % (снижение: план / факт); достигнут",
    "kk": "6,2 / 5,3 × 100 = 116,98 % (төмендеу: жоспар / дерек); орындалды",
}
_SHOWN = {"en": f"116.98{NBSP}%", "ru": f"116,98{NBSP}%", "kk": f"116,98{NBSP}%"}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_unemployment_rate_of_2012_in_both_paths(bundled: ReadResult, language: str) -> None:
    lang: Language = language  # type: ignore[assignment]
    facts = [ActualInput(indicator_id="G1.1-I1", period=Period.parse("2012"), value=Decimal("5.3"))]
    with use_language(lang):
        pure = next(
            s
            for s in pure_scores(bundled.plan, facts, EvaluationOptions())
            if (s.indicator_id, s.year) == ("G1.1-I1", 2012)
        )
        columnar = _columnar(bundled.plan, facts)[("G1.1-I1", 2012)]
        shown = (format_percent(pure.percent), format_percent(columnar.percent))
    assert pure.message == _G11_I1[language]
    assert shown == (_SHOWN[language], _SHOWN[language])
    assert columnar.note == ""  # the columnar path writes no method sentence (a note only)


def _small_share(language: Language) -> tuple[str, str | None, str]:
    ind = indicator("X-I1", "x", "%", {2012: "1000"})
    observed = Observed.single(FactRef.of(fact("X-I1", "2012", "0.044")))
    why = IndicatorPolarity("X-I1", Polarity.INCREASE, PolaritySource.WORDING, "test")
    with use_language(language):
        result = achieve(ind, why, 2012, observed)
        return result.message, result.display_percent, status_sentence(result)


@pytest.mark.parametrize(
    ("language", "message", "sentence"),
    [
        (
            "en",
            "0.044 / 1000 × 100 = 0.0044 % (increase: fact / target); not_achieved",
            "not achieved: 0.0044 %",
        ),
        (
            "ru",
            f"0,044 / 1{NBSP}000 × 100 = 0,0044 % (увеличение: факт / план); не достигнут",
            f"не достигнут: 0,0044{NBSP}%",
        ),
        (
            "kk",
            f"0,044 / 1{NBSP}000 × 100 = 0,0044 % (өсу: дерек / жоспар); орындалмады",
            f"орындалмады: 0,0044{NBSP}%",
        ),
    ],
)
def test_a_small_share_keeps_its_significant_digits(
    language: Language, message: str, sentence: str
) -> None:
    assert _small_share(language) == (message, "0.0044", sentence)


def test_a_share_that_is_zero_shows_zero() -> None:
    ind = indicator("X-I1", "x", "%", {2012: "1000"})
    observed = Observed.single(FactRef.of(fact("X-I1", "2012", "0")))
    why = IndicatorPolarity("X-I1", Polarity.INCREASE, PolaritySource.WORDING, "test")
    result = achieve(ind, why, 2012, observed)
    assert result.display_percent == "0.00"
    assert result.message.startswith("0 / 1000 × 100 = 0.00 %")
