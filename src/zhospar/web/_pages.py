"""What every page shares: the year parameter and the year selector's context."""

from __future__ import annotations

from typing import Any

from zhospar.model.plan import Plan
from zhospar.services.http import Year

__all__ = ["Year", "year_context"]


def year_context(plan: Plan, year: int, path: str) -> dict[str, Any]:
    """The selected year, the plan's years to choose from, and the page the selector reloads."""
    return {
        "year": year,
        "years": list(plan.planned_years),
        "year_path": path,
        "plan_title": plan.title,
    }
