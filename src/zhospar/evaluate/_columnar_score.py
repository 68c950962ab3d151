"""The scores of the columnar path: each indicator's rolled-up year against its target.

Everything here runs on the rolled-up rows (one per indicator and year, from ``_columnar_sorted``
and ``_columnar_sql``, put side by side by ``rolled_rows``) and on the plan's tables, never on
the facts: roll up by each indicator's rule, join the targets, score by polarity and band, with
the constants of ``achievement.py``; milestones by their due year as ``achieve_milestone``.

Cheap to plan and to write, since at fifty thousand rows both cost more than the work itself:
for a file in order, the scores are made in the statement of the pass that rolls the facts up
(``first_scores_sql``), and made again only where the pass proved nothing (``rescored_sql``);
only the branches of the rules the plan has are written; statuses, reasons, rules and polarities
are ENUM columns rather than text, and so are the notes the plan alone decides (an ENUM of the
plan's texts, put back by ``shown_sql``); the milestones' scores while nobody has reported on
them are made once per plan (``{t}_unreported``). A column used by another is made in an
earlier CTE: DuckDB would write its expression again in place.

``t`` names the plan's tables (``_columnar_plan``), ``p`` this run's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from zhospar.evaluate.achievement import (
    ACHIEVED_AT,
    LATE_PERCENT,
    NEARLY_AT,
    MilestoneState,
    NoScore,
    Status,
)
from zhospar.evaluate.polarity import Polarity
from zhospar.evaluate.rollup import RollupRule

__all__ = [
    "BAND_SLACK",
    "COLUMNS",
    "NOT_ROLLED_UP",
    "NO_MILESTONE_FACTS",
    "POLARITY",
    "RULE",
    "milestones_sql",
    "outside_rows",
    "pass_counts_sql",
    "rescored_sql",
    "rolled_rows",
    "scores_sql",
    "shown_sql",
    "unproven_keys",
]

BAND_SLACK = 1e-12  # a percentage this close (relatively) to a band's edge counts as at the edge


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _num(value: object) -> str:
    return repr(float(str(value)))


def enum_type(enum: type[StrEnum]) -> str:
    """The DuckDB ENUM of ``enum``'s values: a column of it is written several times faster
    than the same words as text (measured: 5 columns of 50,000 rows, 4 ms against 13)."""
    return "ENUM(" + ", ".join(_q(member.value) for member in enum) + ")"


RULE, STATUS, NO_SCORE, POLARITY, MILESTONE = (
    enum_type(enum) for enum in (RollupRule, Status, NoScore, Polarity, MilestoneState)
)


def _literals(enum: type[StrEnum], kind: str) -> dict[Any, str]:
    return {member: f"{_q(member.value)}::{kind}" for member in enum}


_S = _literals(Status, STATUS)
_N = _literals(NoScore, NO_SCORE)
_M = _literals(MilestoneState, MILESTONE)


def _plain(enum: type[StrEnum]) -> dict[Any, str]:
    """Values as plain text, for comparing with an ENUM column (DuckDB casts the text once) and
    for CASE branches cast once as a whole: each ENUM written in a statement is bound apart."""
    return {member: _q(member.value) for member in enum}


_R, _P, _SV, _NV = (_plain(enum) for enum in (RollupRule, Polarity, Status, NoScore))
_NO_PARTS = "(SELECT NULL::VARCHAR AS indicator_id, NULL::DOUBLE AS value, NULL::BOOLEAN AS full)"


# The sorted pass's columns kept as r_<name> by ``first_scores_sql`` without scores, for the
# region roll-up and ``scores_sql`` (its ``n`` as ``facts``, its id again as ``r_id``). With
# scores, only the shape is kept, and the id, year and total on rows outside the grid: each
# column written costs about half a millisecond.
CARRIED = (
    "shape",
    "total",
    "last_value",
    "national",
    "short_months",
    "short_last",
    "missing",
)


def rolled_table(p: str) -> str:
    """The sorted pass's rows (``_columnar_sorted.rolled_ctes``) as ``first_scores_sql`` keeps
    them without scores in ``{p}_scored``, by their own names, as a subquery."""
    columns = ", ".join(f"r_{c} AS {c}" for c in CARRIED)
    return f"(SELECT indicator_id, year, facts AS n, {columns} FROM {p}_scored)"


def pass_counts_sql(p: str) -> str:
    """Of the sorted pass's rows in ``{p}_scored`` (scored or not; a row rolled up from facts
    has at least one): how many are not proven, how many there are, their facts, all facts,
    and how many are of ids outside the plan's grid (``outside_rows``). One scan."""
    rolled, unproven = "facts > 0", "facts > 0 AND r_shape IS NULL"
    return (
        f"SELECT count(*) FILTER (WHERE {unproven}), count(*) FILTER (WHERE {rolled}), "
        f"coalesce(sum(facts) FILTER (WHERE {unproven}), 0), "
        f"coalesce(sum(facts) FILTER (WHERE {rolled}), 0), "
        f"count(*) FILTER (WHERE r_id IS NOT NULL) FROM {p}_scored"
    )


