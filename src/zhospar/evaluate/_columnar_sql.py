"""The SQL of the columnar path: one pass over the facts, then small joins with the plan.

**The one pass** (``rolled_sql``) groups the facts by indicator, year and region (NULL = the
country) and keeps, per cell, just enough to apply every roll-up rule afterwards:

* ``total``: the sum of the values (SUM, RATIO's parts, WEIGHTED's fixed weights);
* ``last_value``: the value of the latest period (LAST), by the order ``rollup._add_up`` uses
  (the later end month, then the shorter period); in the country's cell a whole-year fact
  outranks the rest, since a national yearly fact is used as it is;
* ``spread``: the months the facts cover, counted in a 5-bit field per month (a quarter adds 1 to
  three fields), plus the number of whole-year facts from bit 60 up. Two facts cover a month twice
  (an overlap, which SUM refuses) exactly when a field holds 2 or more; a field cannot carry into
  the next because a cell may hold at most ``MAX_FACTS_IN_CELL`` facts (checked);
* ``n``: the number of facts.

The same statement folds the cells into one row per indicator and year: the country's own cell
when there is one (regions are not added to it), else the regions' cells together. Everything
after (``scores_sql``) runs on those rows, never on the facts: roll up by each indicator's rule
from the plan's table, join the targets, score by polarity and band, with the constants of
``achievement.py``. Milestone facts and rates WEIGHTED by a base are read again, filtered to the
ids concerned (their rules need each fact's own value).
"""

from __future__ import annotations

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

__all__ = ["MAX_FACTS_IN_CELL", "rolled_sql", "scores_sql"]

MAX_FACTS_IN_CELL = 19  # the distinct periods of a year: 12 months, 4 quarters, 2 halves, 1 year
BAND_SLACK = 1e-12  # a percentage this close (relatively) to a band's edge counts as at the edge

_BITS = 5  # per month: counts up to 31 > MAX_FACTS_IN_CELL, so no field carries into the next
_ONES = sum(1 << (_BITS * i) for i in range(12))  # the lowest bit of every month's field
_TWO_OR_MORE = _ONES * 0b11110  # any other bit of a field: that month is covered twice
_DECEMBER = 0b11111 << (_BITS * 11)
_YEARS_AT = _BITS * 12  # whole-year facts are counted from this bit up
_COUNTRY_YEAR = 1000  # added to the latest-period key of a national whole-year fact


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _num(value: object) -> str:
    return repr(float(str(value)))


def _cell_terms(monthly: bool) -> tuple[str, str, str]:
    """(latest-period key, months aggregate, flags) of a cell, as SQL.

    A ``month`` column needs no spread: each row covers one month (or, where month is NULL,
    the whole year), so the months covered are a 12-bit OR (bit 13: a whole year) and two rows
    cover a month twice exactly when there are more rows than months covered.
    """
    if monthly:
        # Keys keep rollup's order: November (22) < a region's whole year (23) < December (24).
        key = "CASE WHEN month IS NOT NULL THEN month * 2 WHEN region IS NULL THEN 100 ELSE 23 END"
        months = "bit_or(CASE WHEN month IS NULL THEN 8191 ELSE 1 << (month - 1) END) AS mask"
        flags = (
            "(mask & 4096) <> 0 AS has_year, "
            "CASE WHEN (mask & 4096) <> 0 THEN n > 1 ELSE n > bit_count(mask) END AS overlap, "
            "bit_count(mask & 4095) AS covered, (mask & 2048) <> 0 AS to_year_end"
        )
        return key, months, flags
    key = (
        "(p_start + p_len) * 16 - p_len"
        f" + CASE WHEN p_len = 12 AND region IS NULL THEN {_COUNTRY_YEAR} ELSE 0 END"
    )
    spread = (
        f"CASE WHEN p_len = 12 THEN {_ONES + (1 << _YEARS_AT)} ELSE "
        f"(((1::BIGINT << ({_BITS} * p_len)) - 1) // {(1 << _BITS) - 1})"
        f" << ({_BITS} * (p_start - 1)) END"
    )
    flags = (
        f"(spread >> {_YEARS_AT}) > 0 AS has_year, (spread & {_TWO_OR_MORE}) <> 0 AS overlap, "
        f"bit_count((spread & {_ONES})::BIGINT) AS covered, "
        f"(spread & {_DECEMBER}) <> 0 AS to_year_end"
    )
    return key, f"sum({spread}) AS spread", flags


