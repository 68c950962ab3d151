"""What the audit reports: a finding names two places of the plan that disagree.

A ``Finding`` always holds both places (section, line, value), the year, the difference, what
kind of comparison found it, how serious it is and whether the amending resolutions may explain
it. A ``Skip`` records a comparison the audit chose not to make, with the reason, so that a
reader of the audit sees what was *not* checked as well as what was.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from zhospar.audit.kinds import FindingKind
from zhospar.i18n import gettext, pgettext
from zhospar.model.plan import ExpenditureKind

__all__ = [
    "Explanation",
    "Finding",
    "FindingKind",
    "Place",
    "Severity",
    "Skip",
    "finding_kind_word",
    "severity_of",
    "severity_word",
]


KIND_ORDER: dict[FindingKind, int] = {kind: n for n, kind in enumerate(FindingKind)}


class Severity(StrEnum):
    """How far apart the two values are (see ``severity_of``)."""

    HIGH = "high"  # 1 % or more of the larger value
    MEDIUM = "medium"  # more than rounding, less than 1 %
    LOW = "low"  # within the rounding of a sum of printed values


def severity_word(severity: Severity | str) -> str:
    """A severity in words, in the language of the moment (English: its value)."""
    words = {
        Severity.HIGH: pgettext("severity", "high"),
        Severity.MEDIUM: pgettext("severity", "medium"),
        Severity.LOW: pgettext("severity", "low"),
    }
    try:
        return words[Severity(str(severity))]
    except ValueError:
        return str(severity)


def finding_kind_word(kind: FindingKind | str) -> str:
    """What a kind of comparison compares, in words, in the language of the moment."""
    words = {
        FindingKind.EXPENDITURE_LIST_FORM: gettext("list of programs vs the program's form"),
        FindingKind.EXPENDITURE_LIST_APPENDIX: gettext(
            "list of programs vs the allocation appendix"
        ),
        FindingKind.EXPENDITURE_FORM_APPENDIX: gettext("program's form vs the allocation appendix"),
        FindingKind.PROGRAM_ABSENT: gettext("a program missing in one place"),
        FindingKind.TOTAL: gettext("a total of the list vs the sum of its programs"),
        FindingKind.GOAL_TOTAL: gettext("a goal's total in the appendix vs the sum of its rows"),
        FindingKind.BREAKDOWN: gettext("an indicator vs the sum of its breakdown rows"),
    }
    try:
        return words[FindingKind(str(kind))]
    except ValueError:
        return str(kind)


class Explanation(StrEnum):
    """Whether the text gives ground to put the disagreement down to an amending act."""

    POSSIBLY_AMENDED = "possibly-amended"  # "possibly explained by No. 415/1417"
    CONTRADICTION = "contradiction"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Place(_Frozen):
    """One side of a finding: where the plan states a value, or the sum of several rows."""

    section: str  # "list of budget programs", "form of program 002", "allocation appendix"
    line: int | None  # the line of the value (the first line when it is a sum)
    lines: tuple[int, ...] = ()  # every line added up, when the value is a sum
    value: Decimal | None
    label: str  # what the value is: "002 Зейнетақы бағдарламасы", "РБ (002.102) + ..."


class Finding(_Frozen):
    """Two places of the plan that should agree and do not."""

    id: str  # "F-expenditure-list-form-002-2010"
    kind: FindingKind
    severity: Severity
    explanation: Explanation
    year: int
    expenditure_kind: ExpenditureKind | None = None  # for money: actual, planned, approved
    subject: str  # the program code, goal code, total or indicator id compared
    a: Place
    b: Place
    difference: Decimal | None  # b.value - a.value; None when one side has no value
    acts: tuple[str, ...] = ()  # numbers of the acts that may explain it: ("415", "1417")
    note: str = ""  # one sentence on why it is classified as it is

    @property
    def explanation_text(self) -> str:
        if self.explanation is Explanation.POSSIBLY_AMENDED and self.acts:
            return gettext("possibly explained by No. {acts}").format(acts="/".join(self.acts))
        if self.explanation is Explanation.POSSIBLY_AMENDED:
            return gettext("possibly amended")
        return gettext("contradiction")


class Skip(_Frozen):
    """A comparison the audit did not make, and why."""

    check: FindingKind
    year: int | None
    subjects: tuple[str, ...] = Field(default_factory=tuple)
    reason: str
    lines: tuple[int, ...] = ()


def severity_of(a: Decimal, b: Decimal, terms: int = 1) -> Severity:
    """High from 1 % of the larger value; low within the rounding of a sum of printed values.

    The plan prints money in whole thousands of tenge and counts as whole numbers (averages
    rounded), each off by up to half a unit. A sum of ``terms`` printed values set against a
    printed total may therefore miss it by up to (terms + 1) / 2 units without anyone having made
    a mistake. The same figure printed in two places (``terms`` 1) has no such excuse. For values
    with decimals the unit is the smallest decimal place printed.
    """
    diff = abs(b - a)
    unit = min(_unit(a), _unit(b))
    if terms > 1 and diff * 2 <= unit * (terms + 1):
        return Severity.LOW
    larger = max(abs(a), abs(b))
    if larger == 0 or diff * 100 >= larger:
        return Severity.HIGH
    return Severity.MEDIUM


def _unit(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(1)
    return Decimal(1).scaleb(exponent)
