"""Sensible ranges of actual values, worked out from an indicator's unit as the plan prints it.

* A share (the unit has "%" or "үлес") lies between 0 and 100, except a percentage of the
  previous year ("өткен жылға %-бен", a growth index such as 121 or 213,9), which only cannot be
  negative.
* A count (persons "адам", "мың адам"; units "бірлік", "дана"; "... саны") and an
  amount of money ("мың теңге") cannot be negative.
* A milestone's value is 1 (done) or 0 (not done), nothing else, forced or not.
* Any other unit is not checked.

A value outside its range is refused unless the user gives a reason to accept it (``--force``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from zhospar.i18n import gettext


class RangeRule(StrEnum):
    SHARE = "share"  # 0..100
    NON_NEGATIVE_PERCENT = "percent of previous year"  # >= 0
    COUNT = "count"  # >= 0
    AMOUNT = "amount of money"  # >= 0
    MILESTONE = "milestone"  # 0 or 1
    NONE = "unchecked"


_PREVIOUS_YEAR = re.compile(r"өткен\s+жыл|алдыңғы\s+жыл|previous\s+year|предыдущ", re.I)
_SHARE = re.compile(r"%|үлес|процент|пайыз", re.I)
_COUNT = re.compile(r"адам|бірлік|дана|саны|person|people|units?\b|человек|единиц", re.I)
_AMOUNT = re.compile(r"теңге|тенге|tenge", re.I)

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_ONE = Decimal(1)


def rule_for(unit: str | None) -> RangeRule:
    """The range rule of a unit as printed in the plan."""
    if not unit:
        return RangeRule.NONE
    if _SHARE.search(unit):
        return RangeRule.NON_NEGATIVE_PERCENT if _PREVIOUS_YEAR.search(unit) else RangeRule.SHARE
    if _AMOUNT.search(unit):
        return RangeRule.AMOUNT
    if _COUNT.search(unit):
        return RangeRule.COUNT
    return RangeRule.NONE


def bounds(rule: RangeRule) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest sensible value under ``rule`` (None: no bound)."""
    if rule is RangeRule.NONE:
        return None, None
    if rule is RangeRule.MILESTONE:
        return _ZERO, _ONE
    return _ZERO, (_HUNDRED if rule is RangeRule.SHARE else None)


def range_problem(rule: RangeRule, value: Decimal) -> str | None:
    """Why ``value`` is out of range under ``rule``, or None when it is sensible."""
    if rule is RangeRule.NONE:
        return None
    if rule is RangeRule.MILESTONE:
        return (
            None if value in (_ZERO, _ONE) else gettext("a milestone is 1 (done) or 0 (not done)")
        )
    if value < _ZERO:
        negative = {
            RangeRule.SHARE: gettext("a share cannot be negative"),
            RangeRule.NON_NEGATIVE_PERCENT: gettext(
                "a percent of previous year cannot be negative"
            ),
            RangeRule.COUNT: gettext("a count cannot be negative"),
            RangeRule.AMOUNT: gettext("a amount of money cannot be negative"),
        }
        return negative[rule]
    if rule is RangeRule.SHARE and value > _HUNDRED:
        return gettext("a share cannot be over 100 %")
    return None
