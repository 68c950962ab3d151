"""Rolling facts up by region: the general path of the columnar scoring.

``rolled_sql`` groups the facts by indicator, year and region (NULL = the country) and keeps,
per cell, just enough to apply every roll-up rule afterwards:

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
when there is one (regions are not added to it), else the regions' cells together, with the
places that overlap or fall short as text. These rows are what ``_columnar_score`` scores
(``rolled_rows`` there puts them beside the sorted path's). Facts
in order mostly skip this path (``_columnar_sorted``), which costs a grouping by region.
"""

from __future__ import annotations

from zhospar.evaluate.scoring_rules import COVERS, LATEST_BEFORE_YEAR_END, sql_text

__all__ = ["MAX_FACTS_IN_CELL", "rolled_sql"]

MAX_FACTS_IN_CELL = 19  # the distinct periods of a year: 12 months, 4 quarters, 2 halves, 1 year

_BITS = 5  # per month: counts up to 31 > MAX_FACTS_IN_CELL, so no field carries into the next
_ONES = sum(1 << (_BITS * i) for i in range(12))  # the lowest bit of every month's field
_TWO_OR_MORE = _ONES * 0b11110  # any other bit of a field: that month is covered twice
_DECEMBER = 0b11111 << (_BITS * 11)
_YEARS_AT = _BITS * 12  # whole-year facts are counted from this bit up
_COUNTRY_YEAR = 1000  # added to the latest-period key of a national whole-year fact


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


def _listed(column: str, separator: str = ", ", suffix: str = "") -> str:
    """The places of a list as text, sorted, each followed by ``suffix``; NULL when there are
    none (made only where the list is there: most rows have none)."""
    between, after = sql_text(suffix + separator), sql_text(suffix)
    joined = f"array_to_string(list_sort({column}), {between}) || {after}"
    return f"CASE WHEN len({column}) > 0 THEN {joined} END"


def _missing(expected: tuple[str, ...] | None) -> str:
    """The expected regions with no fact, as text (never for the country's own facts)."""
    if not expected:
        return "NULL::VARCHAR"
    listed = f"[{', '.join(sql_text(r) for r in expected)}]::VARCHAR[]"
    return (
        "CASE WHEN NOT country THEN "
        + _listed(f"list_filter({listed}, lambda r: NOT list_contains(regions, r))")
        + " END"
    )


def rolled_sql(
    prefix: str,
    plan_prefix: str,
    rows: str,
    *,
    monthly: bool,
    expected: tuple[str, ...] | None,
    fixed_weights: bool,
) -> str:
    """The one pass over the facts, down to one row per indicator and year (``{prefix}_slow``): the
    country's own cell when there is one (regions are not added to it), or else the regions'
    cells combined. Which places overlap or fall short is listed only where it happens (lists,
    made text at the end: a text built for every cell would cost more than the roll-up).
    After the sorted path (``_columnar_sorted``), ``rows`` are the facts of the groups it did
    not prove."""
    key, months, flags = _cell_terms(monthly)
    where = "coalesce(c.region, 'country')"
    weights = (
        f"""LEFT JOIN {plan_prefix}_wgt w ON w.indicator_id = c.indicator_id
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
    covers = COVERS.sql(place=where, months="c.covered")
    # Two statements: DuckDB runs the second aggregation faster over a stored table than
    # streamed from the first (measured: about a third less time in all).
    return f"""
CREATE OR REPLACE TEMP TABLE {prefix}_cells AS
  SELECT indicator_id, year, region, count(*) AS n, sum(value) AS total,
         arg_max(value, {key}) AS last_value, {months}
  FROM ({rows})
  GROUP BY indicator_id, year, region;
CREATE OR REPLACE TEMP TABLE {prefix}_slow AS
WITH flagged AS (SELECT *, {flags} FROM {prefix}_cells),
scopes AS (
  SELECT c.indicator_id, c.year, c.region IS NULL AS country,
    max(c.n) AS most, sum(c.n)::BIGINT AS n, sum(c.total) AS total,
    sum(c.last_value) AS last_value, bool_or(c.has_year) AS has_year,
    bool_or(c.overlap) AS overlapping,
    list({where}) FILTER (WHERE c.overlap) AS overlap_at,
    list({{'at': {where}, 'text': {covers}}}) FILTER (WHERE c.covered < 12)
      AS short_months,
    list({where}) FILTER (WHERE NOT c.to_year_end) AS short_last,
    {regions} AS regions,
    {weighted}
  FROM flagged c {weights}
  GROUP BY c.indicator_id, c.year, c.region IS NULL
)
SELECT indicator_id, year, country, most, n, total, last_value, has_year, overlapping,
  {_listed("overlap_at")} AS overlap_at,
  CASE WHEN len(short_months) > 0 THEN array_to_string(
    list_transform(list_sort(short_months), lambda s: s.text), '; ') END AS short_months,
  {_listed("short_last", "; ", LATEST_BEFORE_YEAR_END.text(place=""))} AS short_last,
  {_missing(expected)} AS missing, w_sum, w_den, {_listed("w_missing")} AS w_missing,
  (sum(n) OVER (PARTITION BY indicator_id, year))::BIGINT AS read
FROM scopes
QUALIFY country OR NOT bool_or(country) OVER (PARTITION BY indicator_id, year)
"""
