"""Rolling the facts up to one row per indicator and year, by the cheapest exact way at hand.

Facts with positions (a Parquet file without revisions) whose first facts are in order take the
sorted path (``_columnar_sorted``): one pass by indicator and year, each indicator-year's shape
proven from its sums, and in the same statement the scores, as if all were proven
(``_columnar_score.first_scores_sql``). Then one look at what the pass saw decides:

* all proven and no milestone has facts: the scores stand (the common case: one pass, one
  statement);
* some indicator-years not proven, or milestones with facts: those are rolled up by region
  (``_columnar_sql``) from their own facts and scored again, the other scores stand
  (``rescored_sql``), unless a RATIO takes its parts from other rows or a milestone has
  several facts in a year;
* then, or when nearly all facts are unproven, the general way: the pass again without scores
  (its rows kept), the rest by region, all scored from the rows (``scores_sql``).

Other facts (a relation, a CSV file, a file out of order) are all rolled up by region. Either
way the rows are the same; ``rolled_rows`` puts them side by side for the scores. What is seen
on the way (facts read, milestone facts, unknown ids) is counted on the rolled-up rows, never on
the facts again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from zhospar._exceptions import ValidationError
from zhospar.evaluate._columnar_plan import PlanTables
from zhospar.evaluate._columnar_score import (
    first_scores_sql,
    outside_rows,
    pass_counts_sql,
    rolled_rows,
    rolled_table,
    unproven_keys,
)
from zhospar.evaluate._columnar_sorted import (
    MOST_FACTS,
    every_region_sql,
    probe_sql,
    regions_sql,
    rolled_ctes,
    unproven_rows,
)
from zhospar.evaluate._columnar_source import FactTable
from zhospar.evaluate._columnar_sql import MAX_FACTS_IN_CELL, rolled_sql
from zhospar.evaluate.rollup import RollupRule

__all__ = ["RUN_TABLES", "Rolled", "roll_up"]

RUN_TABLES = ("cells", "scored", "final", "slow", "regions")  # made by each run; dropped after
# it but for the table of its scores: ``scored`` when they were made with the pass, else ``final``
_PROBE = 20_000  # the first facts of a file, which show its order and its regions
_MOSTLY = 0.9  # the share of facts left unproven above which all are rolled up by region


@dataclass(frozen=True)
class Rolled:
    """The facts rolled up to one row per indicator and year, and what was seen on the way."""

    rows: str | None  # the SQL of the rows (``rolled_rows``); None: none to score again
    in_order: int  # indicator-years rolled up in order, with proof
    facts_read: int
    milestone_facts: bool  # some milestone has a fact
    several_milestone_facts: bool  # a milestone has more than one fact in a year
    unknown: bool  # some facts are of ids the plan does not know
    scored: bool = False  # the scores are made: ``{prefix}_scored`` (``first_scores_sql``)
    rescore: bool = False  # ``{prefix}_scored``'s stand but those made again (``rescored_sql``)


def roll_up(
    con: duckdb.DuckDBPyConnection,
    source: FactTable,
    tables: PlanTables,
    prefix: str,
    plan_prefix: str,
) -> Rolled:
    """Roll ``source`` up (this run's tables are named by ``prefix``, the plan's by
    ``plan_prefix``); a period given more than ``MAX_FACTS_IN_CELL`` times is refused."""
    by_region = functools.partial(
        rolled_sql,
        prefix,
        plan_prefix,
        monthly=source.monthly,
        expected=tables.expected_regions,
        fixed_weights=tables.has_fixed_weights,
    )
    probe = _probe(con, source)
    if probe is None:
        con.execute(by_region(source.rows))
        _check_periods(con, source, prefix)
        counts = _one(con, f"SELECT {_seen(f'{prefix}_slow', plan_prefix, 'read')}")
        return _rolled(rolled_rows(prefix, proven=False, by_region=True), 0, counts)
    names, facts = probe
    # A WEIGHTED rate's base weights need each fact: never proven, so never scored here.
    score = not tables.has_base_weights
    seen = _sorted_pass(con, source, tables, prefix, plan_prefix, names, score=score)
    if seen[_FACTS] < facts:  # some fact's region was not among the first facts': no key
        names = [str(r) for r in _one(con, every_region_sql(source.rows))[0]]
        seen = _sorted_pass(con, source, tables, prefix, plan_prefix, names, score=score)
    unproven, groups, left, read, milestones, several = seen[:6]
    # Nearly all not proven: all are rolled up by region, and the pass is not used.
    mostly = unproven > 0 and left >= _MOSTLY * read
    if score and not mostly and not several and RollupRule.RATIO not in tables.rules:
        # The scores made with the pass stand but for the groups it did not prove, rolled up by
        # region and scored again, and the milestones, scored again when they have facts: no
        # other score depends on those (no RATIO takes its parts from them).
        rows = None
        if unproven:
            assert source.positioned is not None  # the sorted pass needs positions
            con.execute(by_region(unproven_rows(unproven_keys(prefix), source.positioned)))
            _check_periods(con, source, prefix)
            rows = rolled_rows(prefix, proven=False, by_region=True)
        again = bool(unproven or milestones)
        return _rolled(rows, groups - unproven, tuple(seen[3:]), scored=not again, rescore=again)
    if score:
        # The scores made with the pass do not stand, and unless all facts are rolled up by
        # region, its rows are needed: again, keeping them for the region roll-up and scores.
        score = False
        if not mostly:
            seen = _sorted_pass(con, source, tables, prefix, plan_prefix, names, score=score)
    return _prove_the_rest(con, source, prefix, by_region, seen)


def _probe(con: duckdb.DuckDBPyConnection, source: FactTable) -> tuple[list[str], int] | None:
    """The regions of the first facts (sorted) and the facts in the file; None for facts
    without positions, whose first facts show them out of order (most indicator-years with
    several facts not side by side), or too many for the packed bounds (``MOST_FACTS``): those
    are rolled up by region at once."""
    if source.positioned is None:
        return None
    several, side_by_side, names, facts = _one(con, probe_sql(source.positioned, _PROBE))
    if side_by_side * 2 < several or facts > MOST_FACTS:
        return None
    return [str(r) for r in names], int(facts)


_FACTS = 3  # in the counts of ``_sorted_pass``: the facts read


def _sorted_pass(
    con: duckdb.DuckDBPyConnection,
    source: FactTable,
    tables: PlanTables,
    prefix: str,
    plan_prefix: str,
    names: list[str],
    *,
    score: bool,
) -> tuple[Any, ...]:
    """The one pass by indicator and year with the regions ``names`` (and, with ``score``, the
    scores made as if all is proven), then what it saw: the groups not proven, all groups, the
    facts of those not proven, then ``_seen``."""
    assert source.positioned is not None  # the sorted pass needs positions
    con.execute(regions_sql(prefix, names))
    ctes = rolled_ctes(
        prefix,
        plan_prefix,
        source.positioned,
        monthly=source.monthly,
        names=names,
        expected=tables.expected_regions,
        rules=not score,  # else the scores' join with the plan's grid applies the rules
    )
    con.execute(
        first_scores_sql(
            prefix,
            plan_prefix,
            ctes,
            keep_tolerance=tables.keep_tolerance,
            rules=tables.rules,
            score=score,
        )
    )
    *counts, outside = _one(con, pass_counts_sql(prefix))
    # Rows of the plan's grid are of known indicators: only the others are looked up.
    seen = f"SELECT {_seen(outside_rows(prefix), plan_prefix, 'n', read=False)}"
    return (*counts, *(_one(con, seen) if outside else (0, 0, 0)))


def _prove_the_rest(
    con: duckdb.DuckDBPyConnection,
    source: FactTable,
    prefix: str,
    by_region: Callable[[str], str],
    seen: tuple[Any, ...],
) -> Rolled:
    """After the sorted pass without scores: roll up by region what it did not prove."""
    unproven, groups, left, *counts = seen
    proven = groups - unproven
    if unproven:
        # Facts nearly all left unproven are all rolled up by region: picking out the few that
        # were proven would cost more than it saves.
        some = left < _MOSTLY * counts[0]
        assert source.positioned is not None  # the sorted pass needs positions
        rolled = rolled_table(prefix)
        rows = unproven_rows(rolled, source.positioned) if some else source.rows
        con.execute(by_region(rows))
        _check_periods(con, source, prefix)
        proven = proven if some else 0
    sql = rolled_rows(prefix, proven=proven > 0, by_region=unproven > 0)
    return _rolled(sql, proven, tuple(counts))


def _seen(table: str, plan_prefix: str, facts: str, *, read: bool = True) -> str:
    """SQL of: the facts read (with ``read``), whether milestones have facts (several in a
    year), whether some ids are unknown; over ``table``, one row per indicator-year with
    ``facts`` facts."""
    return (
        (f"coalesce(sum(r.{facts}), 0), " if read else "") + "count(*) FILTER (WHERE k.milestone), "
        f"count(*) FILTER (WHERE k.milestone AND r.{facts} > 1), "
        f"count(*) FILTER (WHERE k.indicator_id IS NULL) FROM {table} r "
        f"LEFT JOIN {plan_prefix}_known k ON k.indicator_id = r.indicator_id"
    )


def _rolled(
    rows: str | None,
    in_order: int,
    counts: tuple[Any, ...],
    *,
    scored: bool = False,
    rescore: bool = False,
) -> Rolled:
    facts, milestones, several, unknown = counts
    return Rolled(
        rows,
        in_order,
        int(facts),
        bool(milestones),
        bool(several),
        bool(unknown),
        scored,
        rescore,
    )


def _one(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    found = con.execute(query).fetchone()
    assert found is not None  # an aggregate without GROUP BY always returns a row
    return tuple(found)


def _check_periods(con: duckdb.DuckDBPyConnection, source: FactTable, prefix: str) -> None:
    """Refuse a period given over and over, among the facts rolled up by region (a proven
    indicator-year has at most twelve facts in a region)."""
    most, ident, year, country = con.execute(
        f"SELECT most, indicator_id, year, country FROM {prefix}_slow ORDER BY most DESC LIMIT 1"
    ).fetchone() or (0, "?", 0, True)
    if most > MAX_FACTS_IN_CELL:
        where = "the whole country" if country else "one region"
        raise ValidationError(
            f"{source.name}: {most} facts for {ident}, {year}, {where}; a year has only "
            f"{MAX_FACTS_IN_CELL} distinct periods, so a period is given more than once: keep "
            "one value per period, or add a revision column"
        )
