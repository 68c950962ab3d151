"""The reports as PDF: the very HTML of ``zhospar.report.html``, printed by WeasyPrint.

The page is A4 landscape with page numbers; a draft carries its marker in the top margin of
every page (a CSS ``@page`` margin box, from the same template as the HTML's banner). WeasyPrint
(and pango under it) is imported only when a PDF is written, so the CLI starts fast. The HTML
loads nothing from elsewhere (no URL at all: charts are inline SVG), so nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

from zhospar.report.html import render_html, render_official_html
from zhospar.report.model import AnnualReport
from zhospar.report.official import OfficialReport

__all__ = ["html_to_pdf", "write_official_pdf", "write_pdf"]


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page."""
    from weasyprint import HTML  # heavy (pango, fonts): only when a PDF is written
    from weasyprint.urls import URLFetcher

    # A report's page is self-contained: the printer may read data: URLs and nothing else (no
    # file, no local address), whatever a document's or a user's text holds.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf()  # with no target: the bytes
    return pdf


def write_pdf(report: AnnualReport, path: str | Path) -> Path:
    """Write the annual report as a PDF at ``path``."""
    target = Path(path)
    target.write_bytes(html_to_pdf(render_html(report)))
    return target


def write_official_pdf(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form as a PDF at ``path``."""
    target = Path(path)
    target.write_bytes(html_to_pdf(render_official_html(form)))
    return target