def unproven_keys(p: str) -> str:
    """The indicator-years of the plan's grid that the pass scored in ``{p}_scored`` without
    proving them (with columns ``indicator_id``, ``year`` and ``shape``, NULL)."""
    return (
        f"(SELECT indicator_id, year, r_shape AS shape FROM {p}_scored "
        "WHERE facts > 0 AND r_shape IS NULL AND indicator_id IS NOT NULL)"
    )


def outside_rows(p: str) -> str:
    """The pass's rows of ids outside the plan's grid, by ``indicator_id`` and ``n``."""
    return f"(SELECT r_id AS indicator_id, facts AS n FROM {p}_scored WHERE r_id IS NOT NULL)"


def _proven(source: str, more: str = "") -> str:
    """The sorted pass's rows of ``source`` in the columns of ``rolled_rows`` (and ``more``)."""
    return (
        "SELECT indicator_id, year, n, total, last_value, national, FALSE AS overlapping, "
        "NULL::VARCHAR AS overlap_at, short_months, short_last, missing, "
        "NULL::DOUBLE AS w_sum, NULL::DOUBLE AS w_den, NULL::VARCHAR AS w_missing, "
        f"n AS read{more} FROM {source}"
    )


def rolled_rows(p: str, *, proven: bool, by_region: bool) -> str:
    """Every indicator-year's rolled-up facts, as one relation: the rows the sorted path proved
    (kept in ``{p}_scored``) and those rolled up by region (``{p}_slow``). Columns:
    indicator_id, year, n, total, last_value, national, overlapping, overlap_at, short_months,
    short_last, missing, w_sum, w_den, w_missing and read (the facts of the indicator-year, the
    country's and the regions')."""
    parts = []
    if proven:
        parts.append(_proven(rolled_table(p)) + " WHERE shape IS NOT NULL")
    if by_region:
        parts.append(
            "SELECT indicator_id, year, n, total, last_value, country AND has_year AS national, "
            "overlapping, overlap_at, short_months, short_last, missing, w_sum, w_den, w_missing, "
            f"read FROM {p}_slow"
        )
    return "(" + " UNION ALL ".join(parts) + ")"


def _own(rows: str) -> str:
    """Each indicator's facts as ``rollup_year`` has them: a national yearly fact used as it is,
    and the sum that SUM (and a RATIO's parts) would take, with whether it is whole."""
    return f"""
own AS (
  SELECT *,
    CASE WHEN national THEN last_value WHEN NOT overlapping THEN total END AS value,
    national OR (short_months IS NULL AND missing IS NULL) AS full
  FROM {rows}
)"""


