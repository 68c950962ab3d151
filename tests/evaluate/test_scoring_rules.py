"""The scoring rules are written once and mean the same in both paths.

Three kinds of test: the declarations themselves (each formula and message gives the same in
Python and in DuckDB); the hand-computed case table (``cases/achievement.csv``) through the
pure path (``achieve``) and the columnar one (``score_facts``) alike; and parity as a property:
for generated plans and fact sets, both paths give every indicator and milestone in every year
the same status, reason for no score, percentage and note (Hypothesis shrinks a failure to a
minimal plan and facts).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
import re
import string
import tempfile
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.evaluate._build import fact, indicator, plan_of
from tests.evaluate._parity import differences
from zhospar.evaluate import (
    Achievement,
    ColumnarScore,
    EvaluationOptions,
    FactRef,
    NoScore,
    Observed,
    Polarity,
    PolarityOverride,
    RollupRule,
    RollupSpec,
    Status,
    achieve,
    achieve_milestone,
    apply_overrides,
    group_facts,
    infer_polarities,
    latest,
    plan_vs_fact,
    score_facts,
)
from zhospar.evaluate import scoring_rules as rules
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import ActRef, Deletion, Milestone, Plan

CASES = list(
    csv.DictReader(
        (Path(__file__).parent / "cases" / "achievement.csv").read_text("utf-8").splitlines()
    )
)
_CENT = Decimal("0.01")


def _override(polarity: Polarity) -> PolarityOverride:
    return PolarityOverride(polarity, "test", "tester", dt.datetime(2024, 1, 1))


def _shown(value: float | Decimal | None) -> str | None:
    """Half up to 2 decimals, as every percentage is shown."""
    if value is None:
        return None
    return str(
        Decimal(repr(value) if isinstance(value, float) else value).quantize(
            _CENT, rounding=ROUND_HALF_UP
        )
    )


# --- the declarations -----------------------------------------------------------------------


def _messages() -> Iterator[rules.Message]:
    for value in vars(rules).values():
        if isinstance(value, rules.Message):
            yield value
    for outcomes in rules.POLARITY_RULES.values():
        yield from (outcome.message for outcome in outcomes)
    yield from (outcome.message for outcome in rules.MILESTONE_RULES)


def test_every_message_reads_the_same_in_sql() -> None:
    con = duckdb.connect()
    messages = list(_messages())
    assert len(messages) > 30
    for message in messages:
        holes = [name for _, name, _, _ in string.Formatter().parse(message.template) if name]
        values = {name: f"<{name} it's>" for name in holes}
        sql = message.sql(**{name: rules.sql_text(v) for name, v in values.items()})
        found = con.execute(f"SELECT {sql}").fetchone()
        assert found is not None and found[0] == message.text(**values), message.template


def test_a_hole_left_out_in_sql_is_empty() -> None:
    sql = rules.BAD_MILESTONE_FACT.sql(got=None)
    found = duckdb.connect().execute(f"SELECT {sql}").fetchone()
    assert found == ("a milestone fact must be 1 (done) or 0 (not done)",)


def _formulas() -> Iterator[rules.Formula]:
    for outcomes in rules.POLARITY_RULES.values():
        for outcome in outcomes:
            for formula in (outcome.when, outcome.percent, outcome.deviation):
                if formula is not None:
                    yield formula
            if isinstance(outcome.status, rules.Better):
                yield outcome.status.condition
    yield from (outcome.when for outcome in rules.MILESTONE_RULES if outcome.when is not None)


_NUMBERS = (Decimal(-3), Decimal(0), Decimal("0.5"), Decimal(1), Decimal(40), Decimal(42))
_VALUES: dict[str, Sequence[Any]] = {
    "fact": _NUMBERS,
    "target": _NUMBERS,
    "deviation": (Decimal(0), Decimal("2.5"), Decimal(10), Decimal(150)),
    "tolerance": (Decimal(5),),
    "done": (None, 2011, 2012),
    "due": (None, 2011, 2013),
    "year": (2012,),
    "bad": (False, True),
    "deleted": (False, True),
    "reported": (False, True),
}


def _sql_value(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return f"{float(value)!r}::DOUBLE" if isinstance(value, Decimal) else str(value)


def test_every_formula_gives_the_same_in_sql() -> None:
    # Each condition and formula on every combination of the values it reads: Decimal in
    # Python, DOUBLE in DuckDB. A comparison with a missing value or a division by 0 has no
    # Python meaning: the rules' order never reaches it (``due is None`` comes before
    # ``year < due``, ``target == 0`` before ``fact / target``).
    con = duckdb.connect()
    tried = 0
    for formula in _formulas():
        names = sorted(n for n in _VALUES if re.search(rf"\b{n}\b", formula.source))
        for combination in itertools.product(*(_VALUES[n] for n in names)):
            values = dict(zip(names, combination, strict=True))
            try:
                expected = formula.value(**values)
            except (TypeError, ArithmeticError):
                continue
            sql = formula.sql(**{n: _sql_value(v) for n, v in values.items()})
            found = con.execute(f"SELECT {sql}").fetchone()
            assert found is not None
            if isinstance(expected, bool):
                assert found[0] is expected, (formula.source, values)
            else:
                assert math.isclose(float(expected), found[0], rel_tol=1e-12), formula.source
            tried += 1
    assert tried > 300


@pytest.mark.parametrize(
    "source",
    ["fact.real", "__import__('os')", "fact if target else 0", "fact is 0", "0 < fact < 1"],
)
def test_a_formula_outside_the_rules_language_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match="not allowed in a scoring formula"):
        rules.Formula(source)


def test_bands_from_the_highest() -> None:
    assert [status for _, status in rules.BANDS] == [Status.ACHIEVED, Status.NEARLY]
    assert [edge for edge, _ in rules.BANDS] == sorted(
        (edge for edge, _ in rules.BANDS), reverse=True
    )


# --- the hand-computed cases, both paths ----------------------------------------------------


def _case_id(n: int) -> str:
    return f"X-I{n}"


@pytest.fixture(scope="module")
def columnar_cases() -> dict[str, ColumnarScore]:
    """Every case of the table as an indicator of one plan, scored by DuckDB in one go."""
    indicators = [
        indicator(_case_id(n), "x", "%", {2012: case["target"] or None})
        for n, case in enumerate(CASES)
    ]
    overrides = {_case_id(n): _override(Polarity(c["polarity"])) for n, c in enumerate(CASES)}
    facts = [(_case_id(n), float(c["fact"])) for n, c in enumerate(CASES) if c["fact"]]
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f AS SELECT unnest(?::VARCHAR[]) AS indicator_id, 2012 AS year, "
        "unnest(?::DOUBLE[]) AS value",
        [[ident for ident, _ in facts], [value for _, value in facts]],
    )
    options = EvaluationOptions(overrides=overrides)
    scores = score_facts(
        plan_of(indicators), con.table("f"), years=[2012], options=options, connection=con
    ).by_key()
    return {case["case"]: scores[(_case_id(n), 2012)] for n, case in enumerate(CASES)}


@pytest.mark.parametrize("n", range(len(CASES)), ids=[c["case"] for c in CASES])
def test_each_hand_computed_case_holds_in_both_paths(
    n: int, columnar_cases: dict[str, ColumnarScore]
) -> None:
    case = CASES[n]
    expected = (
        Status(case["status"]),
        case["percent"] or None,
        NoScore(case["no_score"]) if case["no_score"] else None,
        case["deviation"] or None,
    )
    ind = indicator("X-I1", "x", "%", {2012: case["target"] or None})
    observed = (
        Observed.single(FactRef.of(fact("X-I1", "2012", case["fact"]))) if case["fact"] else None
    )
    polarity = apply_overrides(
        infer_polarities(plan_of([ind])), {"X-I1": _override(Polarity(case["polarity"]))}
    )["X-I1"]
    pure = achieve(ind, polarity, 2012, observed)
    assert (pure.status, pure.display_percent, pure.no_score, _shown(pure.deviation)) == expected
    col = columnar_cases[case["case"]]
    assert (col.status, _shown(col.percent), col.no_score, _shown(col.deviation)) == expected


# --- parity as a property -------------------------------------------------------------------

_KINDS = {  # name and unit, whose roll-up rule infer_rollup finds: SUM, LAST, NONE
    "count": ("Жіберілген адамдар", "мың адам"),
    "stock": ("Жәрдемақы алушылар", "мың адам"),
    "rate": ("Үлесі", "%"),
}
_NUMBER_TEXTS = ("0", "1", "2", "-3", "0.5", "12.5", "40", "42", "100")
_YEARS = (2010, 2011, 2012)  # with facts; 2013 and 2014 are planned, without targets or facts
_PERIODS = ((1, 12), (1, 3), (4, 3), (7, 3), (10, 3), (1, 6), (7, 6), (1, 1), (2, 1), (12, 1))
_REGIONS = (None, "AKM", "ALA")
_DELETION = Deletion(act=ActRef(number="415", date=dt.date(2010, 5, 14)), line=99)


@st.composite
def _rollup(draw: st.DrawFn, ids: list[str]) -> RollupSpec | None:
    """The indicator's own rule (None: inferred), or one set by the caller."""
    kind = draw(st.sampled_from(["inferred", "inferred", "ratio", "weights", "base", "neither"]))
    part = st.one_of(st.none(), st.sampled_from(ids))
    if kind == "ratio":
        return RollupSpec(RollupRule.RATIO, "r", draw(part), draw(part), Decimal(100))
    if kind == "weights":
        weights = draw(
            st.sampled_from([{"AKM": Decimal(2), "ALA": Decimal(1)}, {"AKM": Decimal(0)}])
        )
        return RollupSpec(RollupRule.WEIGHTED, "w", weights=weights)
    if kind == "base":
        return RollupSpec(RollupRule.WEIGHTED, "w", base=draw(st.sampled_from(ids)))
    if kind == "neither":
        return RollupSpec(RollupRule.WEIGHTED, "w")
    return None


