"""The plan's side of the columnar scoring, as small tables loaded into DuckDB.

Nothing here decides anything: each indicator's roll-up rule comes from ``rollup_specs`` (which
calls ``infer_rollup``), its polarity from ``infer_polarities`` and ``apply_overrides``, its
target from ``target_for`` and a deletion's wording from the achievement module, exactly as the
pure path gets them. The tables only carry those decisions to the SQL, which joins them to the
facts once they are rolled up (a few rows per indicator, never per fact).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from zhospar.evaluate._columnar_score import (
    COLUMNS,
    NO_MILESTONE_FACTS,
    POLARITY,
    RULE,
    milestones_sql,
)
from zhospar.evaluate.achievement import deletion_text, target_for, years_text
from zhospar.evaluate.polarity import apply_overrides, infer_polarities
from zhospar.evaluate.rollup import RollupRule
from zhospar.evaluate.scoring_rules import NO_TARGET, NOT_ROLLED_UP, PRINTED, sql_text
from zhospar.evaluate.service import EvaluationOptions, rollup_specs
from zhospar.model.plan import Milestone, Plan
from zhospar.model.walk import iter_indicators

__all__ = ["PlanTables", "load_plan_tables", "plan_tables"]

Columns = dict[str, list[Any]]

# (column, DuckDB type) of each table; the order is the order of the SQL columns.
_SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "ind": (
        ("indicator_id", "VARCHAR"),
        ("rule", RULE),
        ("reason", "VARCHAR"),
        ("numerator", "VARCHAR"),
        ("denominator", "VARCHAR"),
        ("scale", "DOUBLE"),
        ("base", "VARCHAR"),
        ("fixed_weights", "BOOLEAN"),
        ("polarity", POLARITY),
        ("deleted", "VARCHAR"),
    ),
    "tgt": (
        ("indicator_id", "VARCHAR"),
        ("year", "INTEGER"),
        ("target", "DOUBLE"),
        ("raw", "VARCHAR"),
        ("line", "INTEGER"),
    ),
    "wgt": (("indicator_id", "VARCHAR"), ("region_key", "VARCHAR"), ("weight", "DOUBLE")),
    "ms": (
        ("indicator_id", "VARCHAR"),
        ("polarity", POLARITY),
        ("due", "INTEGER"),
        ("due_text", "VARCHAR"),
        ("deleted", "VARCHAR"),
    ),
    "years": (("year", "INTEGER"),),
}


def _empty(table: str) -> Columns:
    return {name: [] for name, _ in _SCHEMAS[table]}


@dataclass(frozen=True)
class PlanTables:
    """A plan's rules, polarities, targets and milestones for the years to score.

    Built once per plan and options (``plan_tables``) and reusable for any number of fact sets;
    on each DuckDB connection it is loaded once (as temp tables named by ``token``) and kept.
    """

    years: tuple[int, ...]
    keep_tolerance: float
    expected_regions: tuple[str, ...] | None
    tables: dict[str, Columns] = field(default_factory=dict)
    token: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False)

    @property
    def indicator_ids(self) -> list[str]:
        return list(self.tables["ind"]["indicator_id"])

    @property
    def milestone_ids(self) -> list[str]:
        return list(self.tables["ms"]["indicator_id"])

    # Read on every scoring: worked out once (ten thousand indicators take milliseconds).
    @functools.cached_property
    def has_fixed_weights(self) -> bool:
        return bool(self.tables["wgt"]["indicator_id"]) or any(self.tables["ind"]["fixed_weights"])

    @functools.cached_property
    def rules(self) -> frozenset[RollupRule]:
        return frozenset(RollupRule(rule) for rule in set(self.tables["ind"]["rule"]))

    @functools.cached_property
    def has_base_weights(self) -> bool:
        ind = self.tables["ind"]
        return any(
            rule == RollupRule.WEIGHTED.value and base is not None and not fixed
            for rule, base, fixed in zip(
                ind["rule"], ind["base"], ind["fixed_weights"], strict=True
            )
        )


def plan_tables(
    plan: Plan, years: Iterable[int] | None = None, options: EvaluationOptions | None = None
) -> PlanTables:
    """The plan's tables for ``years`` (default: every year of the planned period)."""
    opts = options or EvaluationOptions()
    wanted = tuple(years) if years is not None else tuple(plan.planned_years)
    polarities = apply_overrides(infer_polarities(plan), opts.overrides)
    specs = rollup_specs(plan, opts.rollups)
    ind, tgt, wgt = _empty("ind"), _empty("tgt"), _empty("wgt")
    for place in iter_indicators(plan):
        indicator = place.indicator
        spec = specs[indicator.id]
        deleted = deletion_text(indicator.deleted) if indicator.deleted is not None else None
        fixed = spec.weights is not None
        _append(
            ind,
            indicator.id,
            spec.rule.value,
            str(spec.reason),  # in the language of the query, as the SQL's words
            spec.numerator,
            spec.denominator,
            float(spec.scale),
            spec.base,
            fixed,
            polarities[indicator.id].polarity.value,
            deleted,
        )
        for region, weight in (spec.weights or {}).items():
            _append(wgt, indicator.id, region, float(weight))
        for year in wanted:
            cell = target_for(indicator, year)
            if cell is not None:
                value = float(cell.value) if cell.value is not None else None
                _append(tgt, indicator.id, year, value, cell.raw, cell.line)
    expected = opts.expected_regions
    return PlanTables(
        years=wanted,
        keep_tolerance=float(opts.keep_tolerance),
        expected_regions=tuple(sorted(expected)) if expected is not None else None,
        tables={
            "ind": ind,
            "tgt": tgt,
            "wgt": wgt,
            "ms": _milestones(plan, polarities),
            "years": {"year": list(wanted)},
        },
    )


