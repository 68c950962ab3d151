"""Commands that bring a plan in: ``zhospar plan load`` and ``zhospar plan template``.

``plan load`` stores a plan from a plan workbook, a JSON export or a published text (told apart
by content), checked whole first and stored all or nothing; ``plan template`` writes the empty
plan workbook a planning department fills in (``docs/workbook.md``).
"""

from pathlib import Path
from typing import Annotated

import typer

from zhospar.cli.evaluate_cmds import _console, _open

__all__ = ["register_plan_commands"]


def register_plan_commands(plan_app: typer.Typer) -> None:
    plan_app.command("load")(plan_load)
    plan_app.command("template")(plan_template)


def plan_load(
    file: Annotated[
        Path,
        typer.Argument(
            help="A plan workbook (.xlsx), a JSON export or a published plan text.",
            metavar="FILE",
        ),
    ],
    key: Annotated[str, typer.Option("--key", help="The short name to store the plan under.")],
) -> None:
    """Store a plan from a workbook, a JSON export or a published text, all or nothing.

    The file is checked whole before anything is stored: every problem of a workbook is listed
    with its sheet, row and column (exit status 4); a text with lines not understood is refused
    with those lines. Loading the same plan again under the same key changes nothing.
    """
    from zhospar.services.plan_files import load_plan_file

    with _open() as db:
        done = load_plan_file(db, file, key)
    stored = done.stored
    verb = "stored" if stored.created else "already stored, unchanged:"
    versions = ", ".join(f"{stored.key}@{v}" for v in stored.versions)
    _console().print(f"{file} ({done.kind}): {verb} {stored.key} ({done.plan.title}); {versions}")


def plan_template(
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
) -> None:
    """Write an empty plan workbook to fill in: instructions, one sheet per part of a plan,
    lists for units, phases and indicator kinds (see docs/workbook.md)."""
    from zhospar._exceptions import ValidationError
    from zhospar.workbook import write_template

    if output.suffix.lower() != ".xlsx":
        raise ValidationError(f"{output}: the template is a workbook; name it .xlsx")
    write_template(output)
    _console().print(f"wrote {output}")
