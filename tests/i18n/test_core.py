"""The language core: choosing a language, formatting by locale, translatable messages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar.i18n import (
    Language,
    Message,
    cli_language,
    current_language,
    format_amount,
    format_decimal,
    format_figure,
    format_number,
    format_percent,
    negotiate,
    parse_language,
    use_language,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "kk"),
        ({"accept_language": "ru-RU,ru;q=0.9,en;q=0.8"}, "ru"),
        ({"accept_language": "de, en;q=0.5, ru;q=0.7"}, "ru"),
        ({"accept_language": "en;q=0, fr"}, "kk"),
        ({"query": "en", "accept_language": "ru"}, "en"),
        ({"cookie": "ru", "query": "en", "accept_language": "kk"}, "ru"),
        ({"cookie": "xx", "query": "kk"}, "kk"),
    ],
)
def test_the_page_language_is_cookie_then_query_then_browser_then_kazakh(
    kwargs: dict[str, str], expected: str
) -> None:
    assert negotiate(**kwargs) == expected


def test_language_codes_are_read_as_users_write_them() -> None:
    assert parse_language("RU") == "ru"
    assert parse_language("kk_KZ") == "kk"
    assert parse_language("en-GB") == "en"
    assert parse_language("de") is None
    assert parse_language("") is None


def test_the_cli_speaks_zhospar_lang_else_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZHOSPAR_LANG", raising=False)
    assert cli_language() == "en"
    monkeypatch.setenv("ZHOSPAR_LANG", "ru")
    assert cli_language() == "ru"
    monkeypatch.setenv("ZHOSPAR_LANG", "klingon")
    assert cli_language() == "en"


def test_use_language_is_undone_after_the_block() -> None:
    before = current_language()
    with use_language("ru"):
        assert current_language() == "ru"
        with use_language("kk"):
            assert current_language() == "kk"
        assert current_language() == "ru"
    assert current_language() == before


def test_numbers_as_each_locale_writes_them() -> None:
    # Figures from the issue: 6,2; 116,98 %; 2 574 571 (non-breaking space between thousands).
    assert format_decimal(Decimal("6.2"), language="kk") == "6,2"
    assert format_decimal(Decimal("6.2"), language="en") == "6.2"
    assert format_percent(Decimal("116.98"), language="ru") == f"116,98{NBSP}%"
    assert format_percent(Decimal("116.98"), language="en") == f"116.98{NBSP}%"
    assert format_decimal(Decimal("2574571"), language="kk") == f"2{NBSP}574{NBSP}571"
    assert format_decimal(Decimal("2574571"), language="ru") == f"2{NBSP}574{NBSP}571"
    assert format_decimal(Decimal("2574571"), language="en") == "2,574,571"
    # A small share keeps its digits: never 0,00 % for 0.0044 %.
    assert format_percent(Decimal("0.0044"), places=None, language="ru") == f"0,0044{NBSP}%"
    assert format_decimal(Decimal("5.30"), places=1, language="kk") == "5,3"
    assert format_decimal(None) == "—"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ("6.2", "5.3", "116.98", f"116.98{NBSP}%", "0.0044", f"0.0044{NBSP}%", "2574571")),
        (
            "ru",
            (
                "6,2",
                "5,3",
                "116,98",
                f"116,98{NBSP}%",
                "0,0044",
                f"0,0044{NBSP}%",
                f"2{NBSP}574{NBSP}571",
            ),
        ),
        (
            "kk",
            (
                "6,2",
                "5,3",
                "116,98",
                f"116,98{NBSP}%",
                "0,0044",
                f"0,0044{NBSP}%",
                f"2{NBSP}574{NBSP}571",
            ),
        ),
    ],
)
def test_the_one_formatter_of_values_and_figures(language: str, shown: tuple[str, ...]) -> None:
    # 6.2 / 5.3 × 100 = 116.9811...; a share of 0.0044 % keeps its two significant digits.
    lang: Language = language  # type: ignore[assignment]
    assert (
        format_number(Decimal("6.20"), language=lang),
        format_number(Decimal("5.3"), language=lang),
        format_figure(Decimal("6.2") / Decimal("5.3") * 100, language=lang),
        format_percent(Decimal("6.2") / Decimal("5.3") * 100, language=lang),
        format_figure(Decimal("0.0044"), language=lang),
        format_percent(Decimal("0.0044"), language=lang),
        format_number(Decimal("2574571"), language=lang),
    ) == shown


def test_a_budget_figure_of_the_plan_in_thousand_tenge() -> None:
    # Line 761 of the plan text: "Бағдарламаны іске асыруға арналған шығыстар мың теңге
    # 1 629 967 2 094 537 2 574 571 ..." (2010's planned expenditure).
    assert format_amount(Decimal("2574571"), language="kk") == f"2{NBSP}574{NBSP}571"
    assert format_amount(Decimal("2574571"), language="ru") == f"2{NBSP}574{NBSP}571"
    assert format_amount(Decimal("2574571"), language="en") == "2 574 571"
    assert format_amount(Decimal("2574571.25"), language="ru") == f"2{NBSP}574{NBSP}571,3"


def test_figures_round_half_up_and_never_use_an_exponent() -> None:
    assert format_figure(Decimal("116.985"), language="ru") == "116,99"  # half up, not even
    assert format_figure(Decimal("-0.0044"), language="kk") == "-0,0044"
    assert format_figure(Decimal("0.000012345"), language="en") == "0.000012"
    assert format_figure(Decimal("1E+3"), language="en") == "1000.00"
    assert format_number(Decimal("1E+3"), language="en") == "1000"
    assert format_number(Decimal("1E+3"), language="ru") == f"1{NBSP}000"
    assert format_number(Decimal("1E-7"), language="en") == "0.0000001"
    assert format_number(0.1, language="kk") == "0,1"  # a double as the decimal it prints as
    assert format_percent(Decimal("0"), language="ru") == f"0,00{NBSP}%"


def test_a_message_without_a_translation_reads_as_its_english_source() -> None:
    message = Message("{count} values on line {line}", count=3, line=42)
    assert message.render("en") == "3 values on line 42"
    with use_language("en"):
        assert str(message) == "3 values on line 42"
