"""Importing a file of actual values in the browser (``/import``), and the data-entry template.

The same files and the same path as ``zhospar import`` (``zhospar.imports.import_file``): first a
dry run that writes nothing and shows either what would change (rows added, revised, unchanged)
or every problem with its row and column; then, once the person confirms, all rows in one
transaction or none. Between the two the file waits on the server under a random token bound to
the visitor's session (``_uploads``); the client never names a path.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from zhospar._exceptions import ImportFileError, Problem, ValidationError
from zhospar.imports import check_file, import_file, write_template
from zhospar.model.batch import ActualBatch
from zhospar.services import queries
from zhospar.services.context import AppContext
from zhospar.services.http import Context
from zhospar.store import RecordResult
from zhospar.web._pages import Year, year_context
from zhospar.web._render import attachment, render, safe_file_name
from zhospar.web._security import CSRF_COOKIE, CsrfForm
from zhospar.web._uploads import Staged, StagedUploads, UploadRefused

router = APIRouter()
PREVIEW_ROWS = 200  # the rows listed in a preview; the counts cover the whole file


class TemplateFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


TEMPLATE_TYPES = {
    TemplateFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    TemplateFormat.CSV: "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class PreviewRow:
    """A row of the file as it would be recorded: its row number and the resolved values."""

    row: int | None
    indicator_id: str
    period: str
    region: str | None
    breakdown: str | None
    value: Decimal
    source: str | None


def _first_rows(batch: ActualBatch, limit: int = PREVIEW_ROWS) -> tuple[PreviewRow, ...]:
    b = batch
    columns = (b.origin_row, b.indicator_id, b.period, b.region, b.breakdown, b.value, b.source)
    rows = islice(zip(*columns, strict=True), limit)
    return tuple(PreviewRow(r, i, str(p), g, k, v, s) for r, i, p, g, k, v, s in rows)


@dataclass(frozen=True)
class Outcome:
    """A dry run's or an import's answer: the counts, or every problem (nothing written)."""

    stage: Literal["preview", "done", "refused"]
    name: str = ""
    result: RecordResult | None = None
    problems: tuple[Problem, ...] = ()
    rows: tuple[PreviewRow, ...] = ()  # the first rows, in a preview
    token: str = ""


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


def _run(ctx: AppContext, staged: Staged, *, dry_run: bool) -> Outcome:
    """``import_file`` on the staged file; every problem it finds, or what it (would) write."""
    try:
        result = import_file(
            ctx.db, staged.path, plan_key=ctx.plan_key, entered_by=ctx.user, dry_run=dry_run
        )
    except ImportFileError as error:
        return Outcome("refused", staged.name, problems=tuple(error.problems))
    if not dry_run:
        return Outcome("done", staged.name, result)
    rows = _first_rows(check_file(staged.path, ctx.stored().plan).batch)
    return Outcome("preview", staged.name, result, rows=rows, token=staged.token)


@router.post("/import/preview", response_model=None, dependencies=[CsrfForm])
def preview(
    request: Request,
    ctx: Context,
    file: Annotated[UploadFile | None, File(description="A CSV or XLSX file.")] = None,
    year: Year = None,
) -> Response:
    """Keep the upload and dry-run it: the counts and the first rows, or every problem."""
    if file is None or not file.filename:
        context = _page(ctx, year, None, error="choose a CSV or XLSX file to upload")
        return render(request, "import", context, status=422)
    store = uploads(request)
    try:
        staged = store.stage(file.file, file.filename, request.cookies.get(CSRF_COOKIE, ""))
    except ValidationError as too_large:
        return render(request, "import", _page(ctx, year, None, error=str(too_large)), status=422)
    try:
        outcome = _run(ctx, staged, dry_run=True)
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
            notice = f"{staged.name}: import cancelled, nothing written"
            return render(request, "import", _page(ctx, year, None, notice=notice))
        outcome = _run(ctx, staged, dry_run=False)
    finally:
        store.discard(staged.token)
    status = 422 if outcome.stage == "refused" else 200
    return render(request, "import", _page(ctx, year, outcome), status=status)
