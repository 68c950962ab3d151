"""The fast path for facts in order: region-level roll-ups proven from indicator-year sums.

Grouping ten million facts by indicator, year *and region* costs about twice a plain
``GROUP BY indicator_id, year``: the regions multiply the groups sixteen-fold and the hash table
no longer fits the cache. Yet a stock's latest value and an overlap are a region's own. This
module gets them without that grouping when the facts come in order (as an export ordered by
indicator, year, region and period has them), and proves that they did.

Every fact has a distinct *position* (its row number in a Parquet file) and a *key* from its
region and period: with the regions numbered 0 .. R-1 in sorted order and the country as R,

* a whole-year fact of region c has key c;
* a month m of region c has key R + 1 + 12c + m - 1;
* a quarter or a half-year has a key above those (never part of a proof; only decoded when it is
  an indicator-year's only fact).

One pass groups by indicator and year only (``rolled_ctes``), keeping the number of facts, the sum,
the sum of December values, and the least and greatest of ``position - key`` and of ``position``,
the two packed in one number, ``(position - key) * 2^32 + position`` (two aggregates cost less than
four): when the least and greatest ``position - key`` are equal, the low halves are the least and
greatest position. When ``position - key`` is the same for every fact of the group, the keys are
the positions shifted, hence all different: no region has a period twice. When, besides, the
positions run without a gap (greatest - least + 1 = the number of facts), the keys fill a range
without a gap, and a range of month keys is exactly "regions c1 .. c2, each with each month once,
except that c1 may start after January and c2 stop before December". So a group is one of:

* ``years``: regions c1 .. c2, one whole-year fact each;
* ``months``: regions c1 .. c2 (or the country alone) by month, as just said;
* ``one``: a single fact, whose key says its region and period;

and then each region's total, latest value (December, or the year), months covered and overlap are
known from the group's sums, exactly, with no region grouping. Anything else (facts out of order, a
missing month, an overlap, the country beside regions, a WEIGHTED indicator, which needs each
region's own total, a stock whose last region stops before December) is *not* proven and goes to
the region-level roll-up (``_columnar_sql``), restricted to those indicator-years (the packed
bounds of a group not proven are not its positions' bounds, so those facts are sought in the whole
file). The proof never depends on the order: facts out of order only fail it, and cost the slower
path. A file whose first facts are out of order (``probe_sql``) goes that way at once.
"""

from __future__ import annotations

from zhospar.evaluate.rollup import RollupRule
from zhospar.evaluate.scoring_rules import COVERS, LATEST_BEFORE_YEAR_END

__all__ = [
    "MOST_FACTS",
    "every_region_sql",
    "probe_sql",
    "regions_sql",
    "rolled_ctes",
    "unproven_rows",
]

_SHAPE = "ENUM('one', 'years', 'months')"  # an ENUM column is written faster than text
_HALF = 2**32  # positions are packed below this, ``position - key`` above it
# The most facts a file may hold for the sorted path: ``position - key`` stays within 31 bits.
MOST_FACTS = 2**31 - 2**24


def regions_sql(prefix: str, names: list[str]) -> str:
    """``{prefix}_regions``: each region of ``names`` (sorted) with its code (0 .. R-1; the country,
    NULL, is R) and ``base``, its month keys less the month. A table, not a list in the
    statement: DuckDB joins ten million facts to a table faster. A fact whose region is not
    here finds no key and is left out of the pass: ``_columnar_rollup`` sees that fewer facts
    were read than the file holds and runs the pass again with every region."""
    listed = _listed(names)
    return f"""
CREATE OR REPLACE TEMP TABLE {prefix}_regions AS
SELECT region, code, {len(names)} + 12 * code AS base
FROM (SELECT unnest({listed}) AS region, unnest(range({len(names)})) AS code)
UNION ALL SELECT NULL, {len(names)}, {13 * len(names)}"""


def every_region_sql(rows: str) -> str:
    """Every region of the facts, sorted (when the first facts did not show them all)."""
    return (
        "SELECT coalesce(list(DISTINCT region ORDER BY region), []) "
        f"FROM ({rows}) WHERE region IS NOT NULL"
    )


def _key(monthly: bool, regions: int) -> str:
    """A fact's key (see the module's docstring), from its region's ``code`` and ``base``."""
    if monthly:
        return "coalesce(r.base + f.month, r.code)"
    width = 12 * (regions + 1)  # the keys of one period length, all regions and the country
    return (
        f"CASE f.p_len WHEN 12 THEN r.code ELSE r.base + f.p_start "
        f"+ CASE f.p_len WHEN 1 THEN 0 WHEN 3 THEN {width} ELSE {2 * width} END END"
    )


