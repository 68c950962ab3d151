"""The parts inferred from the plan's text alone (polarities, roll-up rules), made once and
passed in the options, and one indicator's years scored alone (issue 13: a server scores again
after each recorded value; only what depends on the facts should be computed then).

Figures from the bundled text, line 217: G1.1-I1 (unemployment rate, "%-бен", a decrease)
plans 6,2 for 2012 and 6,0 for 2013; a fact equal to its target is met at exactly 100 %.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from zhospar.evaluate import (
    EvaluationOptions,
    Polarity,
    evaluate_year,
    indicator_years,
    plan_parts,
    plan_vs_fact,
)
from zhospar.evaluate import service as service_module
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period


def _fact(indicator: str, period: str, value: str) -> ActualInput:
    return ActualInput(indicator_id=indicator, period=Period.parse(period), value=Decimal(value))


FACTS = [_fact("G1.1-I1", "2012", "6.2"), _fact("G1.1-I1", "2013", "6.0")]


def test_one_indicator_is_scored_alone_as_the_whole_table_scores_it(bundled: ReadResult) -> None:
    plan = bundled.plan
    row = indicator_years(plan, FACTS, "G1.1-I1")
    assert row is not None and row.place.indicator.id == "G1.1-I1"
    # line 217: 6,2 planned for 2012 and 6,0 for 2013, each recorded as planned
    assert row.by_year[2012].percent == 100 and row.by_year[2013].percent == 100
    assert row.by_year[2012].polarity.polarity is Polarity.DECREASE
    table = {r.place.indicator.id: r for r in plan_vs_fact(plan, FACTS)}
    assert row.by_year == table["G1.1-I1"].by_year
    assert indicator_years(plan, FACTS, "G9.9-I9") is None


def test_parts_given_are_used_and_not_inferred_again(
    bundled: ReadResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = bundled.plan
    options = EvaluationOptions(parts=plan_parts(plan))
    before = evaluate_year(plan, FACTS, 2012)

    def refused(*args: object) -> object:
        raise AssertionError("the plan's polarities were inferred again")

    monkeypatch.setattr(service_module, "infer_polarities", refused)
    monkeypatch.setattr(service_module, "infer_rollup", refused)
    after = evaluate_year(plan, FACTS, 2012, options)
    assert after.achievements == before.achievements
    assert after.plan_score == before.plan_score
    assert indicator_years(plan, FACTS, "G1.1-I1", options) is not None


def test_parts_of_another_plan_are_ignored(bundled: ReadResult) -> None:
    """An amendment makes a new plan: parts inferred from the old one must not score it."""
    plan = bundled.plan
    amended = plan.model_copy(deep=True)
    amended.directions[0].goals[0].target_indicators[0].name = "Жұмыспен қамту деңгейі"
    stale = EvaluationOptions(parts=plan_parts(plan))
    assert stale.parts_of(amended) is not stale.parts
    assert stale.parts_of(amended).plan is amended
    assert stale.parts_of(plan) is stale.parts
    fresh = evaluate_year(amended, FACTS, 2012)
    assert evaluate_year(amended, FACTS, 2012, stale).achievements == fresh.achievements
    assert replace(stale, parts=None) == stale  # the parts are a cache, not an option
