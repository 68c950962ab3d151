"""The fast path for facts in order (``_columnar_sorted``) gives the pure path's scores.

A Parquet file whose facts come ordered by indicator, year, region and period is rolled up
without grouping by region, each indicator-year's shape proven from its sums; what cannot be
proven goes the region way. Random facts shaped as exports have them are scored from files
sorted and shuffled and compared with the pure path; then cases computed by hand (plan lines
quoted at each test), each saying whether it was proven (``in_order``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.evaluate.test_columnar import (
    _IN_ORDER,
    REGIONS,
    YEARS,
    _compare,
    _unique,
    random_facts,
)
from zhospar._exceptions import ValidationError
from zhospar.evaluate import (
    ColumnarScore,
    EvaluationOptions,
    NoScore,
    RollupRule,
    RollupSpec,
    Status,
    plan_tables,
    score_facts,
)
from zhospar.evaluate import columnar as columnar_module
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import Plan

# --- random facts in the shapes of an export ----------------------------------------------

_KINDS = (
    "months",  # a run of regions, twelve months each: proven
    "years",  # a run of regions, a whole year each: proven
    "late start",  # the first region starts after January: proven (partial)
    "early stop",  # the last region stops before December: proven, but not for a stock
    "country months",  # the country's twelve months: proven
    "gap",  # a region misses a month in the middle: by region
    "twice",  # a region's months and its whole year: by region (an overlap)
    "scattered",  # regions that are not neighbours in sorted order: by region
    "country and regions",  # a national year beside regions' months: by region
)


def _months(ident: str, year: int, region: str | None, months: range) -> list[tuple]:
    return [(ident, Period(year, m, 1), region) for m in months]


def _shape(rng: random.Random, ident: str, year: int) -> list[tuple]:
    kind = rng.choice(_KINDS)
    first = rng.randrange(len(REGIONS))
    run = REGIONS[first : rng.randrange(first, len(REGIONS)) + 1]
    whole = range(1, 13)
    if kind == "years":
        return [(ident, Period(year, 1, 12), r) for r in run]
    if kind == "country months":
        return _months(ident, year, None, whole)
    if kind == "scattered":
        return [f for r in REGIONS[::2] for f in _months(ident, year, r, whole)]
    if kind == "country and regions":
        return [(ident, Period(year, 1, 12), None), *_months(ident, year, run[0], whole)]
    out = [f for r in run for f in _months(ident, year, r, whole)]
    if kind == "late start":
        out = out[rng.randrange(1, 12) :]
    elif kind == "early stop":
        out = out[: len(out) - rng.randrange(1, 12)]
    elif kind == "gap":
        out.pop(rng.randrange(1, len(out) - 1))
    elif kind == "twice":
        out.append((ident, Period(year, 1, 12), run[-1]))
    return out


def shaped_facts(plan: Plan, seed: int) -> list[ActualInput]:
    """The random facts of test_columnar (they reach every status and no-score case), and for
    the indicator-years they leave empty, facts in the shapes above."""
    rng = random.Random(seed)
    facts = random_facts(plan, seed)
    taken = {(f.indicator_id, f.period.year) for f in facts}
    for ident in plan_tables(plan).indicator_ids:
        for year in YEARS:
            if (ident, year) not in taken and rng.random() < 0.7:
                for ident_, period, region in _shape(rng, ident, year):
                    value = Decimal(rng.randint(-50, 20000)) / 100
                    facts.append(
                        ActualInput(indicator_id=ident_, period=period, value=value, region=region)
                    )
    return _unique(facts)


_SORTED = "indicator_id, year, region NULLS LAST, {period}"


@pytest.mark.parametrize("monthly", [False, True])
def test_facts_in_order_are_proven_and_equal_pure(bundled: ReadResult, monthly: bool) -> None:
    facts = shaped_facts(bundled.plan, seed=17)
    if monthly:
        facts = [f for f in facts if f.period.months in (1, 12)]
    period = "month" if monthly else "start_month"
    options = EvaluationOptions(expected_regions=REGIONS)
    _IN_ORDER.clear()
    for order in (_SORTED.format(period=period), "random()"):
        _compare(bundled.plan, facts, options, monthly=monthly, order=order)
    in_order, shuffled = _IN_ORDER
    assert in_order > shuffled + 150  # the shapes proven in order


def test_regions_first_seen_after_the_probe_take_a_second_pass(
    bundled: ReadResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The regions are read from the first facts only; with a probe of 40 facts some regions
    # (KAR, say) first appear later. Their facts find no key and the pass reads fewer facts
    # than the file holds, so it runs again with every region: the same scores, as many proven.
    facts = shaped_facts(bundled.plan, seed=17)
    options = EvaluationOptions(expected_regions=REGIONS)
    order = _SORTED.format(period="start_month")
    _IN_ORDER.clear()
    _compare(bundled.plan, facts, options, order=order)
    monkeypatch.setattr("zhospar.evaluate._columnar_rollup._PROBE", 40)
    _compare(bundled.plan, facts, options, order=order)
    whole_file, first_facts = _IN_ORDER
    assert first_facts == whole_file > 0


@pytest.mark.parametrize("monthly", [False, True])
def test_groups_not_proven_are_scored_again_and_the_rest_stands(
    bundled: ReadResult, monkeypatch: pytest.MonkeyPatch, monthly: bool
) -> None:
    # With no milestone facts and no RATIO rule, the scores made with the pass stand but for
    # the indicator-years it could not prove: rolled up by region and scored again.
    milestones = set(plan_tables(bundled.plan).milestone_ids)
    facts = [f for f in shaped_facts(bundled.plan, seed=23) if f.indicator_id not in milestones]
    if monthly:
        facts = [f for f in facts if f.period.months in (1, 12)]
    again: list[str] = []
    made = columnar_module.rescored_sql
    monkeypatch.setattr(
        columnar_module, "rescored_sql", lambda *a, **k: again.append("") or made(*a, **k)
    )
    options = EvaluationOptions(expected_regions=REGIONS)
    period = "month" if monthly else "start_month"
    _IN_ORDER.clear()
    _compare(
        bundled.plan,
        facts,
        options,
        monthly=monthly,
        order=_SORTED.format(period=period),
        unreached=frozenset({NoScore.BAD_FACT}),  # a milestone's fact other than 1 or 0
    )
    assert (len(again), _IN_ORDER[0] > 150) == (1, True)


# --- by hand ----------------------------------------------------------------------------------

Row = tuple[str, int, str | None, int | None, float]  # indicator, year, region, month, value


def _score(
    plan: Plan,
    rows: Sequence[Row],
    tmp_path: Path,
    options: EvaluationOptions | None = None,
) -> tuple[ColumnarScore, int]:
    """The 2012 score of the rows' indicator, from a Parquet file of the rows in their order,
    and how many indicator-years were proven."""
    tables = plan_tables(plan, [2012], options)
    scores = score_facts(tables, _parquet(rows, tmp_path / "facts.parquet"))
    return scores.by_key()[(rows[0][0], 2012)], scores.in_order


def _parquet(rows: Sequence[Row], path: Path) -> Path:
    """The rows as a Parquet file, in their order."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f (indicator_id VARCHAR, year INTEGER, region VARCHAR, month INTEGER, "
        "value DOUBLE)"
    )
    con.executemany("INSERT INTO f VALUES (?, ?, ?, ?, ?)", list(rows))
    con.execute(f"COPY f TO '{path}' (FORMAT parquet)")
    return path


