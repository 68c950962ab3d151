"""Downloads of the annual report (``/report``) and budget execution (``/budget``)."""

from __future__ import annotations

import re
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from zhospar.api import queries
from zhospar.api.context import Context
from zhospar.report import write_report
from zhospar.web._pages import Year, year_context
from zhospar.web._render import render

router = APIRouter()


class ReportFormat(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    HTML = "html"


MEDIA_TYPES = {
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.HTML: "text/html; charset=utf-8",
}


@router.get("/report", response_model=None)
def report_page(
    request: Request,
    ctx: Context,
    year: Year = None,
    format: Annotated[ReportFormat | None, Query(description="xlsx, docx or html.")] = None,
) -> Response:
    """Without ``format``: the page to choose a year and a format. With it: the file, built by
    ``zhospar.report`` exactly as ``zhospar report`` builds it."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    if format is None:
        return render(
            request,
            "report",
            {**year_context(stored.plan, chosen, "/report"), "formats": list(ReportFormat)},
        )
    report = queries.year_report(stored, chosen)
    safe_key = re.sub(r"[^A-Za-z0-9._-]", "-", stored.plan_key)  # the key goes into a header
    name = f"{safe_key}-{chosen}.{format.value}"
    with tempfile.TemporaryDirectory(prefix="zhospar-report-") as folder:
        data = write_report(report, Path(folder) / name).read_bytes()
    disposition = f'attachment; filename="{name}"'
    return Response(
        data, media_type=MEDIA_TYPES[format], headers={"Content-Disposition": disposition}
    )


@router.get("/budget", response_class=HTMLResponse)
def budget_page(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    """Planned expenditure (with the plan's line) against the actual, per program."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    report = queries.year_report(stored, chosen)
    context = {
        **year_context(stored.plan, chosen, "/budget"),
        "budget": report.budget,
        "summary": queries.budget_summary(report.budget),
    }
    return render(request, "budget", context)
