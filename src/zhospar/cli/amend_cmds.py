"""``zhospar amend``: amend a stored plan by an act (a new version each time), list amendments.

Each command is one amendment of one change; ``zhospar amend apply FILE.json`` makes one
amendment of several changes (the JSON of ``zhospar.model.amendments.Amendment``). The act's
number names the new version (``KEY@NUMBER``); its date decides the years it governs.
``zhospar diff KEY@OLD KEY@NEW`` shows what changed.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar.cli._options import PlanOption
from zhospar.cli.people_cmds import _me
from zhospar.cli.store_cmds import _console, _open

if TYPE_CHECKING:
    from zhospar.model.amendments import Change

__all__ = ["register"]

ActOption = Annotated[str, typer.Option("--act", help="The amending act's number, e.g. 415.")]
ActDateOption = Annotated[
    str, typer.Option("--act-date", help="The act's date, e.g. 2012-05-14 (decides its years).")
]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why the plan is amended.")]


def register(app: typer.Typer) -> None:
    amend_app = typer.Typer(help="Amend a stored plan by an act: each amendment a new version.")
    amend_app.command("target")(amend_target)
    amend_app.command("delete")(amend_delete)
    amend_app.command("add-indicator")(amend_add_indicator)
    amend_app.command("add-task")(amend_add_task)
    amend_app.command("add-milestone")(amend_add_milestone)
    amend_app.command("apply")(amend_apply)
    amend_app.command("list")(amend_list)
    app.add_typer(amend_app, name="amend", no_args_is_help=True)


def _amend(plan: str | None, act: str, act_date: str, reason: str, *changes: "Change") -> None:
    from zhospar.services.amendments import amend

    with _open() as db:
        done = amend(db, plan, act, act_date, reason, list(changes), by=_me())
    _console().print(f"{done.version} made from {done.previous} ({done.changes} change(s))")


def amend_target(
    indicator_id: str,
    year: int,
    value: Annotated[str, typer.Argument(help="The new target; 'none' removes it.")],
    act: ActOption,
    act_date: ActDateOption,
    reason: ReasonOption,
    plan: PlanOption = None,
) -> None:
    """Set INDICATOR_ID's target for YEAR to VALUE."""
    from zhospar.model.amendments import SetTarget
    from zhospar.rules.values import parse_number

    target = None if value.strip().lower() == "none" else parse_number(value)
    change = SetTarget(indicator_id=indicator_id, year=year, value=target)
    _amend(plan, act, act_date, reason, change)


def amend_delete(
    item_id: Annotated[str, typer.Argument(help="An indicator, task or milestone id.")],
    act: ActOption,
    act_date: ActDateOption,
    reason: ReasonOption,
    plan: PlanOption = None,
) -> None:
    """Delete an indicator, task or milestone (kept in the plan, marked deleted by the act)."""
    from zhospar.model.amendments import DeleteItem

    _amend(plan, act, act_date, reason, DeleteItem(item_id=item_id))


def amend_add_indicator(
    parent_id: Annotated[str, typer.Argument(help="A goal (G1.1) or task (T1.1.1) id.")],
    name: str,
    act: ActOption,
    act_date: ActDateOption,
    reason: ReasonOption,
    unit: Annotated[str | None, typer.Option(help="Its unit, e.g. %.")] = None,
    target: Annotated[
        list[str] | None, typer.Option(help="A target as YEAR=VALUE; repeat for each year.")
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Add an indicator to a goal or task, with its targets."""
    from zhospar.model.amendments import AddIndicator

    change = AddIndicator(parent_id=parent_id, name=name, unit=unit, targets=_targets(target))
    _amend(plan, act, act_date, reason, change)


def _targets(given: list[str] | None) -> "dict[int, object]":
    from zhospar._exceptions import ValidationError
    from zhospar.rules.values import parse_number

    targets: dict[int, object] = {}
    for item in given or []:
        year, sep, value = item.partition("=")
        if not sep or not year.strip().isdigit():
            raise ValidationError(f'--target takes YEAR=VALUE, e.g. 2013=5,5; got "{item}"')
        targets[int(year)] = parse_number(value)
    return targets


def amend_add_task(
    goal_id: str, name: str, act: ActOption, act_date: ActDateOption, reason: ReasonOption,
    plan: PlanOption = None,
) -> None:  # fmt: skip
    """Add a task to a goal (its code is the goal's next)."""
    from zhospar.model.amendments import AddTask

    _amend(plan, act, act_date, reason, AddTask(goal_id=goal_id, name=name))


def amend_add_milestone(
    task_id: str,
    name: str,
    act: ActOption,
    act_date: ActDateOption,
    reason: ReasonOption,
    due: Annotated[list[int] | None, typer.Option(help="A year it is due; repeat.")] = None,
    plan: PlanOption = None,
) -> None:
    """Add a milestone to a task."""
    from zhospar.model.amendments import AddMilestone

    change = AddMilestone(task_id=task_id, name=name, due_years=due or [])
    _amend(plan, act, act_date, reason, change)


def amend_apply(
    file: Annotated[Path, typer.Argument(help="An amendment as JSON: act, reason, changes.")],
    plan: PlanOption = None,
) -> None:
    """Make one amendment of several changes from a JSON file."""
    from zhospar.services.amendments import amend_from_json

    with _open() as db:
        done = amend_from_json(db, plan, file, by=_me())
    _console().print(f"{done.version} made from {done.previous} ({done.changes} change(s))")


def amend_list(plan: PlanOption = None) -> None:
    """The amendments made in Zhospar, oldest first: version, act, who, when, why."""
    from rich.table import Table

    from zhospar.store.amendments import amendments_of

    with _open() as db:
        found = amendments_of(db, plan)
    table = Table("act date", "changes", "by", "when (UTC)", "reason")
    table.add_column("version", overflow="fold")  # an id is folded, never cut
    for a in found:
        table.add_row(
            str(a.amendment.act.date),
            str(len(a.amendment.changes)),
            a.entered_by,
            f"{a.entered_at:%Y-%m-%d %H:%M}",
            a.amendment.reason,
            a.version,
        )
    _console().print(table)
