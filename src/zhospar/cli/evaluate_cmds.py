"""Commands on the evaluation: ``score``, and the user's overrides (``polarity``, ``rollup``).

``zhospar score`` shows what ``evaluate_year`` makes of the facts in the database, with the
overrides in force applied; it computes nothing itself. ``zhospar polarity`` and ``zhospar
rollup`` list what inference says of every indicator beside the override in force, record a new
override (append-only: the history is kept, ``history`` shows it) or end one (``inferred``).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zhospar._exceptions import ValidationError, quoted
from zhospar.cli._options import OutputOption, PlanOption, ScoreLevel, UserOption

if TYPE_CHECKING:
    from decimal import Decimal

    from rich.console import Console
    from rich.table import Table

    from zhospar.evaluate import IndicatorPolarity
    from zhospar.model.plan import Plan
    from zhospar.store import Database, OverrideKind, OverrideRecord

__all__ = ["register"]

ReasonOption = Annotated[str, typer.Option("--reason", help="Why inference is overridden.")]
OnlyOverridden = Annotated[
    bool, typer.Option("--overridden", help="Only indicators with an override in force.")
]
OnlyUnconfirmed = Annotated[
    bool,
    typer.Option(
        "--unconfirmed",
        help="Only indicators whose polarity rests on the targets' trend, not yet confirmed.",
    ),
]


def register(app: typer.Typer) -> None:
    polarity_app = typer.Typer(help="Which way is good for each indicator, and overrides.")
    polarity_app.command("list")(polarity_list)
    polarity_app.command("set")(polarity_set)
    polarity_app.command("history")(polarity_history)
    polarity_app.command("confirm")(polarity_confirm)
    rollup_app = typer.Typer(help="How each indicator's facts roll up to the year, and overrides.")
    rollup_app.command("list")(rollup_list)
    rollup_app.command("set")(rollup_set)
    rollup_app.command("history")(rollup_history)
    app.add_typer(polarity_app, name="polarity", no_args_is_help=True)
    app.add_typer(rollup_app, name="rollup", no_args_is_help=True)
    app.command()(score)


def _console(file: Any = None) -> "Console":
    """Plain text out: names and sources may hold "[...]", which must not be read as markup."""
    from rich.console import Console

    if file is not None:
        return Console(file=file, highlight=False, markup=False, width=200, color_system=None)
    return Console(highlight=False, markup=False)


def _open() -> "Database":
    from zhospar.store import Settings, open_database

    return open_database(Settings.from_env().database_url)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- polarity ---------------------------------------------------------------------------------


def polarity_list(
    plan: PlanOption = None,
    overridden: OnlyOverridden = False,
    unconfirmed: OnlyUnconfirmed = False,
) -> None:
    """Every indicator's polarity: what inference says and why, whether it awaits confirmation
    (inferred from the targets' trend alone), and the override in force."""

    from zhospar.evaluate import apply_overrides, infer_polarities
    from zhospar.store import OverrideKind, override_history
    from zhospar.store.evaluation import plan_overrides
    from zhospar.store.overrides import in_force

    with _open() as db:
        key = plan or db.default_plan_key()
        the_plan = db.load_plan(key)
        records = in_force(override_history(db, key, kind=OverrideKind.POLARITY))
        found = plan_overrides(db, key, the_plan).polarity
    inferred = infer_polarities(the_plan)
    applied = apply_overrides(inferred, found)
    rows: list[tuple[str, ...]] = []
    for ident, name, _ in _indicators(the_plan):
        record = records.get((ident, OverrideKind.POLARITY))
        if (overridden and not _active(record)) or (unconfirmed and not applied[ident].to_confirm):
            continue
        p = inferred[ident]
        row = (ident, _short(name, 40), p.polarity.value, str(p.reason), _evidence(applied[ident]))
        rows.append((*row, *_override(record)))
    table = _polarity_table(rows, f"Polarity of the indicators of {key}")
    if unconfirmed and not table.row_count:
        _console().print("Every polarity inferred from the targets' trend is confirmed.")
        return
    _print_list(table, "polarity")


_POLARITY_COLUMNS = ("indicator", "name", "inferred", "why", "evidence")
_OVERRIDE_COLUMNS = ("override", "by, when", "reason")
_WHOLE_POLARITY = frozenset({"indicator", "inferred", "override"})


def _polarity_table(rows: list[tuple[str, ...]], title: str) -> "Table":
    """Readable at 80 columns: the id and the polarity stay whole, text wraps, and the override
    columns are left out when no row has an override in force."""
    from rich.table import Table

    with_overrides = any(any(r[len(_POLARITY_COLUMNS) :]) for r in rows)
    names = _POLARITY_COLUMNS + (_OVERRIDE_COLUMNS if with_overrides else ())
    table = Table(title=title)
    for name in names:
        table.add_column(name, no_wrap=name in _WHOLE_POLARITY, overflow="fold")
    for r in rows:
        table.add_row(*r[: len(names)])
    return table


def _evidence(p: "IndicatorPolarity") -> str:
    if p.to_confirm:
        return "to be confirmed"
    return "confirmed" if p.confirmed else ""


def polarity_confirm(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. T5.1.3-I1.")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the inferred polarity is right.")
    ] = "",
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Confirm a polarity inferred from the targets' trend: recorded as an override equal to it."""
    from zhospar.store import Settings
    from zhospar.store.confirmation import confirm_polarity

    with _open() as db:
        done = confirm_polarity(db, plan, indicator, reason, user or Settings.from_env().user)
    _print_recorded(done)


