"""The annual implementation report and the multi-year plan-vs-fact table.

    from zhospar.report import build_report, write_report

    report = build_report(plan, facts, 2012)     # figures from zhospar.evaluate, with sources
    write_report(report, "mlsp-2012.xlsx")      # or .docx, .html

    table = build_multiyear(plan, facts)         # every indicator, 2008-2014
    write_multiyear(table, "plan-vs-fact.xlsx")  # or .html

The report computes nothing itself: ``build_report`` arranges what ``evaluate_year`` gives
beside the plan's own figures and lines, and the writers only lay it out. See ``docs/report.md``.
"""

from __future__ import annotations

from pathlib import Path

from zhospar._exceptions import ValidationError
from zhospar.report._format import amount as format_amount
from zhospar.report._format import number as format_number
from zhospar.report._format import percent as format_percent
from zhospar.report._format import status_class
from zhospar.report._lines import NO_SCORE_LABELS, STATUS_LABELS, status_label
from zhospar.report.build import build_report
from zhospar.report.docx import write_docx
from zhospar.report.html import render_html, write_html
from zhospar.report.model import (
    AnnualReport,
    BudgetLine,
    ChartPoint,
    ChartSeries,
    DirectionSection,
    FactSource,
    GoalSection,
    IndicatorLine,
    MilestoneLine,
    ProgramSection,
    RiskLine,
    RiskLink,
    Score,
    ScoredLine,
    SignalLine,
    TaskSection,
    UnmatchedLine,
)
from zhospar.report.multiyear import (
    MultiYearRow,
    MultiYearTable,
    YearCell,
    build_multiyear,
    render_multiyear_html,
    write_multiyear_html,
    write_multiyear_xlsx,
)
from zhospar.report.risks import RISK_RULE, link_risks
from zhospar.report.xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "MULTIYEAR_FORMATS",
    "NO_SCORE_LABELS",
    "RISK_RULE",
    "STATUS_LABELS",
    "AnnualReport",
    "BudgetLine",
    "ChartPoint",
    "ChartSeries",
    "DirectionSection",
    "FactSource",
    "GoalSection",
    "IndicatorLine",
    "MilestoneLine",
    "MultiYearRow",
    "MultiYearTable",
    "ProgramSection",
    "RiskLine",
    "RiskLink",
    "Score",
    "ScoredLine",
    "SignalLine",
    "TaskSection",
    "UnmatchedLine",
    "YearCell",
    "build_multiyear",
    "build_report",
    "format_amount",
    "format_number",
    "format_percent",
    "link_risks",
    "render_html",
    "render_multiyear_html",
    "report_format",
    "status_class",
    "status_label",
    "write_docx",
    "write_html",
    "write_multiyear",
    "write_multiyear_html",
    "write_multiyear_xlsx",
    "write_report",
    "write_xlsx",
]

FORMATS = (".xlsx", ".docx", ".html")
MULTIYEAR_FORMATS = (".xlsx", ".html")


def report_format(path: str | Path, allowed: tuple[str, ...] = FORMATS) -> str:
    """The output format named by the file's extension, or a clear error."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in allowed:
        found = suffix or "no extension"
        expected = ", ".join(allowed)
        raise ValidationError(f'{path}: expected a file name ending in {expected}; got "{found}"')
    return suffix


def write_report(report: AnnualReport, path: str | Path) -> Path:
    """Write the annual report in the format the file name asks for (.xlsx, .docx or .html)."""
    writers = {".xlsx": write_xlsx, ".docx": write_docx, ".html": write_html}
    return writers[report_format(path)](report, path)


def write_multiyear(table: MultiYearTable, path: str | Path) -> Path:
    """Write the multi-year table as an XLSX sheet or an HTML table."""
    writers = {".xlsx": write_multiyear_xlsx, ".html": write_multiyear_html}
    return writers[report_format(path, MULTIYEAR_FORMATS)](table, path)