def _based(t: str, rows: str) -> str:
    """WEIGHTED by a base indicator: each rate meets the base fact of its region and period."""
    return f"""
based_cells AS (
  SELECT r.indicator_id, r.year, r.region IS NULL AS national,
    sum(r.value * b.value) AS b_sum, sum(b.value) AS b_den,
    string_agg(coalesce(r.region, 'country') || ' ' || r.year || '/' || r.p_start || '+'
      || r.p_len, ', ') FILTER (WHERE b.value IS NULL) AS b_missing
  FROM ({rows}) r
  JOIN {t}_ind i ON i.indicator_id = r.indicator_id AND i.rule = {_R[RollupRule.WEIGHTED]}
    AND i.base IS NOT NULL AND NOT i.fixed_weights
  LEFT JOIN ({rows}) b ON b.indicator_id = i.base AND b.year = r.year
    AND b.region IS NOT DISTINCT FROM r.region AND b.p_start = r.p_start AND b.p_len = r.p_len
  GROUP BY ALL
),
based AS (  -- the country's rates when there are any, as _prefer_national does
  SELECT * FROM based_cells
  QUALIFY national OR NOT bool_or(national) OVER (PARTITION BY indicator_id, year)
)"""


def _joins(
    t: str, *, rules: frozenset[RollupRule], base_weights: bool, carry: bool, grid: str
) -> str:
    """The plan's grid with each indicator's own facts (all of them when ``carry``: the rows of
    ids not in the grid are kept too); a RATIO's parts and a WEIGHTED rate's base only when the
    plan has such rules (each join is a pipeline more to run)."""
    joins = [
        f"FROM {grid} g",
        f"{'FULL' if carry else 'LEFT'} JOIN own o "
        "ON o.indicator_id = g.indicator_id AND o.year = g.year",
    ]
    if RollupRule.RATIO in rules:
        joins.append("LEFT JOIN own num ON num.indicator_id = g.numerator AND num.year = g.year")
        joins.append("LEFT JOIN own den ON den.indicator_id = g.denominator AND den.year = g.year")
    if base_weights:
        joins.append("LEFT JOIN based bw ON bw.indicator_id = g.indicator_id AND bw.year = g.year")
    elif RollupRule.WEIGHTED in rules:  # fixed weights only: no base facts
        joins.append(
            "LEFT JOIN (SELECT NULL::DOUBLE AS b_sum, NULL::DOUBLE AS b_den, "
            "NULL::VARCHAR AS b_missing) bw ON FALSE"
        )
    return "\n  ".join(joins)


NOT_ROLLED_UP = "not rolled up: "
_NOT_ROLLED_UP = _q(NOT_ROLLED_UP)
_W_NUM = "CASE WHEN g.fixed_weights THEN o.w_sum ELSE bw.b_sum END"
_W_DEN = "CASE WHEN g.fixed_weights THEN o.w_den ELSE bw.b_den END"
_W_MISSING = (
    "CASE WHEN g.fixed_weights THEN o.w_missing WHEN g.base IS NULL "
    "THEN coalesce(o.w_missing, 'country') ELSE bw.b_missing END"
)
# Per rule, the CASE branches of: no fact at all, a refusal, the value, whether it is whole.
_NOTHING: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"""WHEN g.rule = {_R[RollupRule.RATIO]} THEN g.numerator IS NOT NULL
        AND g.denominator IS NOT NULL AND num.indicator_id IS NULL AND den.indicator_id IS NULL""",
}
# A refusal is the score's note as it stands ("not rolled up: ..."), but NONE's: the same for
# every fact set, that is the plan grid's ``refusal`` (``plan_note``), and this one is empty.
_REFUSED: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"""WHEN g.rule = {_R[RollupRule.RATIO]} THEN {_NOT_ROLLED_UP} || CASE
        WHEN g.numerator IS NULL OR g.denominator IS NULL
          THEN 'RATIO needs a numerator and a denominator'
        WHEN num.indicator_id IS NULL AND den.indicator_id IS NULL THEN NULL
        WHEN num.value IS NULL THEN 'no usable facts for ' || g.numerator || ' in ' || g.year
        WHEN den.value IS NULL THEN 'no usable facts for ' || g.denominator || ' in ' || g.year
        WHEN den.value = 0 THEN 'the denominator ' || g.denominator || ' is 0' END""",
    None: "WHEN o.indicator_id IS NULL THEN NULL",  # the rules below need own facts
    RollupRule.NONE: f"WHEN g.rule = {_R[RollupRule.NONE]} THEN ''",  # the plan's note
    RollupRule.WEIGHTED: f"""WHEN g.rule = {_R[RollupRule.WEIGHTED]} THEN {_NOT_ROLLED_UP} || CASE
        WHEN {_W_MISSING} IS NOT NULL
          THEN 'no base (' || coalesce(g.base, 'weights') || ') for ' || {_W_MISSING}
        WHEN {_W_DEN} = 0 THEN 'the weights add up to 0' END""",
    RollupRule.SUM: f"""WHEN g.rule = {_R[RollupRule.SUM]} AND o.overlapping
        THEN {_NOT_ROLLED_UP} || o.overlap_at
          || ': periods overlap; adding them would count twice'""",
}
_VALUE: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"WHEN g.rule = {_R[RollupRule.RATIO]} THEN num.value / den.value * g.scale",
    RollupRule.WEIGHTED: f"WHEN g.rule = {_R[RollupRule.WEIGHTED]} THEN {_W_NUM} / {_W_DEN}",
    RollupRule.SUM: f"WHEN g.rule = {_R[RollupRule.SUM]} THEN o.value",
}
_WHOLE: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"WHEN g.rule = {_R[RollupRule.RATIO]} THEN num.full AND den.full",
    RollupRule.WEIGHTED: f"WHEN g.rule = {_R[RollupRule.WEIGHTED]} THEN TRUE",
    RollupRule.SUM: f"WHEN g.rule = {_R[RollupRule.SUM]} THEN o.full",
}


