"""``zhospar period``: approve a plan's year, reopen it with a reason, list the years' states."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from zhospar.cli._app import app
from zhospar.store import Database, Settings, open_database

period_app = typer.Typer(help="Sign-off of a plan's years: approve, reopen, list.")
app.add_typer(period_app, name="period")

PlanOption = Annotated[
    str | None, typer.Option("--plan", help="Plan key; the first plan stored if omitted.")
]


def _open() -> Database:
    return open_database(Settings.from_env().database_url)


@period_app.command("approve")
def approve(year: int, plan: PlanOption = None) -> None:
    """Approve YEAR: its figures are final and it takes no new value until reopened."""
    from zhospar.store.signoff import approve_year

    with _open() as db:
        state = approve_year(db, plan, year, by=Settings.from_env().user)
    Console(highlight=False, markup=False).print(state.describe())


@period_app.command("reopen")
def reopen(
    year: int,
    reason: Annotated[str, typer.Option(help="Why the approved year is reopened.")],
    plan: PlanOption = None,
) -> None:
    """Reopen an approved YEAR, with the reason (kept and logged)."""
    from zhospar.store.signoff import reopen_year

    with _open() as db:
        state = reopen_year(db, plan, year, reason, by=Settings.from_env().user)
    Console(highlight=False, markup=False).print(state.describe())


@period_app.command("list")
def period_list(plan: PlanOption = None) -> None:
    """Each year signed off: approved or reopened, by whom, when (other years are drafts)."""
    from zhospar.store.signoff import year_states

    with _open() as db:
        states = year_states(db, plan)
    table = Table("year", "state", "by", "when (UTC)", "reason")
    for year, s in sorted(states.items()):
        state = "approved" if s.approved else "reopened (draft)"
        table.add_row(str(year), state, s.by, f"{s.at:%Y-%m-%d %H:%M}", s.reason or "")
    Console(highlight=False, markup=False).print(table)
