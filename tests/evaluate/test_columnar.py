"""The columnar path gives the pure path's national figures, achievements and statuses.

Two kinds of test: seeded random facts over the bundled plan, scored both ways and compared
(every indicator and milestone in every planned year, no-score cases included); and cases
computed by hand from the plan text (lines quoted at each test).
"""

from __future__ import annotations

import math
import random
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.evaluate._parity import differences
from zhospar._exceptions import ValidationError
from zhospar.evaluate import (
    Achievement,
    ColumnarScore,
    ColumnarScores,
    EvaluationOptions,
    NoScore,
    RollupRule,
    RollupSpec,
    Status,
    achieve_milestone,
    apply_overrides,
    group_facts,
    infer_polarities,
    latest,
    plan_tables,
    plan_vs_fact,
    score_facts,
)
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import Plan

YEARS = range(2010, 2015)
REGIONS = ("AKM", "ALA", "AST", "KAR")


def _facts_table(
    con: duckdb.DuckDBPyConnection, facts: Sequence[ActualInput], *, monthly: bool = False
) -> str:
    """The facts as a DuckDB table, the period as start month and length, or (``monthly``,
    for months and whole years only) as a month column, empty for the whole year."""
    period = (
        "unnest(?::INTEGER[]) AS month"
        if monthly
        else "unnest(?::INTEGER[]) AS start_month, unnest(?::INTEGER[]) AS months"
    )
    columns = (
        [[f.period.start_month if f.period.months == 1 else None for f in facts]]
        if monthly
        else [[f.period.start_month for f in facts], [f.period.months for f in facts]]
    )
    con.execute(
        "CREATE OR REPLACE TABLE facts AS SELECT unnest(?::VARCHAR[]) AS indicator_id, "
        f"unnest(?::INTEGER[]) AS year, unnest(?::VARCHAR[]) AS region, {period}, "
        "unnest(?::DOUBLE[]) AS value",
        [
            [f.indicator_id for f in facts],
            [f.period.year for f in facts],
            [f.region for f in facts],
            *columns,
            [float(f.value) for f in facts],
        ],
    )
    return "facts"


def _columnar(
    plan: Plan,
    facts: Sequence[ActualInput],
    options: EvaluationOptions | None = None,
    *,
    monthly: bool = False,
    order: str | None = None,
) -> dict[tuple[str, int], ColumnarScore]:
    """Score ``facts`` as a DuckDB relation or, given an ``order``, as a Parquet file written
    in that order (files are read on the fast path for facts in order, ``_columnar_sorted``)."""
    con = duckdb.connect()
    table = _facts_table(con, facts, monthly=monthly)
    if order is None:
        return score_facts(plan, con.table(table), options=options, connection=con).by_key()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.parquet"
        con.execute("SELECT setseed(0.25)")
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{path}' (FORMAT parquet)")
        scores = score_facts(plan, path, options=options, connection=con)
        _IN_ORDER.append(scores.in_order)
        return scores.by_key()


_IN_ORDER: list[int] = []  # how many indicator-years each Parquet file had in order


# --- random facts -------------------------------------------------------------------------


@dataclass
class _Maker:
    rng: random.Random
    out: list[ActualInput]

    def add(self, ident: str, period: Period, region: str | None, value: Decimal) -> None:
        self.out.append(ActualInput(indicator_id=ident, period=period, value=value, region=region))

    def value(self, scale: float) -> Decimal:
        choice = self.rng.random()
        if choice < 0.04:
            return Decimal(0)
        if choice < 0.07:
            return Decimal(-1) * Decimal(self.rng.randint(1, 50))
        return Decimal(self.rng.randint(1, 20000)) / 100 * Decimal(str(max(scale, 0.01)))


def _periods(kind: str, year: int) -> list[Period]:
    if kind == "months":
        return [Period(year, m, 1) for m in range(1, 13)]
    if kind == "quarters":
        return [Period(year, 1 + 3 * q, 3) for q in range(4)]
    if kind == "halves":
        return [Period(year, 1, 6), Period(year, 7, 6)]
    return [Period(year, 1, 12)]


