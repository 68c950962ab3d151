"""Scoring facts at scale: the pure path's national yearly figures, computed by DuckDB.

``evaluate_year`` holds one Python object per fact, which is right for a plan's few thousand
facts and its report, and far too slow and too big for millions of regional monthly values. This
path reads the facts as columns (a Parquet or CSV file, a DuckDB relation, an Arrow table or
data frame; see ``_columnar_source`` for the columns) and gives, for every indicator and
milestone of the plan in every year, the same national value, achievement percentage and status
as the pure path: the same roll-up rule per indicator (``infer_rollup`` or the caller's), the same
polarity, targets, formulas, bands and no-score cases. The rules are not restated here: the
plan's decisions are taken from the pure modules into small tables (``_columnar_plan``); the
facts are rolled up to one row per indicator and year (``_columnar_rollup``: in one pass by
indicator and year for a file in order, ``_columnar_sorted``, else by region,
``_columnar_sql``) and scored by SQL compiled from the declarations the pure path runs
(``scoring_rules``: bands, formulas, reasons for no score, milestone states, messages;
``_columnar_score``); for a file in order, in the same statement as the pass.

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
    PlanTables,
    load_plan_tables,
    plan_tables,
)
from zhospar.evaluate._columnar_rollup import RUN_TABLES, Rolled, roll_up
from zhospar.evaluate._columnar_score import (
    COLUMNS,
    outside_rows,
    rescored_sql,
    scores_sql,
    shown_sql,
)
from zhospar.evaluate._columnar_source import (
    FactSource,
    FactTable,
    count_bad,
    first_bad_row,
    open_facts,
)
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
        """A row of ``COLUMNS`` (an INTEGER year, a BIGINT count): fifty thousand are made for
        a big plan, so by position, with the enums looked up in dicts."""
        ident, year, polarity, status, no_score, percent, deviation, fact, target = row[:9]
        rule, complete, facts, milestone, note = row[9:]
        return cls(
            ident,
            year,
            _POLARITY[polarity],
            _STATUS[status],
            _NO_SCORE[no_score],
            percent,
            deviation,
            fact,
            target,
            _RULE[rule],
            complete,
            facts or 0,
            _MILESTONE[milestone],
            note or "",
        )


@dataclass(frozen=True)
class ColumnarScores:
    """The scores, kept in DuckDB so that millions of facts never become objects.

    ``table`` names a view of the run's table of scores, in ``COLUMNS``. ``rows()`` brings them
    into Python (one per indicator and year: small); ``relation`` keeps them in DuckDB, e.g. to
    write Parquet. ``unscored_ids`` are ids of facts that the plan does not know (budget facts
    such as ``P002-X`` among them), so nothing is dropped silently. ``in_order`` says how many
    indicator-years took the fast path (``_columnar_sorted``). Statuses, no-score reasons,
    rules, polarities and milestone states are ENUM columns (they read as their text).
    """

    connection: duckdb.DuckDBPyConnection
    table: str
    facts_read: int
    unscored_ids: tuple[str, ...]
    in_order: int = 0  # indicator-years rolled up from facts in order, without region grouping

    @property
    def relation(self) -> duckdb.DuckDBPyRelation:
        return self.connection.table(self.table)

    def rows(self) -> list[ColumnarScore]:
        query = f"SELECT {COLUMNS} FROM {self.table} ORDER BY indicator_id, year"
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
    kept: str | None = None  # the run's table of scores, once they are made
    cached = _parquet_metadata_cached(con)
    if not cached:
        con.execute(f"SET SESSION {_CACHE} = true")
    try:
        source = open_facts(con, facts, f"{prefix}_facts")
        if count_bad(con, source):
            raise ValidationError(first_bad_row(con, source))
        plan_prefix = load_plan_tables(con, tables)
        rolled = roll_up(con, source, tables, prefix, plan_prefix)
        _make_scores(con, source, tables, rolled, prefix, plan_prefix)
        unscored = _unscored(con, rolled, prefix, plan_prefix) if rolled.unknown else ()
        kept = "scored" if rolled.scored else "final"
    finally:
        _finish(con, prefix, kept=kept, cache=not cached)
    return ColumnarScores(con, f"{prefix}_scores", rolled.facts_read, unscored, rolled.in_order)


def _make_scores(
    con: duckdb.DuckDBPyConnection,
    source: FactTable,
    tables: PlanTables,
    rolled: Rolled,
    prefix: str,
    plan_prefix: str,
) -> None:
    """The run's table of scores: as the pass made them (``{prefix}_scored``), or those with
    some made again, or all made from the rolled-up rows (``{prefix}_final``)."""
    milestones = tables.milestone_ids if rolled.milestone_facts else None
    if rolled.rescore:
        con.execute(
            rescored_sql(
                prefix,
                plan_prefix,
                rolled=rolled.rows,
                milestones=milestones,
                keep_tolerance=tables.keep_tolerance,
                rules=tables.rules,
            )
        )
    elif not rolled.scored:
        assert rolled.rows is not None  # rows to score
        con.execute(
            scores_sql(
                prefix,
                plan_prefix,
                source.rows,
                rolled=rolled.rows,
                keep_tolerance=tables.keep_tolerance,
                rules=tables.rules,
                base_weights=tables.has_base_weights,
                milestones=milestones,
                several_milestone_facts=rolled.several_milestone_facts,
            )
        )


_CACHE = "parquet_metadata_cache"


def _parquet_metadata_cached(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this connection keeps Parquet footers. Each statement naming a Parquet file reads
    its footer again unless DuckDB keeps it, and a scoring names the file half a dozen times:
    ``score_facts`` turns the cache on for this connection, and off again after."""
    found = con.execute(f"SELECT current_setting('{_CACHE}')").fetchone()
    return bool(found[0]) if found is not None else False


def _unscored(
    con: duckdb.DuckDBPyConnection, rolled: Rolled, prefix: str, plan_prefix: str
) -> tuple[str, ...]:
    """The ids of facts the plan does not know. When the pass made the scores, only the rows
    outside the plan's grid can be of such ids."""
    with_pass = rolled.scored or rolled.rescore or rolled.rows is None
    rows = outside_rows(prefix) if with_pass else rolled.rows
    found = con.execute(
        f"SELECT DISTINCT indicator_id FROM {rows} "
        f"ANTI JOIN {plan_prefix}_known USING (indicator_id) ORDER BY 1"
    ).fetchall()
    return tuple(str(row[0]) for row in found)


def _finish(con: duckdb.DuckDBPyConnection, prefix: str, *, kept: str | None, cache: bool) -> None:
    """In one go: show the scores (``{prefix}_scores``, a view of the ``kept`` table that holds
    them: ``shown_sql``); drop this run's other tables and views (the plan's stay, for the next
    fact set; after a failure, all of the run's go); turn the Parquet metadata cache off again
    when ``score_facts`` turned it on."""
    statements = []
    if kept is not None:
        statements.append(
            f"CREATE OR REPLACE TEMP VIEW {prefix}_scores AS {shown_sql(f'{prefix}_{kept}')}"
        )
    statements += [f"DROP TABLE IF EXISTS {prefix}_{name}" for name in RUN_TABLES if name != kept]
    statements.append(f"DROP VIEW IF EXISTS {prefix}_facts")
    if cache:
        statements.append(f"SET SESSION {_CACHE} = false")
    con.execute(";".join(statements))
    with contextlib.suppress(duckdb.Error):  # a file or a relation's view: already dropped
        con.unregister(f"{prefix}_facts")