def rolled_sql(
    p: str,
    rows: str,
    *,
    monthly: bool,
    expected: tuple[str, ...] | None,
    fixed_weights: bool,
) -> str:
    """The one pass over the facts, down to one row per indicator and year: the country's own
    cell when there is one (regions are not added to it), or else the regions' cells combined.
    Which places overlap or fall short is listed only where it happens (lists, not text: a
    text built for every cell would cost more than the roll-up)."""
    key, months, flags = _cell_terms(monthly)
    where = "coalesce(c.region, 'country')"
    weights = (
        f"""LEFT JOIN {p}_wgt w ON w.indicator_id = c.indicator_id
      AND w.region_key = coalesce(c.region, '')"""
        if fixed_weights
        else ""
    )
    weighted = (
        f"""sum(w.weight * c.total) AS w_sum, sum(w.weight * c.n) AS w_den,
    list({where}) FILTER (WHERE w.weight IS NULL) AS w_missing"""
        if fixed_weights
        else "NULL::DOUBLE AS w_sum, NULL::DOUBLE AS w_den, NULL::VARCHAR[] AS w_missing"
    )
    regions = "list(c.region)" if expected else "NULL::VARCHAR[]"
    # Two statements: DuckDB runs the second aggregation faster over a stored table than
    # streamed from the first (measured: about a third less time in all).
    return f"""
CREATE OR REPLACE TEMP TABLE {p}_cells AS
  SELECT indicator_id, year, region, count(*) AS n, sum(value) AS total,
         arg_max(value, {key}) AS last_value, {months}
  FROM ({rows})
  GROUP BY indicator_id, year, region;
CREATE OR REPLACE TEMP TABLE {p}_rolled AS
WITH flagged AS (SELECT *, {flags} FROM {p}_cells),
scopes AS (
  SELECT c.indicator_id, c.year, c.region IS NULL AS country,
    max(c.n) AS most, sum(c.n)::BIGINT AS n, sum(c.total) AS total,
    sum(c.last_value) AS last_value, bool_or(c.has_year) AS has_year,
    bool_or(c.overlap) AS overlapping,
    list({where}) FILTER (WHERE c.overlap) AS overlap_at,
    list({{'at': {where}, 'months': c.covered}}) FILTER (WHERE c.covered < 12) AS short_months,
    list({where}) FILTER (WHERE NOT c.to_year_end) AS short_last,
    {regions} AS regions,
    {weighted}
  FROM flagged c {weights}
  GROUP BY c.indicator_id, c.year, c.region IS NULL
)
SELECT *, (sum(n) OVER (PARTITION BY indicator_id, year))::BIGINT AS read FROM scopes
QUALIFY country OR NOT bool_or(country) OVER (PARTITION BY indicator_id, year)
"""


def _listed(column: str, separator: str = ", ") -> str:
    """A list of places as text, sorted; NULL when it is empty (or NULL)."""
    return f"nullif(array_to_string(list_sort({column}), {_q(separator)}), '')"


def _sums(p: str, expected: tuple[str, ...] | None) -> str:
    """Every indicator's facts added up (SUM, and the parts of a RATIO), as ``_add_up``."""
    missing = (
        "CASE WHEN country THEN NULL ELSE "
        + _listed(
            f"list_filter([{', '.join(_q(r) for r in expected)}]::VARCHAR[], "
            "lambda r: NOT list_contains(regions, r))"
        )
        + " END"
        if expected
        else "NULL::VARCHAR"
    )
    return f"""
rolled AS (
  SELECT * EXCLUDE (regions, overlap_at, short_months, short_last, w_missing),
    CASE WHEN country AND has_year THEN last_value END AS national_value,
    {missing} AS missing_regions,
    {_listed("overlap_at")} AS overlap_at,
    nullif(array_to_string(list_transform(list_sort(short_months, 'ASC'), lambda s:
      s.at || ': covers ' || s.months || ' of 12 months'), '; '), '') AS short_months,
    nullif(array_to_string(list_transform(list_sort(short_last), lambda r:
      r || ': latest value is before the year''s end'), '; '), '') AS short_last,
    {_listed("w_missing")} AS w_missing
  FROM {p}_rolled
),
sums AS (
  SELECT indicator_id, year,
    coalesce(national_value, CASE WHEN NOT overlapping THEN total END) AS value,
    national_value IS NOT NULL
      OR (short_months IS NULL AND missing_regions IS NULL) AS complete,
    CASE WHEN national_value IS NULL AND overlapping
      THEN overlap_at || ': periods overlap; adding them would count twice' END AS refusal,
    concat_ws('; ', short_months, 'no fact for region(s) ' || missing_regions) AS partial
  FROM rolled
)"""


