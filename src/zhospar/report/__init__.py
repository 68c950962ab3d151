"""The annual implementation report and the multi-year plan-vs-fact table.

    from zhospar.report import build_report, write_report

    report = build_report(plan, facts, 2012)     # figures from zhospar.evaluate, with sources
    write_report(report, "mlsp-2012.xlsx")      # or .docx, .html, .pdf

    form = build_official(plan, facts, 2012, reasons={...}, signoff=SignOff(2012))
    write_official(form, "mlsp-2012-official.pdf")  # or .xlsx, .docx, .html: the published form

    table = build_multiyear(plan, facts)         # every indicator, 2008-2014
    write_multiyear(table, "plan-vs-fact.xlsx")  # or .html

The report computes nothing itself: ``build_report`` arranges what ``evaluate_year`` gives
beside the plan's own figures and lines, and the writers only lay it out. See ``docs/report.md``.
"""

from __future__ import annotations

from pathlib import Path

from zhospar._exceptions import ValidationError
from zhospar.report._format import amount as format_amount
from zhospar.report._format import figure as format_display
from zhospar.report._format import number as format_number
from zhospar.report._format import percent as format_percent
from zhospar.report._format import status_class
from zhospar.report._lines import NO_SCORE_LABELS, STATUS_LABELS, status_label
from zhospar.report.build import build_report
from zhospar.report.docx import write_docx
from zhospar.report.html import (
    render_html,
    render_official_html,
    write_html,
    write_official_html,
)
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
    SignOff,
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
from zhospar.report.official import (
    FormRow,
    OfficialReport,
    RowKind,
    build_official,
    official_form,
)
from zhospar.report.official_docx import write_official_docx
from zhospar.report.official_xlsx import write_official_xlsx
from zhospar.report.risks import RISK_RULE, link_risks
from zhospar.report.xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "MULTIYEAR_FORMATS",
    "NO_SCORE_LABELS",
    "OFFICIAL_FORMATS",
    "RISK_RULE",
    "STATUS_LABELS",
    "AnnualReport",
    "BudgetLine",
    "ChartPoint",
    "ChartSeries",
    "DirectionSection",
    "FactSource",
    "FormRow",
    "GoalSection",
    "IndicatorLine",
    "MilestoneLine",
    "MultiYearRow",
    "MultiYearTable",
    "OfficialReport",
    "ProgramSection",
    "RiskLine",
    "RiskLink",
    "RowKind",
    "Score",
    "ScoredLine",
    "SignOff",
    "SignalLine",
    "TaskSection",
    "UnmatchedLine",
    "YearCell",
    "build_multiyear",
    "build_official",
    "build_report",
    "format_amount",
    "format_display",
    "format_number",
    "format_percent",
    "link_risks",
    "official_form",
    "render_html",
    "render_multiyear_html",
    "render_official_html",
    "report_format",
    "status_class",
    "status_label",
    "write_docx",
    "write_html",
    "write_multiyear",
    "write_multiyear_html",
    "write_multiyear_xlsx",
    "write_official",
    "write_official_docx",
    "write_official_html",
    "write_official_xlsx",
    "write_report",
    "write_xlsx",
]

FORMATS = (".xlsx", ".docx", ".html", ".pdf")
OFFICIAL_FORMATS = (".xlsx", ".docx", ".pdf", ".html")
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
    """Write the annual report in the format the file name asks for (.xlsx, .docx, .html or
    .pdf; the PDF is drawn by ReportLab, imported only then)."""
    suffix = report_format(path)
    if suffix == ".pdf":
        from zhospar.report.pdf import write_pdf

        return write_pdf(report, path)
    writers = {".xlsx": write_xlsx, ".docx": write_docx, ".html": write_html}
    return writers[suffix](report, path)


def write_official(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form in the format the file name asks for (.xlsx, .docx, .pdf,
    .html)."""
    suffix = report_format(path, OFFICIAL_FORMATS)
    if suffix == ".pdf":
        from zhospar.report.official_pdf import write_official_pdf

        return write_official_pdf(form, path)
    writers = {
        ".xlsx": write_official_xlsx,
        ".docx": write_official_docx,
        ".html": write_official_html,
    }
    return writers[suffix](form, path)


def write_multiyear(table: MultiYearTable, path: str | Path) -> Path:
    """Write the multi-year table as an XLSX sheet or an HTML table."""
    writers = {".xlsx": write_multiyear_xlsx, ".html": write_multiyear_html}
    return writers[report_format(path, MULTIYEAR_FORMATS)](table, path)
