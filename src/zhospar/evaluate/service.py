"""The evaluation of a plan for a year, in one call: the one place every figure is computed.

The report, the API and the web pages all call ``evaluate_year`` (or ``plan_vs_fact`` for the
multi-year table), so an achievement is computed once and shows the same everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from zhospar.evaluate.achievement import KEEP_TOLERANCE, Achievement, achieve, achieve_milestone
from zhospar.evaluate.aggregate import CAP, Aggregate, aggregate_plan, aggregate_programs
from zhospar.evaluate.budget import BudgetExecution, GoalCost, allocation_costs, budget_execution
from zhospar.evaluate.facts import Fact, FactGroups, UnmatchedFact, group_facts, latest
from zhospar.evaluate.forecast import Forecast, forecast
from zhospar.evaluate.polarity import (
    IndicatorPolarity,
    PolarityOverride,
    apply_overrides,
    infer_polarities,
)
from zhospar.evaluate.rollup import Observed, RollupSpec, infer_rollup, rollup_year
from zhospar.model.plan import Plan
from zhospar.model.walk import IndicatorPlace, iter_indicators, iter_milestones

__all__ = [
    "EvaluationOptions",
    "PlanParts",
    "PlanVsFactRow",
    "YearEvaluation",
    "YearScores",
    "evaluate_year",
    "indicator_years",
    "plan_parts",
    "plan_vs_fact",
    "rollup_specs",
    "scores_by_year",
]


@dataclass(frozen=True)
class PlanParts:
    """What the evaluation infers from the plan's text alone: each indicator's and milestone's
    polarity and each indicator's roll-up rule, before any user's override.

    It changes only with the text (an amendment makes a new plan), so a caller that scores
    one stored plan again and again (the server, after each recorded value) makes it once
    (``plan_parts``) and passes it in ``EvaluationOptions.parts``; only the part that depends
    on the facts is then computed per call.
    """

    plan: Plan = field(compare=False, repr=False)  # the very plan it was inferred from
    polarities: Mapping[str, IndicatorPolarity]
    rollups: Mapping[str, RollupSpec]
    places: tuple[IndicatorPlace, ...]


def plan_parts(plan: Plan) -> PlanParts:
    """Infer ``plan``'s polarities and roll-up rules once (see ``PlanParts``)."""
    places = tuple(iter_indicators(plan))
    rollups = {p.indicator.id: infer_rollup(p.indicator, p.parent) for p in places}
    return PlanParts(plan, infer_polarities(plan), rollups, places)


@dataclass(frozen=True)
class EvaluationOptions:
    """Everything a user may set; the defaults are the documented method."""

    overrides: Mapping[str, PolarityOverride] = field(default_factory=dict)
    weights: Mapping[str, Decimal] = field(default_factory=dict)
    rollups: Mapping[str, RollupSpec] = field(default_factory=dict)  # per-indicator rule
    keep_tolerance: Decimal = KEEP_TOLERANCE
    include_breakdowns: bool = False
    expected_regions: Collection[str] | None = None
    cap: Decimal = CAP  # the most a percentage counts in a roll-up; a plan may set another
    # the plan's inferred parts, made once (``plan_parts``); used only for the very same plan
    parts: PlanParts | None = field(default=None, compare=False, repr=False)

    def parts_of(self, plan: Plan) -> PlanParts:
        """The inferred parts of ``plan``: those given when made from this very plan."""
        given = self.parts
        return given if given is not None and given.plan is plan else plan_parts(plan)


@dataclass(frozen=True)
class YearEvaluation:
    year: int
    polarities: dict[str, IndicatorPolarity]
    rollups: dict[str, RollupSpec]
    achievements: dict[str, Achievement]  # every indicator, breakdown row and milestone
    plan_score: Aggregate  # the plan, with directions, goals and tasks as children
    programs: list[Aggregate]
    budget: list[BudgetExecution]
    costs: list[GoalCost]
    forecasts: dict[str, Forecast]
    unmatched: list[UnmatchedFact]


def rollup_specs(
    plan: Plan, overrides: Mapping[str, RollupSpec], parts: PlanParts | None = None
) -> dict[str, RollupSpec]:
    """Each indicator's roll-up rule: inferred from its unit and name, or the caller's."""
    inferred = parts.rollups if parts is not None and parts.plan is plan else None
    if inferred is None:
        inferred = {
            p.indicator.id: infer_rollup(p.indicator, p.parent) for p in iter_indicators(plan)
        }
    specs = dict(inferred)
    for indicator_id, spec in overrides.items():
        specs[indicator_id] = replace(spec, overridden=True)
    return specs


@dataclass(frozen=True)
class _Inputs:
    plan: Plan
    groups: FactGroups
    polarities: dict[str, IndicatorPolarity]
    specs: dict[str, RollupSpec]
    options: EvaluationOptions
    parts: PlanParts

    def observe(self, indicator_id: str, year: int) -> Observed | None:
        spec = self.specs[indicator_id]
        regions = self.options.expected_regions
        return rollup_year(
            indicator_id, year, spec, self.groups.by_indicator, expected_regions=regions
        )

    def achieve(self, place: IndicatorPlace, year: int) -> Achievement:
        ind = place.indicator
        observed = self.observe(ind.id, year)
        tolerance = self.options.keep_tolerance
        return achieve(ind, self.polarities[ind.id], year, observed, keep_tolerance=tolerance)