def _scenario(maker: _Maker, ident: str, year: int, target: float | None) -> None:
    """One indicator in one year: a national fact, regional months, gaps, overlaps ..."""
    rng, scale = maker.rng, (target or 10.0) / 40
    kind = rng.choice(
        ["national", "national", "exact", "regional", "regional", "partial", "overlap", "mixed"]
    )
    if kind in ("national", "mixed"):
        maker.add(ident, Period(year, 1, 12), None, maker.value(scale * 40))
    if kind == "exact" and target is not None:  # at the band's edge: 100 % exactly
        maker.add(ident, Period(year, 1, 12), None, Decimal(str(target)))
    if kind in ("regional", "partial", "mixed", "overlap"):
        regions = rng.sample(REGIONS, rng.randint(1, len(REGIONS)))
        for region in regions:
            periods = _periods(rng.choice(["months", "quarters", "halves", "year"]), year)
            if kind == "partial":
                periods = periods[: rng.randint(1, len(periods))]
            for period in periods:
                maker.add(ident, period, region, maker.value(scale / len(periods)))
        if kind == "overlap":
            maker.add(ident, Period(year, 2, 1), regions[0], maker.value(scale))
            maker.add(ident, Period(year, 1, 3), regions[0], maker.value(scale))
    if kind == "partial" and rng.random() < 0.5:  # the country's own part of a year
        maker.add(ident, Period(year, 1, 3), None, maker.value(scale))


def _unique(facts: list[ActualInput]) -> list[ActualInput]:
    """One fact per (indicator, period, region): the columnar input's contract (no revisions)."""
    seen: dict[tuple[str, Period, str | None], ActualInput] = {}
    for f in facts:
        seen[(f.indicator_id, f.period, f.region)] = f
    return list(seen.values())


def random_facts(plan: Plan, seed: int, share: float = 0.55) -> list[ActualInput]:
    maker = _Maker(random.Random(seed), [])
    tables = plan_tables(plan)
    targets = dict(
        zip(
            zip(tables.tables["tgt"]["indicator_id"], tables.tables["tgt"]["year"], strict=True),
            tables.tables["tgt"]["target"],
            strict=True,
        )
    )
    for ident in tables.indicator_ids:
        for year in YEARS:
            if maker.rng.random() < share:
                _scenario(maker, ident, year, targets.get((ident, year)))
    for ident in tables.milestone_ids:  # 1 done, 0 not done, now and then a wrong value
        for year in (2009, *YEARS):
            if maker.rng.random() < 0.3:
                value = maker.rng.choice(["0", "0", "1", "1", "1", "2"])
                maker.add(ident, Period(year, 1, 12), None, Decimal(value))
    maker.add("P002-X", Period(2010, 1, 12), None, Decimal("557556682"))  # not an indicator
    return _unique(maker.out)


# --- the pure path, as evaluate_year computes each score --------------------------------


def pure_scores(
    plan: Plan, facts: Sequence[ActualInput], options: EvaluationOptions
) -> Iterator[Achievement]:
    for row in plan_vs_fact(plan, facts, options):
        yield from row.by_year.values()
    groups = group_facts(plan, latest(facts))
    polarities = apply_overrides(infer_polarities(plan), options.overrides)
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                for milestone in task.milestones:
                    for year in YEARS:
                        polarity = polarities[milestone.id]
                        of = groups.of(milestone.id)
                        yield achieve_milestone(milestone, polarity, year, of)


def _compare(
    plan: Plan,
    facts: list[ActualInput],
    options: EvaluationOptions,
    *,
    monthly: bool = False,
    order: str | None = None,
    unreached: frozenset[NoScore] = frozenset(),
) -> Status:
    """Compare every score both ways; the facts must reach every outcome but ``unreached``."""
    columnar = _columnar(plan, facts, options, monthly=monthly, order=order)
    seen: set[Status | NoScore] = set()
    problems = []
    count = 0
    for pure in pure_scores(plan, facts, options):
        count += 1
        col = columnar[(pure.indicator_id, pure.year)]
        seen.add(pure.no_score or pure.status)
        problems += [f"{pure.indicator_id} {pure.year}: {d}" for d in differences(pure, col)]
    assert not problems, "\n".join(problems[:20])
    assert count == len(columnar)
    # The random facts reach every outcome, so each comparison above was tried.
    expected = {*Status, *NoScore} - {Status.NO_DATA, *unreached}
    assert expected <= seen, f"not reached: {expected - seen}"
    return Status.ACHIEVED


