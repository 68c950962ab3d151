"""The one rounding of shown figures: half up, where Python's default would round half to even."""

from decimal import Decimal

import pytest

from zhospar.model.decimals import round_half_up, round_shown, rounded_text


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("116.985", 2, "116.99"),  # half to even would give 116.98
        ("2.675", 2, "2.68"),
        ("0.125", 2, "0.13"),
        ("-1.005", 2, "-1.01"),  # half away from zero, as by hand
        ("99.994", 2, "99.99"),
        ("2.5", 0, "3"),
        ("7", 2, "7.00"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert str(round_half_up(Decimal(value), places)) == expected


def test_rounded_text_shows_two_decimals_and_keeps_none() -> None:
    assert rounded_text(Decimal("116.98478")) == "116.98"
    assert rounded_text(Decimal("50")) == "50.00"
    assert rounded_text(None) is None


def test_a_figure_too_small_for_its_decimals_keeps_two_significant_digits() -> None:
    # 0.044 / 1000 × 100 = 0.0044 %: "0.00" would read as nothing at all.
    assert rounded_text(Decimal("0.0044")) == "0.0044"
    assert round_shown(Decimal("0.004449")) == Decimal("0.0044")
    assert round_shown(Decimal("0.00445")) == Decimal("0.0045")  # half up
    assert round_shown(Decimal("-0.0044")) == Decimal("-0.0044")
    assert round_shown(Decimal("0.0044"), places=1) == Decimal("0.0044")
    assert round_shown(Decimal("0.012")) == Decimal("0.01")  # shows at 2 decimals: as usual
    assert rounded_text(Decimal("0")) == "0.00"
    assert rounded_text(Decimal("1E-9")) == "0.0000000010"  # never "1.0E-9"