def _milestones(plan: Plan, polarities: dict[str, Any]) -> Columns:
    ms = _empty("ms")
    for milestone in _each_milestone(plan):
        due = max(milestone.due_years, default=None)
        deleted = deletion_text(milestone.deleted) if milestone.deleted is not None else None
        due_text = years_text(milestone.due_years)
        polarity = polarities[milestone.id].polarity.value
        _append(ms, milestone.id, polarity, due, due_text, deleted)
    return ms


def _each_milestone(plan: Plan) -> Iterable[Milestone]:
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                yield from task.milestones


def _append(columns: Columns, *values: Any) -> None:
    for column, value in zip(columns.values(), values, strict=True):
        column.append(value)


# Made from the tables above when they are loaded: every indicator in every year with its
# target (what the scores are joined to), the note of an indicator deleted or without a target
# and the note of a rule that refuses to roll up (the same for every fact set); every milestone
# in every year; every id the plan knows (to list the others).
def _no_target() -> str:
    """Why a year has no target, compiled in the language of the moment."""
    printed = PRINTED.sql(raw="t.raw", line="t.line")
    return NO_TARGET.sql(
        year="y.year", printed=f"CASE WHEN t.raw IS NOT NULL THEN {printed} ELSE '' END"
    )


def _derived(stored: str) -> dict[str, str]:
    """The tables made from the loaded ones, named after ``stored``, the plan's prefix."""
    return {
        "grid": f"""SELECT i.*, y.year, t.target,
  coalesce(i.deleted, CASE WHEN t.target IS NULL THEN {_no_target()} END) AS plan_note,
  {NOT_ROLLED_UP.sql(why="i.reason")} AS refusal
FROM {stored}_ind i CROSS JOIN {stored}_years y
LEFT JOIN {stored}_tgt t ON t.indicator_id = i.indicator_id AND t.year = y.year""",
        "msgrid": f"SELECT m.*, y.year FROM {stored}_ms m CROSS JOIN {stored}_years y",
        "known": f"""SELECT indicator_id, bool_or(milestone) AS milestone FROM (
  SELECT indicator_id, FALSE AS milestone FROM {stored}_ind
  UNION ALL SELECT indicator_id, TRUE FROM {stored}_ms
  UNION ALL SELECT unnest([numerator, denominator, base]), FALSE FROM {stored}_ind
) WHERE indicator_id IS NOT NULL GROUP BY indicator_id""",
    }


def load_plan_tables(con: duckdb.DuckDBPyConnection, tables: PlanTables) -> str:
    """Load the plan's tables into ``con`` the first time these ``tables`` meet it (once per
    plan: the scoring of each fact set only reads them); return the prefix of their names:
    ``{prefix}_ind``, ``_tgt``, ``_wgt``, ``_ms``, ``_years``, ``_grid``, ``_msgrid``,
    ``_unreported`` (the milestones' scores when no milestone has a fact) and ``_known``.
    """
    stored = f"zhospar_plan_{tables.token}"
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?",
        [f"{stored}_unreported"],  # loaded last: when it is there, all are
    ).fetchone()
    if not (found and found[0]):
        for name, schema in _SCHEMAS.items():
            _load(con, f"{stored}_{name}", schema, tables.tables[name])
        for name, select in _derived(stored).items():
            con.execute(f"CREATE OR REPLACE TEMP TABLE {stored}_{name} AS {select}")
        _notes_as_enum(con, f"{stored}_grid")
        con.execute(  # the milestones' scores while nobody has reported on them
            f"CREATE OR REPLACE TEMP TABLE {stored}_unreported AS "
            f"WITH {NO_MILESTONE_FACTS}, {milestones_sql(stored)} "
            f"SELECT {COLUMNS} FROM milestone_scores"
        )
    return stored


def _notes_as_enum(con: duckdb.DuckDBPyConnection, grid: str) -> None:
    """The grid's notes (``plan_note``, ``refusal``) as one ENUM of their texts: a score the
    plan decides alone then carries a code, not a copy of the text (fifty thousand scores, a
    hundred and more characters each)."""
    found = con.execute(
        f"SELECT DISTINCT note FROM (SELECT plan_note AS note FROM {grid} "
        f"UNION ALL SELECT refusal FROM {grid}) WHERE note IS NOT NULL ORDER BY note"
    ).fetchall()
    texts = [str(row[0]) for row in found] or [""]
    kind = "ENUM(" + ", ".join(sql_text(text) for text in texts) + ")"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {grid} AS SELECT * REPLACE "
        f"(plan_note::{kind} AS plan_note, refusal::{kind} AS refusal) FROM {grid}"
    )


def _load(
    con: duckdb.DuckDBPyConnection,
    table: str,
    schema: Sequence[tuple[str, str]],
    columns: Columns,
) -> None:
    # One list parameter per column, unnested side by side: no row-by-row inserts.
    select = ", ".join(f"unnest(?::{kind}[]) AS {name}" for name, kind in schema)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {select}",
        [columns[name] for name, _ in schema],
    )