def _prepare(plan: Plan, facts: Iterable[Fact], options: EvaluationOptions) -> _Inputs:
    parts = options.parts_of(plan)
    groups = group_facts(plan, latest(facts))
    polarities = apply_overrides(parts.polarities, options.overrides)
    specs = rollup_specs(plan, options.rollups, parts)
    return _Inputs(plan, groups, polarities, specs, options, parts)


def evaluate_year(
    plan: Plan, facts: Iterable[Fact], year: int, options: EvaluationOptions | None = None
) -> YearEvaluation:
    """Score every indicator and milestone of ``plan`` in ``year`` and aggregate the scores.

    ``facts`` may hold several revisions of a value: only the latest counts. Forecasts use the
    facts up to ``year``.
    """
    opts = options or EvaluationOptions()
    inputs = _prepare(plan, facts, opts)
    places = inputs.parts.places
    achievements = {p.indicator.id: inputs.achieve(p, year) for p in places}
    for _, milestone in iter_milestones(plan):
        polarity = inputs.polarities[milestone.id]
        facts_of = inputs.groups.of(milestone.id)
        achievements[milestone.id] = achieve_milestone(milestone, polarity, year, facts_of)
    weights, breakdowns, cap = opts.weights, opts.include_breakdowns, opts.cap
    return YearEvaluation(
        year=year,
        polarities=inputs.polarities,
        rollups=inputs.specs,
        achievements=achievements,
        plan_score=aggregate_plan(
            plan, achievements, weights=weights, include_breakdowns=breakdowns, cap=cap
        ),
        programs=aggregate_programs(
            plan, achievements, weights=weights, include_breakdowns=breakdowns, cap=cap
        ),
        budget=budget_execution(plan, inputs.groups.by_indicator, year),
        costs=allocation_costs(plan, year),
        forecasts={p.indicator.id: _forecast(inputs, p, year) for p in places},
        unmatched=inputs.groups.unmatched,
    )


def _years(plan: Plan, until: int) -> range:
    first = min([*plan.reported_years, plan.period_start])
    return range(first, until + 1)


def _forecast(inputs: _Inputs, place: IndicatorPlace, year: int) -> Forecast:
    ind = place.indicator
    observed = {
        y: obs for y in _years(inputs.plan, year) if (obs := inputs.observe(ind.id, y)) is not None
    }
    return forecast(
        ind,
        inputs.polarities[ind.id],
        observed,
        end_year=inputs.plan.period_end,
        as_of=year,
        keep_tolerance=inputs.options.keep_tolerance,
    )


@dataclass(frozen=True)
class PlanVsFactRow:
    place: IndicatorPlace
    by_year: dict[int, Achievement]  # every year of the planned period


def plan_vs_fact(
    plan: Plan, facts: Iterable[Fact], options: EvaluationOptions | None = None
) -> list[PlanVsFactRow]:
    """The multi-year plan-vs-fact table: every indicator in every year of the plan."""
    opts = options or EvaluationOptions()
    inputs = _prepare(plan, facts, opts)
    years = plan.planned_years
    return [
        PlanVsFactRow(place, {y: inputs.achieve(place, y) for y in years})
        for place in inputs.parts.places
    ]


def indicator_years(
    plan: Plan, facts: Iterable[Fact], indicator_id: str, options: EvaluationOptions | None = None
) -> PlanVsFactRow | None:
    """One indicator's row of ``plan_vs_fact`` (None for an id the plan lacks), scoring only it:
    what one indicator's page needs, at a fraction of the whole table's cost."""
    opts = options or EvaluationOptions()
    opts = replace(opts, parts=opts.parts_of(plan))
    place = next((p for p in opts.parts_of(plan).places if p.indicator.id == indicator_id), None)
    if place is None:
        return None
    inputs = _prepare(plan, facts, opts)
    return PlanVsFactRow(place, {y: inputs.achieve(place, y) for y in plan.planned_years})


@dataclass(frozen=True)
class YearScores:
    """One planned year's aggregates and budget execution, without forecasts: what a chart over
    the years shows (the plan's score, each direction's, the programs' expenditure)."""

    year: int
    plan_score: Aggregate
    budget: list[BudgetExecution]


def scores_by_year(
    plan: Plan, facts: Iterable[Fact], options: EvaluationOptions | None = None
) -> list[YearScores]:
    """Every planned year's aggregates and budget, the facts grouped once for all the years
    (``evaluate_year`` would group them, and forecast every indicator, once per year)."""
    opts = options or EvaluationOptions()
    inputs = _prepare(plan, facts, opts)
    places = inputs.parts.places
    milestones = [m for _, m in iter_milestones(plan)]
    out = []
    for year in plan.planned_years:
        achievements = {p.indicator.id: inputs.achieve(p, year) for p in places}
        for m in milestones:
            polarity, facts_of = inputs.polarities[m.id], inputs.groups.of(m.id)
            achievements[m.id] = achieve_milestone(m, polarity, year, facts_of)
        score = aggregate_plan(
            plan,
            achievements,
            weights=opts.weights,
            include_breakdowns=opts.include_breakdowns,
            cap=opts.cap,
        )
        out.append(
            YearScores(year, score, budget_execution(plan, inputs.groups.by_indicator, year))
        )
    return out
