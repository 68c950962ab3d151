"""Values as people type them: a number ("5,3", "1 234,5") and a period ("2011", "2011-07").

These are the per-cell rules of an import file, also used for a value typed in a form;
``zhospar.imports._checker`` applies them to whole columns, once per distinct cell where it can.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import repeat

from zhospar._exceptions import ValidationError, quoted
from zhospar.i18n import gettext
from zhospar.model.periods import Period

__all__ = ["not_a_number", "parse_number", "parse_period", "parse_value", "parse_values"]

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_YEAR_WORD = re.compile(r"^(\d{4})\s*(?:ж|жыл|жылы|г|год)?\.?$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-01(?:[T ]00:00(?::00)?)?$")


def parse_value(text: str) -> Decimal:
    """A number as people type it: "5.3", "5,3", "1 234,5", "1,234.5"; ValueError otherwise."""
    if "_" not in text:  # Decimal() would take "1_000"; a person means something else
        try:
            number = Decimal(text)  # "5.3", "-2", "1e3": most cells, at C speed
        except InvalidOperation:
            pass
        else:
            if number.is_finite():  # not "NaN" nor "Infinity"
                return number
            raise ValueError(text)
    compact = _SPACES.sub("", text).replace("−", "-")
    if "," in compact and "." in compact:  # the later mark is the decimal one
        thousands = "," if compact.rfind(".") > compact.rfind(",") else "."
        compact = compact.replace(thousands, "")
    compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise ValueError(text)
    try:
        return Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the pattern already guards this
        raise ValueError(text) from None


def not_a_number(text: str) -> str:
    """What a person reads when a value they typed is not a number."""
    return gettext('expected a number such as 5.3 or 5,3; got "{text}"').format(text=quoted(text))


def parse_number(text: str) -> Decimal:
    """A value typed by a person (on the command line, in a form), as ``parse_value`` reads it;
    ValidationError saying what was expected otherwise."""
    try:
        return parse_value(text.strip())
    except ValueError:
        raise ValidationError(not_a_number(text)) from None


def parse_values(texts: list[str]) -> list[Decimal] | None:
    """Every cell of a column as ``parse_value`` reads it, at C speed; None if one may not be.

    Cells with at most one decimal comma and nothing else ``Decimal`` refuses are the rule, and
    for them "5,3" read as "5.3" is what ``parse_value`` gives. Anything else (a thousands
    separator, a space, "NaN", "1_000", a word) makes the whole column None: the caller then
    reads it cell by cell with ``parse_value``, which says what is wrong with which cell.
    """
    if "_" in "".join(texts):
        return None
    try:
        numbers = list(map(Decimal, map(str.replace, texts, repeat(","), repeat("."))))
    except InvalidOperation:
        return None
    return numbers if all(map(Decimal.is_finite, numbers)) else None


def parse_period(text: str, years: list[int]) -> tuple[Period, str] | str:
    """A period cell as the period and its canonical text (the key of duplicates), or why not."""
    if not text:
        return gettext("the period is empty: expected a year such as 2011, or 2011-Q3, 2011-07")
    date, year_word = _DATE.match(text), _YEAR_WORD.match(text)
    written = (
        f"{date.group(1)}-{date.group(2)}" if date else (year_word.group(1) if year_word else text)
    )
    try:
        period = Period.parse(written)
    except ValidationError as error:
        return str(error) if text in str(error) else f'{error}; got "{quoted(text)}"'
    if years and period.year not in years:
        return gettext("the period {text} is outside the plan: expected {first} to {last}").format(
            text=text, first=years[0], last=years[-1]
        )
    return period, str(period)
