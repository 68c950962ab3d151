"""Aggregation to task, goal, direction and plan: capped weighted means and counts.

The small plan (see _build.py) in 2012, by hand:

    G1.1-I1   decrease, target 6.2, fact 1.55  -> 6.2 / 1.55 = 400 %, capped at 100
    T1.1.1-I1 increase, target 200, fact 190   -> 95 %  nearly
    T1.1.1-I2 increase, target 100, fact 50    -> 50 %  not achieved
    T1.1.1-I3 no fact                          -> no data
    T1.1.1-I4 deleted by No. 415               -> left out
    T1.1.1-M1 due 2011-2012, done 2011         -> 100 % achieved

    task 1.1.1: (95 + 50 + 100) / 3 = 81.67        not achieved
    goal 1.1:   (100 + 95 + 50 + 100) / 4 = 86.25  not achieved
                (with a plan's cap of 120: (120 + 95 + 50 + 100) / 4 = 91.25, nearly;
                uncapped: (400 + 95 + 50 + 100) / 4 = 161.25)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.evaluate._build import fact, small_plan
from zhospar._exceptions import ValidationError
from zhospar.evaluate import (
    CAP,
    Counts,
    EvaluationOptions,
    Level,
    Status,
    aggregate_plan,
    evaluate_year,
)
from zhospar.model.actuals import ActualInput

FACTS: list[ActualInput] = [
    fact("G1.1-I1", "2012", "1.55"),
    fact("T1.1.1-I1", "2012", "190"),
    fact("T1.1.1-I2", "2012", "50"),
    fact("T1.1.1-I4", "2012", "1"),
    fact("T1.1.1-M1", "2011", "1"),
    fact("G1.1-I1", "2012", "6.5", breakdown="Әйелдер"),
]


def _evaluate(**options: object) -> tuple[Decimal | None, Decimal | None, Counts, Counts]:
    result = evaluate_year(small_plan(), FACTS, 2012, EvaluationOptions(**options))  # type: ignore[arg-type]
    goal = result.plan_score.children[0].children[0]
    task = goal.children[0]
    return goal.score, task.score, goal.counts, task.counts


def test_capped_equal_weights() -> None:
    plan = small_plan()
    result = evaluate_year(plan, FACTS, 2012)
    assert result.achievements["G1.1-I1"].display_percent == "400.00"
    top = result.plan_score
    direction = top.children[0]
    goal = direction.children[0]
    task = goal.children[0]
    assert [n.level for n in (top, direction, goal, task)] == [
        Level.PLAN,
        Level.DIRECTION,
        Level.GOAL,
        Level.TASK,
    ]
    assert goal.score == Decimal("86.25")
    assert goal.status is Status.NOT_ACHIEVED
    assert task.score is not None
    assert task.score.quantize(Decimal("0.01")) == Decimal("81.67")
    assert task.status is Status.NOT_ACHIEVED
    assert goal.counts == Counts(achieved=2, nearly=1, not_achieved=1, no_data=1)
    assert task.counts == Counts(achieved=1, nearly=1, not_achieved=1, no_data=1)
    assert top.score == direction.score == goal.score
    assert "T1.1.1-I4" not in task.items  # deleted: left out altogether


def test_cap_is_stated_and_changes_the_mean() -> None:
    assert Decimal(100) == CAP  # the state's evaluation scores out of 100
    plan = small_plan()
    result = evaluate_year(plan, FACTS, 2012)
    uncapped = aggregate_plan(plan, result.achievements, cap=Decimal(1000))
    assert uncapped.score == Decimal("161.25")  # (400 + 95 + 50 + 100) / 4


def test_a_plans_cap_comes_in_through_the_options() -> None:
    # (120 + 95 + 50 + 100) / 4 = 91.25: nearly, where the default cap gives 86.25.
    goal_score, _, _, _ = _evaluate(cap=Decimal(120))
    assert goal_score == Decimal("91.25")


def test_weights_mapping() -> None:
    goal_score, _, _, _ = _evaluate(weights={"G1.1-I1": Decimal(2)})
    assert goal_score == Decimal(89)  # (2 × 100 + 95 + 50 + 100) / 5 = 445 / 5


def test_zero_weight_keeps_the_count_but_not_the_mean() -> None:
    goal_score, _, counts, _ = _evaluate(weights={"T1.1.1-I2": Decimal(0)})
    assert goal_score is not None  # (100 + 95 + 100) / 3 = 98.333...
    assert goal_score.quantize(Decimal("0.01")) == Decimal("98.33")
    assert counts.not_achieved == 1


def test_negative_weight_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"T1\.1\.1-I2 = -1"):
        _evaluate(weights={"T1.1.1-I2": Decimal(-1)})


def test_breakdown_rows_count_only_when_asked() -> None:
    goal_score, _, counts, _ = _evaluate(include_breakdowns=True)
    # women 6.5 / 6.5 = 100 %, youth has no fact: (100 + 95 + 50 + 100 + 100) / 5 = 89
    assert goal_score == Decimal(89)
    assert counts == Counts(achieved=3, nearly=1, not_achieved=1, no_data=2)


def test_nothing_scored_is_no_data() -> None:
    # In 2011 nothing has a fact and the milestone (due 2011-2012) is not yet due.
    result = evaluate_year(small_plan(), [], 2011)
    assert result.plan_score.score is None
    assert result.plan_score.status is Status.NO_DATA
    assert result.plan_score.counts.no_data == 5
