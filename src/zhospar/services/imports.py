"""Importing a file of actual values from the pages or the API: a dry run, then all or nothing.

The same path as ``zhospar import`` (``zhospar.imports.import_file``): a dry run writes nothing
and says what would change (rows added, revised, unchanged) with the first rows resolved, or
every problem with its row and column; an import writes every row in one transaction or none.
The import page and ``POST /api/imports`` both call ``run_import`` on a file staged by
``zhospar.web._uploads`` (size-capped while copied), so they answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Literal, Protocol

from zhospar._exceptions import ImportFileError, Problem
from zhospar.imports import check_file, import_file
from zhospar.model.batch import ActualBatch
from zhospar.rules.access import Person
from zhospar.services.context import AppContext
from zhospar.store import RecordResult

__all__ = ["PREVIEW_ROWS", "Outcome", "PreviewRow", "StagedFile", "run_import"]

PREVIEW_ROWS = 200  # the rows listed in a preview; the counts cover the whole file


class StagedFile(Protocol):
    """An upload kept on the server: its token, its file and the name it came with."""

    @property
    def token(self) -> str: ...
    @property
    def path(self) -> Path: ...
    @property
    def name(self) -> str: ...


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


def run_import(
    ctx: AppContext, staged: StagedFile, *, dry_run: bool, person: Person | None = None
) -> Outcome:
    """``import_file`` on the staged file; every problem it finds, or what it (would) write.
    ``person``: the signed-in person, whose scope each row must lie in (None: the CLI's user)."""
    try:
        result = import_file(
            ctx.db, staged.path, plan_key=ctx.plan_key, entered_by=ctx.user, dry_run=dry_run,
            person=person,
        )  # fmt: skip
    except ImportFileError as error:
        return Outcome("refused", staged.name, problems=tuple(error.problems))
    if not dry_run:
        return Outcome("done", staged.name, result)
    rows = _first_rows(check_file(staged.path, ctx.plan()).batch)
    return Outcome("preview", staged.name, result, rows=rows, token=staged.token)