def probe_sql(positioned: str, rows: int) -> str:
    """Of the indicator-years with several facts among the first ``rows`` facts, how many, and
    how many have their facts side by side: a file out of order (by period first, say) is seen
    here and rolled up by region at once, rather than after a pass that proves next to nothing.
    Third, the regions of those facts, sorted: the codes of the keys (reading every region of a
    file would cost a sixth of the pass itself); fourth, how many facts the file holds, which
    shows whether some fact's region was not among them (``regions_sql``)."""
    return f"""
WITH head AS MATERIALIZED (
  SELECT indicator_id, year, region, pos FROM ({positioned}) WHERE pos < {int(rows)}
)
SELECT count(*), count(*) FILTER (WHERE last - first + 1 = n),
  (SELECT coalesce(list(DISTINCT region ORDER BY region), []) FROM head
   WHERE region IS NOT NULL),
  (SELECT count(*) FROM ({positioned}))
FROM (
  SELECT count(*) AS n, min(pos) AS first, max(pos) AS last FROM head GROUP BY indicator_id, year
) WHERE n > 1"""


def _sums(prefix: str, positioned: str, *, monthly: bool, regions: int) -> str:
    """The one pass over the facts: per indicator and year, the sums and the proof's bounds.
    December's values are added as products (0 elsewhere) rather than filtered, which costs
    less; the sum is read only where the group has a December."""
    december = "f.month = 12" if monthly else "f.p_start = 12"
    return f"""
sums AS (
  SELECT indicator_id, year, count(*) AS n, sum(value) AS total,
    sum(value * december::INTEGER) AS december,
    min(packed) AS lo, max(packed) AS hi
  FROM (
    SELECT f.indicator_id, f.year, f.value, {december} AS december,
      (f.pos - {_key(monthly, regions)}) * {_HALF} + f.pos AS packed
    FROM ({positioned}) f JOIN {prefix}_regions r ON r.region IS NOT DISTINCT FROM f.region
  )
  GROUP BY indicator_id, year
)"""


def _shaped(plan_prefix: str, regions: int, *, rules: bool) -> str:
    """Each group's shape: ``one``, ``years``, ``months`` or NULL (not proven), as the module's
    docstring says. A WEIGHTED indicator is never proven (it needs each region's own total), nor
    a LAST one whose last region stops before December (its latest value is not kept): with
    ``rules`` that is decided here, from the plan's rules; without, where the scores meet the
    plan's grid (``_columnar_score.first_scores_sql``), which saves a join."""
    months = regions + 1
    end = months + 12 * (regions + 1)  # past the last month key
    country = months + 12 * regions  # the country's first month key
    last = RollupRule.LAST.value
    weighted = f"i.rule = '{RollupRule.WEIGHTED.value}'" if rules else "FALSE"
    stops_early = (
        f"i.rule IS DISTINCT FROM '{last}' OR (k_hi - {months}) % 12 = 11" if rules else "TRUE"
    )
    join = (
        f"LEFT JOIN {plan_prefix}_ind i ON i.indicator_id = g.indicator_id\n"
        f"    AND i.rule IN ('{RollupRule.WEIGHTED.value}', '{last}')"
        if rules
        else ""
    )
    return f"""
shaped AS (
  SELECT g.*, pos_lo - a_lo AS k_lo, pos_hi - a_lo AS k_hi,
    (CASE WHEN {weighted} THEN NULL
      WHEN n = 1 THEN 'one'
      WHEN a_lo <> a_hi OR pos_hi - pos_lo + 1 <> n THEN NULL
      WHEN k_hi < {regions} THEN 'years'
      WHEN k_lo >= {months} AND k_hi < {end} AND (k_hi < {country} OR k_lo >= {country})
        AND ({stops_early}) THEN 'months' END)::{_SHAPE} AS shape
  FROM (
    SELECT *, lo & {_HALF - 1} AS pos_lo, hi & {_HALF - 1} AS pos_hi,
      (lo - pos_lo) // {_HALF} AS a_lo, (hi - pos_hi) // {_HALF} AS a_hi
    FROM sums
  ) g {join}
)"""


def _decoded(regions: int) -> str:
    """From a group's first and last keys: its first region (``code``), first month and, for
    ``one``, length; its last region (``code_hi``) and month (``last_month``)."""
    months, width = regions + 1, 12 * (regions + 1)
    rest = f"(k_lo - {months})"
    year = f"k_lo <= {regions}"
    return f"""
decoded AS (
  SELECT *,
    CASE WHEN {year} THEN k_lo ELSE ({rest} % {width}) // 12 END AS code,
    CASE WHEN {year} THEN 1 ELSE {rest} % 12 + 1 END AS p_start,
    CASE WHEN {year} THEN 12 ELSE [1, 3, 6][{rest} // {width} + 1] END AS p_len,
    CASE WHEN {year} THEN k_hi ELSE ((k_hi - {months}) % {width}) // 12 END AS code_hi,
    CASE WHEN {year} THEN 12 ELSE (k_hi - {months}) % 12 + 1 END AS last_month
  FROM shaped
)"""