def _branches(table: dict[RollupRule | None, str], rules: frozenset[RollupRule]) -> str:
    """The branches of the rules the plan has (and those of no rule: always)."""
    return "\n      ".join(sql for rule, sql in table.items() if rule is None or rule in rules)


# What ``first_scores_sql`` keeps of the pass: on rows outside the grid, their id, year and
# total; on all, the shape, not proven for a WEIGHTED rule nor a LAST one whose last region stops
# before December (``_columnar_sorted._shaped`` leaves the rules to this join with the grid).
_CARRIED_FROM_OWN = (
    "CASE WHEN g.indicator_id IS NULL THEN o.indicator_id END AS r_id, "
    "CASE WHEN g.indicator_id IS NULL THEN o.year END AS r_year, "
    "CASE WHEN g.indicator_id IS NULL THEN o.total END AS r_total, "
    f"CASE WHEN g.rule = {_R[RollupRule.WEIGHTED]} OR (g.rule = {_R[RollupRule.LAST]} "
    "AND o.shape = 'months' AND NOT o.to_year_end) THEN NULL ELSE o.shape END AS r_shape, "
)


def _observed(
    t: str,
    *,
    rules: frozenset[RollupRule],
    base_weights: bool,
    carry: bool = False,
    grid: str | None = None,
) -> str:
    """Per plan indicator and year, as ``rollup_year``: no fact (``nothing``), a refusal and
    why, or a value, whether it is whole, and what is missing from it. Only the branches of
    the rules the plan has are written (a plan without RATIO needs no parts joined). With
    ``carry``, each row keeps what ``first_scores_sql`` keeps of the pass; ``grid``: those rows
    of the plan's grid only."""
    sum_, last = _R[RollupRule.SUM], _R[RollupRule.LAST]
    carried = _CARRIED_FROM_OWN if carry else ""
    return f"""
observed AS (
  SELECT {carried}g.indicator_id, g.year, g.polarity, g.deleted IS NOT NULL AS deleted, g.target,
    g.plan_note AS grid_note,
    CASE WHEN g.rule = {_R[RollupRule.NONE]} THEN g.refusal END AS none_note,
    o.n AS facts,
    CASE WHEN o.national THEN FALSE
      {_branches(_NOTHING, rules)}
      ELSE o.indicator_id IS NULL END AS nothing,
    CASE WHEN o.national THEN NULL
      {_branches(_REFUSED, rules)}
    END AS refused,
    CASE WHEN o.national THEN o.last_value
      {_branches(_VALUE, rules)}
      ELSE o.last_value END AS value,
    CASE WHEN o.national THEN NULL ELSE g.rule END AS rule,
    CASE WHEN o.national THEN TRUE
      {_branches(_WHOLE, rules)}
      ELSE o.short_last IS NULL AND o.missing IS NULL END AS whole,
    CASE WHEN g.rule = {sum_} THEN o.short_months WHEN g.rule = {last} THEN o.short_last
      END AS short,
    CASE WHEN g.rule IN ({sum_}, {last}) THEN o.missing END AS missing
  {_joins(t, rules=rules, base_weights=base_weights, carry=carry, grid=grid or f"{t}_grid")}
)"""


