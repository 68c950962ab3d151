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
    act: Annotated[
        str | None,
        typer.Option(help="Under a key already taken: the amending act's number (a new version)."),
    ] = None,
    act_date: Annotated[
        str | None, typer.Option("--act-date", help="The amending act's date, e.g. 2012-05-14.")
    ] = None,
    reason: Annotated[str, typer.Option(help="Why the plan is amended (with --act).")] = "",
) -> None:
    """Store a plan from a workbook, a JSON export or a published text, all or nothing.

    The file is checked whole before anything is stored: every problem of a workbook is listed
    with its sheet, row and column (exit status 4); a text with lines not understood is refused
    with those lines. Loading the same plan again under the same key changes nothing. A file
    that changes a stored plan's targets, indicators or milestones is an amendment: give the
    act (--act, --act-date) and --reason, and it becomes the plan's new version (see
    `zhospar diff`); without them it is refused (exit status 8).
    """
    from zhospar._exceptions import ValidationError
    from zhospar.cli.people_cmds import _me
    from zhospar.model.plan import ActRef
    from zhospar.services.amendments import parse_act_date
    from zhospar.services.plan_files import load_plan_file

    the_act = None
    if act is not None or act_date is not None:
        if act is None or act_date is None:
            raise ValidationError("an amendment needs both --act NUMBER and --act-date DATE")
        the_act = ActRef(number=act.strip(), date=parse_act_date(act_date))
    with _open() as db:
        done = load_plan_file(db, file, key, act=the_act, reason=reason, by=_me())
    stored = done.stored
    if done.amended_from is not None:
        version = f"{stored.key}@{stored.versions[0]}"
        _console().print(f"{file} ({done.kind}): {version} made from {done.amended_from}")
        return
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
