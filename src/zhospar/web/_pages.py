"""What every page shares: the year parameter and the year selector's context."""

from __future__ import annotations

from typing import Any

from zhospar.i18n import current_language
from zhospar.model.plan import Plan
from zhospar.report import AnnualReport
from zhospar.report.names import with_translated_names
from zhospar.services import queries
from zhospar.services.context import AppContext
from zhospar.services.http import Year

__all__ = ["Year", "in_page_language", "year_context"]


def year_context(plan: Plan, year: int, path: str) -> dict[str, Any]:
    """The selected year, the plan's years to choose from, and the page the selector reloads."""
    return {
        "year": year,
        "years": list(plan.planned_years),
        "year_path": path,
        "plan_title": plan.title,
    }


def in_page_language(ctx: AppContext, report: AnnualReport) -> AnnualReport:
    """``report`` with the plan's names translated into the page's language where a
    translation is loaded (``zhospar plan translations import``); the published names are kept
    in ``report.published``, which the pages show one click away."""
    names = queries.translated_names(ctx, None, current_language())
    return with_translated_names(report, names)
