"""The consistency audit of a plan's own figures (``zhospar audit``).

Where does the plan contradict itself? A program's expenditure in the list of programs, in its
form and in the allocation appendix; the list's totals and the sum of their programs; a goal's
total in the appendix and the sum of its rows; an indicator and its breakdown rows. Each finding
names both places with their lines and values, and says whether the amending resolutions may
explain it. Pure functions over the model: nothing here touches a database, HTTP or the CLI.
See ``docs/audit.md`` for the method.
"""

from zhospar.audit._audit import AuditResult, audit_plan
from zhospar.audit._finding import Explanation, Finding, FindingKind, Place, Severity, Skip
from zhospar.audit._values import fmt as format_value

__all__ = [
    "AuditResult",
    "Explanation",
    "Finding",
    "FindingKind",
    "Place",
    "Severity",
    "Skip",
    "audit_plan",
    "format_value",
]
