"""The report's sentence for a result, worded as the ministry's reports print it.

Hand-computed from ``official-reporting.md``: 39.4 against 42.6 is 92.488 %, printed "achieved by
92.5%"; 43.1 against 44.1 is 97.732 %, "97,7%"; a fact above the plan prints "achieved" and no
percentage above 100; a lower-is-better fact at or below the plan prints "achieved (decrease -
positive dynamics)" and no percentage.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.evaluate._build import fact, indicator
from zhospar.evaluate import (
    Counts,
    IndicatorPolarity,
    Observed,
    Polarity,
    PolaritySource,
    achieve,
    coverage,
    status_sentence,
)
from zhospar.evaluate.facts import FactRef


def _sentence(polarity: Polarity, target: str, value: str | None, whole: bool = True) -> str:
    ind = indicator("X-I1", "x", "%", {2012: target})
    observed = None
    if value is not None:
        observed = Observed.single(FactRef.of(fact("X-I1", "2012", value)))
        if not whole:
            observed = Observed("X-I1", 2012, Decimal(value), observed.facts, complete=False)
    why = IndicatorPolarity("X-I1", polarity, PolaritySource.WORDING, "test")
    result = achieve(ind, why, 2012, observed)
    return status_sentence(result)


@pytest.mark.parametrize(
    ("polarity", "target", "value", "sentence"),
    [
        (Polarity.INCREASE, "42.6", "39.4", "achieved by 92.5 %"),  # 92.488 %
        (Polarity.INCREASE, "44.1", "43.1", "achieved by 97.7 %"),  # 97.732 %
        (Polarity.INCREASE, "25", "30", "achieved"),  # 120 %: no more than 100 is printed
        (Polarity.INCREASE, "25", "25", "achieved"),
        (Polarity.INCREASE, "100", "85", "not achieved: 85.0 %"),
        (Polarity.INCREASE, "0", "3", "achieved"),  # target 0: met, no ratio
        (Polarity.DECREASE, "6.2", "5.3", "achieved (decrease: positive dynamics)"),
        (Polarity.DECREASE, "5", "0", "achieved (decrease: positive dynamics)"),  # no ratio
        (Polarity.DECREASE, "6.2", "6.8", "achieved by 91.2 %"),  # 6.2 / 6.8 = 91.176 %
        (Polarity.DECREASE, "5", "10", "not achieved: 50.0 %"),
        (Polarity.DECREASE, "-5", "-3", "not achieved"),  # negatives: no ratio
        (Polarity.KEEP, "40", "41", "achieved"),  # 2.5 % off the level, within 5 %
        (Polarity.KEEP, "40", "44", "achieved by 95.0 %"),  # 100 - (10 - 5)
    ],
)
def test_sentences_follow_the_reports(
    polarity: Polarity, target: str, value: str, sentence: str
) -> None:
    assert _sentence(polarity, target, value) == sentence


def test_no_data_says_why() -> None:
    assert _sentence(Polarity.INCREASE, "10", None) == "no data: no fact yet for 2012"


def test_partial_facts_are_marked() -> None:
    assert _sentence(Polarity.INCREASE, "10", "12", whole=False) == "achieved (on partial facts)"


def test_coverage_counts_the_scored() -> None:
    counts = Counts(achieved=2, nearly=0, not_achieved=0, no_data=61)
    assert coverage(counts) == "on the 2 of 63 indicators with facts"
