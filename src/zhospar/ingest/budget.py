"""The list of budget programs and the plan's own totals."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import BudgetProgram, Plan, PlanTotal


def parse_budget_list(
    section: Section, report: ReadingReport
) -> tuple[list[BudgetProgram], list[PlanTotal]]:
    return [], []  # STUB: to be written


def infer_list_columns(plan: Plan) -> None:
    """Work out each column's year and kind from the forms and totals (the header was lost)."""
    return None  # STUB: to be written
