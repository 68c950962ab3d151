"""``zhospar period``: approve a plan's year, reopen it with a reason, list the years' states."""

from typing import Annotated

import typer

from zhospar.cli._options import PlanOption
from zhospar.cli.people_cmds import _me
from zhospar.cli.store_cmds import _console, _open

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    period_app = typer.Typer(help="Sign-off of a plan's years: approve, reopen, list.")
    period_app.command("approve")(approve)
    period_app.command("reopen")(reopen)
    period_app.command("list")(period_list)
    app.add_typer(period_app, name="period", no_args_is_help=True)


def approve(year: int, plan: PlanOption = None) -> None:
    """Approve YEAR: its figures are final and it takes no new value until reopened.

    Refused while an indicator of YEAR not achieved (or only nearly) has no reason."""
    from zhospar.services import AppContext
    from zhospar.services.reasons import approve as approve_year

    with _open() as db:
        state = approve_year(AppContext(db, _me(), plan), year)
    _console().print(state.describe())


def reopen(
    year: int,
    reason: Annotated[str, typer.Option(help="Why the approved year is reopened.")],
    plan: PlanOption = None,
) -> None:
    """Reopen an approved YEAR, with the reason (kept and logged)."""
    from zhospar.store.signoff import reopen_year

    with _open() as db:
        state = reopen_year(db, plan, year, reason, by=_me())
    _console().print(state.describe())


def period_list(plan: PlanOption = None) -> None:
    """Each year signed off: approved or reopened, by whom, when (other years are drafts)."""
    from rich.table import Table

    from zhospar.store.signoff import year_states

    with _open() as db:
        states = year_states(db, plan)
    table = Table("year", "state", "by", "when (UTC)", "reason")
    for year, s in sorted(states.items()):
        state = "approved" if s.approved else "reopened (draft)"
        table.add_row(str(year), state, s.by, f"{s.at:%Y-%m-%d %H:%M}", s.reason or "")
    _console().print(table)
