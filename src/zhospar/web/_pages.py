"""What every page shares: the year parameter, the year selector's context, and the plan's
names in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zhospar.i18n import current_language
from zhospar.imports.translations import UNIT_PREFIX, plan_names
from zhospar.model.plan import Plan
from zhospar.report import AnnualReport
from zhospar.report.names import with_translated_names
from zhospar.services import queries
from zhospar.services.context import AppContext
from zhospar.services.http import Year
from zhospar.store.evaluation import StoredEvaluation

__all__ = ["PageNames", "Year", "in_page_language", "page_names", "year_context"]


def year_context(plan: Plan, year: int, path: str) -> dict[str, Any]:
    """The selected year, the plan's years to choose from, and the page the selector reloads."""
    return {
        "year": year,
        "years": list(plan.planned_years),
        "year_path": path,
        "plan_title": plan.title,
    }


@dataclass(frozen=True)
class PageNames:
    """The plan's names for a page: the translations into the page's language loaded with
    ``zhospar plan translations import`` and the published (Kazakh) names, by element id
    (``G1.1``, ``G1.1-I1``, ``P002``, ``R1``; a unit ``U:`` and the unit).

    Pages show ``name(ident)`` and, where it is a translation, the published name one click
    away (the ``named`` macro of ``_macros.html.j2``); a name without a translation is shown as
    published. Kazakh pages have no translations: the published language."""

    translated: Mapping[str, str] = field(default_factory=dict)
    as_published: Mapping[str, str] = field(default_factory=dict)

    def name(self, ident: str | None, text: str | None = None) -> str:
        """The name of ``ident`` in the page's language; ``text`` (the name as the page has it)
        or the published name where it has no translation."""
        published = text if text is not None else self.as_published.get(ident or "", "")
        return self.translated.get(ident or "", published)

    def is_translated(self, ident: str | None) -> bool:
        return bool(ident) and ident in self.translated

    def unit(self, unit: str | None) -> str:
        """A unit as the plan prints it (``адам``), in the page's language where translated."""
        return self.name(UNIT_PREFIX + unit, unit) if unit else ""


def page_names(ctx: AppContext, stored: StoredEvaluation | None = None) -> PageNames:
    """The names of the plan ``stored`` (else the context's) in the page's language, read once
    per state of the plan's data and language: a translations import bumps the data version,
    so the next page shows it."""
    stored = stored if stored is not None else ctx.stored()
    language = current_language()

    def read() -> PageNames:
        translated = queries.translated_names(ctx, None, language)
        return PageNames(translated, plan_names(stored.plan))

    return stored.memo.get(("page-names", language), read)


def in_page_language(ctx: AppContext, report: AnnualReport) -> AnnualReport:
    """``report`` with the plan's names translated into the page's language where a
    translation is loaded (``zhospar plan translations import``); the published names are kept
    in ``report.published``, which the pages show one click away."""
    names = page_names(ctx)
    return with_translated_names(report, names.translated)