def test_columnar_equals_pure_on_random_facts(bundled: ReadResult) -> None:
    facts = random_facts(bundled.plan, seed=20240611)
    assert len(facts) > 3000
    _compare(bundled.plan, facts, EvaluationOptions())


def test_columnar_equals_pure_on_a_month_column(bundled: ReadResult) -> None:
    """The cheaper path for a ``month`` column (months and whole years only)."""
    facts = [f for f in random_facts(bundled.plan, seed=3) if f.period.months in (1, 12)]
    assert len(facts) > 2000
    _compare(bundled.plan, facts, EvaluationOptions(expected_regions=REGIONS), monthly=True)


# Facts as an export ordered by indicator, year, region and period would have them, and the
# same facts shuffled: both must give the pure path's scores (the first on the fast path).
_SORTED = "indicator_id, year, region NULLS LAST, {period}"
_SHUFFLED = "random()"


def test_a_parquet_file_equals_pure_on_random_facts(bundled: ReadResult) -> None:
    facts = random_facts(bundled.plan, seed=11)
    _IN_ORDER.clear()
    for order in (_SORTED, _SHUFFLED):
        _compare(bundled.plan, facts, EvaluationOptions(), order=order.format(period="start_month"))
    # In order, the indicator-years with a single fact are proven (a national year, one region's
    # quarter ...) and some more (test_columnar_sorted has facts made for it); shuffled, the
    # facts are nearly all out of order and all are rolled up by region.
    in_order, shuffled = _IN_ORDER
    assert (in_order > 100, shuffled) == (True, 0)


@pytest.mark.parametrize("order", [_SORTED, _SHUFFLED])
def test_a_parquet_file_with_a_month_column_equals_pure(bundled: ReadResult, order: str) -> None:
    facts = [f for f in random_facts(bundled.plan, seed=3) if f.period.months in (1, 12)]
    options = EvaluationOptions(expected_regions=REGIONS)
    _compare(bundled.plan, facts, options, monthly=True, order=order.format(period="month"))


def test_a_parquet_file_equals_pure_with_rules_set_by_the_caller(bundled: ReadResult) -> None:
    options = EvaluationOptions(
        rollups=_overrides(bundled.plan), keep_tolerance=Decimal(3), expected_regions=REGIONS
    )
    facts = random_facts(bundled.plan, seed=13, share=0.6)
    _compare(bundled.plan, facts, options, order=_SORTED.format(period="start_month"))


def test_a_parquet_file_in_order_equals_pure_with_rules_set_by_the_caller_but_no_base(
    bundled: ReadResult,
) -> None:
    # Without a base the scores are made in the sorted pass's own statement, which must leave
    # WEIGHTED rates (each region's own total needed) and RATIO's parts to the region roll-up.
    overrides = {i: spec for i, spec in _overrides(bundled.plan).items() if spec.base is None}
    options = EvaluationOptions(rollups=overrides, expected_regions=REGIONS)
    facts = random_facts(bundled.plan, seed=17, share=0.6)
    _compare(bundled.plan, facts, options, order=_SORTED.format(period="start_month"))


