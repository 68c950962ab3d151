"""A value typed by a person reads the same on the command line, in a form and in a file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar._exceptions import ValidationError
from zhospar.rules.values import parse_number, parse_value


@pytest.mark.parametrize(
    ("text", "number"),
    [(" 5,3 ", "5.3"), ("1 234,5", "1234.5"), ("1,234.5", "1234.5"), ("−2", "-2"), ("1e3", "1E+3")],
)
def test_a_typed_number_reads_as_in_a_file(text: str, number: str) -> None:
    assert parse_number(text) == Decimal(number) == parse_value(text.strip())


@pytest.mark.parametrize("text", ["abc", "NaN", "Infinity", "1_000", "5,3,1", ""])
def test_anything_else_is_refused_with_what_was_expected(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_number(text)
    assert str(refused.value) == f'expected a number such as 5.3 or 5,3; got "{text}"'
