"""The scores of the columnar path: each indicator's rolled-up year against its target.

Everything here runs on the rolled-up rows (one per indicator and year, from ``_columnar_sorted``
and ``_columnar_sql``, put side by side by ``rolled_rows``) and on the plan's tables, never on
the facts: roll up by each indicator's rule, join the targets, score by polarity and band, with
the rules of ``scoring_rules``; milestones by their due year as ``achieve_milestone``.

Cheap to plan and to write, since at fifty thousand rows both cost more than the work itself:
for a file in order, the scores are made in the statement of the pass that rolls the facts up
(``first_scores_sql``), and made again only where the pass proved nothing (``rescored_sql``);
only the branches of the rules the plan has are written; statuses, reasons, rules and polarities
are ENUM columns rather than text, and so are the notes the plan alone decides (an ENUM of the
plan's texts, put back by ``shown_sql``); the milestones' scores while nobody has reported on
them are made once per plan (``{plan_prefix}_unreported``). A column used by another is made in an
earlier CTE: DuckDB would write its expression again in place.

The rules are not written here: the bands, the polarities' formulas, the order of the reasons
for no score, the milestones' states and every message are compiled from ``scoring_rules``, the
declarations ``achievement.py`` and ``rollup.py`` run on. ``plan_prefix`` names the plan's
tables (``_columnar_plan``), ``prefix`` this run's.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from zhospar.evaluate.polarity import Polarity
from zhospar.evaluate.rollup import RollupRule
from zhospar.evaluate.scoring_rules import (
    BAND,
    BAND_SLACK,
    BANDS,
    BELOW_BANDS,
    DUE,
    MILESTONE_RULES,
    MILESTONE_STATES,
    NO_BASE,
    NO_DUE_YEAR,
    NO_FACT_YET,
    NO_REGION_FACT,
    NO_SCORE_ORDER,
    NO_USABLE_FACTS,
    NOT_ROLLED_UP,
    ON_PARTIAL_FACTS,
    OVERLAP,
    POLARITY_RULES,
    RATIO_WITHOUT_PARTS,
    ZERO_DENOMINATOR,
    ZERO_WEIGHTS,
    Better,
    MilestoneState,
    NoScore,
    Outcome,
    Status,
    sql_text,
)

__all__ = [
    "COLUMNS",
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


def _number(value: object) -> str:
    return repr(float(str(value)))


def enum_type(enum: type[StrEnum]) -> str:
    """The DuckDB ENUM of ``enum``'s values: a column of it is written several times faster
    than the same words as text (measured: 5 columns of 50,000 rows, 4 ms against 13)."""
    return "ENUM(" + ", ".join(sql_text(member.value) for member in enum) + ")"


RULE, STATUS, NO_SCORE, POLARITY, MILESTONE = (
    enum_type(enum) for enum in (RollupRule, Status, NoScore, Polarity, MilestoneState)
)


def _as_text(enum: type[StrEnum]) -> dict[Any, str]:
    """Values as plain text, for comparing with an ENUM column (DuckDB casts the text once) and
    for CASE branches cast once as a whole: each ENUM written in a statement is bound apart."""
    return {member: sql_text(member.value) for member in enum}


RULE_TEXT, POLARITY_TEXT, STATUS_TEXT, NO_SCORE_TEXT, MILESTONE_TEXT = (
    _as_text(enum) for enum in (RollupRule, Polarity, Status, NoScore, MilestoneState)
)


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


def rolled_table(prefix: str) -> str:
    """The sorted pass's rows (``_columnar_sorted.rolled_ctes``) as ``first_scores_sql`` keeps
    them without scores in ``{prefix}_scored``, by their own names, as a subquery."""
    columns = ", ".join(f"r_{c} AS {c}" for c in CARRIED)
    return f"(SELECT indicator_id, year, facts AS n, {columns} FROM {prefix}_scored)"


def pass_counts_sql(prefix: str) -> str:
    """Of the sorted pass's rows in ``{prefix}_scored`` (scored or not; a row rolled up from facts
    has at least one): how many are not proven, how many there are, their facts, all facts,
    and how many are of ids outside the plan's grid (``outside_rows``). One scan."""
    rolled, unproven = "facts > 0", "facts > 0 AND r_shape IS NULL"
    return (
        f"SELECT count(*) FILTER (WHERE {unproven}), count(*) FILTER (WHERE {rolled}), "
        f"coalesce(sum(facts) FILTER (WHERE {unproven}), 0), "
        f"coalesce(sum(facts) FILTER (WHERE {rolled}), 0), "
        f"count(*) FILTER (WHERE r_id IS NOT NULL) FROM {prefix}_scored"
    )


