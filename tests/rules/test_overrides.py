"""What an override must be, checked against the plan alone (no database).

The plan is the hand-made ``small`` one: G1.1-I1 is a share ("%-бен", line 216), T1.3.1-I1 a
count ("мың адам", line 250), G2.1-I3 deleted by No. 1417, T4.1.1-M1 a milestone.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.model.plan import Plan
from zhospar.rules.catalog import Catalog, catalog_of
from zhospar.rules.overrides import (
    RuleParams,
    check_decision,
    polarity_choice,
    rollup_choice,
    rollup_params,
    scored_indicator,
)


def refused(error: type[Exception], text: str) -> AbstractContextManager[Any]:
    """Expects ``error`` with a message holding ``text`` as it is."""
    return pytest.raises(error, match=re.escape(text))


@pytest.fixture
def cat(small_plan: Plan) -> Catalog:
    return catalog_of(small_plan, "small")


def test_a_percentage_is_never_summed(cat: Catalog, small_plan: Plan) -> None:
    with refused(ValidationError, 'G1.1-I1 is a percentage (unit "%-бен")'):
        rollup_params(cat, small_plan, "G1.1-I1", "sum", RuleParams())
    assert rollup_params(cat, small_plan, "T1.3.1-I1", "sum", RuleParams()) == {}


def test_a_ratio_needs_both_sides_and_scales_a_percentage_by_100(
    cat: Catalog, small_plan: Plan
) -> None:
    with refused(ValidationError, "the rule ratio needs a numerator and a denominator"):
        rollup_params(cat, small_plan, "G1.1-I1", "ratio", RuleParams(numerator="T1.3.1-I1"))
    params = RuleParams(numerator=" G1.1-I1-b1", denominator="T1.3.1-I1 ")
    assert rollup_params(cat, small_plan, "G1.1-I1", "ratio", params) == {
        "numerator": "G1.1-I1-b1", "denominator": "T1.3.1-I1", "scale": Decimal(100),
    }  # fmt: skip
    params = RuleParams(numerator="G1.1-I1", denominator="G4.1-I2")
    assert rollup_params(cat, small_plan, "T1.3.1-I1", "ratio", params)["scale"] == 1


def test_weighted_needs_a_live_base_and_takes_nothing_else(cat: Catalog, small_plan: Plan) -> None:
    with refused(ValidationError, "the rule weighted takes no numerator"):
        rollup_params(cat, small_plan, "G1.1-I1", "weighted", RuleParams(numerator="T1.3.1-I1"))
    with refused(ValidationError, "base: G2.1-I3 was deleted by resolution No. 1417"):
        rollup_params(cat, small_plan, "G1.1-I1", "weighted", RuleParams(base="G2.1-I3"))
    with refused(NotFoundError, 'base: no indicator "G9-I9" in plan small'):
        rollup_params(cat, small_plan, "G1.1-I1", "weighted", RuleParams(base="G9-I9"))


def test_only_a_scored_indicator_is_overridden(cat: Catalog, small_plan: Plan) -> None:
    assert scored_indicator(cat, small_plan, " G1.1-I1 ") == "G1.1-I1"
    with refused(ValidationError, "T4.1.1-M1 is a milestone: it is always scored"):
        scored_indicator(cat, small_plan, "T4.1.1-M1")
    with refused(ValidationError, "P002-X is a budget program's expenditure"):
        scored_indicator(cat, small_plan, "P002-X")
    with refused(ValidationError, "G2.1-I3 was deleted from plan small by resolution"):
        scored_indicator(cat, small_plan, "G2.1-I3")
    with refused(NotFoundError, 'no indicator "G1.1-I9" in plan small; closest: G1'):
        scored_indicator(cat, small_plan, "G1.1-I9")


def test_choices_and_the_decision_itself() -> None:
    assert (polarity_choice(" Decrease"), rollup_choice("INFERRED")) == ("decrease", "inferred")
    with refused(ValidationError, 'unknown roll-up rule "median": expected one of'):
        rollup_choice("median")
    with refused(ValidationError, "an override needs a reason"):
        check_decision("  ", "aigerim")
    with refused(ValidationError, "who makes the override must be named"):
        check_decision("ILO definition", " ")
    check_decision("ILO definition", "aigerim")
