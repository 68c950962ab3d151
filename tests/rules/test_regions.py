"""Regions of 2010-2014 and period helpers."""

from __future__ import annotations

import pytest

from zhospar.model.periods import Period, PeriodKind
from zhospar.rules.periods import periods_of_year, plan_years
from zhospar.rules.regions import REGIONS, find_region


def test_fourteen_oblasts_and_two_cities_with_unique_kato_codes() -> None:
    assert len(REGIONS) == 16
    assert len({r.code for r in REGIONS}) == 16
    assert sum(r.is_city for r in REGIONS) == 2
    assert {r.code for r in REGIONS if r.is_city} == {"71", "75"}
    assert all(r.name_kk and r.name_ru and r.name_en for r in REGIONS)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("75", "75"),
        ("Алматы қаласы", "75"),
        ("алматы ҚАЛАСЫ", "75"),
        ("город Алматы", "75"),
        ("Almaty city", "75"),
        ("Алматы облысы", "19"),
        ("Алматинская область", "19"),
        ("Almaty Region", "19"),
        ("Астана", "71"),
        ("Оңтүстік Қазақстан облысы", "51"),
        ("South Kazakhstan", "51"),
        ("Қарағанды", "35"),
        ("Карагандинская обл.", "35"),
        ("ВКО", "63"),
    ],
)
def test_find_region_by_code_or_name(text: str, code: str) -> None:
    found = find_region(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["Алматы", "Almaty", "Shymkent", "99", ""])
def test_ambiguous_or_unknown_names_are_not_guessed(text: str) -> None:
    assert find_region(text) is None


def test_periods_of_a_year() -> None:
    assert [str(p) for p in periods_of_year(2011, PeriodKind.QUARTER)] == [
        "2011-Q1",
        "2011-Q2",
        "2011-Q3",
        "2011-Q4",
    ]
    months = periods_of_year(2011, PeriodKind.MONTH)
    assert len(months) == 12 and months[6] == Period.parse("2011-07")


def test_plan_years_run_from_reported_years_to_the_end(small_plan) -> None:  # type: ignore[no-untyped-def]
    assert plan_years(small_plan) == range(2008, 2015)