def _band(percent: str) -> str:
    achieved = _num(ACHIEVED_AT) + f" * (1 - {BAND_SLACK!r})"
    nearly = _num(NEARLY_AT) + f" * (1 - {BAND_SLACK!r})"
    return (
        f"CASE WHEN {percent} >= {achieved} THEN {_SV[Status.ACHIEVED]} "
        f"WHEN {percent} >= {nearly} THEN {_SV[Status.NEARLY]} "
        f"ELSE {_SV[Status.NOT_ACHIEVED]} END"
    )


def _better(better: str) -> str:
    return f"CASE WHEN {better} THEN {_SV[Status.ACHIEVED]} ELSE {_SV[Status.NOT_ACHIEVED]} END"


def _scored(keep_tolerance: float) -> str:
    """Each observation against its target, as ``achievement.achieve``. A column is used by
    the next CTE, never by a column of the same SELECT: DuckDB would write the used column's
    expression again in place, and planning the grown expressions costs more than running
    them (each CTE passes every column on; the final SELECT picks)."""
    inc, dec, keep = _P[Polarity.INCREASE], _P[Polarity.DECREASE], _P[Polarity.KEEP]
    return f"""
judged AS (
  SELECT * REPLACE (CASE WHEN nothing THEN NULL ELSE rule END AS rule),
    CASE WHEN nothing THEN NULL WHEN refused IS NOT NULL THEN FALSE ELSE whole END AS complete,
    CASE WHEN nothing OR refused IS NOT NULL THEN NULL ELSE value END AS fact,
    (CASE WHEN deleted THEN {_NV[NoScore.DELETED]}
      WHEN target IS NULL THEN {_NV[NoScore.NO_TARGET]}
      WHEN nothing THEN {_NV[NoScore.NO_FACT]}
      WHEN refused IS NOT NULL THEN {_NV[NoScore.NOT_ROLLED_UP]} END)::{NO_SCORE} AS no_score,
    nullif(concat_ws('; ', short, 'no fact for region(s) ' || missing), '') AS partial
  FROM observed
),
measured AS (
  SELECT *, target < 0 OR fact < 0 AS signed,
    CASE WHEN polarity = {keep} AND target <> 0
      THEN abs(fact - target) * 100 / abs(target) END AS deviation
  FROM judged
),
percented AS (
  SELECT *,
    CASE WHEN no_score IS NOT NULL THEN NULL
      WHEN polarity = {inc} THEN CASE WHEN signed OR target = 0 THEN NULL
        ELSE fact / target * 100 END
      WHEN polarity = {dec} THEN CASE WHEN signed OR fact = 0 THEN NULL
        WHEN target = 0 THEN 0 ELSE target / fact * 100 END
      WHEN polarity = {keep} THEN CASE WHEN target = 0 THEN NULL
        ELSE greatest(0, 100 - greatest(0, deviation - {keep_tolerance!r})) END
      ELSE CASE WHEN fact >= 1 THEN 100 ELSE 0 END END AS percent
  FROM measured
),
scored AS (
  SELECT *,
    (CASE WHEN no_score IS NOT NULL THEN {_SV[Status.NO_DATA]}
      WHEN polarity = {inc} AND signed THEN {_better("fact >= target")}
      WHEN polarity = {inc} AND target = 0 THEN {_SV[Status.ACHIEVED]}
      WHEN polarity = {dec} AND signed THEN {_better("fact <= target")}
      WHEN polarity = {dec} AND fact = 0 THEN {_SV[Status.ACHIEVED]}
      WHEN polarity = {keep} AND target = 0 THEN {_better("fact = 0")}
      WHEN polarity NOT IN ({inc}, {dec}, {keep}) THEN {_better("fact >= 1")}
      ELSE {_band("percent")} END)::{STATUS} AS status
  FROM percented
)"""


