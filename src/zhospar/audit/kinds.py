"""The kinds of comparison the audit makes, on their own: ``zhospar audit --kind`` offers them
in its help, which must not load the audit (pydantic and the plan model) to do so."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FindingKind"]


class FindingKind(StrEnum):
    """Which comparison found the disagreement; the order is the order of the report."""

    EXPENDITURE_LIST_FORM = "expenditure-list-form"  # list of programs vs the program's form
    EXPENDITURE_LIST_APPENDIX = "expenditure-list-appendix"  # list vs the allocation appendix
    EXPENDITURE_FORM_APPENDIX = "expenditure-form-appendix"  # form vs the allocation appendix
    PROGRAM_ABSENT = "program-absent"  # money in one place, the program missing in another
    TOTAL = "total"  # a total stated in the list vs the sum of its programs
    GOAL_TOTAL = "goal-total"  # a goal's total in the appendix vs the sum of its rows
    BREAKDOWN = "breakdown"  # an indicator vs the sum of its breakdown rows