def unproven_keys(prefix: str) -> str:
    """The indicator-years of the plan's grid that the pass scored in ``{prefix}_scored`` without
    proving them (with columns ``indicator_id``, ``year`` and ``shape``, NULL)."""
    return (
        f"(SELECT indicator_id, year, r_shape AS shape FROM {prefix}_scored "
        "WHERE facts > 0 AND r_shape IS NULL AND indicator_id IS NOT NULL)"
    )


def outside_rows(prefix: str) -> str:
    """The pass's rows of ids outside the plan's grid, by ``indicator_id`` and ``n``."""
    return f"(SELECT r_id AS indicator_id, facts AS n FROM {prefix}_scored WHERE r_id IS NOT NULL)"


def _proven(source: str, more: str = "") -> str:
    """The sorted pass's rows of ``source`` in the columns of ``rolled_rows`` (and ``more``)."""
    return (
        "SELECT indicator_id, year, n, total, last_value, national, FALSE AS overlapping, "
        "NULL::VARCHAR AS overlap_at, short_months, short_last, missing, "
        "NULL::DOUBLE AS w_sum, NULL::DOUBLE AS w_den, NULL::VARCHAR AS w_missing, "
        f"n AS read{more} FROM {source}"
    )


def rolled_rows(prefix: str, *, proven: bool, by_region: bool) -> str:
    """Every indicator-year's rolled-up facts, as one relation: the rows the sorted path proved
    (kept in ``{prefix}_scored``) and those rolled up by region (``{prefix}_slow``). Columns:
    indicator_id, year, n, total, last_value, national, overlapping, overlap_at, short_months,
    short_last, missing, w_sum, w_den, w_missing and read (the facts of the indicator-year, the
    country's and the regions')."""
    parts = []
    if proven:
        parts.append(_proven(rolled_table(prefix)) + " WHERE shape IS NOT NULL")
    if by_region:
        parts.append(
            "SELECT indicator_id, year, n, total, last_value, country AND has_year AS national, "
            "overlapping, overlap_at, short_months, short_last, missing, w_sum, w_den, w_missing, "
            f"read FROM {prefix}_slow"
        )
    if not parts:  # no facts at all (an empty file): no rows, in the same columns
        parts.append(_proven(rolled_table(prefix)) + " WHERE FALSE")
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


def _based(plan_prefix: str, rows: str) -> str:
    """WEIGHTED by a base indicator: each rate meets the base fact of its region and period."""
    return f"""
based_cells AS (
  SELECT r.indicator_id, r.year, r.region IS NULL AS national,
    sum(r.value * b.value) AS b_sum, sum(b.value) AS b_den,
    string_agg(coalesce(r.region, 'country') || ' ' || r.year || '/' || r.p_start || '+'
      || r.p_len, ', ') FILTER (WHERE b.value IS NULL) AS b_missing
  FROM ({rows}) r
  JOIN {plan_prefix}_ind i ON i.indicator_id = r.indicator_id
    AND i.rule = {RULE_TEXT[RollupRule.WEIGHTED]}
    AND i.base IS NOT NULL AND NOT i.fixed_weights
  LEFT JOIN ({rows}) b ON b.indicator_id = i.base AND b.year = r.year
    AND b.region IS NOT DISTINCT FROM r.region AND b.p_start = r.p_start AND b.p_len = r.p_len
  GROUP BY ALL
),
based AS (  -- the country's rates when there are any, as _prefer_national does
  SELECT * FROM based_cells
  QUALIFY national OR NOT bool_or(national) OVER (PARTITION BY indicator_id, year)
)"""