def _based(p: str, rows: str) -> str:
    """WEIGHTED by a base indicator: each rate meets the base fact of its region and period."""
    return f"""
based_cells AS (
  SELECT r.indicator_id, r.year, r.region IS NULL AS national,
    sum(r.value * b.value) AS b_sum, sum(b.value) AS b_den,
    string_agg(coalesce(r.region, 'country') || ' ' || r.year || '/' || r.p_start || '+'
      || r.p_len, ', ') FILTER (WHERE b.value IS NULL) AS b_missing
  FROM ({rows}) r
  JOIN {p}_ind i ON i.indicator_id = r.indicator_id AND i.rule = '{RollupRule.WEIGHTED.value}'
    AND i.base IS NOT NULL AND NOT i.fixed_weights
  LEFT JOIN ({rows}) b ON b.indicator_id = i.base AND b.year = r.year
    AND b.region IS NOT DISTINCT FROM r.region AND b.p_start = r.p_start AND b.p_len = r.p_len
  GROUP BY ALL
),
based AS (  -- the country's rates when there are any, as _prefer_national does
  SELECT * FROM based_cells
  QUALIFY national OR NOT bool_or(national) OVER (PARTITION BY indicator_id, year)
)"""


_R = {rule: _q(rule.value) for rule in RollupRule}