def _overrides(plan: Plan) -> dict[str, RollupSpec]:
    """RATIO, WEIGHTED (fixed weights, a base, neither) and a RATIO missing its parts."""
    tables = plan_tables(plan)
    rules = dict(zip(tables.indicator_ids, tables.tables["ind"]["rule"], strict=True))
    sums = [i for i, r in rules.items() if r == RollupRule.SUM.value]
    nones = [i for i, r in rules.items() if r == RollupRule.NONE.value]
    weights = {"AKM": Decimal(2), "ALA": Decimal(1), "AST": Decimal(3)}  # KAR has none
    out = {}
    for ident in nones[:12]:
        out[ident] = RollupSpec(RollupRule.RATIO, "r", sums[0], sums[1], Decimal(100))
    for ident in nones[12:24]:
        out[ident] = RollupSpec(RollupRule.WEIGHTED, "w", weights=weights)
    for ident in nones[24:36]:
        out[ident] = RollupSpec(RollupRule.WEIGHTED, "w", base=sums[2])
    out[nones[36]] = RollupSpec(RollupRule.WEIGHTED, "w")
    out[nones[37]] = RollupSpec(RollupRule.RATIO, "r", numerator=sums[0])
    return out


def test_columnar_equals_pure_with_rules_set_by_the_caller(bundled: ReadResult) -> None:
    options = EvaluationOptions(
        rollups=_overrides(bundled.plan),
        keep_tolerance=Decimal(3),
        expected_regions=REGIONS,
    )
    facts = random_facts(bundled.plan, seed=7, share=0.6)
    _compare(bundled.plan, facts, options)


# --- by hand ----------------------------------------------------------------------------------


def test_unemployment_2012_national_fact(bundled: ReadResult) -> None:
    # Line 216-217: "Жұмыссыздық деңгейі %-бен 6,9 8,0 6,6 6,4 6,2 6,0 5,9": 2012 target 6,2.
    facts = [ActualInput(indicator_id="G1.1-I1", period=Period.parse("2012"), value=Decimal("5.3"))]
    score = _columnar(bundled.plan, facts)[("G1.1-I1", 2012)]
    assert score.status is Status.ACHIEVED
    assert score.percent is not None and round(score.percent, 2) == 116.98  # 6.2 / 5.3 × 100
    assert (score.fact, score.target, score.rule, score.facts) == (5.3, 6.2, None, 1)


def test_regional_months_of_a_rate_do_not_roll_up(bundled: ReadResult) -> None:
    facts = [
        ActualInput(indicator_id="G1.1-I1", period=Period(2012, m, 1), value=Decimal("5"), region=r)
        for r in REGIONS
        for m in range(1, 13)
    ]
    score = _columnar(bundled.plan, facts)[("G1.1-I1", 2012)]
    assert (score.status, score.no_score, score.fact) == (
        Status.NO_DATA,
        NoScore.NOT_ROLLED_UP,
        None,
    )
    assert score.note.startswith("not rolled up: a rate or share")
    assert score.facts == 48


def _sixteen_regions() -> list[str]:
    return [f"R{r:02d}" for r in range(1, 17)]


def test_sixteen_regions_by_twelve_months_of_a_count_add_up(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # Line 239-240: people sent to training at employers' cost, "мың адам ... 200 210 220 240":
    # 2012 target 210 (thousand). Region r reports r × 0.1 each month: 12 × 0.1 × (1 + ... + 16)
    # = 1.2 × 136 = 163.2; 163.2 / 210 × 100 = 77.71 %: not achieved (below 90).
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT 'T1.2.3-I1' AS indicator_id, 2012 AS year, "
        "'R' || lpad(r::VARCHAR, 2, '0') AS region, m AS month, r * 0.1 AS value "
        "FROM range(1, 17) a(r), range(1, 13) b(m)"
    )
    path = tmp_path / "facts.parquet"
    con.execute(f"COPY f TO '{path}' (FORMAT parquet)")
    scores = score_facts(bundled.plan, path, years=[2012])
    score = scores.by_key()[("T1.2.3-I1", 2012)]
    assert score.fact is not None and math.isclose(score.fact, 163.2)
    assert (score.rule, score.complete, score.facts) == (RollupRule.SUM, True, 192)
    assert score.percent is not None and round(score.percent, 2) == 77.71
    assert score.status is Status.NOT_ACHIEVED
    assert scores.facts_read == 192