def _joins(*, rules: frozenset[RollupRule], base_weights: bool, carry: bool, grid: str) -> str:
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


_W_NUM = "CASE WHEN g.fixed_weights THEN o.w_sum ELSE bw.b_sum END"
_W_DEN = "CASE WHEN g.fixed_weights THEN o.w_den ELSE bw.b_den END"
_W_MISSING = (
    "CASE WHEN g.fixed_weights THEN o.w_missing WHEN g.base IS NULL "
    "THEN coalesce(o.w_missing, 'country') ELSE bw.b_missing END"
)
# Per rule, the CASE branches of: no fact at all, a refusal, the value, whether it is whole.
_NOTHING: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"""WHEN g.rule = {RULE_TEXT[RollupRule.RATIO]} THEN g.numerator IS NOT NULL
        AND g.denominator IS NOT NULL AND num.indicator_id IS NULL AND den.indicator_id IS NULL""",
}


# A refusal is the score's note as it stands ("not rolled up: ..."), but NONE's: the same for
# every fact set, that is the plan grid's ``refusal`` (``plan_note``), and this one is empty.
# Why a RATIO or a WEIGHTED rate does not roll up (NULL: it does, or a RATIO has no part at all).
def _refused() -> dict[RollupRule | None, str]:
    """The refusal branches, their messages compiled in the language of the moment."""
    _RATIO_REFUSAL = f"""CASE
            WHEN g.numerator IS NULL OR g.denominator IS NULL THEN {RATIO_WITHOUT_PARTS.sql()}
            WHEN num.indicator_id IS NULL AND den.indicator_id IS NULL THEN NULL
            WHEN num.value IS NULL THEN {NO_USABLE_FACTS.sql(part="g.numerator", year="g.year")}
            WHEN den.value IS NULL THEN {NO_USABLE_FACTS.sql(part="g.denominator", year="g.year")}
            WHEN den.value = 0 THEN {ZERO_DENOMINATOR.sql(part="g.denominator")} END"""
    _WEIGHTED_REFUSAL = f"""CASE
            WHEN {_W_MISSING} IS NOT NULL
              THEN {NO_BASE.sql(base="coalesce(g.base, 'weights')", cells=_W_MISSING)}
            WHEN {_W_DEN} = 0 THEN {ZERO_WEIGHTS.sql()} END"""
    _OVERLAP_REFUSAL = OVERLAP.sql(place="o.overlap_at", which=None)  # the periods: pure path only
    return {
        RollupRule.RATIO: f"""WHEN g.rule = {RULE_TEXT[RollupRule.RATIO]}
            THEN {NOT_ROLLED_UP.sql(why=_RATIO_REFUSAL)}""",
        None: "WHEN o.indicator_id IS NULL THEN NULL",  # the rules below need own facts
        RollupRule.NONE: f"WHEN g.rule = {RULE_TEXT[RollupRule.NONE]} THEN ''",  # the plan's note
        RollupRule.WEIGHTED: f"""WHEN g.rule = {RULE_TEXT[RollupRule.WEIGHTED]}
            THEN {NOT_ROLLED_UP.sql(why=_WEIGHTED_REFUSAL)}""",
        RollupRule.SUM: f"""WHEN g.rule = {RULE_TEXT[RollupRule.SUM]} AND o.overlapping
            THEN {NOT_ROLLED_UP.sql(why=_OVERLAP_REFUSAL)}""",
    }


_VALUE: dict[RollupRule | None, str] = {
    RollupRule.RATIO: (
        f"WHEN g.rule = {RULE_TEXT[RollupRule.RATIO]} THEN num.value / den.value * g.scale"
    ),
    RollupRule.WEIGHTED: f"WHEN g.rule = {RULE_TEXT[RollupRule.WEIGHTED]} THEN {_W_NUM} / {_W_DEN}",
    RollupRule.SUM: f"WHEN g.rule = {RULE_TEXT[RollupRule.SUM]} THEN o.value",
}
_WHOLE: dict[RollupRule | None, str] = {
    RollupRule.RATIO: f"WHEN g.rule = {RULE_TEXT[RollupRule.RATIO]} THEN num.full AND den.full",
    RollupRule.WEIGHTED: f"WHEN g.rule = {RULE_TEXT[RollupRule.WEIGHTED]} THEN TRUE",
    RollupRule.SUM: f"WHEN g.rule = {RULE_TEXT[RollupRule.SUM]} THEN o.full",
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
    f"CASE WHEN g.rule = {RULE_TEXT[RollupRule.WEIGHTED]} "
    f"OR (g.rule = {RULE_TEXT[RollupRule.LAST]} "
    "AND o.shape = 'months' AND NOT o.to_year_end) THEN NULL ELSE o.shape END AS r_shape, "
)


