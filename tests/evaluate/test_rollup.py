"""Roll-up of regional and sub-annual facts to the national year, by each indicator's rule."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from tests.evaluate._build import fact, indicator
from zhospar.evaluate import FactRef, RollupRule, RollupSpec, infer_rollup, rollup_year
from zhospar.model.actuals import ActualInput

SUM = RollupSpec(RollupRule.SUM, "count")
LAST = RollupSpec(RollupRule.LAST, "stock")


def _facts(*facts: ActualInput) -> dict[str, list[FactRef]]:
    out: dict[str, list[FactRef]] = {}
    for f in facts:
        out.setdefault(f.indicator_id, []).append(FactRef.of(f))
    return out


def _regions(ident: str, period: str, values: Sequence[tuple[str, str]]) -> list[ActualInput]:
    return [fact(ident, period, v, region=r) for r, v in values]


def test_regional_counts_add_up() -> None:
    facts = _facts(*_regions("X", "2011", [("AKM", "10"), ("ALA", "20"), ("AST", "30.5")]))
    result = rollup_year("X", 2011, SUM, facts)
    assert result is not None
    assert result.value == Decimal("60.5")
    assert (result.rule, result.complete, len(result.facts)) == (RollupRule.SUM, True, 3)


def test_months_add_up_to_the_year_and_regions_then_add() -> None:
    months = [fact("X", f"2011-{m:02d}", "1", region="AKM") for m in range(1, 13)]
    quarters = [fact("X", f"2011-Q{q}", "5", region="ALA") for q in range(1, 5)]
    result = rollup_year("X", 2011, SUM, _facts(*months, *quarters))
    assert result is not None and result.value == Decimal(12 + 20)
    assert result.complete


def test_part_of_a_year_is_added_but_flagged() -> None:
    quarters = [fact("X", f"2011-Q{q}", "5") for q in range(1, 4)]
    result = rollup_year("X", 2011, SUM, _facts(*quarters))
    assert result is not None and result.value == Decimal(15)
    assert not result.complete
    assert "covers 9 of 12 months" in result.note


def test_overlapping_periods_refuse_to_add() -> None:
    facts = _facts(fact("X", "2011-Q1", "5"), fact("X", "2011-02", "2"))
    result = rollup_year("X", 2011, SUM, facts)
    assert result is not None and result.value is None
    assert "2011-Q1 and 2011-02 overlap" in result.note


def test_missing_regions_are_flagged() -> None:
    facts = _facts(*_regions("X", "2011", [("AKM", "10")]))
    result = rollup_year("X", 2011, SUM, facts, expected_regions={"AKM", "ALA"})
    assert result is not None and result.value == Decimal(10)
    assert not result.complete and "ALA" in result.note


def test_a_national_yearly_fact_is_used_as_it_is() -> None:
    facts = _facts(fact("X", "2011", "99"), *_regions("X", "2011", [("AKM", "10")]))
    result = rollup_year("X", 2011, RollupSpec(RollupRule.NONE, "a rate"), facts)
    assert result is not None and result.value == Decimal(99)
    assert result.rule is None


def test_national_sub_annual_facts_win_over_regional_ones() -> None:
    national = [fact("X", f"2011-H{h}", "50") for h in (1, 2)]
    facts = _facts(*national, *_regions("X", "2011", [("AKM", "10")]))
    result = rollup_year("X", 2011, SUM, facts)
    assert result is not None and result.value == Decimal(100)


def test_stock_takes_the_latest_value_in_each_region() -> None:
    facts = _facts(
        fact("X", "2011-Q1", "100", region="AKM"),
        fact("X", "2011-Q4", "130", region="AKM"),
        fact("X", "2011-Q3", "120", region="AKM"),
        fact("X", "2011-12", "70", region="ALA"),
    )
    result = rollup_year("X", 2011, LAST, facts)
    assert result is not None and result.value == Decimal(130 + 70)
    assert result.complete


def test_stock_known_only_mid_year_is_flagged() -> None:
    result = rollup_year("X", 2011, LAST, _facts(fact("X", "2011-06", "7")))
    assert result is not None and result.value == Decimal(7)
    assert "latest value is for 2011-06" in result.note


def test_a_rate_refuses_a_plain_sum() -> None:
    rate = indicator("G1.1-I1", "Жұмыссыздық деңгейі", "%-бен")
    spec = infer_rollup(rate)
    assert spec.rule is RollupRule.NONE
    facts = _facts(*_regions("G1.1-I1", "2011", [("AKM", "5.0"), ("ALA", "8.0")]))
    result = rollup_year("G1.1-I1", 2011, spec, facts)
    assert result is not None and result.value is None
    assert result.refused
    assert "never summed or averaged" in result.note


def test_weighted_rate_by_labour_force() -> None:
    # (5.0 × 400 + 8.0 × 100) / (400 + 100) = 2800 / 500 = 5.6; a plain mean would say 6.5.
    rates = _regions("G1.1-I1", "2011", [("AKM", "5.0"), ("ALA", "8.0")])
    labour_force = _regions("LF", "2011", [("AKM", "400"), ("ALA", "100")])
    spec = RollupSpec(RollupRule.WEIGHTED, "by labour force", base="LF")
    result = rollup_year("G1.1-I1", 2011, spec, _facts(*rates, *labour_force))
    assert result is not None and result.value == Decimal("5.6")
    assert len(result.facts) == 4  # the rates and the weights are both evidence


def test_weighted_rate_by_stated_weights_and_a_missing_weight() -> None:
    rates = _regions("R", "2011", [("AKM", "10"), ("ALA", "20")])
    spec = RollupSpec(RollupRule.WEIGHTED, "w", weights={"AKM": Decimal(3), "ALA": Decimal(1)})
    result = rollup_year("R", 2011, spec, _facts(*rates))
    assert result is not None and result.value == Decimal("12.5")  # (30 + 20) / 4
    partial = RollupSpec(RollupRule.WEIGHTED, "w", weights={"AKM": Decimal(3)})
    refused = rollup_year("R", 2011, partial, _facts(*rates))
    assert refused is not None and refused.value is None and "ALA 2011" in refused.note


def test_ratio_is_recomputed_from_numerator_and_denominator() -> None:
    # placed (30 + 20) / applicants (40 + 60) × 100 = 50 %
    placed = _regions("PLACED", "2011", [("AKM", "30"), ("ALA", "20")])
    applied = _regions("APPLIED", "2011", [("AKM", "40"), ("ALA", "60")])
    spec = RollupSpec(
        RollupRule.RATIO,
        "share placed",
        numerator="PLACED",
        denominator="APPLIED",
        scale=Decimal(100),
    )
    result = rollup_year("G1.3-I1", 2011, spec, _facts(*placed, *applied))
    assert result is not None and result.value == Decimal(50)
    assert result.rule is RollupRule.RATIO


def test_ratio_without_denominator_facts_refuses() -> None:
    spec = RollupSpec(RollupRule.RATIO, "r", numerator="N", denominator="D")
    result = rollup_year("X", 2011, spec, _facts(fact("N", "2011", "5")))
    assert result is not None and result.value is None and "no usable facts for D" in result.note


def test_no_facts_at_all_is_none() -> None:
    assert rollup_year("X", 2011, SUM, _facts(fact("X", "2010", "1"))) is None


@pytest.mark.parametrize(
    ("name", "unit", "rule"),
    [
        ("Жұмыссыздық деңгейі", "%-бен", RollupRule.NONE),
        ("Білікті қызметкерлердің үлесі", None, RollupRule.NONE),
        ("Кәсіби даярлауға жіберілген адамдардың саны", "мың адам", RollupRule.SUM),
        ("Бағдарламаны іске асыруға арналған шығыстар", "мың теңге", RollupRule.SUM),
        ("Әзірленген стратегиялық құжаттардың саны", "дана", RollupRule.SUM),
        (
            "Жұмысынан айрылу жөнінде әлеуметтік төлем алатын адамдардың саны",
            "мың адам",
            RollupRule.LAST,
        ),
        ("Базалық зейнетақы төлемінің орташа мөлшері", "теңге", RollupRule.NONE),
        ("Ақталған азаматтардың орташа жылдық саны", "адам", RollupRule.LAST),
        (
            "ЖАО-ға жұмыспен қамту үшін өтініш бергендердің қатарынан жұмысқа орналастырылғандар",
            "мың адам",
            RollupRule.SUM,
        ),
        ("Өндірістік жарақаттану деңгейі", "1000 адамға", RollupRule.NONE),
        ("Бәсекеге қабілеттіліктің индексіндегі позиция төмен емес", None, RollupRule.NONE),
        ("Базалық зейнетақы төлемдерінің мөлшері", "ЕТҚД шамасына %", RollupRule.NONE),
    ],
)
def test_default_rule_from_unit_and_name(name: str, unit: str | None, rule: RollupRule) -> None:
    spec = infer_rollup(indicator("X", name, unit))
    assert spec.rule is rule
    assert spec.reason
