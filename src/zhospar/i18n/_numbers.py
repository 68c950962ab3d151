"""Numbers, percentages and dates as each language writes them (Babel's CLDR data).

Kazakh and Russian write a decimal comma and a non-breaking space between thousands
("116,98 %", "2 574 571"), English a decimal point and commas. Input accepts both separators
(``zhospar.rules.values.parse_number``); this module is only for showing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from zhospar.i18n._language import Language, current_language

__all__ = ["format_date", "format_decimal", "format_moment", "format_percent"]

NO_VALUE = "—"


def _pattern(places: int | None) -> str:
    if places is None:
        return "#,##0.######"
    return "#,##0" + ("." + "0" * places if places > 0 else "")


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
    from babel.numbers import format_decimal as _babel_decimal  # not at the CLI's start

    return _babel_decimal(
        value,
        format=_pattern(places),
        locale=language or current_language(),
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
    from babel.dates import format_date as _babel_date  # not at the CLI's start

    day = value.date() if isinstance(value, datetime) else value
    return _babel_date(day, format="long", locale=language or current_language())


def format_moment(value: datetime, *, language: Language | None = None) -> str:
    """A moment in UTC (a sign-off, a report made): "2012-03-01 10:30 UTC" in English, whose
    readers meet ISO dates in every log; the date as the language writes it in Kazakh and
    Russian ("1 марта 2012 г., 10:30 UTC")."""
    if (language or current_language()) == "en":
        return f"{value:%Y-%m-%d %H:%M} UTC"
    return f"{format_date(value, language=language)}, {value:%H:%M} UTC"
