"""The status and coverage of a fact: one parser of the written forms, one renderer of the words
shown beside a value (``zhospar.rules.facts``)."""

from __future__ import annotations

import re

import pytest

from zhospar._exceptions import ValidationError
from zhospar.model.periods import Period
from zhospar.rules.facts import (
    Coverage,
    FactStatus,
    coverage_text,
    fact_label,
    parse_coverage,
    parse_status,
)

YEAR_2012 = Period.parse("2012")


@pytest.mark.parametrize(
    ("text", "canonical", "words"),
    [
        ("2012-01..2012-05", "2012-01..2012-05", "January–May 2012"),
        ("2012-1 .. 2012-5", "2012-01..2012-05", "January–May 2012"),
        ("2012-01–2012-05", "2012-01..2012-05", "January–May 2012"),
        ("2012-Q1", "2012-Q1", "Q1 2012"),
        ("2012-01..2012-03", "2012-Q1", "Q1 2012"),  # a run that is a quarter is one
        ("2012-H1", "2012-H1", "H1 2012"),
        ("2012-03", "2012-03", "March 2012"),
        ("2012-02..2012-04", "2012-02..2012-04", "February–April 2012"),  # not a quarter
    ],
)
def test_a_coverage_is_read_and_shown(text: str, canonical: str, words: str) -> None:
    coverage = parse_coverage(text, YEAR_2012)
    assert coverage is not None
    assert str(coverage) == canonical
    assert coverage_text(coverage) == words
    assert coverage_text(canonical) == words


def test_the_whole_period_is_no_coverage_and_empty_is_none() -> None:
    assert parse_coverage("2012-01..2012-12", YEAR_2012) is None
    assert parse_coverage("2012-Q3", Period.parse("2012-Q3")) is None
    assert parse_coverage("  ", YEAR_2012) is None
    assert coverage_text(None) == ""


@pytest.mark.parametrize(
    ("text", "period", "message"),
    [
        ("2012-05..2012-01", "2012", "from a month to a later month of the same year"),
        ("2011-11..2012-02", "2012", "from a month to a later month of the same year"),
        ("2012-13", "2012", "expected a coverage such as 2012-01..2012-05"),
        (
            "Jan-May",
            "2012",
            "expected a coverage such as 2012-01..2012-05, 2012-Q1, 2012-H1 or 2012-03; "
            'got "Jan-May"',
        ),
        ("2013-Q1", "2012", "the coverage 2013-Q1 lies outside the fact's period 2012"),
        ("2012-Q3", "2012-H1", "lies outside the fact's period 2012-H1"),
    ],
)
def test_a_coverage_that_cannot_be_is_refused(text: str, period: str, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        parse_coverage(text, Period.parse(period))


def test_statuses_default_to_final_and_unknown_ones_are_refused() -> None:
    assert parse_status("") is FactStatus.FINAL
    assert parse_status(None) is FactStatus.FINAL
    assert parse_status(" Operational ") is FactStatus.OPERATIONAL
    with pytest.raises(ValidationError, match="expected a status: preliminary, operational, final"):
        parse_status("draft")


def test_the_words_beside_a_value() -> None:
    assert fact_label("final", None) == ""
    assert fact_label("operational", None) == "operational"
    assert fact_label("final", Coverage(2012, 1, 5)) == "January–May 2012"
    assert fact_label("preliminary", "2012-Q1") == "preliminary, Q1 2012"