def _observed(
    plan_prefix: str,
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
    sum_, last = RULE_TEXT[RollupRule.SUM], RULE_TEXT[RollupRule.LAST]
    carried = _CARRIED_FROM_OWN if carry else ""
    return f"""
observed AS (
  SELECT {carried}g.indicator_id, g.year, g.polarity, g.deleted IS NOT NULL AS deleted, g.target,
    g.plan_note AS grid_note,
    CASE WHEN g.rule = {RULE_TEXT[RollupRule.NONE]} THEN g.refusal END AS none_note,
    o.n AS facts,
    CASE WHEN o.national THEN FALSE
      {_branches(_NOTHING, rules)}
      ELSE o.indicator_id IS NULL END AS nothing,
    CASE WHEN o.national THEN NULL
      {_branches(_refused(), rules)}
    END AS refused,
    CASE WHEN o.national THEN o.last_value
      {_branches(_VALUE, rules)}
      ELSE o.last_value END AS value,
    CASE WHEN o.national THEN NULL ELSE g.rule END AS rule,
    CASE WHEN o.national THEN TRUE
      {_branches(_WHOLE, rules)}
      ELSE o.short_last IS NULL AND o.missing IS NULL END AS whole,
    CASE WHEN o.national THEN NULL  -- used as it is: the country's part-year facts beside it
      WHEN g.rule = {sum_} THEN o.short_months WHEN g.rule = {last} THEN o.short_last
      END AS short,
    CASE WHEN g.rule IN ({sum_}, {last}) THEN o.missing END AS missing
  {_joins(rules=rules, base_weights=base_weights, carry=carry, grid=grid or f"{plan_prefix}_grid")}
)"""


def _band(percent: str) -> str:
    """The status of a percentage by ``BANDS``; a double within ``BAND_SLACK`` of an edge is
    at it."""
    edges = " ".join(
        f"WHEN {percent} >= {_number(edge)} * (1 - {BAND_SLACK!r}) THEN {STATUS_TEXT[status]}"
        for edge, status in BANDS
    )
    return f"CASE {edges} ELSE {STATUS_TEXT[BELOW_BANDS]} END"


def _status(outcome: Outcome) -> str:
    if isinstance(outcome.status, Better):
        achieved, missed = STATUS_TEXT[Status.ACHIEVED], STATUS_TEXT[Status.NOT_ACHIEVED]
        return f"CASE WHEN {outcome.status.condition.sql()} THEN {achieved} ELSE {missed} END"
    if outcome.status == BAND:
        return _band("percent")
    return STATUS_TEXT[Status(outcome.status)]


def _by_polarity(branch: Callable[[Outcome], str | None]) -> str:
    """One CASE over the polarities, each a CASE over its outcomes (``POLARITY_RULES``) giving
    ``branch`` of the first that holds (None: NULL); a polarity whose branches are all NULL is
    left out."""
    cases = []
    for polarity, outcomes in POLARITY_RULES.items():
        values = [branch(outcome) or "NULL" for outcome in outcomes]
        if all(value == "NULL" for value in values):
            continue
        whens = " ".join(
            f"WHEN {outcome.when.sql()} THEN {value}"
            for outcome, value in zip(outcomes, values, strict=True)
            if outcome.when is not None
        )
        cases.append(
            f"WHEN polarity = {POLARITY_TEXT[polarity]} THEN CASE {whens} ELSE {values[-1]} END"
        )
    return "CASE " + "\n      ".join(cases) + " END" if cases else "NULL"


# The SQL of each reason for no score (``NO_SCORE_ORDER``: the first that holds wins), over the
# columns of ``observed``.
_NO_SCORE_WHEN = {
    NoScore.DELETED: "deleted",
    NoScore.NO_TARGET: "target IS NULL",
    NoScore.NO_FACT: "nothing",
    NoScore.NOT_ROLLED_UP: "refused IS NOT NULL",
}


def _no_score() -> str:
    whens = " ".join(
        f"WHEN {_NO_SCORE_WHEN[reason]} THEN {NO_SCORE_TEXT[reason]}" for reason in NO_SCORE_ORDER
    )
    return f"(CASE {whens} END)::{NO_SCORE}"


def _scored(keep_tolerance: float) -> str:
    """Each observation against its target, as ``achievement.achieve``: by ``POLARITY_RULES``.
    A column is used by the next CTE, never by a column of the same SELECT: DuckDB would write
    the used column's expression again in place, and planning the grown expressions costs more
    than running them (each CTE passes every column on; the final SELECT picks)."""
    tolerance = repr(keep_tolerance)
    deviation = _by_polarity(lambda o: o.deviation.sql() if o.deviation else None)
    percent = _by_polarity(lambda o: o.percent.sql(tolerance=tolerance) if o.percent else None)
    return f"""
judged AS (
  SELECT * REPLACE (CASE WHEN nothing THEN NULL ELSE rule END AS rule),
    CASE WHEN nothing THEN NULL WHEN refused IS NOT NULL THEN FALSE ELSE whole END AS complete,
    CASE WHEN nothing OR refused IS NOT NULL THEN NULL ELSE value END AS fact,
    {_no_score()} AS no_score,
    nullif(concat_ws('; ', short, {NO_REGION_FACT.sql(regions="missing")}), '') AS partial
  FROM observed
),
measured AS (
  SELECT *, CASE WHEN no_score IS NOT NULL THEN NULL ELSE {deviation} END AS deviation
  FROM judged
),
percented AS (
  SELECT *, CASE WHEN no_score IS NOT NULL THEN NULL ELSE {percent} END AS percent
  FROM measured
),
scored AS (
  SELECT *,
    (CASE WHEN no_score IS NOT NULL THEN {STATUS_TEXT[Status.NO_DATA]}
      ELSE {_by_polarity(_status)} END)::{STATUS} AS status
  FROM percented
)"""


# The note of a score made here, and (``plan_note``) of one the plan decides alone: deleted,
# without a target, a rule that refuses to roll up. The plan's notes are an ENUM of the grid's
# texts, made once per plan (``_columnar_plan``): a code is written per score, not the text, and
# the scores are read with ``shown_sql``, which puts the two back together.
def _note() -> str:
    """The note columns, in the language of the moment."""
    return f"""CASE no_score
      WHEN {NO_SCORE_TEXT[NoScore.DELETED]} THEN NULL
      WHEN {NO_SCORE_TEXT[NoScore.NO_TARGET]} THEN NULL
      WHEN {NO_SCORE_TEXT[NoScore.NO_FACT]} THEN {NO_FACT_YET.sql(year="year")}
      WHEN {NO_SCORE_TEXT[NoScore.NOT_ROLLED_UP]} THEN nullif(refused, '')
      ELSE coalesce({ON_PARTIAL_FACTS.sql(what="partial")}, '') END AS note,
    CASE no_score
      WHEN {NO_SCORE_TEXT[NoScore.DELETED]} THEN grid_note
      WHEN {NO_SCORE_TEXT[NoScore.NO_TARGET]} THEN grid_note
      WHEN {NO_SCORE_TEXT[NoScore.NOT_ROLLED_UP]} THEN none_note END AS plan_note"""


def _milestone_facts(rows: str, ids: list[str], *, several: bool, rolled: str = "own") -> str:
    """Per milestone and year: its facts, how many are not 1 or 0, whether one is 1. A year with
    one fact has it in the ``rolled`` rows (its total); the facts are read again only for the
    years with ``several``."""
    listed = ", ".join(sql_text(i) for i in ids)
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


# The names of ``MILESTONE_RULES``' conditions and messages among ``milestone_known``'s columns.
_MILESTONE_NAMES = {"deleted": "deleted IS NOT NULL", "reported": "facts > 0"}


def _milestone_holes() -> dict[str, str | None]:
    return {
        "deletion": "deleted",
        "done": "done",
        "due_text": "due_text",
        "year": "year",
        "when": (
            f"CASE WHEN due IS NULL THEN {NO_DUE_YEAR.sql()} "
            f"ELSE {DUE.sql(due_text='due_text')} END"
        ),
        "got": None,  # the bad fact itself: only the pure path has it
    }


def _by_milestone_rule(branch: Callable[[Any], str | None]) -> str:
    """A CASE over ``MILESTONE_RULES``, giving ``branch`` of the first that holds."""
    whens = " ".join(
        f"WHEN {rule.when.sql(**_MILESTONE_NAMES)} THEN {branch(rule) or 'NULL'}"
        for rule in MILESTONE_RULES
        if rule.when is not None
    )
    return f"CASE {whens} ELSE {branch(MILESTONE_RULES[-1]) or 'NULL'} END"


def _by_state(values: dict[MilestoneState, str]) -> str:
    whens = " ".join(f"WHEN {MILESTONE_TEXT[state]} THEN {v}" for state, v in values.items())
    return f"CASE milestone {whens} END"


def milestones_sql(plan_prefix: str) -> str:
    """Milestones as ``achieve_milestone``, by ``MILESTONE_RULES``, from a ``milestone_facts``
    CTE: 1 (done) or 0 (not done) in a year, by the due year; one nobody has reported on by a
    due year that has come has no data (no fact). The CTEs ``milestone_known`` and
    ``milestone_scores``."""
    state = _by_milestone_rule(lambda r: MILESTONE_TEXT[r.state] if r.state else None)
    no_score = _by_milestone_rule(lambda r: NO_SCORE_TEXT[r.no_score] if r.no_score else None)
    note = _by_milestone_rule(lambda r: r.message.sql(**_milestone_holes()))
    status = _by_state({m: STATUS_TEXT[status] for m, (status, _) in MILESTONE_STATES.items()})
    percent = _by_state({m: _number(p) for m, (_, p) in MILESTONE_STATES.items() if p is not None})
    return f"""
milestone_known AS (
  SELECT g.indicator_id, g.year, any_value(g.polarity) AS polarity, any_value(g.due) AS due,
    any_value(g.due_text) AS due_text, any_value(g.deleted) AS deleted,
    coalesce(sum(f.n), 0)::BIGINT AS facts, coalesce(sum(f.bad), 0) > 0 AS bad,
    min(f.year) FILTER (WHERE f.done) AS done
  FROM {plan_prefix}_msgrid g
  LEFT JOIN milestone_facts f ON f.indicator_id = g.indicator_id AND f.year <= g.year
  GROUP BY g.indicator_id, g.year
),
milestone_scores AS (
  SELECT indicator_id, year, polarity, ({state})::{MILESTONE} AS milestone,
    (coalesce({status}, {STATUS_TEXT[Status.NO_DATA]}))::{STATUS} AS status,
    ({no_score})::{NO_SCORE} AS no_score,
    {percent} AS percent,
    NULL::DOUBLE AS deviation, NULL::DOUBLE AS fact, NULL::DOUBLE AS target,
    NULL::{RULE} AS rule, NULL::BOOLEAN AS complete, facts,
    {note} AS note
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
    prefix: str,
    plan_prefix: str,
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
    ``{prefix}_final`` (read it with ``shown_sql``), from the ``rolled`` rows (``rolled_rows``);
    ``rows`` are the facts, for the rules that need each fact (WEIGHTED by a base, milestones
    with several facts in a year).

    ``milestones``: the ids of the milestones when some have facts; None when none has, and then
    their scores (a plan's own, the same for every fact set) are ``{plan_prefix}_unreported``."""
    parts = [_own(rolled)]
    if base_weights:
        parts.append(_based(plan_prefix, rows))
    parts += [
        _observed(plan_prefix, rules=rules, base_weights=base_weights),
        _scored(keep_tolerance),
    ]
    union = f"SELECT *, NULL::{MILESTONE} AS milestone, {_note()} FROM scored"
    if milestones is None:
        union += f" UNION ALL BY NAME SELECT * FROM {plan_prefix}_unreported"
    else:
        parts.append(_milestone_facts(rows, milestones, several=several_milestone_facts))
        parts.append(milestones_sql(plan_prefix))
        union += " UNION ALL BY NAME SELECT * FROM milestone_scores"
    return (
        f"CREATE OR REPLACE TEMP TABLE {prefix}_final AS WITH {','.join(parts)}\n"
        f"SELECT {_STORED} FROM ({union})"
    )


def first_scores_sql(
    prefix: str,
    plan_prefix: str,
    ctes: str,
    *,
    keep_tolerance: float,
    rules: frozenset[RollupRule],
    score: bool,
) -> str:
    """``{prefix}_scored``: the sorted pass's rows (``ctes`` end with ``rolled``) and, with
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
            f"CREATE OR REPLACE TEMP TABLE {prefix}_scored AS WITH {ctes}\n"
            "SELECT indicator_id, year, n AS facts, indicator_id AS r_id, "
            f"{columns} FROM rolled"
        )
    parts = [
        ctes,
        _own(f"({_proven('rolled', ', shape, to_year_end')})"),
        _observed(plan_prefix, rules=rules, base_weights=False, carry=True),
        _scored(keep_tolerance),
    ]
    union = (
        f"SELECT *, NULL::{MILESTONE} AS milestone, {_note()} FROM scored "
        f"UNION ALL BY NAME SELECT * FROM {plan_prefix}_unreported"
    )
    return (
        f"CREATE OR REPLACE TEMP TABLE {prefix}_scored AS WITH {','.join(parts)}\n"
        f"SELECT r_id, r_year, r_total, r_shape, {_STORED} FROM ({union})"
    )


def rescored_sql(
    prefix: str,
    plan_prefix: str,
    *,
    rolled: str | None,
    milestones: list[str] | None,
    keep_tolerance: float,
    rules: frozenset[RollupRule],
) -> str:
    """``{prefix}_final``: the scores made with the pass (``{prefix}_scored``) but those made
    again: of the indicator-years it did not prove (``unproven_keys``), from the ``rolled`` rows
    (rolled up by region), and with ``milestones``, of the milestones, from their facts (one a
    year, as the pass kept them). Only when no RATIO takes its parts from other rows and no
    milestone has several facts in a year (``_columnar_rollup``): then no other score depends on
    those."""
    keys = unproven_keys(prefix)
    parts, made, kept = [], [], f"{prefix}_scored s"
    if rolled is not None:
        grid = (
            f"(SELECT g.* FROM {plan_prefix}_grid g SEMI JOIN {keys} k USING (indicator_id, year))"
        )
        parts += [
            _own(rolled),
            _observed(plan_prefix, rules=rules, base_weights=False, grid=grid),
            _scored(keep_tolerance),
        ]
        made.append(f"SELECT *, NULL::{MILESTONE} AS milestone, {_note()} FROM scored")
        kept += f" ANTI JOIN {keys} k USING (indicator_id, year)"
    if milestones is not None:
        facts = (
            f"(SELECT r_id AS indicator_id, r_year AS year, r_total AS total, facts AS read "
            f"FROM {prefix}_scored WHERE r_id IS NOT NULL)"
        )
        parts += [
            _milestone_facts("", milestones, several=False, rolled=facts),
            milestones_sql(plan_prefix),
        ]
        made.append("SELECT * FROM milestone_scores")
        kept += f" ANTI JOIN {plan_prefix}_msgrid m USING (indicator_id, year)"
    made.append(f"SELECT s.* FROM {kept} WHERE s.indicator_id IS NOT NULL")
    return (
        f"CREATE OR REPLACE TEMP TABLE {prefix}_final AS WITH {','.join(parts)}\n"
        f"SELECT {_STORED} FROM ({' UNION ALL BY NAME '.join(made)})"
    )