def test_a_stock_takes_each_regions_latest_month(bundled: ReadResult) -> None:
    # Line 261-262: people receiving the job-loss payment, "мың адам 1,7 136,4 136,4 60 50 18
    # 18": 2012 target 50; people served (мың адам), so more is better whatever the falling
    # targets (issue 15). AKM's December is 21, ALA stops at November (30): 21 + 30 = 51,
    # partial; 51 / 50 × 100 = 102.00 %: achieved.
    facts = [
        ActualInput(indicator_id="T1.3.1-I4", period=Period(2012, m, 1), value=v, region=r)
        for r, last in (("AKM", 12), ("ALA", 11))
        for m in range(1, last + 1)
        for v in [Decimal(m + 9 if r == "AKM" else m + 19)]
    ]
    score = _columnar(bundled.plan, facts)[("T1.3.1-I4", 2012)]
    assert (score.fact, score.rule, score.complete) == (51.0, RollupRule.LAST, False)
    assert score.percent is not None and round(score.percent, 2) == 102.00
    assert score.status is Status.ACHIEVED
    assert "ALA: latest value is before the year's end" in score.note


@pytest.mark.parametrize("monthly", [False, True])
def test_a_regions_december_outranks_its_whole_year_for_a_stock(
    bundled: ReadResult, monthly: bool
) -> None:
    # rollup._add_up takes the latest period: the later end, then the shorter one. In AKM the
    # year (end 13, 12 months) and December (end 13, 1 month) end together: December, 40.
    # ALA has only its year: 15. 40 + 15 = 55; target 50 (line 262), people served, so more is
    # better (issue 15): 55 / 50 = 110.00 %, achieved.
    facts = [
        ActualInput(indicator_id="T1.3.1-I4", period=Period.parse(p), value=Decimal(v), region=r)
        for p, v, r in (("2012", "70", "AKM"), ("2012-12", "40", "AKM"), ("2012", "15", "ALA"))
    ]
    score = _columnar(bundled.plan, facts, monthly=monthly)[("T1.3.1-I4", 2012)]
    assert (score.fact, score.rule, score.complete) == (55.0, RollupRule.LAST, True)
    assert score.percent is not None and round(score.percent, 2) == 110.00
    assert score.status is Status.ACHIEVED


def test_a_month_given_twice_reads_as_an_overlap(bundled: ReadResult) -> None:
    # Without a revision column each period is expected once; a repeat is not added twice.
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT * FROM (VALUES ('T1.2.3-I1', 2012, 'AKM', 3, 5.0), "
        "('T1.2.3-I1', 2012, 'AKM', 3, 6.0)) t(indicator_id, year, region, month, value)"
    )
    score = score_facts(bundled.plan, con.table("f"), connection=con).by_key()[("T1.2.3-I1", 2012)]
    assert (score.no_score, score.facts) == (NoScore.NOT_ROLLED_UP, 2)
    assert "AKM: periods overlap" in score.note


def test_overlapping_periods_refuse_to_add(bundled: ReadResult) -> None:
    facts = [
        ActualInput(
            indicator_id="T1.2.3-I1", period=Period.parse(p), value=Decimal(5), region="AKM"
        )
        for p in ("2012-Q1", "2012-02")
    ]
    score = _columnar(bundled.plan, facts)[("T1.2.3-I1", 2012)]
    assert (score.no_score, score.complete) == (NoScore.NOT_ROLLED_UP, False)
    assert "AKM: periods overlap" in score.note


def test_a_national_yearly_fact_wins_over_regions_and_months(bundled: ReadResult) -> None:
    facts = [
        ActualInput(indicator_id="T1.2.3-I1", period=Period.parse(p), value=Decimal(v), region=r)
        for p, v, r in (("2012", "205", None), ("2012-12", "7", None), ("2012", "100", "AKM"))
    ]
    score = _columnar(bundled.plan, facts)[("T1.2.3-I1", 2012)]
    assert (score.fact, score.rule, score.status) == (205.0, None, Status.NEARLY)  # 97.62 %


# --- sources and bad input -----------------------------------------------------------------