def _observed(p: str, base_weights: bool) -> str:
    """Per plan indicator and year: 'value', 'refused' or 'none' (no fact), as rollup_year."""
    based = (
        "LEFT JOIN based bw ON bw.indicator_id = g.indicator_id AND bw.year = g.year"
        if base_weights
        else "LEFT JOIN (SELECT NULL::DOUBLE AS b_sum, NULL::DOUBLE AS b_den, "
        "NULL::VARCHAR AS b_missing) bw ON FALSE"
    )
    w_num = "CASE WHEN g.fixed_weights THEN o.w_sum ELSE bw.b_sum END"
    w_den = "CASE WHEN g.fixed_weights THEN o.w_den ELSE bw.b_den END"
    w_missing = (
        "CASE WHEN g.fixed_weights THEN o.w_missing WHEN g.base IS NULL "
        "THEN coalesce(o.w_missing, 'country') ELSE bw.b_missing END"
    )
    return f"""
grid AS (SELECT i.*, y.year FROM {p}_ind i CROSS JOIN {p}_years y),
joined AS (
  SELECT g.*, o.n AS facts, o.national_value, o.overlapping, o.missing_regions, o.short_last,
    own.value AS sum_value, own.complete AS sum_complete, own.refusal, own.partial,
    o.last_value, o.indicator_id IS NOT NULL AS has_own,
    num.value AS num_value, num.indicator_id IS NOT NULL AS has_num,
    den.value AS den_value, den.indicator_id IS NOT NULL AS has_den,
    num.complete AND den.complete AS ratio_complete,
    {w_num} AS w_num, {w_den} AS w_den, {w_missing} AS w_missing
  FROM grid g
  LEFT JOIN rolled o ON o.indicator_id = g.indicator_id AND o.year = g.year
  LEFT JOIN sums own ON own.indicator_id = g.indicator_id AND own.year = g.year
  LEFT JOIN sums num ON num.indicator_id = g.numerator AND num.year = g.year
  LEFT JOIN sums den ON den.indicator_id = g.denominator AND den.year = g.year
  {based}
),
observed AS (
  SELECT *,
    CASE
      WHEN national_value IS NOT NULL THEN NULL
      WHEN rule = {_R[RollupRule.RATIO]} THEN CASE
        WHEN numerator IS NULL OR denominator IS NULL
          THEN 'RATIO needs a numerator and a denominator'
        WHEN NOT has_num AND NOT has_den THEN NULL
        WHEN num_value IS NULL THEN 'no usable facts for ' || numerator || ' in ' || year
        WHEN den_value IS NULL THEN 'no usable facts for ' || denominator || ' in ' || year
        WHEN den_value = 0 THEN 'the denominator ' || denominator || ' is 0' END
      WHEN NOT has_own THEN NULL
      WHEN rule = {_R[RollupRule.NONE]} THEN reason
      WHEN rule = {_R[RollupRule.WEIGHTED]} THEN CASE
        WHEN w_missing IS NOT NULL
          THEN 'no base (' || coalesce(base, 'weights') || ') for ' || w_missing
        WHEN w_den = 0 THEN 'the weights add up to 0' END
      WHEN rule = {_R[RollupRule.SUM]} THEN refusal
    END AS refused,
    CASE
      WHEN national_value IS NOT NULL THEN 'value'
      WHEN rule = {_R[RollupRule.RATIO]} AND numerator IS NOT NULL AND denominator IS NOT NULL
        AND NOT has_num AND NOT has_den THEN 'none'
      WHEN rule <> {_R[RollupRule.RATIO]} AND NOT has_own THEN 'none'
    END AS nothing
  FROM joined
),
facts_of AS (
  SELECT indicator_id, year, polarity, deleted, facts,
    CASE WHEN nothing = 'none' THEN 'none' WHEN refused IS NOT NULL THEN 'refused'
      ELSE 'value' END AS state,
    refused,
    CASE WHEN refused IS NOT NULL OR nothing = 'none' THEN NULL
      WHEN national_value IS NOT NULL THEN national_value
      WHEN rule = {_R[RollupRule.RATIO]} THEN num_value / den_value * scale
      WHEN rule = {_R[RollupRule.WEIGHTED]} THEN w_num / w_den
      WHEN rule = {_R[RollupRule.SUM]} THEN sum_value
      ELSE last_value END AS fact,
    CASE WHEN national_value IS NOT NULL OR nothing = 'none' THEN NULL ELSE rule END AS rule,
    CASE WHEN nothing = 'none' THEN NULL WHEN refused IS NOT NULL THEN FALSE
      WHEN national_value IS NOT NULL THEN TRUE
      WHEN rule = {_R[RollupRule.RATIO]} THEN ratio_complete
      WHEN rule = {_R[RollupRule.WEIGHTED]} THEN TRUE
      WHEN rule = {_R[RollupRule.SUM]} THEN sum_complete
      ELSE short_last IS NULL AND missing_regions IS NULL END AS complete,
    CASE WHEN rule = {_R[RollupRule.SUM]} THEN nullif(partial, '')
      WHEN rule = {_R[RollupRule.LAST]}
      THEN nullif(concat_ws('; ', short_last, 'no fact for region(s) ' || missing_regions), '')
      END AS partial
  FROM observed
)"""


_S = {status: _q(status.value) for status in Status}
_N = {reason: _q(reason.value) for reason in NoScore}
_P = {polarity: _q(polarity.value) for polarity in Polarity}
_M = {state: _q(state.value) for state in MilestoneState}


def _band(percent: str) -> str:
    achieved = _num(ACHIEVED_AT) + f" * (1 - {BAND_SLACK!r})"
    nearly = _num(NEARLY_AT) + f" * (1 - {BAND_SLACK!r})"
    return (
        f"CASE WHEN {percent} >= {achieved} THEN {_S[Status.ACHIEVED]} "
        f"WHEN {percent} >= {nearly} THEN {_S[Status.NEARLY]} "
        f"ELSE {_S[Status.NOT_ACHIEVED]} END"
    )


def _better(better: str) -> str:
    return f"CASE WHEN {better} THEN {_S[Status.ACHIEVED]} ELSE {_S[Status.NOT_ACHIEVED]} END"


