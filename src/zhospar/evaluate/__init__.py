"""The evaluation core: pure functions over the plan model and facts.

Polarity (which way is good), achievement per indicator and year, aggregation to task, goal,
direction, program and plan, roll-up of regional and sub-annual facts to the national year, a
trend forecast, and budget execution. Nothing here touches a database, HTTP or the CLI; the
report, the API and the pages call ``evaluate_year`` so a figure is computed once. The method is
documented in ``docs/method.md``. ``score_facts`` (the columnar path, for millions of facts)
gives the same national figures through DuckDB; it is imported only when first used.
"""

from typing import TYPE_CHECKING

from zhospar.evaluate.achievement import (
    ACHIEVED_AT,
    KEEP_TOLERANCE,
    LATE_PERCENT,
    NEARLY_AT,
    Achievement,
    MilestoneState,
    NoScore,
    Status,
    achieve,
    achieve_milestone,
    status_of,
    target_for,
)
from zhospar.evaluate.aggregate import (
    CAP,
    Aggregate,
    Counts,
    Level,
    aggregate_plan,
    aggregate_programs,
)
from zhospar.evaluate.budget import (
    BudgetExecution,
    GoalCost,
    PlannedFigure,
    TaskCost,
    allocation_costs,
    budget_execution,
    expenditure_id,
    planned_expenditure,
)
from zhospar.evaluate.facts import Fact, FactGroups, FactRef, UnmatchedFact, group_facts, latest
from zhospar.evaluate.forecast import SPREAD_FLOOR, Chance, Forecast, final_target, forecast
from zhospar.evaluate.polarity import (
    WEAK_SOURCES,
    IndicatorPolarity,
    Polarity,
    PolarityOverride,
    PolaritySource,
    apply_overrides,
    infer_milestone_polarity,
    infer_polarities,
    infer_polarity,
)
from zhospar.evaluate.rollup import Observed, RollupRule, RollupSpec, infer_rollup, rollup_year
from zhospar.evaluate.sentence import TO_CONFIRM, coverage, polarity_note, status_sentence
from zhospar.evaluate.service import (
    EvaluationOptions,
    PlanParts,
    PlanVsFactRow,
    YearEvaluation,
    evaluate_year,
    indicator_years,
    plan_parts,
    plan_vs_fact,
    rollup_specs,
)

if TYPE_CHECKING:
    from zhospar.evaluate.columnar import (
        ColumnarScore,
        ColumnarScores,
        PlanTables,
        plan_tables,
        score_facts,
    )

_COLUMNAR = frozenset(
    ("ColumnarScore", "ColumnarScores", "PlanTables", "plan_tables", "score_facts")
)


def __getattr__(name: str) -> object:
    """The columnar path imports DuckDB (a fifth of a second): load it only when asked for."""
    if name in _COLUMNAR:
        from zhospar.evaluate import columnar

        return getattr(columnar, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACHIEVED_AT",
    "CAP",
    "KEEP_TOLERANCE",
    "LATE_PERCENT",
    "NEARLY_AT",
    "SPREAD_FLOOR",
    "TO_CONFIRM",
    "WEAK_SOURCES",
    "Achievement",
    "Aggregate",
    "BudgetExecution",
    "Chance",
    "ColumnarScore",
    "ColumnarScores",
    "Counts",
    "EvaluationOptions",
    "Fact",
    "FactGroups",
    "FactRef",
    "Forecast",
    "GoalCost",
    "IndicatorPolarity",
    "Level",
    "MilestoneState",
    "NoScore",
    "Observed",
    "PlanParts",
    "PlanTables",
    "PlanVsFactRow",
    "PlannedFigure",
    "Polarity",
    "PolarityOverride",
    "PolaritySource",
    "RollupRule",
    "RollupSpec",
    "Status",
    "TaskCost",
    "UnmatchedFact",
    "YearEvaluation",
    "achieve",
    "achieve_milestone",
    "aggregate_plan",
    "aggregate_programs",
    "allocation_costs",
    "apply_overrides",
    "budget_execution",
    "coverage",
    "evaluate_year",
    "expenditure_id",
    "final_target",
    "forecast",
    "group_facts",
    "indicator_years",
    "infer_milestone_polarity",
    "infer_polarities",
    "infer_polarity",
    "infer_rollup",
    "latest",
    "plan_parts",
    "plan_tables",
    "plan_vs_fact",
    "planned_expenditure",
    "polarity_note",
    "rollup_specs",
    "rollup_year",
    "score_facts",
    "status_of",
    "status_sentence",
    "target_for",
]
