"""Rolling the facts up to one row per indicator and year, by the cheapest exact way at hand.

Facts with positions (a Parquet file without revisions) whose first facts are in order take the
sorted path (``_columnar_sorted``): one pass by indicator and year, each indicator-year's shape
proven from its sums; the few it cannot prove are rolled up by region (``_columnar_sql``) from
their own facts, which lie between known positions. Other facts (a relation, a CSV file, a file
out of order) are all rolled up by region. Either way the rows are the same; ``rolled_rows``
puts them side by side for the scores. What is seen on the way (facts read, milestone facts,
unknown ids) is counted on the rolled-up rows, never on the facts again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from zhospar._exceptions import ValidationError
from zhospar.evaluate._columnar_plan import PlanTables
from zhospar.evaluate._columnar_score import rolled_rows
from zhospar.evaluate._columnar_sorted import probe_sql, regions_sql, unproven_rows
from zhospar.evaluate._columnar_sorted import rolled_sql as sorted_sql
from zhospar.evaluate._columnar_source import FactTable
from zhospar.evaluate._columnar_sql import MAX_FACTS_IN_CELL, rolled_sql

__all__ = ["RUN_TABLES", "Rolled", "roll_up"]

RUN_TABLES = ("cells", "rolled", "slow", "regions")  # made by each run, dropped after it
_PROBE = 100_000  # the first facts of a file, which show whether it is in order
_MOSTLY = 0.9  # the share of facts left unproven above which all are rolled up by region


@dataclass(frozen=True)
class Rolled:
    """The facts rolled up to one row per indicator and year, and what was seen on the way."""

    rows: str  # the SQL of the rows (``rolled_rows``)
    in_order: int  # indicator-years rolled up in order, with proof
    facts_read: int
    milestone_facts: bool  # some milestone has a fact
    several_milestone_facts: bool  # a milestone has more than one fact in a year
    unknown: bool  # some facts are of ids the plan does not know


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
    names = _regions(con, source, prefix)
    if names is None:
        con.execute(by_region(source.rows))
        _check_periods(con, source, prefix)
        counts = _one(con, f"SELECT {_seen(f'{prefix}_slow', plan_prefix, 'read')}")
        rows = rolled_rows(prefix, proven=False, by_region=True, expected=_expected(tables))
        return _rolled(rows, 0, counts)
    assert source.positioned is not None  # names come only with positions
    con.execute(
        sorted_sql(
            prefix,
            plan_prefix,
            source.positioned,
            monthly=source.monthly,
            names=names,
            expected=tables.expected_regions,
        )
    )
    return _prove_the_rest(con, source, tables, prefix, plan_prefix, by_region)


def _prove_the_rest(
    con: duckdb.DuckDBPyConnection,
    source: FactTable,
    tables: PlanTables,
    prefix: str,
    plan_prefix: str,
    by_region: Callable[[str], str],
) -> Rolled:
    """After the sorted pass: roll up by region what it did not prove, and count."""
    unproven, groups, first, last, left, *counts = _one(
        con,
        "SELECT count(*) FILTER (WHERE r.shape IS NULL), count(*), "
        "min(r.pos_lo) FILTER (WHERE r.shape IS NULL), "
        "max(r.pos_hi) FILTER (WHERE r.shape IS NULL), "
        "coalesce(sum(r.n) FILTER (WHERE r.shape IS NULL), 0), "
        + _seen(f"{prefix}_rolled", plan_prefix, "n"),
    )
    proven = groups - unproven
    if unproven:
        # Facts nearly all left unproven are all rolled up by region: picking out the few that
        # were proven would cost more than it saves.
        some = left < _MOSTLY * counts[0]
        assert source.positioned is not None  # the sorted pass needs positions
        rows = unproven_rows(prefix, source.positioned, first, last) if some else source.rows
        con.execute(by_region(rows))
        _check_periods(con, source, prefix)
        proven = proven if some else 0
    sql = rolled_rows(prefix, proven=proven > 0, by_region=unproven > 0, expected=_expected(tables))
    return _rolled(sql, proven, tuple(counts))


def _regions(con: duckdb.DuckDBPyConnection, source: FactTable, prefix: str) -> list[str] | None:
    """The regions of facts that have positions, numbered in ``{prefix}_regions``; None for facts
    without positions, or whose first facts show them out of order (most indicator-years with
    several facts not side by side): those are rolled up by region at once."""
    if source.positioned is None:
        return None
    several, side_by_side = _one(con, probe_sql(source.positioned, _PROBE))
    if side_by_side * 2 < several:
        return None
    con.execute(regions_sql(prefix, source.rows))
    found = con.execute(
        f"SELECT region FROM {prefix}_regions WHERE region IS NOT NULL ORDER BY code"
    ).fetchall()
    return [str(row[0]) for row in found]


def _seen(table: str, plan_prefix: str, facts: str) -> str:
    """SQL of: the facts read, whether milestones have facts (several in a year), whether some
    ids are unknown; over ``table``, one row per indicator-year with ``facts`` facts."""
    return (
        f"coalesce(sum(r.{facts}), 0), count(*) FILTER (WHERE k.milestone), "
        f"count(*) FILTER (WHERE k.milestone AND r.{facts} > 1), "
        f"count(*) FILTER (WHERE k.indicator_id IS NULL) FROM {table} r "
        f"LEFT JOIN {plan_prefix}_known k ON k.indicator_id = r.indicator_id"
    )


def _rolled(rows: str, in_order: int, counts: tuple[Any, ...]) -> Rolled:
    facts, milestones, several, unknown = counts
    return Rolled(rows, in_order, int(facts), bool(milestones), bool(several), bool(unknown))


def _expected(tables: PlanTables) -> bool:
    return tables.expected_regions is not None


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