def _achievement(p: str, keep_tolerance: float) -> str:
    """Score each observation against its target, as ``achievement.achieve``."""
    inc, dec, keep = _P[Polarity.INCREASE], _P[Polarity.DECREASE], _P[Polarity.KEEP]
    signed = "(target < 0 OR fact < 0)"
    return f"""
targeted AS (
  SELECT f.*, t.target, t.raw, t.line,
    CASE WHEN f.deleted IS NOT NULL THEN {_N[NoScore.DELETED]}
      WHEN t.target IS NULL THEN {_N[NoScore.NO_TARGET]}
      WHEN f.state = 'none' THEN {_N[NoScore.NO_FACT]}
      WHEN f.state = 'refused' THEN {_N[NoScore.NOT_ROLLED_UP]} END AS no_score,
    CASE WHEN f.polarity = {keep} AND t.target <> 0
      THEN abs(f.fact - t.target) * 100 / abs(t.target) END AS dev
  FROM facts_of f LEFT JOIN {p}_tgt t USING (indicator_id, year)
),
percented AS (
  SELECT *,
    CASE WHEN no_score IS NOT NULL THEN NULL
      WHEN polarity = {inc} THEN CASE WHEN {signed} OR target = 0 THEN NULL
        ELSE fact / target * 100 END
      WHEN polarity = {dec} THEN CASE WHEN {signed} OR fact = 0 THEN NULL
        WHEN target = 0 THEN 0 ELSE target / fact * 100 END
      WHEN polarity = {keep} THEN CASE WHEN target = 0 THEN NULL
        ELSE greatest(0, 100 - greatest(0, dev - {keep_tolerance!r})) END
      ELSE CASE WHEN fact >= 1 THEN 100 ELSE 0 END END AS percent
  FROM targeted
),
indicator_scores AS (
  SELECT indicator_id, year, polarity,
    CASE WHEN no_score IS NOT NULL THEN {_S[Status.NO_DATA]}
      WHEN polarity = {inc} AND {signed} THEN {_better("fact >= target")}
      WHEN polarity = {inc} AND target = 0 THEN {_S[Status.ACHIEVED]}
      WHEN polarity = {dec} AND {signed} THEN {_better("fact <= target")}
      WHEN polarity = {dec} AND fact = 0 THEN {_S[Status.ACHIEVED]}
      WHEN polarity = {keep} AND target = 0 THEN {_better("fact = 0")}
      WHEN polarity NOT IN ({inc}, {dec}, {keep}) THEN {_better("fact >= 1")}
      ELSE {_band("percent")} END AS status,
    no_score, percent, dev AS deviation, fact, target, rule, complete, facts,
    NULL::VARCHAR AS milestone,
    CASE no_score
      WHEN {_N[NoScore.DELETED]} THEN deleted
      WHEN {_N[NoScore.NO_TARGET]} THEN 'no target for ' || year || CASE WHEN raw IS NOT NULL
        THEN ' (the plan prints "' || raw || '" at line ' || line || ')' ELSE '' END
      WHEN {_N[NoScore.NO_FACT]} THEN 'no fact yet for ' || year
      WHEN {_N[NoScore.NOT_ROLLED_UP]} THEN 'not rolled up: ' || refused
      ELSE CASE WHEN partial IS NOT NULL THEN 'on partial facts: ' || partial ELSE '' END
    END AS note
  FROM percented
)"""


