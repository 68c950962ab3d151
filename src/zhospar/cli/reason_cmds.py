"""``zhospar reason``: record why an indicator missed its target in a year, list a year's."""

from typing import Annotated

import typer

from zhospar.cli._options import PlanOption
from zhospar.cli.people_cmds import _me
from zhospar.cli.store_cmds import _console, _open

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    reason_app = typer.Typer(help="Reasons for non-achievement, per indicator and year.")
    reason_app.command("set")(reason_set)
    reason_app.command("list")(reason_list)
    app.add_typer(reason_app, name="reason", no_args_is_help=True)


def reason_set(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. G1.1-I1.")],
    year: Annotated[int, typer.Argument(help="A year of the plan's period.")],
    text: Annotated[str, typer.Argument(help="Why the target was missed.")],
    plan: PlanOption = None,
) -> None:
    """Record the reason INDICATOR missed its target in YEAR (it is then the one in force)."""
    from zhospar.services import AppContext
    from zhospar.services.reasons import set_reason

    with _open() as db:
        reason = set_reason(AppContext(db, _me(), plan), indicator, year, text)
    _console().print(
        f"{reason.indicator_id} {reason.year}: reason recorded by {reason.entered_by} on "
        f"{reason.entered_at:%Y-%m-%d %H:%M} UTC"
    )


def reason_list(
    year: Annotated[int, typer.Argument(help="A year of the plan's period.")],
    plan: PlanOption = None,
) -> None:
    """The reasons in force for YEAR, and the indicators missed that still need one."""
    from rich.table import Table

    from zhospar.services import AppContext
    from zhospar.services.reasons import missed_indicators, reasons_of_year

    with _open() as db:
        ctx = AppContext(db, _me(), plan)
        reasons = reasons_of_year(ctx, year)
        missed = missed_indicators(ctx, year)
    table = Table("indicator", "reason", "by", "when (UTC)")
    for ident in [*missed, *sorted(set(reasons) - set(missed))]:
        r = reasons.get(ident)
        if r is None:
            table.add_row(ident, "(missing: not achieved, no reason)", "", "")
        else:
            table.add_row(ident, r.text, r.entered_by, f"{r.entered_at:%Y-%m-%d %H:%M}")
    _console().print(table)
