"""Numbers, percentages and dates as each language writes them (Babel's CLDR data): the one home
of how Zhospar writes a figure, for the pages, the reports, the CLI and the messages alike.

Kazakh and Russian write a decimal comma and a non-breaking space between thousands
("116,98 %", "2 574 571"), English a decimal point. Input accepts both separators
(``zhospar.rules.values.parse_number``); this module is only for showing.

Three kinds of figure, each written the same way wherever it appears, so that a table or a
sentence never shows "6,2" beside "5.3":

* ``format_number``: a value as the plan or a fact holds it, with its own decimals and no
  trailing zeros (6,2; 5,775; 2 574 571). English keeps the plain figures it always printed
  (6.2, 2574571: no separator inside a number, so a method sentence reads as a formula).
* ``format_figure``: a computed figure (a percentage, a deviation) rounded half up to
  ``places`` decimals; one too small to show at that precision keeps two significant digits
  (0,0044, never 0,00), in every language (``zhospar.model.decimals.round_shown``).
* ``format_amount``: money in thousand tenge, grouped by thousands (English with plain spaces,
  as the plan prints it: "2 574 571").

``format_decimal`` and ``format_percent`` are Babel's patterns in every language, English too.
No figure is ever written in scientific notation.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from zhospar.i18n._language import Language, current_language

if TYPE_CHECKING:  # Babel is imported where a number is first shown, not at the CLI's start
    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = [
    "NO_VALUE",
    "format_amount",
    "format_date",
    "format_decimal",
    "format_figure",
    "format_grouped",
    "format_moment",
    "format_number",
    "format_percent",
]

NO_VALUE = "—"
_NBSP = "\u00a0"

Number = Decimal | int | float


@cache
def _pattern(places: int | None) -> NumberPattern:
    """Parsed once: a page shows hundreds of numbers, each formatted by the same few."""
    from babel.numbers import parse_pattern

    if places is None:
        return parse_pattern("#,##0.######")
    return parse_pattern("#,##0" + ("." + "0" * places if places > 0 else ""))


@cache
def _locale(language: Language) -> Locale:
    """Babel's locale, made once per language (a name alone makes Babel look it up again)."""
    from babel import Locale

    return Locale.parse(language)


def _decimal(value: Number) -> Decimal:
    """A float as the decimal it prints as (0.1 is 0.1, not its binary expansion)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def _places(value: Decimal) -> int:
    """The decimals ``value`` has, trailing zeros left out."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _round_half_up(value: Decimal, places: int) -> Decimal:
    """``zhospar.model.decimals.round_half_up``, imported when first used: the package
    ``zhospar.model`` loads pydantic, which ``zhospar --help`` must not wait for."""
    from zhospar.model.decimals import round_half_up as rounded

    return rounded(value, places)


def _round_shown(value: Decimal, places: int) -> Decimal:
    """``zhospar.model.decimals.round_shown`` (the one rule), imported when first used."""
    from zhospar.model.decimals import round_shown as shown

    return shown(value, places)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _plain(value: Decimal) -> str:
    """Digits and a decimal point, never an exponent (``str`` of 1E+3 would be "1E+3")."""
    return format(value, "f")


def format_decimal(
    value: Number | None,
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
        locale=_locale(language or current_language()),
        decimal_quantization=places is not None,
        group_separator=True,
    )


def format_percent(
    value: Number | None,
    *,
    places: int | None = 2,
    language: Language | None = None,
) -> str:
    """A value already in percent (116.98 -> "116,98 %" in Kazakh and Russian); rounded half up
    to ``places``, a small one keeping two significant digits (0.0044 -> "0,0044 %")."""
    if value is None:
        return NO_VALUE
    if places is not None:
        value = _round_shown(_decimal(value), places)
        places = max(places, -_exponent(value))
    return f"{format_decimal(value, places=places, language=language)}{_NBSP}%"


def format_number(value: Number | None, *, language: Language | None = None) -> str:
    """A value as the plan prints it or a fact records it, its own decimals kept and no trailing
    zeros: 6,2; 5,775; 2 574 571 (6.2, 5.775, 2574571 in English)."""
    if value is None:
        return NO_VALUE
    number = _decimal(value)
    lang = language or current_language()
    if lang == "en":
        return _plain(number.normalize())
    return format_decimal(number, places=_places(number), language=lang)


def format_figure(
    value: Number | None, *, places: int = 2, language: Language | None = None
) -> str:
    """A computed figure as shown: half up to ``places`` decimals (116.981 -> "116,98"), one
    that would show as 0 with two significant digits (0.00444 -> "0,0044")."""
    if value is None:
        return NO_VALUE
    shown = _round_shown(_decimal(value), places)
    lang = language or current_language()
    if lang == "en":
        return _plain(shown)
    return format_decimal(shown, places=max(places, -_exponent(shown)), language=lang)


def format_amount(value: Number | None, *, language: Language | None = None) -> str:
    """Money in thousand tenge grouped by thousands as the plan prints it ("2 574 571"), one
    decimal where it is not whole; Kazakh and Russian "2 574 571" with non-breaking spaces."""
    if value is None:
        return NO_VALUE
    number = _decimal(value)
    whole = number == number.to_integral_value()
    return format_grouped(number, places=0 if whole else 1, language=language)


def format_grouped(value: Number, *, places: int, language: Language | None = None) -> str:
    """``value`` with exactly ``places`` decimals, grouped by thousands: a chart's gridline or an
    amount. Half up, as every figure Zhospar shows (Babel alone would round half to even).
    English groups with plain spaces, as the plan prints its amounts ("1 000.5")."""
    rounded = _round_half_up(_decimal(value), places)
    lang = language or current_language()
    if lang != "en":
        return format_decimal(rounded, places=places, language=lang)
    return f"{rounded:,.{places}f}".replace(",", " ")


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