@st.composite
def _scenario(draw: st.DrawFn) -> tuple[Plan, list[ActualInput], EvaluationOptions]:
    """A small plan (indicators of each kind and polarity, some deleted, some targets missing,
    0 or negative; milestones due in one or two years or none) and facts for it: national and
    regional, whole years, quarters, halves and months, zeros and negatives; milestone facts
    1, 0 or a wrong 2."""
    ids = [f"X-I{n}" for n in range(draw(st.integers(1, 4)))]
    targets = st.one_of(st.none(), st.sampled_from(_NUMBER_TEXTS))
    indicators, overrides, rollups = [], {}, {}
    for n, ident in enumerate(ids):
        name, unit = _KINDS[draw(st.sampled_from(sorted(_KINDS)))]
        series = {year: draw(targets) for year in _YEARS}
        deleted = "415" if draw(st.integers(0, 9)) == 0 else None
        indicators.append(indicator(ident, name, unit, series, line=10 + n, deleted_by=deleted))
        overrides[ident] = _override(draw(st.sampled_from(list(Polarity))))
        spec = draw(_rollup(ids))
        if spec is not None:
            rollups[ident] = spec
    milestones = [
        Milestone(
            id=f"X-M{n}",
            name="m",
            due_years=draw(st.lists(st.sampled_from([2010, 2011, 2012, 2013]), max_size=2)),
            deleted=_DELETION if draw(st.integers(0, 9)) == 0 else None,
            line=30 + n,
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    plan = plan_of(indicators, milestones)
    facts: dict[tuple[str, Period, str | None], ActualInput] = {}
    indicator_fact = st.tuples(
        st.sampled_from(ids),
        st.sampled_from(_YEARS),
        st.sampled_from(_PERIODS),
        st.sampled_from(_REGIONS),
        st.sampled_from(_NUMBER_TEXTS),
    )
    for ident, year, (start, months), region, value in draw(st.lists(indicator_fact, max_size=25)):
        period = Period(year, start, months)
        facts[(ident, period, region)] = ActualInput(
            indicator_id=ident, period=period, value=Decimal(value), region=region
        )
    for milestone in milestones:
        for year in draw(st.lists(st.integers(2009, 2014), max_size=3, unique=True)):
            done = Decimal(draw(st.sampled_from(["0", "1", "1", "2"])))
            period = Period(year, 1, 12)
            facts[(milestone.id, period, None)] = ActualInput(
                indicator_id=milestone.id, period=period, value=done
            )
    options = EvaluationOptions(
        overrides=overrides,
        rollups=rollups,
        keep_tolerance=draw(st.sampled_from([Decimal(5), Decimal(3)])),
        expected_regions=draw(st.sampled_from([None, ("AKM", "ALA")])),
    )
    return plan, list(facts.values()), options


def _pure(
    plan: Plan, facts: Sequence[ActualInput], options: EvaluationOptions
) -> list[Achievement]:
    scores = [a for row in plan_vs_fact(plan, facts, options) for a in row.by_year.values()]
    groups = group_facts(plan, latest(facts))
    polarities = apply_overrides(infer_polarities(plan), options.overrides)
    for milestone in plan.directions[0].goals[0].tasks[0].milestones:
        for year in plan.planned_years:
            of = groups.of(milestone.id)
            scores.append(achieve_milestone(milestone, polarities[milestone.id], year, of))
    return scores


def _columnar(
    facts: Sequence[ActualInput], plan: Plan, options: EvaluationOptions, *, in_order: bool
) -> dict[tuple[str, int], ColumnarScore]:
    """As a DuckDB relation, or a Parquet file in order (the sorted path's one pass)."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE f (indicator_id VARCHAR, year INTEGER, region VARCHAR, "
        "start_month INTEGER, months INTEGER, value DOUBLE)"
    )
    if facts:
        con.executemany(
            "INSERT INTO f VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    f.indicator_id,
                    f.period.year,
                    f.region,
                    f.period.start_month,
                    f.period.months,
                    float(f.value),
                )
                for f in facts
            ],
        )
    if not in_order:
        return score_facts(plan, con.table("f"), options=options, connection=con).by_key()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.parquet"
        con.execute(
            "COPY (SELECT * FROM f ORDER BY indicator_id, year, region NULLS LAST, start_month) "
            f"TO '{path}' (FORMAT parquet)"
        )
        return score_facts(plan, path, options=options, connection=con).by_key()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=_scenario(), in_order=st.booleans())
def test_both_paths_score_alike(
    scenario: tuple[Plan, list[ActualInput], EvaluationOptions], in_order: bool
) -> None:
    plan, facts, options = scenario
    columnar = _columnar(facts, plan, options, in_order=in_order)
    pure = _pure(plan, facts, options)
    assert len(pure) == len(columnar)
    problems = [
        f"{p.indicator_id} {p.year}: {d}"
        for p in pure
        for d in differences(p, columnar[(p.indicator_id, p.year)])
    ]
    assert not problems, "\n".join(problems)