# The note of a score made here, and (``plan_note``) of one the plan decides alone: deleted,
# without a target, a rule that refuses to roll up. The plan's notes are an ENUM of the grid's
# texts, made once per plan (``_columnar_plan``): a code is written per score, not the text, and
# the scores are read with ``shown_sql``, which puts the two back together.
_NOTE = f"""CASE no_score
      WHEN {_NV[NoScore.DELETED]} THEN NULL
      WHEN {_NV[NoScore.NO_TARGET]} THEN NULL
      WHEN {_NV[NoScore.NO_FACT]} THEN 'no fact yet for ' || year
      WHEN {_NV[NoScore.NOT_ROLLED_UP]} THEN nullif(refused, '')
      ELSE coalesce('on partial facts: ' || partial, '') END AS note,
    CASE no_score
      WHEN {_NV[NoScore.DELETED]} THEN grid_note
      WHEN {_NV[NoScore.NO_TARGET]} THEN grid_note
      WHEN {_NV[NoScore.NOT_ROLLED_UP]} THEN none_note END AS plan_note"""


def _milestone_facts(rows: str, ids: list[str], *, several: bool, rolled: str = "own") -> str:
    """Per milestone and year: its facts, how many are not 1 or 0, whether one is 1. A year with
    one fact has it in the ``rolled`` rows (its total); the facts are read again only for the
    years with ``several``."""
    listed = ", ".join(_q(i) for i in ids)
    reread = (
        f"""UNION ALL
  SELECT f.indicator_id, f.year, count(*), count_if(f.value <> 0 AND f.value <> 1),
    bool_or(f.value = 1)
  FROM ({rows}) f SEMI JOIN (SELECT indicator_id, year FROM {rolled} WHERE read > 1) r
    ON r.indicator_id = f.indicator_id AND r.year = f.year
  WHERE f.indicator_id IN ({listed}) GROUP BY f.indicator_id, f.year"""
        if several
        else ""
    )
    return f"""
milestone_facts AS (
  SELECT indicator_id, year, 1::BIGINT AS n, (total <> 0 AND total <> 1)::BIGINT AS bad,
    total = 1 AS done
  FROM {rolled} WHERE read = 1 AND indicator_id IN ({listed})
  {reread}
)"""


NO_MILESTONE_FACTS = """
milestone_facts AS (
  SELECT NULL::VARCHAR AS indicator_id, NULL::INTEGER AS year, NULL::BIGINT AS n,
    NULL::BIGINT AS bad, NULL::BOOLEAN AS done WHERE FALSE
)"""


