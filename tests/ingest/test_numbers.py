from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhospar._exceptions import NumberFormatError
from zhospar.ingest.numbers import parse_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4 0 234 532", Decimal("40234532")),
        ("1 0 000", Decimal("10000")),
        ("6,9", Decimal("6.9")),
        ("0,97", Decimal("0.97")),
        ("557 556 682", Decimal("557556682")),
        ("1 334 6348", Decimal("13346348")),
        ("100", Decimal("100")),
    ],
)
def test_numbers_as_printed(raw: str, expected: Decimal) -> None:
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["-", "—", "X", "x", "Х", "х", "", "   "])
def test_no_value_marks(raw: str) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize("raw", ["abc", "6,9,1", "12%", "1.2.3", "дана"])
def test_not_a_number_names_the_cell(raw: str) -> None:
    with pytest.raises(NumberFormatError, match="expected a number"):
        parse_number(raw)


@given(st.integers(min_value=0, max_value=10**15), st.data())
def test_any_grouping_of_digits_reads_back(n: int, data: st.DataObject) -> None:
    digits = str(n)
    # Break the digits with spaces anywhere, as the conversion did.
    cuts = data.draw(st.sets(st.integers(min_value=1, max_value=max(1, len(digits) - 1))))
    spaced = "".join(d + (" " if i + 1 in cuts else "") for i, d in enumerate(digits))
    assert parse_number(spaced) == Decimal(n)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_decimal_comma_and_point_agree(whole: int, frac: int) -> None:
    assert parse_number(f"{whole},{frac:03d}") == parse_number(f"{whole}.{frac:03d}")


@given(st.text())
def test_never_crashes_on_any_text(raw: str) -> None:
    try:
        result = parse_number(raw)
    except NumberFormatError:
        return
    assert result is None or isinstance(result, Decimal)