def test_csv_with_decimal_commas_and_months(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(
        'indicator_id,year,region,month,value\nG1.1-I1,2012,,,"5,3"\nT1.2.3-I1,2012,AKM,1,10\n',
        encoding="utf-8",
    )
    scores = score_facts(bundled.plan, path, years=[2012]).by_key()
    assert scores[("G1.1-I1", 2012)].fact == 5.3
    partial = scores[("T1.2.3-I1", 2012)]
    assert (partial.fact, partial.complete) == (10.0, False)
    assert "AKM: covers 1 of 12 months" in partial.note


def test_a_bad_value_is_named_by_file_row_and_column(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(
        "indicator_id,year,month,value\nG1.1-I1,2012,,5.3\nG1.1-I1,2011,,5.4\nG1.1-I1,2010,,abc\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as raised:
        score_facts(bundled.plan, path)
    assert str(raised.value) == (
        'facts.csv, row 3 (line 4), column "value": expected a finite number such as 5.3 or 5,3; '
        'got "abc"'
    )


def test_a_file_that_is_not_parquet_is_named(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "facts.parquet"
    path.write_bytes(b"indicator_id,year,value\nG1.1-I1,2012,5.3\n")
    with pytest.raises(ValidationError, match=r"^facts\.parquet: cannot be read as parquet: "):
        score_facts(bundled.plan, path)


@pytest.mark.parametrize("bad", ["'NaN'::DOUBLE", "'inf'::DOUBLE", "-'inf'::DOUBLE"])
def test_a_value_that_is_not_finite_is_refused_from_a_parquet_file(
    bundled: ReadResult, tmp_path: Path, bad: str
) -> None:
    # Not a number, nor infinite: summed, it would turn a whole indicator-year into NaN.
    path = tmp_path / "facts.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM (VALUES ('G1.1-I1', 2012, 5.3::DOUBLE), ('G1.1-I1', 2011, {bad})) "
        f"t(indicator_id, year, value)) TO '{path}' (FORMAT parquet)"
    )
    with pytest.raises(ValidationError) as raised:
        score_facts(bundled.plan, path)
    assert str(raised.value).startswith(
        'facts.parquet, row 2, column "value": expected a finite number such as 5.3 or 5,3; got "'
    )


def test_a_month_out_of_range_is_named(bundled: ReadResult) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT * FROM (VALUES ('G1.1-I1', 2012, 13, 5.3)) "
        "t(indicator_id, year, month, value)"
    )
    with pytest.raises(ValidationError, match='row 1, column "month": expected a month 1-12'):
        score_facts(bundled.plan, con.table("f"), connection=con)


def test_missing_columns_and_labelled_breakdowns_are_refused(
    bundled: ReadResult, tmp_path: Path
) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("indicator,year,value\nG1.1-I1,2012,5.3\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"expected the column\(s\) indicator_id"):
        score_facts(bundled.plan, path)
    path.write_text("indicator_id,year,breakdown,value\nG1.1-I1,2012,әйелдер,5.3\n", "utf-8")
    with pytest.raises(ValidationError, match='"breakdown" column'):
        score_facts(bundled.plan, path)


def test_a_period_repeated_past_the_limit_is_refused(bundled: ReadResult) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT 'T1.2.3-I1' AS indicator_id, 2012 AS year, "
        "1 AS month, 1.0 AS value FROM range(20)"
    )
    with pytest.raises(ValidationError, match=r"20 facts for T1\.2\.3-I1, 2012, the whole country"):
        score_facts(bundled.plan, con.table("f"), connection=con)


def test_only_the_latest_revision_counts(bundled: ReadResult) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT * FROM (VALUES ('G1.1-I1', 2012, 5.9, 1), "
        "('G1.1-I1', 2012, 5.3, 2), ('G1.1-I1', 2011, 6.4, 1)) "
        "t(indicator_id, year, value, revision)"
    )
    scores = score_facts(bundled.plan, con.table("f"), connection=con).by_key()
    assert scores[("G1.1-I1", 2012)].fact == 5.3
    assert scores[("G1.1-I1", 2011)].status is Status.ACHIEVED  # 6.4 / 6.4: 100 % exactly


def test_plan_tables_are_built_once_for_many_fact_sets(bundled: ReadResult) -> None:
    tables = plan_tables(bundled.plan, [2012])
    con = duckdb.connect()
    first = [ActualInput(indicator_id="G1.1-I1", period=Period(2012, 1, 12), value=Decimal("5.3"))]
    again = [ActualInput(indicator_id="G1.1-I1", period=Period(2012, 1, 12), value=Decimal("6.2"))]
    results: list[ColumnarScores] = []
    for facts in (first, again):
        results.append(score_facts(tables, con.table(_facts_table(con, facts)), connection=con))
    assert [r.by_key()[("G1.1-I1", 2012)].status for r in results] == [Status.ACHIEVED] * 2
    # The plan was loaded once; each run left its scores (a table, shown by a view) and nothing
    # else.
    left = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name"
    ).fetchall()
    names = [str(row[0]) for row in left]
    views = con.sql("SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal")
    # ind, tgt, wgt, ms and years, and made from them: the grids of indicators and milestones
    # by year, the ids the plan knows and the milestones' scores before any report.
    assert sum(n.startswith("zhospar_plan_") for n in names) == 9
    assert [n for n in names if not n.startswith("zhospar_plan_")] == sorted(
        r.table.replace("_scores", "_final") for r in results
    )
    assert sorted(str(row[0]) for row in views.fetchall()) == sorted(r.table for r in results)
    assert len(results[0].rows()) == len(tables.indicator_ids) + len(tables.milestone_ids)
    with pytest.raises(ValidationError, match="part of the PlanTables"):
        score_facts(tables, con.table("facts"), years=[2012], connection=con)


def test_facts_the_plan_does_not_know_are_listed(bundled: ReadResult) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT * FROM (VALUES ('P002-X', 2010, 1.0), "
        "('NO-SUCH', 2010, 2.0)) t(indicator_id, year, value)"
    )
    scores = score_facts(bundled.plan, con.table("f"), connection=con)
    assert scores.unscored_ids == ("NO-SUCH", "P002-X")
    assert scores.facts_read == 2
    assert sum(scores.counts().values()) == len(scores.rows())


def test_an_empty_file_in_order_scores_a_plan_with_a_ratio(
    bundled: ReadResult, tmp_path: Path
) -> None:
    # Found by the parity property (test_scoring_rules): a Parquet file without a single fact
    # took the sorted path and, with a RATIO in the plan, gave DuckDB an empty relation "()".
    path = tmp_path / "facts.parquet"
    duckdb.connect().execute(
        "COPY (SELECT 'G1.1-I1' AS indicator_id, 2012 AS year, 1.0 AS value WHERE FALSE) "
        f"TO '{path}' (FORMAT parquet)"
    )
    options = EvaluationOptions(rollups=_overrides(bundled.plan))
    score = score_facts(bundled.plan, path, options=options).by_key()[("G1.1-I1", 2012)]
    assert (score.status, score.no_score, score.note) == (
        Status.NO_DATA,
        NoScore.NO_FACT,
        "no fact yet for 2012",
    )


def test_a_national_yearly_fact_beside_a_quarter_is_not_partial(bundled: ReadResult) -> None:
    # Found by the parity property: the country's year (used as it is) and its first quarter.
    # The pure path uses the year and says nothing is missing; the note said "covers 9 of 12
    # months" (the quarter's months counted twice, as for an overlap). Line 239-240: 2012
    # target 210; 205 / 210 = 97.62 %.
    facts = [
        ActualInput(indicator_id="T1.2.3-I1", period=Period.parse(p), value=Decimal(v))
        for p, v in (("2012", "205"), ("2012-Q1", "50"))
    ]
    score = _columnar(bundled.plan, facts)[("T1.2.3-I1", 2012)]
    assert (score.fact, score.complete, score.status, score.note) == (
        205.0,
        True,
        Status.NEARLY,
        "",
    )
