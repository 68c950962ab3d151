"""The plan as an Excel workbook: the plan workbook (``zhospar.workbook``, ``docs/workbook.md``).

One layout serves the export and the way in: ``zhospar export --format xlsx`` writes it and
``zhospar plan load`` reads it back into the same plan. Text is written as text, so a cell such
as ``=1+1`` taken from a document is never run as a formula; numbers are numbers with the
decimals the plan printed.
"""

from __future__ import annotations

from pathlib import Path

from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Plan

__all__ = ["write_workbook"]


def write_workbook(plan: Plan, path: str | Path, report: ReadingReport | None = None) -> None:
    """Write the plan workbook to ``path``; a place that cannot be written: a one-line error."""
    from zhospar.workbook import write_plan_workbook

    write_plan_workbook(plan, path, report)
