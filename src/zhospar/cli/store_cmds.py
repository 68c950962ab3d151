"""Commands on the database: init, plans, diff, actual set, history, regions, backup, restore.

Each opens the database named by ``ZHOSPAR_DATABASE_URL`` (default: a SQLite file in the user's
data folder) and calls one library function of ``zhospar.store``; ``actual set`` records its
value through ``zhospar.services.commands``, as the pages and the API do.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli._options import PlanOption, UserOption

if TYPE_CHECKING:
    from rich.console import Console

    from zhospar.model.actuals import Actual
    from zhospar.store import Database
    from zhospar.store.diff import PlanDiff

__all__ = ["register"]

RegionOption = Annotated[
    str | None,
    typer.Option("--region", "-r", help="Region code or name (see `zhospar regions`)."),
]


def register(app: typer.Typer) -> None:
    actual_app = typer.Typer(help="Record actual values.", no_args_is_help=True)
    # A value like -5 or -0,5 is the VALUE argument, not an unknown option: the store's range
    # rules, not the command line, decide whether the unit allows a negative value.
    actual_app.command("set", context_settings={"ignore_unknown_options": True})(actual_set)
    app.add_typer(actual_app, name="actual")
    app.command()(init)
    app.command()(plans)
    app.command()(diff)
    app.command("history")(history_cmd)
    app.command()(regions)
    app.command()(backup)
    app.command()(restore)


def _console() -> "Console":
    """Plain text out: names and sources may hold "[...]", which must not be read as markup."""
    from rich.console import Console

    return Console(highlight=False, markup=False)


def _open() -> "Database":
    from zhospar.store import Settings, open_database

    return open_database(Settings.from_env().database_url)


def init(
    plan_file: Annotated[
        Path | None, typer.Option("--plan-file", help="Store this plan text instead.")
    ] = None,
    key: Annotated[str | None, typer.Option("--key", help="Key for --plan-file's plan.")] = None,
) -> None:
    """Create the database schema and load the bundled plan; running it again changes nothing."""
    from zhospar.store import initialize

    if plan_file is not None and not key:
        raise ValidationError("--plan-file needs --key: the short name the plan is stored under")
    with _open() as db:
        report = initialize(db, plan_file, key)
    for line in report.lines():
        _console().print(line)


def plans() -> None:
    """List the plans stored and their versions."""
    from rich.table import Table
    from rich.text import Text

    from zhospar.store import list_plans

    with _open() as db:
        found = list_plans(db)
    console = _console()
    if not found:
        console.print("No plan is stored yet: run `zhospar init`.")
        return
    for plan in found:
        title = f"  {plan.title} ({plan.period_start}-{plan.period_end})"
        console.print(Text.assemble((plan.key, "bold"), title))
        # Sized for 80 columns: the version's key and the act's date are never cut; the act's
        # name and the counts' header wrap instead.
        table = Table(show_edge=False)
        table.add_column("version", no_wrap=True)
        table.add_column("act", overflow="fold")
        table.add_column("date", no_wrap=True)
        table.add_column("indicators / milestones / placeholders", overflow="fold")
        table.add_column("", no_wrap=True)
        for v in plan.versions:
            act = f"{v.act_kind} No. {v.act_number}" if v.act_number else v.act_kind
            date = f"{v.act_date:%d.%m.%Y}" if v.act_date else ""
            counts = f"{v.indicators} / {v.milestones} / {v.placeholders}"
            table.add_row(v.key, act, date, counts, "current" if v.is_current else "")
        console.print(table)


def diff(
    a: Annotated[str, typer.Argument(help="PLAN or PLAN@VERSION, e.g. mlsp-2010-2014@2342.")],
    b: Annotated[str, typer.Argument(help="PLAN or PLAN@VERSION, e.g. mlsp-2010-2014@1417.")],
) -> None:
    """Show what changed from version A to version B: indicators, milestones, targets."""
    from zhospar.store import diff_versions

    with _open() as db:
        _print_diff(diff_versions(db, a, b))


def _print_diff(d: "PlanDiff") -> None:
    from rich.text import Text

    console = _console()
    console.print(Text(f"{d.a} -> {d.b}", style="bold"))
    if d.empty:
        console.print("No difference.")
        return
    for title, items in (
        ("Indicators added", d.added),
        ("Indicators deleted", d.deleted),
        ("Milestones added", d.milestones_added),
        ("Milestones deleted", d.milestones_deleted),
    ):
        if items:
            console.print(f"{title} ({len(items)}):")
            for item in items:
                by = f"  (deleted by No. {item.deleted_by})" if item.deleted_by else ""
                console.print(f"  {item.id}  {item.name}{by}")
    if d.targets_changed:
        console.print(f"Targets changed ({len(d.targets_changed)}):")
        for c in d.targets_changed:
            console.print(f"  {c.indicator_id} {c.year}: {c.old} -> {c.new}  {c.name}")


def actual_set(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. G1.1-I1, or P002-X.")],
    period: Annotated[str, typer.Argument(help="2011, 2011-H1, 2011-Q3 or 2011-07.")],
    value: Annotated[str, typer.Argument(help="The value; 5.3, 5,3 or -0,5.")],
    region: RegionOption = None,
    breakdown: Annotated[str | None, typer.Option(help="e.g. әйелдер (women).")] = None,
    source: Annotated[str | None, typer.Option(help="Document or bulletin it comes from.")] = None,
    comment: Annotated[str | None, typer.Option(help="A note kept with the value.")] = None,
    force: Annotated[
        str | None, typer.Option("--force", help="REASON to accept a value outside its range.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="preliminary, operational or final (default: final).")
    ] = None,
    coverage: Annotated[
        str | None,
        typer.Option(help="Months covered when not the whole period: 2012-01..2012-05, 2012-Q1."),
    ] = None,
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Record an actual value; a value for a period that has one becomes a new revision.

    A value is final unless --status says otherwise; --coverage gives the months it covers
    when they are not its whole period."""
    from zhospar.model.actuals import ActualInput
    from zhospar.model.periods import Period
    from zhospar.rules.values import parse_number
    from zhospar.services import AppContext
    from zhospar.services.commands import record_actual
    from zhospar.store import Settings

    item = ActualInput(
        indicator_id=indicator,
        period=Period.parse(period),
        value=parse_number(value),
        region=region,
        breakdown=breakdown,
        source=source,
        comment=comment,
        force_reason=force,
        status=status or "",
        coverage=coverage,
    )
    with _open() as db:
        done = record_actual(AppContext(db, user or Settings.from_env().user, plan), item)
    a = done.actual
    where = f" {a.region}" if a.region else ""
    where += f" [{a.breakdown}]" if a.breakdown else ""
    if done.status == "unchanged":
        _console().print(
            f"{a.indicator_id} {a.period}{where}: unchanged (revision {a.revision} holds {a.value})"
        )
    else:
        _console().print(
            f"{a.indicator_id} {a.period}{where} = {_valued(a)}: {done.status}, "
            f"revision {a.revision}"
        )


