"""Downloads of the annual report and of the official form (``/report``)."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from zhospar.report import write_official, write_report
from zhospar.services import queries
from zhospar.services.http import Context
from zhospar.web._pages import Year, in_page_language, year_context
from zhospar.web._render import attachment, render, safe_file_name

router = APIRouter()


class ReportFormat(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"


class ReportForm(StrEnum):
    ANNUAL = "annual"  # Zhospar's annual implementation report
    OFFICIAL = "official"  # the published form of the state body's report


MEDIA_TYPES = {
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.HTML: "text/html; charset=utf-8",
}


@router.get("/report", response_model=None)
def report_page(
    request: Request,
    ctx: Context,
    year: Year = None,
    format: Annotated[ReportFormat | None, Query(description="xlsx, docx, pdf or html.")] = None,
    form: Annotated[ReportForm, Query(description="annual or official.")] = ReportForm.ANNUAL,
    download: Annotated[bool, Query(description="html: save it rather than open it.")] = False,
) -> Response:
    """Without ``format``: the page to choose a year, a report and a format. With it: the file,
    built by ``zhospar.report`` exactly as ``zhospar report [--form official]`` builds it, in
    the page's language (the plan's names translated where loaded); the HTML one opens in the
    browser unless ``download`` is asked for."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    if format is None:
        context = {
            **year_context(stored.plan, chosen, "/report"),
            "formats": list(ReportFormat),
            "signoff": queries.year_signoff(stored, chosen),
        }
        return render(request, "report", context)
    suffix = "-official" if form is ReportForm.OFFICIAL else ""
    name = safe_file_name(f"{stored.plan_key}-{chosen}{suffix}.{format.value}")
    report = in_page_language(ctx, queries.year_report(stored, chosen))
    with tempfile.TemporaryDirectory(prefix="zhospar-report-") as folder:
        if form is ReportForm.OFFICIAL:
            official = queries.official_report(ctx.db, stored, chosen, report)
            data = write_official(official, Path(folder) / name).read_bytes()
        else:
            data = write_report(report, Path(folder) / name).read_bytes()
    if format is ReportFormat.HTML and not download:
        return in_browser(data, name)
    return attachment(data, name, MEDIA_TYPES[format])


def in_browser(html: bytes, name: str) -> Response:
    """The HTML report shown as a page (``inline``). Its look is its own ``<style>`` block,
    which the pages' policy (``style-src 'self'``) would refuse: this answer's policy allows
    exactly that block, by its hash, and no script at all (a sandboxed document)."""
    styles = re.findall(rb"<style>(.*?)</style>", html, flags=re.DOTALL)
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'" for s in styles
    )
    style_src = hashes or "'none'"
    policy = (
        f"default-src 'none'; style-src {style_src}; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
    )
    headers = {
        "Content-Disposition": f'inline; filename="{safe_file_name(name)}"',
        "Content-Security-Policy": policy,
    }
    return Response(html, media_type=MEDIA_TYPES[ReportFormat.HTML], headers=headers)
