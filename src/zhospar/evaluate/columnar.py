"""Scoring facts at scale: the pure path's national yearly figures, computed by DuckDB.

``evaluate_year`` holds one Python object per fact, which is right for a plan's few thousand
facts and its report, and far too slow and too big for millions of regional monthly values. This
path reads the facts as columns (a Parquet or CSV file, a DuckDB relation, an Arrow table or
data frame; see ``_columnar_source`` for the columns) and gives, for every indicator and
milestone of the plan in every year, the same national value, achievement percentage and status
as the pure path: the same roll-up rule per indicator (``infer_rollup`` or the caller's), the same
polarity, targets, formulas, bands and no-score cases. The rules are not restated here: the
plan's decisions are taken from the pure modules into small tables (``_columnar_plan``) and the
SQL (``_columnar_sql``) applies them with the constants of ``achievement.py``.

What it does not do: keep every fact as evidence (a score says how many facts it read), place
breakdown values by their label, aggregate to goals, forecast or execute budgets; for those the
plan's own facts go through ``evaluate_year``. Values are doubles, not decimals: a percentage
agrees with the pure path to about 1e-12, and one that close to a band's edge counts as at it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import duckdb

from zhospar._exceptions import ValidationError
from zhospar.evaluate._columnar_plan import (
    PLAN_TABLES,
    PlanTables,
    load_plan_tables,
    plan_tables,
)
from zhospar.evaluate._columnar_source import (
    FactSource,
    FactTable,
    count_bad,
    first_bad_row,
    open_facts,
)
from zhospar.evaluate._columnar_sql import MAX_FACTS_IN_CELL, rolled_sql, scores_sql
from zhospar.evaluate.achievement import MilestoneState, NoScore, Status
from zhospar.evaluate.polarity import Polarity
from zhospar.evaluate.rollup import RollupRule
from zhospar.evaluate.service import EvaluationOptions
from zhospar.model.plan import Plan

__all__ = [
    "ColumnarScore",
    "ColumnarScores",
    "FactSource",
    "PlanTables",
    "plan_tables",
    "score_facts",
]

_COLUMNS = (
    "indicator_id, year, polarity, status, no_score, percent, deviation, fact, target, rule, "
    "complete, facts, milestone, note"
)
_names = itertools.count(1)


def _by_value(enum: type[StrEnum]) -> dict[str | None, Any]:
    """The SQL's text back to the enum it came from (a dict lookup: 50,000 rows fetch fast)."""
    return {None: None, **{member.value: member for member in enum}}


_POLARITY, _STATUS, _NO_SCORE = _by_value(Polarity), _by_value(Status), _by_value(NoScore)
_RULE, _MILESTONE = _by_value(RollupRule), _by_value(MilestoneState)


@dataclass(frozen=True)
class ColumnarScore:
    """One indicator (or milestone) in one year, as ``Achievement`` without the evidence."""

    indicator_id: str
    year: int
    polarity: Polarity
    status: Status
    no_score: NoScore | None
    percent: float | None  # None where no ratio exists, as Achievement.percent
    deviation: float | None  # keep-at-level only
    fact: float | None  # the national value; None when there is none or it did not roll up
    target: float | None
    rule: RollupRule | None  # None: a national yearly fact used as it is, or no fact
    complete: bool | None  # False: partial (see note) or refused; None: no fact
    facts: int  # how many facts of the indicator (or milestone) were read for it
    milestone: MilestoneState | None
    note: str  # why there is no score, or what is missing from a partial value

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> ColumnarScore:
        ident, year, polarity, status, no_score, percent, deviation, fact, target = row[:9]
        rule, complete, facts, milestone, note = row[9:]
        return cls(
            indicator_id=ident,
            year=int(year),
            polarity=_POLARITY[polarity],
            status=_STATUS[status],
            no_score=_NO_SCORE[no_score],
            percent=percent,
            deviation=deviation,
            fact=fact,
            target=target,
            rule=_RULE[rule],
            complete=complete,
            facts=int(facts or 0),
            milestone=_MILESTONE[milestone],
            note=note or "",
        )


