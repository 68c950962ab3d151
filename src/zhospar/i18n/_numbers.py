"""Numbers, percentages and dates as each language writes them (Babel's CLDR data).

Kazakh and Russian write a decimal comma and a non-breaking space between thousands
("116,98 %", "2 574 571"), English a decimal point and commas. Input accepts both separators
(``zhospar.rules.values.parse_number``); this module is only for showing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, parse_pattern
from babel.numbers import format_decimal as _babel_decimal

from zhospar.i18n._language import Language, current_language

__all__ = ["format_date", "format_decimal", "format_percent"]

NO_VALUE = "—"


@cache
def _pattern(places: int | None) -> NumberPattern:
    """Parsed once: a page shows hundreds of numbers, each formatted by the same few."""
    if places is None:
        return parse_pattern("#,##0.######")
    return parse_pattern("#,##0" + ("." + "0" * places if places > 0 else ""))


@cache
def _locale(language: Language) -> Locale:
    """Babel's locale, made once per language (a name alone makes Babel look it up again)."""
    return Locale.parse(language)


def format_decimal(
    value: Decimal | int | float | None,
    *,
    places: int | None = None,
    language: Language | None = None,
) -> str:
    """``value`` grouped by thousands; with ``places`` exactly that many decimals, else as many
    as it has (up to six, no trailing zeros)."""
    if value is None:
        return NO_VALUE
    return _babel_decimal(
        value,
        format=_pattern(places),
        locale=_locale(language or current_language()),
        decimal_quantization=places is not None,
        group_separator=True,
    )


def format_percent(
    value: Decimal | int | float | None,
    *,
    places: int | None = 2,
    language: Language | None = None,
) -> str:
    """A value already in percent (116.98 -> "116,98 %" in Kazakh and Russian)."""
    if value is None:
        return NO_VALUE
    return f"{format_decimal(value, places=places, language=language)}\u00a0%"


def format_date(value: date | datetime, *, language: Language | None = None) -> str:
    """A date as the language writes it in running text ("1 марта 2012 г.")."""
    day = value.date() if isinstance(value, datetime) else value
    return _babel_date(day, format="long", locale=language or current_language())
