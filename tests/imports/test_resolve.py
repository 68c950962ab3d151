"""Finding the indicator a row names, against the hand-built plan of conftest.py."""

from __future__ import annotations

import pytest

from zhospar.imports.resolve import (
    IndicatorIndex,
    Resolved,
    Unresolved,
    name_words,
    normalise_code,
    units_agree,
)
from zhospar.model.plan import Plan


@pytest.fixture(scope="module")
def index(small_plan: Plan) -> IndicatorIndex:
    return IndicatorIndex.from_plan(small_plan)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("1. Жұмыссыздық деңгейі", ("жұмыссыздық", "деңгейі")),
        ("1.Базалық зейнетақы,", ("базалық", "зейнетақы")),
        ("2 . Ақпараттық-консультациялық", ("ақпараттық", "консультациялық")),
        ("а) жұмысқа орналасуға", ("жұмысқа", "орналасуға")),
        ("ә) Әлеуметтік сақтандыру", ("әлеуметтік", "сақтандыру")),
        ("- еңбек ету қабілетінен айрылу", ("еңбек", "ету", "қабілетінен", "айрылу")),
        ("  ЖҰМЫССЫЗДЫҚ   деңгейі. ", ("жұмыссыздық", "деңгейі")),
        ("'-жастар", ("жастар",)),
    ],
)
def test_name_words_drop_item_numbers_case_and_punctuation(
    written: str, words: tuple[str, ...]
) -> None:
    assert name_words(written) == words


@pytest.mark.parametrize(
    ("written", "code"),
    [("1.1", "1.1"), ("1.1.", "1.1"), (" 4.1.2 ", "4.1.2"), ("G1.1", "1.1"), ("T4.1.2", "4.1.2"),
     ("002", "002"), ("2", "002"), ("P002", "002"), ("1.1-мақсат", "1.1"), ("", None), ("x", None)],
)  # fmt: skip
def test_normalise_code(written: str, code: str | None) -> None:
    assert normalise_code(written) == code


def test_full_name_finds_the_goal_indicator(index: IndicatorIndex) -> None:
    found = index.resolve_name("1.1", "Жұмыссыздық деңгейі", "")
    assert found == Resolved("G1.1-I1", None, "%-бен")


def test_leading_words_are_enough_when_unambiguous(index: IndicatorIndex) -> None:
    assert index.resolve_name("4.1.2", "Базалық зейнетақы", "").indicator_id == "T4.1.2-I1"
    # the plan writes the name with a trailing comma; the row without it
    found = index.resolve_name("4.1.2", "Базалық зейнетақы төлемдерінің мөлшері", "")
    assert found.indicator_id == "T4.1.2-I1"


def test_last_word_may_be_cut_short(index: IndicatorIndex) -> None:
    assert index.resolve_name("5.1", "Табысы ең төм", "").indicator_id == "G5.1-I1"


def test_item_number_in_the_row_is_ignored(index: IndicatorIndex) -> None:
    assert index.resolve_name("4.1.2", "3. ЖЗҚ берілетін", "").indicator_id == "T4.1.2-I3"


def test_breakdown_label_picks_the_breakdown_row(index: IndicatorIndex) -> None:
    found = index.resolve_name("1.1", "Жұмыссыздық деңгейі", "Әйелдер")
    assert found == Resolved("G1.1-I1-b1", "әйелдер", "%-бен")
    assert index.resolve_name("1.1", "Жұмыссыздық", "жастар").indicator_id == "G1.1-I1-b2"


def test_unknown_breakdown_lists_the_known_ones(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("1.1", "Жұмыссыздық деңгейі", "мүгедектер")
    assert error.value.column == "breakdown"
    assert '"әйелдер", "жастар"' in error.value.message


def test_breakdown_of_an_indicator_without_breakdowns(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("5.1", "Табысы ең төмен", "әйелдер")
    assert "has no breakdown rows" in error.value.message


def test_ambiguous_name_lists_every_candidate(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("1.3", "ЖАО-ға жұмыспен қамту", "")
    message = error.value.message
    assert error.value.column == "indicator"
    assert "ambiguous" in message and "G1.3-I1" in message and "G1.3-I2" in message


def test_unknown_name_lists_the_closest_candidates(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("1.1", "Жұмыссыздықтың деңгейі", "")
    assert error.value.column == "indicator"
    assert 'closest: G1.1-I1 "Жұмыссыздық деңгейі"' in error.value.message


def test_name_under_the_wrong_code_points_to_the_right_one(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("1.3", "Жұмыссыздық деңгейі", "")
    assert 'elsewhere: 1.1 G1.1-I1 "Жұмыссыздық деңгейі"' in error.value.message


def test_unknown_code(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("9.9", "Жұмыссыздық деңгейі", "")
    assert error.value.column == "code"
    assert '"9.9"' in error.value.message and "G1.1-I1" in error.value.message


def test_deleted_indicator_is_not_matched_by_name(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_name("4.1.1", "Алынып тасталды", "")
    assert "T4.1.1-I3" in error.value.message
    assert "was deleted from the plan (resolution No. 1417)" in error.value.message
    with pytest.raises(Unresolved) as error:
        index.resolve_id("T4.1.1-I3", "")
    assert "was deleted from the plan (resolution No. 1417)" in error.value.message


def test_program_expenditure_by_word_or_program_name(index: IndicatorIndex) -> None:
    spending = Resolved("P002-X", None, "мың теңге")
    assert index.resolve_name("002", "Шығыстар", "") == spending
    assert index.resolve_name("2", "Зейнетақы бағдарламасы", "") == spending
    assert index.resolve_name("002", "Базалық зейнетақы", "").indicator_id == "P002-E1"


def test_template_ids(index: IndicatorIndex) -> None:
    assert index.resolve_id("G1.1-I1", "").indicator_id == "G1.1-I1"
    assert index.resolve_id("t4.1.2-i1", "").indicator_id == "T4.1.2-I1"
    assert index.resolve_id("P002-X", "").indicator_id == "P002-X"
    assert index.resolve_id("G1.1-I1-b2", "жастар") == Resolved("G1.1-I1-b2", "жастар", "%-бен")
    assert index.resolve_id("G1.1-I1", "әйелдер").indicator_id == "G1.1-I1-b1"


def test_unknown_id_lists_close_ids(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_id("G1.1-I9", "")
    assert error.value.column == "indicator_id"
    assert "closest: G1.1-I1" in error.value.message


def test_breakdown_row_id_with_another_label(index: IndicatorIndex) -> None:
    with pytest.raises(Unresolved) as error:
        index.resolve_id("G1.1-I1-b2", "әйелдер")
    assert error.value.column == "breakdown"


@pytest.mark.parametrize(
    ("given", "planned", "agree"),
    [
        ("%", "%-бен", True),
        ("%-бен", "%", True),
        ("ЕТҚД шамасына %", "ЕТҚД шамасына %", True),
        ("% ", "ЕТҚД шамасына %", True),
        ("мың адам", "мың адам", True),
        ("тыс. человек", "мың адам", False),  # other words: not recognised as the same unit
        ("адам", "мың адам", False),  # a thousand times off
        ("мың тг", "мың теңге", True),
        ("мың адам", "ЕТҚД шамасына %", False),
        ("", "%", True),  # no unit given: nothing to check
        ("%", None, True),  # the plan gives none
    ],
)
def test_units_agree_loosely(given: str, planned: str | None, agree: bool) -> None:
    assert units_agree(given, planned) is agree