def _active(record: "OverrideRecord | None") -> bool:
    return record is not None and not record.ends_override


def _print_list(table: "Table", what: str) -> None:
    if table.row_count:
        _console().print(table)
    else:
        _console().print(f"No {what} override is in force.")


def _indicators(plan: "Plan") -> list[tuple[str, str, str | None]]:
    """Id, name and unit of every indicator the evaluation scores (deleted ones are not)."""
    from zhospar.model.walk import iter_indicators

    return [
        (p.indicator.id, p.indicator.name, p.indicator.unit)
        for p in iter_indicators(plan)
        if p.indicator.deleted is None
    ]


def _override(record: "OverrideRecord | None") -> tuple[str, str, str]:
    if record is None or not _active(record):
        return "", "", ""
    return record.rule, record.stamp, record.reason


def polarity_set(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. G1.1-I1.")],
    polarity: Annotated[
        str,
        typer.Argument(
            help="increase, decrease, keep or milestone; inferred ends the override.",
        ),
    ],
    reason: ReasonOption,
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Override an indicator's polarity; the decision is recorded with who, when and why."""
    from zhospar.store import Settings, set_polarity

    with _open() as db:
        done = set_polarity(db, plan, indicator, polarity, reason, user or Settings.from_env().user)
    _print_recorded(done)


def _print_recorded(done: "OverrideRecord") -> None:
    what = "polarity" if done.kind == "polarity" else "roll-up rule"
    if done.ends_override:
        text = f"{done.indicator_id}: {what} override ended; inference decides again"
    else:
        text = f"{done.indicator_id}: {what} set to {done.rule}"
    _console().print(f"{text} (recorded by {done.stamp}: {done.reason})")


def polarity_history(
    indicator: Annotated[str | None, typer.Argument(help="Only this indicator.")] = None,
    plan: PlanOption = None,
) -> None:
    """Every polarity override ever recorded, oldest first."""
    from zhospar.store import OverrideKind

    _print_history(OverrideKind.POLARITY, indicator, plan)


_KIND_WORDS = {"polarity": "polarity", "rollup": "roll-up"}  # by OverrideKind


def _print_history(kind: "OverrideKind", indicator: str | None, plan: str | None) -> None:
    from rich.table import Table

    from zhospar.store import override_history

    with _open() as db:
        records = override_history(db, plan, kind=kind, indicator_id=indicator)
    if not records:
        _console().print(f"No {_KIND_WORDS[kind]} override recorded yet.")
        return
    title = f"{_KIND_WORDS[kind]} overrides"
    table = Table("indicator", "set to", "by", "when (UTC)", "reason", title=title)
    for r in records:
        when = f"{r.entered_at:%Y-%m-%d %H:%M:%S}"
        table.add_row(r.indicator_id, r.rule, r.entered_by, when, r.reason)
    _console().print(table)


# --- roll-up ----------------------------------------------------------------------------------


def rollup_list(plan: PlanOption = None, overridden: OnlyOverridden = False) -> None:
    """Every indicator's roll-up rule: what inference says and why, and the override in force."""
    from rich.table import Table

    from zhospar.evaluate import rollup_specs
    from zhospar.store import OverrideKind, override_history
    from zhospar.store.overrides import in_force

    with _open() as db:
        key = plan or db.default_plan_key()
        the_plan = db.load_plan(key)
        records = in_force(override_history(db, key, kind=OverrideKind.ROLLUP))
    inferred = rollup_specs(the_plan, {})
    table = Table(
        "indicator", "name", "unit", "inferred", "why", "override", "by, when", "reason",
        title=f"Roll-up rules of the indicators of {key}",
    )  # fmt: skip
    for ident, name, unit in _indicators(the_plan):
        record = records.get((ident, OverrideKind.ROLLUP))
        if overridden and not _active(record):
            continue
        spec = inferred[ident]
        row = (ident, _short(name, 40), unit or "", spec.rule.value, str(spec.reason))
        table.add_row(*row, *_override(record))
    _print_list(table, "roll-up")


def rollup_set(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. T1.3.1-I1.")],
    rule: Annotated[
        str,
        typer.Argument(
            help="sum, last, ratio, weighted or none; inferred ends the override.",
        ),
    ],
    reason: ReasonOption,
    numerator: Annotated[
        str | None, typer.Option(help="ratio: the indicator whose facts are the numerator.")
    ] = None,
    denominator: Annotated[
        str | None, typer.Option(help="ratio: the indicator whose facts are the denominator.")
    ] = None,
    scale: Annotated[
        str | None,
        typer.Option(help="ratio: times this; default 100 for a percentage unit, else 1."),
    ] = None,
    base: Annotated[
        str | None, typer.Option(help="weighted: the indicator whose facts are the weights.")
    ] = None,
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Override how an indicator's regional and monthly facts roll up to the national year."""
    from zhospar.store import Settings, set_rollup

    with _open() as db:
        done = set_rollup(
            db, plan, indicator, rule, reason, user or Settings.from_env().user,
            numerator=numerator, denominator=denominator, scale=_scale(scale), base=base,
        )  # fmt: skip
    _print_recorded(done)


def _scale(text: str | None) -> "Decimal | None":
    from decimal import Decimal, InvalidOperation

    if text is None:
        return None
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            f'--scale: expected a number such as 100; got "{quoted(text)}"'
        ) from None


def rollup_history(
    indicator: Annotated[str | None, typer.Argument(help="Only this indicator.")] = None,
    plan: PlanOption = None,
) -> None:
    """Every roll-up override ever recorded, oldest first."""
    from zhospar.store import OverrideKind

    _print_history(OverrideKind.ROLLUP, indicator, plan)


# --- score ------------------------------------------------------------------------------------


_FORMATS = ("table", "json", "csv")


def score(
    year: Annotated[int, typer.Option(help="The year to evaluate, e.g. 2012.")],
    plan: PlanOption = None,
    level: Annotated[
        ScoreLevel,
        typer.Option(help="indicator rows, the aggregates of a level, or budget execution."),
    ] = ScoreLevel.INDICATOR,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, json or csv; default: from the -o file's extension, else table.",
            metavar="table|json|csv",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Evaluate a year on the facts in the database, with the recorded overrides applied.

    Per indicator: the plan's target and its line, the fact and its source, the achievement,
    the status, the polarity (and whether a user overrode it), the roll-up rule and the chance
    of reaching the final target. --level task, goal, direction, program or plan shows the
    aggregates instead; --level budget the execution of each budget program.
    """
    from zhospar.cli._score import columns_of, plan_row, rows_of, to_csv, to_json
    from zhospar.services.queries import check_year, year_report
    from zhospar.store.evaluation import evaluation_inputs

    fmt = _format(output_format, output)
    with _open() as db:
        stored = evaluation_inputs(db, plan)
    report = year_report(stored, check_year(stored, year))
    rows = rows_of(report, level)
    heading = f"{stored.plan_key}, {year}: {stored.origin}"
    if fmt == "json":
        document = {
            "plan": stored.plan_key, "year": year, "level": level.value,
            "facts": stored.origin, "plan_score": plan_row(report), "rows": rows,
        }  # fmt: skip
        _emit(to_json(document), output)
    elif fmt == "csv":
        _emit(to_csv(rows, columns_of(level)), output)
    else:
        _table(level, rows, heading, plan_row(report), output)


def _format(given: str | None, output: Path | None) -> str:
    if given is not None:
        if given not in _FORMATS:
            raise ValidationError(f'--format: expected table, json or csv; got "{given}"')
        return given
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in ("json", "csv") else "table"


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")


def _table(
    level: ScoreLevel,
    rows: list[dict[str, Any]],
    heading: str,
    plan_line: dict[str, Any],
    output: Path | None,
) -> None:
    from zhospar.cli._score import render_tables

    def show(console: "Console") -> None:
        for item in render_tables(level, rows, heading, plan_line, console.width):
            console.print(item)

    if output is None:
        show(_console())
        return
    with output.open("w", encoding="utf-8") as handle:
        show(_console(handle))
