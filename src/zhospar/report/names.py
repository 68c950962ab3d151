"""A report with the plan's names in another language, the published names kept beside them.

The plan is published in Kazakh; translations of its names are loaded from a CSV
(``zhospar plan translations import``). A report in Russian or English shows the translation of
each name that has one, and the published name in its own column (``AnnualReport.published``);
a name without a translation is shown as published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from zhospar.i18n import N_
from zhospar.imports.translations import UNIT_PREFIX
from zhospar.report.model import AnnualReport

__all__ = ["PUBLISHED_HEADER", "with_translated_names"]

# The head of the column beside a translated name, in the workbook and the DOCX.
PUBLISHED_HEADER = N_("Published name (kk)")


def with_translated_names(report: AnnualReport, names: Mapping[str, str]) -> AnnualReport:
    """``report`` with every name, unit and budget line that ``names`` translates (by element
    id; a unit by ``U:`` and the unit) shown translated; ``published`` keeps the originals."""
    if not names:
        return report
    published: dict[str, str] = {}
    translated: AnnualReport = _walk(report, names, published)
    return dataclasses.replace(translated, published=published)


def _walk(value: Any, names: Mapping[str, str], published: dict[str, str]) -> Any:
    if isinstance(value, tuple):
        return tuple(_walk(item, names, published) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        if field.name == "published":
            continue
        current = getattr(value, field.name)
        walked = _walk(current, names, published)
        if walked is not current:
            changes[field.name] = walked
    ident = _ident(value)
    name = getattr(value, "name", None)
    if ident is not None and isinstance(name, str) and ident in names:
        published[ident] = name
        changes["name"] = names[ident]
    unit = getattr(value, "unit", None)
    if isinstance(unit, str) and UNIT_PREFIX + unit in names:
        changes["unit"] = names[UNIT_PREFIX + unit]
    return dataclasses.replace(value, **changes) if changes else value


def _ident(value: Any) -> str | None:
    """The element id of a report line: its ``id``, a budget line's ``P`` + program code."""
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return ident
    program = getattr(value, "program", None)
    if isinstance(program, str) and hasattr(value, "planned"):
        return f"P{program}"
    return None