def milestones_sql(t: str) -> str:
    """Milestones as ``achieve_milestone``, from a ``milestone_facts`` CTE: 1 (done) or 0 (not
    done) in a year, by the due year; one nobody has reported on by a due year that has come
    has no data (no fact). The CTEs ``milestone_known`` and ``milestone_scores``."""
    done, late, not_done = (_M[s] for s in ("done", "late", "not_done"))
    return f"""
milestone_known AS (
  SELECT g.indicator_id, g.year, any_value(g.polarity) AS polarity, any_value(g.due) AS due,
    any_value(g.due_text) AS due_text, any_value(g.deleted) AS deleted,
    coalesce(sum(f.n), 0)::BIGINT AS facts, coalesce(sum(f.bad), 0) > 0 AS bad,
    min(f.year) FILTER (WHERE f.done) AS done
  FROM {t}_msgrid g
  LEFT JOIN milestone_facts f ON f.indicator_id = g.indicator_id AND f.year <= g.year
  GROUP BY g.indicator_id, g.year
),
milestone_scores AS (
  SELECT indicator_id, year, polarity,
    CASE WHEN deleted IS NOT NULL OR bad THEN NULL
      WHEN done IS NOT NULL AND (due IS NULL OR done <= due) THEN {done}
      WHEN done IS NOT NULL THEN {late}
      WHEN due IS NULL THEN NULL
      WHEN year < due THEN {_M[MilestoneState.NOT_YET_DUE]}
      WHEN facts = 0 THEN NULL
      ELSE {not_done} END AS milestone,
    CASE milestone WHEN {done} THEN {_S[Status.ACHIEVED]} WHEN {late} THEN {_S[Status.NEARLY]}
      WHEN {not_done} THEN {_S[Status.NOT_ACHIEVED]} ELSE {_S[Status.NO_DATA]} END AS status,
    CASE WHEN deleted IS NOT NULL THEN {_N[NoScore.DELETED]}
      WHEN bad THEN {_N[NoScore.BAD_FACT]}
      WHEN done IS NOT NULL THEN NULL
      WHEN due IS NULL THEN {_N[NoScore.NO_TARGET]}
      WHEN year < due THEN {_N[NoScore.NOT_YET_DUE]}
      WHEN facts = 0 THEN {_N[NoScore.NO_FACT]} END AS no_score,
    CASE milestone WHEN {done} THEN 100.0 WHEN {late} THEN {_num(LATE_PERCENT)}
      WHEN {not_done} THEN 0.0 END AS percent,
    NULL::DOUBLE AS deviation, NULL::DOUBLE AS fact, NULL::DOUBLE AS target,
    NULL::{RULE} AS rule, NULL::BOOLEAN AS complete, facts,
    CASE WHEN deleted IS NOT NULL THEN deleted
      WHEN bad THEN 'a milestone fact must be 1 (done) or 0 (not done)'
      WHEN milestone = {done} THEN 'done in ' || done
        || CASE WHEN due IS NULL THEN ' (no due year stated)' ELSE ' (due ' || due_text || ')' END
      WHEN milestone = {late} THEN 'done late: in ' || done || ', due ' || due_text
      WHEN due IS NULL THEN 'not done yet; no due year stated'
      WHEN year < due THEN 'not done yet; due ' || due_text
      WHEN facts = 0 THEN 'no report yet on this milestone (due ' || due_text || ')'
      ELSE 'not done by ' || year || '; due ' || due_text END AS note
  FROM milestone_known
)"""


COLUMNS = (
    "indicator_id, year, polarity, status, no_score, percent, deviation, fact, target, rule, "
    "complete, facts, milestone, note"
)
_STORED = COLUMNS + ", plan_note"


def shown_sql(table: str) -> str:
    """The scores kept in ``table`` as they are read: in ``COLUMNS``, the note whole, and only
    the rows of the plan's grid (a pass also keeps the rows of other ids)."""
    columns = COLUMNS.replace(", note", ", coalesce(plan_note::VARCHAR, note) AS note")
    return f"SELECT {columns} FROM {table} WHERE indicator_id IS NOT NULL"


def scores_sql(
    p: str,
    t: str,
    rows: str,
    *,
    rolled: str,
    keep_tolerance: float,
    rules: frozenset[RollupRule],
    base_weights: bool,
    milestones: list[str] | None,
    several_milestone_facts: bool = False,
) -> str:
    """The scores of every indicator (and milestone) of the plan in every year, as the table
    ``{p}_final`` (read it with ``shown_sql``), from the ``rolled`` rows (``rolled_rows``);
    ``rows`` are the facts, for the rules that need each fact (WEIGHTED by a base, milestones
    with several facts in a year).

    ``milestones``: the ids of the milestones when some have facts; None when none has, and then
    their scores (a plan's own, the same for every fact set) are ``{t}_unreported``."""
    parts = [_own(rolled)]
    if base_weights:
        parts.append(_based(t, rows))
    parts += [_observed(t, rules=rules, base_weights=base_weights), _scored(keep_tolerance)]
    union = f"SELECT *, NULL::{MILESTONE} AS milestone, {_NOTE} FROM scored"
    if milestones is None:
        union += f" UNION ALL BY NAME SELECT * FROM {t}_unreported"
    else:
        parts.append(_milestone_facts(rows, milestones, several=several_milestone_facts))
        parts.append(milestones_sql(t))
        union += " UNION ALL BY NAME SELECT * FROM milestone_scores"
    return (
        f"CREATE OR REPLACE TEMP TABLE {p}_final AS WITH {','.join(parts)}\n"
        f"SELECT {_STORED} FROM ({union})"
    )


