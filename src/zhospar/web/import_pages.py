"""Importing a file of actual values in the browser (``/import``), and the data-entry template.

The same files and the same path as ``zhospar import`` (``zhospar.imports.import_file``): first a
dry run that writes nothing and shows either what would change (rows added, revised, unchanged)
or every problem with its row and column; then, once the person confirms, all rows in one
transaction or none. Between the two the file waits on the server under a random token bound to
the visitor's session (``_uploads``); the client never names a path.
"""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from zhospar._exceptions import ValidationError
from zhospar.i18n import gettext
from zhospar.imports import write_template
from zhospar.services import queries
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.services.imports import PREVIEW_ROWS, Outcome, run_import
from zhospar.web._pages import Year, year_context
from zhospar.web._render import attachment, render, safe_file_name
from zhospar.web._security import CSRF_COOKIE, CsrfForm
from zhospar.web._uploads import StagedUploads, UploadRefused

router = APIRouter()


class TemplateFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


TEMPLATE_TYPES = {
    TemplateFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    TemplateFormat.CSV: "text/csv; charset=utf-8",
}


def uploads(request: Request) -> StagedUploads:
    return request.app.state.uploads  # type: ignore[no-any-return]


def _page(
    ctx: AppContext, year: int | None, outcome: Outcome | None, *, error: str = "", notice: str = ""
) -> dict[str, Any]:
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    return {
        **year_context(stored.plan, chosen, "/import"),
        "formats": list(TemplateFormat),
        "outcome": outcome,
        "error": error,
        "notice": notice,
        "user": ctx.user,
        "preview_rows": PREVIEW_ROWS,
    }


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, ctx: Context, year: Year = None) -> HTMLResponse:
    return render(request, "import", _page(ctx, year, None))


@router.get("/import/template", response_model=None)
def template(
    ctx: Context,
    year: Year = None,
    format: Annotated[TemplateFormat, Query(description="xlsx or csv.")] = TemplateFormat.XLSX,
) -> Response:
    """The data-entry template of the plan for ``year``, as ``zhospar template`` writes it."""
    stored = ctx.stored()
    chosen = queries.check_year(stored, year)
    name = safe_file_name(f"{stored.plan_key}-actuals-{chosen}.{format.value}")
    with tempfile.TemporaryDirectory(prefix="zhospar-template-") as folder:
        path = Path(folder) / name
        write_template(stored.plan, path, chosen)
        return attachment(path.read_bytes(), name, TEMPLATE_TYPES[format])


@router.post("/import/preview", response_model=None, dependencies=[CsrfForm])
def preview(
    request: Request,
    ctx: Context,
    file: Annotated[UploadFile | None, File(description="A CSV or XLSX file.")] = None,
    year: Year = None,
) -> Response:
    """Keep the upload and dry-run it: the counts and the first rows, or every problem."""
    if file is None or not file.filename:
        context = _page(ctx, year, None, error=gettext("choose a CSV or XLSX file to upload"))
        return render(request, "import", context, status=422)
    store = uploads(request)
    try:
        staged = store.stage(file.file, file.filename, request.cookies.get(CSRF_COOKIE, ""))
    except ValidationError as too_large:
        return render(request, "import", _page(ctx, year, None, error=str(too_large)), status=422)
    try:
        outcome = run_import(ctx, staged, dry_run=True, person=request.state.person)
    except BaseException:
        store.discard(staged.token)
        raise
    if outcome.stage == "refused" or not outcome.result or not outcome.result.rows:
        store.discard(staged.token)  # nothing to confirm
    status = 422 if outcome.stage == "refused" else 200
    return render(request, "import", _page(ctx, year, outcome), status=status)


@router.post("/import/confirm", response_model=None, dependencies=[CsrfForm])
def confirm(
    request: Request,
    ctx: Context,
    token: Annotated[str, Form()] = "",
    action: Annotated[Literal["confirm", "cancel"], Form()] = "confirm",
    year: Year = None,
) -> Response:
    """Write the previewed file in one transaction (or drop it); the token is used once."""
    store = uploads(request)
    try:
        staged = store.find(token, request.cookies.get(CSRF_COOKIE, ""))
    except UploadRefused as refused:
        context = _page(ctx, year, None, error=str(refused))  # 422: htmx shows it (not 403)
        return render(request, "import", context, status=422)
    try:
        if action == "cancel":
            notice = gettext("{file}: import cancelled, nothing written").format(file=staged.name)
            return render(request, "import", _page(ctx, year, None, notice=notice))
        outcome = run_import(ctx, staged, dry_run=False, person=request.state.person)
    finally:
        store.discard(staged.token)
    status = 422 if outcome.stage == "refused" else 200
    return render(request, "import", _page(ctx, year, outcome), status=status)
