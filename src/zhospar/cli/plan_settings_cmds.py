"""Commands on a plan's own settings of the method: ``zhospar plan cap set`` / ``show``.

The cap is the most one indicator's percentage counts in a roll-up: 100 by default, as the
state's evaluation scores out of 100. A plan may set another, with a reason; the decision is
recorded with who and when, append-only, and every score of the plan uses the cap in force.
"""

from typing import Annotated

import typer

from zhospar.cli import plan_translations_cmds
from zhospar.cli._options import PlanOption, UserOption
from zhospar.cli.evaluate_cmds import _console, _open

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    plan_app = typer.Typer(help="A plan's own settings of the evaluation method.")
    cap_app = typer.Typer(help="The most one indicator counts in a roll-up (100 % by default).")
    cap_app.command("set")(cap_set)
    cap_app.command("show")(cap_show)
    plan_app.add_typer(cap_app, name="cap", no_args_is_help=True)
    plan_translations_cmds.attach(plan_app)
    app.add_typer(plan_app, name="plan", no_args_is_help=True)


def cap_set(
    percent: Annotated[str, typer.Argument(help="The cap in percent, from 100 (e.g. 120).")],
    reason: Annotated[str, typer.Option("--reason", help="Why this plan needs another cap.")],
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Set the plan's cap; recorded with who, when and why (the history is kept)."""
    from zhospar.store import Settings
    from zhospar.store.plan_settings import set_cap

    with _open() as db:
        done = set_cap(db, plan, percent, reason, user or Settings.from_env().user)
    _console().print(f"cap set to {done.value} % (recorded by {done.stamp}: {done.reason})")


def cap_show(plan: PlanOption = None) -> None:
    """The cap in force and every decision on it, oldest first."""
    from rich.table import Table

    from zhospar.store.plan_settings import CAP_SETTING, cap_in_force, plan_settings

    with _open() as db:
        key = plan or db.default_plan_key()
        cap, setting = cap_in_force(db, key)
        history = plan_settings(db, key, CAP_SETTING)
    where = f"set by {setting.stamp}: {setting.reason}" if setting else "the method's default"
    _console().print(f"Cap of {key}: {format(cap.normalize(), 'f')} % ({where})")
    if not history:
        return
    table = Table("cap %", "by", "when (UTC)", "reason", title="cap decisions")
    for s in history:
        table.add_row(s.value, s.entered_by, f"{s.entered_at:%Y-%m-%d %H:%M:%S}", s.reason)
    _console().print(table)