def first_scores_sql(
    p: str,
    t: str,
    ctes: str,
    *,
    keep_tolerance: float,
    rules: frozenset[RollupRule],
    score: bool,
) -> str:
    """``{p}_scored``: the sorted pass's rows (``ctes`` end with ``rolled``) and, with
    ``score``, in the same statement the scores made from them as if every row were proven and
    no milestone had a fact: planning and writing a second table of fifty thousand rows would
    cost more than the scoring itself. Then only what ``_columnar_rollup`` checks is kept of the
    pass (``r_shape``) and, on rows of ids outside the grid (milestones' facts, unknown ids,
    years outside the plan's), their id, year and total (``r_id``, ``r_year``, ``r_total``).
    Some scores may be made again (``rescored_sql``); when that would not do, the pass is made
    again without ``score``, keeping every row by ``rolled_table``'s columns for
    ``scores_sql``."""
    if not score:
        columns = ", ".join(f"{c} AS r_{c}" for c in CARRIED)
        return (
            f"CREATE OR REPLACE TEMP TABLE {p}_scored AS WITH {ctes}\n"
            "SELECT indicator_id, year, n AS facts, indicator_id AS r_id, "
            f"{columns} FROM rolled"
        )
    parts = [
        ctes,
        _own(f"({_proven('rolled', ', shape, to_year_end')})"),
        _observed(t, rules=rules, base_weights=False, carry=True),
        _scored(keep_tolerance),
    ]
    union = (
        f"SELECT *, NULL::{MILESTONE} AS milestone, {_NOTE} FROM scored "
        f"UNION ALL BY NAME SELECT * FROM {t}_unreported"
    )
    return (
        f"CREATE OR REPLACE TEMP TABLE {p}_scored AS WITH {','.join(parts)}\n"
        f"SELECT r_id, r_year, r_total, r_shape, {_STORED} FROM ({union})"
    )


def rescored_sql(
    p: str,
    t: str,
    *,
    rolled: str | None,
    milestones: list[str] | None,
    keep_tolerance: float,
    rules: frozenset[RollupRule],
) -> str:
    """``{p}_final``: the scores made with the pass (``{p}_scored``) but those made again: of
    the indicator-years it did not prove (``unproven_keys``), from the ``rolled`` rows (rolled up
    by region), and with ``milestones``, of the milestones, from their facts (one a year, as the
    pass kept them). Only when no RATIO takes its parts from other rows and no milestone has
    several facts in a year (``_columnar_rollup``): then no other score depends on those."""
    keys = unproven_keys(p)
    parts, made, kept = [], [], f"{p}_scored s"
    if rolled is not None:
        grid = f"(SELECT g.* FROM {t}_grid g SEMI JOIN {keys} k USING (indicator_id, year))"
        parts += [
            _own(rolled),
            _observed(t, rules=rules, base_weights=False, grid=grid),
            _scored(keep_tolerance),
        ]
        made.append(f"SELECT *, NULL::{MILESTONE} AS milestone, {_NOTE} FROM scored")
        kept += f" ANTI JOIN {keys} k USING (indicator_id, year)"
    if milestones is not None:
        facts = (
            f"(SELECT r_id AS indicator_id, r_year AS year, r_total AS total, facts AS read "
            f"FROM {p}_scored WHERE r_id IS NOT NULL)"
        )
        parts += [_milestone_facts("", milestones, several=False, rolled=facts), milestones_sql(t)]
        made.append("SELECT * FROM milestone_scores")
        kept += f" ANTI JOIN {t}_msgrid m USING (indicator_id, year)"
    made.append(f"SELECT s.* FROM {kept} WHERE s.indicator_id IS NOT NULL")
    return (
        f"CREATE OR REPLACE TEMP TABLE {p}_final AS WITH {','.join(parts)}\n"
        f"SELECT {_STORED} FROM ({' UNION ALL BY NAME '.join(made)})"
    )