def _milestones(p: str, rows: str, ids: list[str]) -> str:
    """Milestones as ``achieve_milestone``: 1 (done) or 0 (not done) in a year, by the due year;
    one nobody has reported on by a due year that has come has no data (no fact)."""
    listed = ", ".join(_q(i) for i in ids)
    done_ok = "done IS NOT NULL AND (due IS NULL OR done <= due)"
    return f"""
milestone_facts AS (
  SELECT indicator_id, year, count(*) AS n, count_if(value <> 0 AND value <> 1) AS bad,
    bool_or(value = 1) AS done
  FROM ({rows}) WHERE indicator_id IN ({listed}) GROUP BY indicator_id, year
),
milestone_known AS (
  SELECT g.indicator_id, g.year, any_value(g.polarity) AS polarity, any_value(g.due) AS due,
    any_value(g.due_text) AS due_text, any_value(g.deleted) AS deleted,
    coalesce(sum(f.n), 0)::BIGINT AS facts, coalesce(sum(f.bad), 0) > 0 AS bad,
    min(f.year) FILTER (WHERE f.done) AS done
  FROM (SELECT m.*, y.year FROM {p}_ms m CROSS JOIN {p}_years y) g
  LEFT JOIN milestone_facts f ON f.indicator_id = g.indicator_id AND f.year <= g.year
  GROUP BY g.indicator_id, g.year
),
milestone_states AS (
  SELECT *,
    CASE WHEN deleted IS NOT NULL THEN {_N[NoScore.DELETED]}
      WHEN bad THEN {_N[NoScore.BAD_FACT]}
      WHEN done IS NOT NULL THEN NULL
      WHEN due IS NULL THEN {_N[NoScore.NO_TARGET]}
      WHEN year < due THEN {_N[NoScore.NOT_YET_DUE]}
      WHEN facts = 0 THEN {_N[NoScore.NO_FACT]} END AS no_score,
    CASE WHEN deleted IS NOT NULL OR bad THEN NULL
      WHEN {done_ok} THEN {_M[MilestoneState.DONE]}
      WHEN done IS NOT NULL THEN {_M[MilestoneState.LATE]}
      WHEN due IS NULL THEN NULL
      WHEN year < due THEN {_M[MilestoneState.NOT_YET_DUE]}
      WHEN facts = 0 THEN NULL
      ELSE {_M[MilestoneState.NOT_DONE]} END AS milestone
  FROM milestone_known
),
milestone_scores AS (
  SELECT indicator_id, year, polarity,
    CASE milestone WHEN {_M[MilestoneState.DONE]} THEN {_S[Status.ACHIEVED]}
      WHEN {_M[MilestoneState.LATE]} THEN {_S[Status.NEARLY]}
      WHEN {_M[MilestoneState.NOT_DONE]} THEN {_S[Status.NOT_ACHIEVED]}
      ELSE {_S[Status.NO_DATA]} END AS status,
    no_score,
    CASE milestone WHEN {_M[MilestoneState.DONE]} THEN 100.0
      WHEN {_M[MilestoneState.LATE]} THEN {_num(LATE_PERCENT)}
      WHEN {_M[MilestoneState.NOT_DONE]} THEN 0.0 END AS percent,
    NULL::DOUBLE AS deviation, NULL::DOUBLE AS fact, NULL::DOUBLE AS target,
    NULL::VARCHAR AS rule, NULL::BOOLEAN AS complete, facts, milestone,
    CASE WHEN deleted IS NOT NULL THEN deleted
      WHEN bad THEN 'a milestone fact must be 1 (done) or 0 (not done)'
      WHEN milestone = {_M[MilestoneState.DONE]} THEN 'done in ' || done
        || CASE WHEN due IS NULL THEN ' (no due year stated)' ELSE ' (due ' || due_text || ')' END
      WHEN milestone = {_M[MilestoneState.LATE]}
        THEN 'done late: in ' || done || ', due ' || due_text
      WHEN due IS NULL THEN 'not done yet; no due year stated'
      WHEN year < due THEN 'not done yet; due ' || due_text
      WHEN facts = 0 THEN 'no report yet on this milestone (due ' || due_text || ')'
      ELSE 'not done by ' || year || '; due ' || due_text END AS note
  FROM milestone_states
)"""


def scores_sql(
    p: str,
    rows: str,
    *,
    keep_tolerance: float,
    expected: tuple[str, ...] | None,
    base_weights: bool,
    milestone_ids: list[str],
) -> str:
    """The scores of every indicator (and milestone) of the plan in every year, as a table."""
    parts = [_sums(p, expected)]
    if base_weights:
        parts.append(_based(p, rows))
    parts += [_observed(p, base_weights), _achievement(p, keep_tolerance)]
    union = "SELECT * FROM indicator_scores"
    if milestone_ids:
        parts.append(_milestones(p, rows, milestone_ids))
        union += " UNION ALL SELECT * FROM milestone_scores"
    ctes = ",".join(parts)
    return f"CREATE OR REPLACE TEMP TABLE {p}_scores AS WITH {ctes}\n{union}"
