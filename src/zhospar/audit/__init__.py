"""The consistency audit of a plan's own figures (``zhospar audit``).

Where does the plan contradict itself? A program's expenditure in the list of programs, in its
form and in the allocation appendix; the list's totals and the sum of their programs; a goal's
total in the appendix and the sum of its rows; an indicator and its breakdown rows. Each finding
names both places with their lines and values, and says whether the amending resolutions may
explain it. Pure functions over the model: nothing here touches a database, HTTP or the CLI.
See ``docs/audit.md`` for the method.
"""

import importlib
from typing import TYPE_CHECKING

from zhospar.audit.kinds import FindingKind

if TYPE_CHECKING:
    from zhospar.audit._audit import AuditResult, audit_plan
    from zhospar.audit._finding import (
        Explanation,
        Finding,
        Place,
        Severity,
        Skip,
        finding_kind_word,
        severity_word,
    )
    from zhospar.audit._values import fmt as format_value
    from zhospar.audit._values import kind_word, section_words

_HOMES = {
    "AuditResult": ("zhospar.audit._audit", "AuditResult"),
    "audit_plan": ("zhospar.audit._audit", "audit_plan"),
    "Explanation": ("zhospar.audit._finding", "Explanation"),
    "Finding": ("zhospar.audit._finding", "Finding"),
    "Place": ("zhospar.audit._finding", "Place"),
    "Severity": ("zhospar.audit._finding", "Severity"),
    "Skip": ("zhospar.audit._finding", "Skip"),
    "format_value": ("zhospar.audit._values", "fmt"),
    "finding_kind_word": ("zhospar.audit._finding", "finding_kind_word"),
    "severity_word": ("zhospar.audit._finding", "severity_word"),
    "kind_word": ("zhospar.audit._values", "kind_word"),
    "section_words": ("zhospar.audit._values", "section_words"),
}


def __getattr__(name: str) -> object:
    """The audit itself (pydantic, the plan model) is loaded only when first used, so that the
    CLI can offer ``FindingKind`` in ``zhospar audit --help`` without paying for it."""
    if name in _HOMES:
        module, attribute = _HOMES[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AuditResult",
    "Explanation",
    "Finding",
    "FindingKind",
    "Place",
    "Severity",
    "Skip",
    "audit_plan",
    "finding_kind_word",
    "format_value",
    "kind_word",
    "section_words",
    "severity_word",
]