_HISTORY = (
    "period",
    "region",
    "breakdown",
    "rev",
    "value",
    "who",
    "when (UTC)",
    "source",
    "comment",
)
_OPTIONAL = frozenset({"region", "breakdown", "source", "comment"})
_WHOLE = frozenset({"period", "rev", "value", "when (UTC)"})


def _valued(a: "Actual") -> str:
    """The value with its status (unless final) and coverage beside it: "5.3 (operational, Q1
    2012)"."""
    from zhospar.rules.facts import fact_label

    note = fact_label(a.status, a.coverage)
    return f"{a.value} ({note})" if note else str(a.value)


def _history_row(a: "Actual") -> tuple[str, ...]:
    """One revision's cells in ``_HISTORY``'s order; the comment column also holds the reason
    a value was forced and the file row it was imported from."""
    note = a.comment or ""
    if a.force_reason:
        note = f"{note} (forced: {a.force_reason})".strip()
    if a.origin.file:
        note = f"{note} [{a.origin.file}, row {a.origin.row}]".strip()
    return (
        str(a.period), a.region or "", a.breakdown or "", str(a.revision), _valued(a),
        a.entered_by, f"{a.entered_at:%Y-%m-%d %H:%M:%S}", a.source or "", note,
    )  # fmt: skip


def history_cmd(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. G1.1-I1, or P002-X.")],
    region: RegionOption = None,
    plan: PlanOption = None,
) -> None:
    """Show every revision of an indicator's actual values."""
    from rich.table import Table

    from zhospar.store import history

    with _open() as db:
        found = history(db, indicator, plan_key=plan, region=region)
    console = _console()
    if not found:
        console.print(f"No actual value recorded for {indicator} yet.")
        return
    rows = [_history_row(a) for a in found]
    # At 80 columns: a column no revision fills is left out; the period, the revision, the value
    # and the time stay whole; names and notes wrap.
    table = Table(title=f"History of {indicator}", title_justify="left")
    shown = [
        i for i, name in enumerate(_HISTORY) if name not in _OPTIONAL or any(r[i] for r in rows)
    ]
    for i in shown:
        name = _HISTORY[i]
        table.add_column(name, no_wrap=name in _WHOLE, overflow="fold")
    for r in rows:
        table.add_row(*(r[i] for i in shown))
    console.print(table)


def regions() -> None:
    """List the region codes and names that actual values may name."""
    from rich.table import Table

    from zhospar.store import REGIONS

    table = Table("code", "Kazakh", "Russian", "English")
    for r in REGIONS:
        table.add_row(r.code, r.name_kk, r.name_ru, r.name_en)
    _console().print(table)


def backup(
    file: Annotated[Path, typer.Argument(help="The backup file to write.")],
    overwrite: Annotated[bool, typer.Option(help="Replace FILE if it exists.")] = False,
) -> None:
    """Copy the SQLite database into FILE (safe while others use it)."""
    from zhospar.store import backup_database

    with _open() as db:
        written = backup_database(db, file, overwrite=overwrite)
        _console().print(f"Backed up {db.url} to {written}")


def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `zhospar backup`.")],
) -> None:
    """Replace the SQLite database's content by a backup (checked to be a Zhospar database)."""
    from zhospar.store import restore_database

    with _open() as db:
        revision = restore_database(db, file)
        _console().print(f"Restored {db.url} from {file} (schema {revision}, now up to date)")
