"""Commands for bulk data entry: ``template`` writes a file to fill in, ``import`` reads it back."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ImportFileError, Problem
from zhospar.cli._options import PlanOption, PlanOrBundledOption, UserOption

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

    from zhospar.imports import ImportProgress, Stage
    from zhospar.model.plan import Plan

__all__ = ["register"]

# Smaller imports finish before a progress bar would be of any use.
_PROGRESS_FROM_ROWS = 5_000
_PROGRESS_FROM_BYTES = 500_000
_PROBLEMS_SHOWN = 200


def register(app: typer.Typer) -> None:
    app.command()(template)
    app.command(name="import")(import_)


def template(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The file to write: FILE.xlsx or FILE.csv.")
    ],
    year: Annotated[
        int | None,
        typer.Option(help="Prefill the year column and show the plan's target for that year."),
    ] = None,
    plan: PlanOrBundledOption = None,
) -> None:
    """Write a data-entry template listing every indicator of the plan.

    Fill in the value column (and region, source, comment where known), then run
    `zhospar import FILE`. Without --plan the bundled plan is listed and no database is needed.
    """
    from rich.console import Console

    from zhospar.imports import write_template

    rows = write_template(_load_plan(plan), output, year)
    Console(stderr=True).print(f"{output}: {rows} indicator rows; fill in the value column")


def import_(
    file: Annotated[Path, typer.Argument(help="A CSV or XLSX file of actual values.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and show what would change.")
    ] = False,
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Import actual values from a CSV or XLSX file: all rows, or none when any is wrong.

    Every problem (unknown indicator, bad number, period outside the plan, duplicate row,
    unknown region, value out of range) is listed with its row and column, and nothing is written.
    """
    from rich.console import Console

    from zhospar.imports import import_file
    from zhospar.store import Settings, open_database

    console = Console(stderr=True)
    large = file.is_file() and file.stat().st_size >= _PROGRESS_FROM_BYTES
    with open_database() as db, _progress(console, enabled=large) as progress:
        try:
            result = import_file(
                db, file, plan_key=plan, entered_by=user or Settings.from_env().user,
                dry_run=dry_run, progress=progress,
            )  # fmt: skip
        except ImportFileError as error:
            raise _shortened(error) from None
    verb = "would be" if dry_run else "were"
    typer.echo(
        f"{file}: {result.rows} value(s) {verb} recorded: {result.added} added, "
        f"{result.revised} revised, {result.unchanged} unchanged"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _load_plan(plan_key: str | None) -> "Plan":
    """A plan from the database when named, else the bundled plan as read (no database needed)."""
    if plan_key is None:
        from zhospar.ingest import read_plan

        return read_plan().plan
    from zhospar.store import open_database

    with open_database() as db:
        return db.load_plan(plan_key)


def _shortened(error: ImportFileError) -> ImportFileError:
    """The same error, listing at most _PROBLEMS_SHOWN problems so that a terminal stays usable."""
    if len(error.problems) <= _PROBLEMS_SHOWN:
        return error
    more = len(error.problems) - _PROBLEMS_SHOWN
    shown = [*error.problems[:_PROBLEMS_SHOWN], Problem(None, None, f"... and {more} more")]
    return ImportFileError(error.file, shown)


@contextmanager
def _progress(console: "Console", *, enabled: bool) -> "Iterator[ImportProgress | None]":
    """A Rich progress bar for long imports: rows checked, then rows written."""
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]  # fmt: skip
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[Stage, TaskID] = {}

        def update(stage: "Stage", done: int, total: int | None) -> None:
            if stage not in tasks:
                for earlier in tasks.values():  # checking is over: its count was the total
                    bar.update(earlier, total=bar.tasks[earlier].completed)
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        yield update