def _regions(ident: str, values: dict[str, range], value: float = 1.0) -> list[Row]:
    return [(ident, 2012, r, m, value) for r, months in values.items() for m in months]


# Line 261-262: receiving the job-loss payment; 2012 target 50. People served: more is better
# whatever the falling targets (issue 15).
STOCK = "T1.3.1-I4"
COUNT = "T1.2.3-I1"  # line 239-240: sent to training; 2012 target 210 (thousand), higher better
FULL = range(1, 13)


def test_a_stock_in_order_takes_each_regions_december(bundled: ReadResult, tmp_path: Path) -> None:
    # Region r reports 10r + m in month m: Decembers 22, 32 and 42, 96 in all; 96 / 50 = 192 %.
    rows = [(STOCK, 2012, f"R0{r}", m, 10.0 * r + m) for r in (1, 2, 3) for m in FULL]
    score, in_order = _score(bundled.plan, rows, tmp_path)
    assert (score.fact, score.rule, score.complete, in_order) == (96.0, RollupRule.LAST, True, 1)
    assert score.percent is not None and round(score.percent, 2) == 192.00
    assert (score.status, score.facts) == (Status.ACHIEVED, 36)


def test_a_stock_whose_last_region_stops_early_goes_by_region(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # R03 stops in April (34): 22 + 32 + 34 = 88, partial; 88 / 50 = 176 %. Its latest value is
    # not December's, which the proof keeps, so this indicator-year is rolled up by region.
    rows = [(STOCK, 2012, f"R0{r}", m, 10.0 * r + m) for r in (1, 2, 3) for m in FULL]
    score, in_order = _score(bundled.plan, rows[:-8], tmp_path)
    assert (score.fact, score.complete, in_order) == (88.0, False, 0)
    assert score.percent is not None and round(score.percent, 2) == 176.00
    assert score.note == "on partial facts: R03: latest value is before the year's end"


def test_a_count_whose_last_region_stops_early_is_proven(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # 12 + 12 + 4 months of 1.0 = 28 of 210: 13.33 %, partial.
    rows = _regions(COUNT, {"R01": FULL, "R02": FULL, "R03": range(1, 5)})
    score, in_order = _score(bundled.plan, rows, tmp_path)
    assert (score.fact, score.rule, score.complete, in_order) == (28.0, RollupRule.SUM, False, 1)
    assert score.percent is not None and round(score.percent, 2) == 13.33
    assert score.note == "on partial facts: R03: covers 4 of 12 months"


def test_a_count_whose_first_region_starts_late_is_proven(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # R01 from May (8 months) and R02's year: 20 of 1.0; R04 (expected) has nothing.
    options = EvaluationOptions(expected_regions=("R01", "R02", "R04"))
    rows = _regions(COUNT, {"R01": range(5, 13), "R02": FULL})
    score, in_order = _score(bundled.plan, rows, tmp_path, options)
    assert (score.fact, score.complete, in_order) == (20.0, False, 1)
    assert score.note == ("on partial facts: R01: covers 8 of 12 months; no fact for region(s) R04")


def test_a_region_the_probe_missed_is_not_taken_for_its_neighbour(
    bundled: ReadResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The probe (the first 24 facts: 2011) sees R01 and R03 only. In 2012 R02's December comes
    # just before R03's year: it must be neither left out nor taken for R01's December. 13 facts
    # of 1.0: 13 of 210 = 6.19 %, R02 short of the year.
    monkeypatch.setattr("zhospar.evaluate._columnar_rollup._PROBE", 24)
    first = [(COUNT, 2011, r, m, 1.0) for r in ("R01", "R03") for m in FULL]
    rows = first + _regions(COUNT, {"R02": range(12, 13), "R03": FULL})
    path = _parquet(rows, tmp_path / "facts.parquet")
    scores = score_facts(plan_tables(bundled.plan, [2011, 2012]), path)
    score = scores.by_key()[(COUNT, 2012)]
    assert (score.fact, score.facts, score.complete) == (13.0, 13, False)
    assert score.percent is not None and round(score.percent, 2) == 6.19
    assert score.note == "on partial facts: R02: covers 1 of 12 months"
    assert scores.in_order == 1  # 2012, on the second pass; in 2011 R01 and R03 are not next


def test_a_weighted_rate_in_order_is_rolled_up_by_region(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # Lines 216-217: the unemployment rate, 2012 target 6,2, lower is better; weighted here by
    # fixed weights R01 1, R02 3. R01 reports 10 each month, R02 20: (12 x 10 x 1 + 12 x 20 x 3)
    # / (12 x 1 + 12 x 3) = 840 / 48 = 17.5, never the 360 of a sum, though its months are in
    # order: a weighted rate needs each region's own facts. 6.2 / 17.5 = 35.43 %.
    weights = {"R01": Decimal(1), "R02": Decimal(3)}
    spec = RollupSpec(RollupRule.WEIGHTED, "weighted by region", weights=weights)
    options = EvaluationOptions(rollups={"G1.1-I1": spec})
    rows = [("G1.1-I1", 2012, r, m, v) for r, v in (("R01", 10.0), ("R02", 20.0)) for m in FULL]
    score, in_order = _score(bundled.plan, rows, tmp_path, options)
    assert (score.fact, score.rule, score.complete, in_order) == (
        17.5,
        RollupRule.WEIGHTED,
        True,
        0,
    )
    assert score.percent is not None and round(score.percent, 2) == 35.43
    assert score.status is Status.NOT_ACHIEVED


def test_a_file_too_big_for_the_packed_bounds_goes_by_region(
    bundled: ReadResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Positions are packed in 32 bits beside position - key: a file with more facts than
    # MOST_FACTS is rolled up by region (here the limit is lowered to 10 facts): the same score,
    # nothing proven. 12 + 12 months of 1.0: 24 of 210 = 11.43 %.
    monkeypatch.setattr("zhospar.evaluate._columnar_rollup.MOST_FACTS", 10)
    rows = _regions(COUNT, {"R01": FULL, "R02": FULL})
    score, in_order = _score(bundled.plan, rows, tmp_path)
    assert (score.fact, score.complete, in_order) == (24.0, True, 0)
    assert score.percent is not None and round(score.percent, 2) == 11.43


def test_one_region_from_march_to_july(bundled: ReadResult, tmp_path: Path) -> None:
    score, in_order = _score(bundled.plan, _regions(COUNT, {"R01": range(3, 8)}), tmp_path)
    assert (score.fact, score.complete, in_order) == (5.0, False, 1)
    assert score.note == "on partial facts: R01: covers 5 of 12 months"


def test_regions_years_are_proven(bundled: ReadResult, tmp_path: Path) -> None:
    # Three regions' years, 10 + 20 + 30 = 60: a count adds them, a stock too (each region's
    # latest value is its year). 60 / 210 = 28.57 %; 60 / 50 = 120 %.
    for ident, percent in ((COUNT, 28.57), (STOCK, 120.00)):
        rows = [(ident, 2012, f"R0{r}", None, 10.0 * r) for r in (1, 2, 3)]
        score, in_order = _score(bundled.plan, rows, tmp_path)
        assert (score.fact, score.complete, in_order) == (60.0, True, 1)
        assert score.percent is not None and round(score.percent, 2) == percent


def test_the_countrys_months_are_proven(bundled: ReadResult, tmp_path: Path) -> None:
    # The country's twelve months of 17.5: 210 in all, 100 %: achieved.
    score, in_order = _score(bundled.plan, _regions(COUNT, {None: FULL}, 17.5), tmp_path)
    assert (score.fact, score.complete, score.status, in_order) == (
        210.0,
        True,
        Status.ACHIEVED,
        1,
    )


def test_a_quarter_alone_is_proven(bundled: ReadResult, tmp_path: Path) -> None:
    # One region's second quarter, 40: a stock's latest value before the year's end, partial.
    con = duckdb.connect()
    path = tmp_path / "q.parquet"
    con.execute(
        f"COPY (SELECT '{STOCK}' AS indicator_id, 2012 AS year, 'R01' AS region, "
        f"4 AS start_month, 3 AS months, 40.0 AS value) TO '{path}' (FORMAT parquet)"
    )
    scores = score_facts(plan_tables(bundled.plan, [2012]), path)
    score = scores.by_key()[(STOCK, 2012)]
    assert (score.fact, score.complete, scores.in_order) == (40.0, False, 1)
    assert score.note == "on partial facts: R01: latest value is before the year's end"


def test_a_month_given_twice_in_order_is_an_overlap(bundled: ReadResult, tmp_path: Path) -> None:
    rows = _regions(COUNT, {"R01": FULL})
    score, in_order = _score(bundled.plan, [*rows, rows[-1]], tmp_path)
    assert (score.no_score, score.facts, in_order) == (NoScore.NOT_ROLLED_UP, 13, 0)
    assert "R01: periods overlap" in score.note


@pytest.mark.parametrize(
    "blocks",
    [
        [("R02", FULL), ("R01", FULL)],  # regions out of order
        [("R01", range(1, 7)), ("R02", range(7, 13)), ("R02", range(1, 7)), ("R01", range(7, 13))],
    ],
)
def test_facts_out_of_order_go_by_region_and_agree(
    bundled: ReadResult, tmp_path: Path, blocks: list[tuple[str, range]]
) -> None:
    # Each region has its twelve months once, in an order the proof does not take: 24 of 210.
    rows = [(COUNT, 2012, r, m, 1.0) for r, months in blocks for m in months]
    score, in_order = _score(bundled.plan, rows, tmp_path)
    assert (score.fact, score.complete, in_order) == (24.0, True, 0)


def test_a_national_year_beside_regions_wins(bundled: ReadResult, tmp_path: Path) -> None:
    # Regions' months (12 x 1.0) and the country's year (205): the national fact is used as it
    # is; 205 / 210 = 97.62 %: nearly achieved.
    rows = [*_regions(COUNT, {"R01": FULL}), (COUNT, 2012, None, None, 205.0)]
    score, in_order = _score(bundled.plan, rows, tmp_path)
    assert (score.fact, score.rule, score.status, in_order) == (205.0, None, Status.NEARLY, 0)
    assert math.isclose(score.percent or 0, 97.619, rel_tol=1e-4)


def test_quarters_in_order_go_by_region(bundled: ReadResult, tmp_path: Path) -> None:
    # Two regions' four quarters (1.0 each) in order: side by side, but quarters are never part
    # of a proof, so all (more than nine facts in ten) go by region at once: 8 of 210.
    con = duckdb.connect()
    path = tmp_path / "quarters.parquet"
    con.execute(
        f"COPY (SELECT '{COUNT}' AS indicator_id, 2012 AS year, r AS region, s AS start_month, "
        "3 AS months, 1.0 AS value FROM (VALUES ('R01'), ('R02')) a(r), "
        f"(VALUES (1), (4), (7), (10)) b(s) ORDER BY r, s) TO '{path}' (FORMAT parquet)"
    )
    scores = score_facts(plan_tables(bundled.plan, [2012]), path)
    score = scores.by_key()[(COUNT, 2012)]
    assert (score.fact, score.complete, scores.in_order, scores.facts_read) == (8.0, True, 0, 8)


def test_a_period_repeated_past_the_limit_in_a_file(bundled: ReadResult, tmp_path: Path) -> None:
    rows = [(COUNT, 2012, "R01", 1, 1.0)] * 20
    with pytest.raises(ValidationError, match=r"20 facts for T1\.2\.3-I1, 2012, one region"):
        _score(bundled.plan, rows, tmp_path)


def test_ids_the_plan_does_not_know_are_listed_from_a_file(
    bundled: ReadResult, tmp_path: Path
) -> None:
    rows = [("P002-X", 2012, None, None, 1.0), ("NO-SUCH", 2012, "R01", 3, 2.0)]
    path = _parquet(rows, tmp_path / "unknown.parquet")
    scores = score_facts(plan_tables(bundled.plan, [2012]), path)
    assert (scores.unscored_ids, scores.facts_read, scores.in_order) == (
        ("NO-SUCH", "P002-X"),
        2,
        2,
    )


def test_a_milestone_with_two_facts_in_a_year(bundled: ReadResult, tmp_path: Path) -> None:
    # T1.1.1-M2 is due 2011-2012. Not done in March 2012 (0), done in June (1): done in 2012,
    # by its due year: achieved, 100 %. In 2011 nothing was reported and it was not yet due.
    rows = [("T1.1.1-M2", 2012, None, 3, 0.0), ("T1.1.1-M2", 2012, None, 6, 1.0)]
    path = _parquet(rows, tmp_path / "milestone.parquet")
    scores = score_facts(plan_tables(bundled.plan, [2011, 2012]), path).by_key()
    done, before = scores[("T1.1.1-M2", 2012)], scores[("T1.1.1-M2", 2011)]
    assert (done.status, done.percent, done.facts) == (Status.ACHIEVED, 100.0, 2)
    assert done.note == "done in 2012 (due 2011-2012)"
    assert (before.no_score, before.facts) == (NoScore.NOT_YET_DUE, 0)


def test_a_milestone_fact_beside_proven_facts_is_scored_again(
    bundled: ReadResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Everything is proven in one pass (the count's two regions; the milestone's one fact), and
    # the scores made with it stand but the milestones', made again from the fact it kept:
    # T1.1.1-M2, due 2011-2012, done (1) in 2011, on time; the count, 24 of 210, stands.
    again: list[str] = []
    made = columnar_module.rescored_sql
    monkeypatch.setattr(
        columnar_module, "rescored_sql", lambda *a, **k: again.append("") or made(*a, **k)
    )
    rows = [*_regions(COUNT, {"R01": FULL, "R02": FULL}), ("T1.1.1-M2", 2011, None, None, 1.0)]
    path = _parquet(rows, tmp_path / "facts.parquet")
    scores = score_facts(plan_tables(bundled.plan, [2011, 2012]), path)
    by_key = scores.by_key()
    done, after = by_key[("T1.1.1-M2", 2011)], by_key[("T1.1.1-M2", 2012)]
    assert (done.status, done.percent, done.facts, done.note) == (
        Status.ACHIEVED,
        100.0,
        1,
        "done in 2011 (due 2011-2012)",
    )
    assert (after.status, after.facts) == (Status.ACHIEVED, 1)  # facts up to the year
    assert (by_key[(COUNT, 2012)].fact, scores.in_order, len(again)) == (24.0, 2, 1)


@pytest.mark.parametrize("cache", [False, True])
def test_runs_leave_their_scores_and_the_connections_settings(
    bundled: ReadResult, tmp_path: Path, cache: bool
) -> None:
    # Scored with the pass, a run keeps its table and shows it through a view of the score
    # columns; everything else it made goes, also when it fails; the connection's Parquet
    # metadata cache (turned on for the run) is as the caller set it.
    con = duckdb.connect()
    con.execute(f"SET SESSION parquet_metadata_cache = {str(cache).lower()}")
    rows = _regions(COUNT, {"R01": FULL, "R02": FULL})
    good, bad = tmp_path / "good.parquet", tmp_path / "bad.parquet"
    for path, value in ((good, "1.0"), (bad, "'NaN'::DOUBLE")):
        con.execute(
            f"COPY (SELECT t.*, {value} AS value FROM (VALUES {_values(rows)}) "
            f"t(indicator_id, year, region, month)) TO '{path}' (FORMAT parquet)"
        )
    tables = plan_tables(bundled.plan, [2012])
    runs = [score_facts(tables, good, connection=con) for _ in range(2)]
    with pytest.raises(ValidationError):
        score_facts(tables, bad, connection=con)
    assert [r.by_key()[(COUNT, 2012)].fact for r in runs] == [24.0, 24.0]
    # The relation reads as the scores do, notes whole (G1.1-I1 has a target but no fact).
    shown = runs[0].relation.filter("indicator_id = 'G1.1-I1'").fetchall()
    assert runs[0].relation.columns[-2:] == ["milestone", "note"]
    assert shown[0][-1] == "no fact yet for 2012"
    # A note the plan alone decides is kept as a code of the plan's texts and read as its text.
    targetless = runs[0].relation.filter("no_score = 'no_target'").fetchall()
    assert targetless and all(row[-1].startswith("no target for 2012") for row in targetless)
    assert [r.in_order for r in runs] == [1, 1]
    assert _left(con, "table") == [r.table.replace("_scores", "_scored") for r in runs]
    assert _left(con, "view") == [r.table for r in runs]
    setting = con.execute("SELECT current_setting('parquet_metadata_cache')").fetchone()
    assert setting == (cache,)


def _values(rows: Sequence[Row]) -> str:
    return ", ".join(f"('{i}', {y}, '{r}', {m})" for i, y, r, m, _ in rows)


def _left(con: duckdb.DuckDBPyConnection, kind: str) -> list[str]:
    """The temporary tables (or views) of the connection but the plan's."""
    name = f"{kind}_name"
    found = con.sql(
        f"SELECT {name} FROM duckdb_{kind}s() WHERE temporary AND NOT internal "
        f"AND NOT starts_with({name}, 'zhospar_plan_') ORDER BY 1"
    ).fetchall()
    return [str(row[0]) for row in found]
