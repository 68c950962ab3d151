"""Range rules from the units the plan prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar.rules.ranges import RangeRule, range_problem, rule_for


@pytest.mark.parametrize(
    ("unit", "rule"),
    [
        ("%-бен", RangeRule.SHARE),  # line 217
        ("жұмыспен қамтылған халықтың %", RangeRule.SHARE),  # line 260
        ("Еңбек ресурстарының құрамындағы білікті қызметкерлердің үлесі", RangeRule.SHARE),
        ("өткен жылға %-бен", RangeRule.NON_NEGATIVE_PERCENT),  # line 315
        ("% өткен жылға", RangeRule.NON_NEGATIVE_PERCENT),
        ("мың адам", RangeRule.COUNT),  # line 236
        ("бірлік", RangeRule.COUNT),
        ("дана", RangeRule.COUNT),
        ("кәсіпорындардың саны", RangeRule.COUNT),  # line 310
        ("мың теңге", RangeRule.AMOUNT),
        ("коэффициент", RangeRule.NONE),
        (None, RangeRule.NONE),
    ],
)
def test_rule_for_units_of_the_plan(unit: str | None, rule: RangeRule) -> None:
    assert rule_for(unit) is rule


@pytest.mark.parametrize(
    ("rule", "value", "refused"),
    [
        (RangeRule.SHARE, "100", False),
        (RangeRule.SHARE, "100.01", True),
        (RangeRule.SHARE, "0", False),
        (RangeRule.SHARE, "-0.5", True),
        (RangeRule.NON_NEGATIVE_PERCENT, "213.9", False),  # line "өткен жылға %  213,9"
        (RangeRule.COUNT, "-1", True),
        (RangeRule.AMOUNT, "-1", True),
        (RangeRule.NONE, "-1000", False),
    ],
)
def test_range_problem(rule: RangeRule, value: str, refused: bool) -> None:
    assert (range_problem(rule, Decimal(value)) is not None) is refused
