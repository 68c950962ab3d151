"""Downloads of the annual report (``/report``)."""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from zhospar.report import write_report
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._pages import Year, year_context
from zhospar.web._render import attachment, render, safe_file_name

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
    name = safe_file_name(f"{stored.plan_key}-{chosen}.{format.value}")
    with tempfile.TemporaryDirectory(prefix="zhospar-report-") as folder:
        data = write_report(report, Path(folder) / name).read_bytes()
    return attachment(data, name, MEDIA_TYPES[format])