@dataclass(frozen=True)
class ColumnarScores:
    """The scores, kept as a DuckDB table so that millions of facts never become objects.

    ``rows()`` brings them into Python (one per indicator and year: small); ``relation`` keeps
    them in DuckDB, e.g. to write Parquet. ``unscored_ids`` are ids of facts that the plan
    does not know (budget facts such as ``P002-X`` among them), so nothing is dropped silently.
    """

    connection: duckdb.DuckDBPyConnection
    table: str
    facts_read: int
    unscored_ids: tuple[str, ...]

    @property
    def relation(self) -> duckdb.DuckDBPyRelation:
        return self.connection.table(self.table)

    def rows(self) -> list[ColumnarScore]:
        query = f"SELECT {_COLUMNS} FROM {self.table} ORDER BY indicator_id, year"
        return [ColumnarScore.of(row) for row in self.connection.execute(query).fetchall()]

    def by_key(self) -> dict[tuple[str, int], ColumnarScore]:
        return {(s.indicator_id, s.year): s for s in self.rows()}

    def counts(self) -> Counter[Status]:
        """How many scores have each status (without fetching the rows)."""
        query = f"SELECT status, count(*) FROM {self.table} GROUP BY status"
        return Counter({Status(s): int(n) for s, n in self.connection.execute(query).fetchall()})


def score_facts(
    plan: Plan | PlanTables,
    facts: FactSource,
    *,
    years: list[int] | None = None,
    options: EvaluationOptions | None = None,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> ColumnarScores:
    """Score every indicator and milestone of ``plan`` in ``years`` on the facts in ``facts``.

    ``plan`` may be ``plan_tables(plan, years, options)`` built once and reused for many fact
    sets; ``years`` (default: the planned period) and ``options`` then belong to it. A DuckDB
    relation must come with the ``connection`` it was made on. Bad rows raise
    ``ValidationError`` naming the file, row and column.
    """
    if isinstance(plan, PlanTables):
        if years is not None or options is not None:
            raise ValidationError("years and options are part of the PlanTables; give them there")
        tables = plan
    else:
        tables = plan_tables(plan, years, options)
    con = connection if connection is not None else duckdb.connect()
    prefix = f"zhospar_{next(_names)}"
    try:
        source = open_facts(con, facts, f"{prefix}_facts")
        if count_bad(con, source):
            raise ValidationError(first_bad_row(con, source))
        load_plan_tables(con, tables, prefix)
        con.execute(
            rolled_sql(
                prefix,
                source.rows,
                monthly=source.monthly,
                expected=tables.expected_regions,
                fixed_weights=tables.has_fixed_weights,
            )
        )
        facts_read = _check_rolled(con, source, f"{prefix}_rolled")
        con.execute(
            scores_sql(
                prefix,
                source.rows,
                keep_tolerance=tables.keep_tolerance,
                expected=tables.expected_regions,
                base_weights=tables.has_base_weights,
                milestone_ids=tables.milestone_ids,
            )
        )
        unscored = _unscored(con, prefix)
    finally:
        _drop(con, prefix)
    return ColumnarScores(con, f"{prefix}_scores", facts_read, unscored)


def _check_rolled(con: duckdb.DuckDBPyConnection, source: FactTable, rolled: str) -> int:
    """Refuse a period given over and over; return how many facts were read."""
    found = con.execute(
        f"SELECT coalesce(max(most), 0), coalesce(sum(read), 0) FROM {rolled}"
    ).fetchone()
    assert found is not None  # an aggregate without GROUP BY always returns a row
    most, total = found
    if most > MAX_FACTS_IN_CELL:
        ident, year, country = con.execute(
            f"SELECT indicator_id, year, country FROM {rolled} ORDER BY most DESC LIMIT 1"
        ).fetchone() or ("?", 0, True)
        where = "the whole country" if country else "one region"
        raise ValidationError(
            f"{source.name}: {most} facts for {ident}, {year}, {where}; a year has only "
            f"{MAX_FACTS_IN_CELL} distinct periods, so a period is given more than once: keep "
            "one value per period, or add a revision column"
        )
    return int(total)


def _unscored(con: duckdb.DuckDBPyConnection, prefix: str) -> tuple[str, ...]:
    known = (
        f"SELECT indicator_id FROM {prefix}_ind UNION ALL SELECT indicator_id FROM {prefix}_ms "
        f"UNION ALL SELECT unnest([numerator, denominator, base]) FROM {prefix}_ind"
    )
    rows = con.execute(
        f"SELECT DISTINCT indicator_id FROM {prefix}_rolled WHERE indicator_id NOT IN "
        f"(SELECT indicator_id FROM ({known}) WHERE indicator_id IS NOT NULL) ORDER BY 1"
    ).fetchall()
    return tuple(str(row[0]) for row in rows)


def _drop(con: duckdb.DuckDBPyConnection, prefix: str) -> None:
    for name in ("cells", "rolled"):
        con.execute(f"DROP TABLE IF EXISTS {prefix}_{name}")
    for name in PLAN_TABLES:
        con.execute(f"DROP VIEW IF EXISTS {prefix}_{name}")
    con.execute(f"DROP VIEW IF EXISTS {prefix}_facts")
    with contextlib.suppress(duckdb.Error):  # a file or a relation's view: already dropped
        con.unregister(f"{prefix}_facts")