def _covers(at: str, months: str) -> str:
    return COVERS.sql(place=at, months=months)


def _short_months(at: str, at_hi: str) -> str:
    """Regions that do not cover the year: a fact shorter than a year alone; in ``months``, the
    first region when it starts after January, the last when it stops before December."""
    first = f"""CASE WHEN code = code_hi AND (p_start > 1 OR last_month < 12)
        THEN {_covers(at, "last_month - p_start + 1")}
      WHEN code < code_hi AND p_start > 1 THEN {_covers(at, "13 - p_start")} END"""
    last = f"CASE WHEN code < code_hi AND last_month < 12 THEN {_covers(at_hi, 'last_month')} END"
    return f"""CASE shape
    WHEN 'one' THEN CASE WHEN p_len < 12 THEN {_covers(at, "p_len")} END
    WHEN 'months' THEN nullif(concat_ws('; ', {first}, {last}), '') END"""


def _short_last(at: str, at_hi: str) -> str:
    """Regions whose latest value is before December."""
    return f"""CASE shape
    WHEN 'one' THEN CASE WHEN p_start + p_len < 13 THEN {LATEST_BEFORE_YEAR_END.sql(place=at)} END
    WHEN 'months' THEN CASE WHEN last_month < 12
      THEN {LATEST_BEFORE_YEAR_END.sql(place=at_hi)} END END"""


def _missing(regions: int) -> str:
    """The expected regions with no fact in a proven group (``absent``, from ``_placed``) as
    text; never for the country's own facts."""
    return (
        f"CASE WHEN code < {regions} AND len(absent) > 0 "
        "THEN array_to_string(list_sort(absent), ', ') END"
    )


def rolled_ctes(
    prefix: str,
    plan_prefix: str,
    positioned: str,
    *,
    monthly: bool,
    names: list[str],
    expected: tuple[str, ...] | None,
    rules: bool,
) -> str:
    """The CTEs up to ``rolled``: per indicator and year, its ``shape`` and what the
    region-level roll-up (``_columnar_sql``) would give, made from the group's sums: the facts
    (``n``), their ``total``, the regions' latest values added, whether it is a national yearly
    fact, and the places short of the year (``missing`` only with expected regions). Where the
    shape is NULL (not proven), the group's facts are to be rolled up by region.
    ``_columnar_score.first_scores_sql`` scores these rows in the same statement."""
    regions = len(names)
    parts = [
        _sums(prefix, positioned, monthly=monthly, regions=regions),
        _shaped(plan_prefix, regions, rules=rules),
        _decoded(regions),
        _placed(names, expected),
    ]
    missing = _missing(regions) if expected else "NULL::VARCHAR"
    return f"""{",".join(parts)},
rolled AS (
  SELECT indicator_id, year, shape, n, total,
    CASE WHEN shape <> 'months' THEN total WHEN last_month = 12 THEN december END AS last_value,
    shape = 'one' AND p_len = 12 AND code = {regions} AS national, last_month = 12 AS to_year_end,
    {_short_months("place", "place_hi")} AS short_months,
    {_short_last("place", "place_hi")} AS short_last,
    {missing} AS missing
  FROM placed
)"""


def _placed(names: list[str], expected: tuple[str, ...] | None) -> str:
    """The names of a group's first and last places (``place``, ``place_hi``) and the expected
    regions it has no fact for (``absent``), once: the messages use them several times."""
    listed = _listed(names)
    absent = (
        f", list_filter({_listed(list(expected))}, "
        f"lambda r: NOT list_contains({listed}[code + 1:code_hi + 1], r)) AS absent"
        if expected
        else ""
    )
    return f"""
placed AS (
  SELECT *, CASE WHEN code = {len(names)} THEN 'country' ELSE {listed}[code + 1] END AS place,
    CASE WHEN code_hi = {len(names)} THEN 'country' ELSE {listed}[code_hi + 1] END
      AS place_hi{absent}
  FROM decoded
)"""


def unproven_rows(rolled: str, positioned: str) -> str:
    """The facts of the groups of ``rolled`` not proven."""
    return f"""SELECT f.* FROM ({positioned}) f
SEMI JOIN (SELECT indicator_id, year FROM {rolled} WHERE shape IS NULL) u
  ON u.indicator_id = f.indicator_id AND u.year = f.year"""


def _listed(texts: list[str]) -> str:
    return "([" + ", ".join("'" + x.replace("'", "''") + "'" for x in texts) + "]::VARCHAR[])"
