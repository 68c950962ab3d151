"""Commands on the evaluation: ``score``, and the user's overrides (``polarity``, ``rollup``).

``zhospar score`` shows what ``evaluate_year`` makes of the facts in the database, with the
overrides in force applied; it computes nothing itself. ``zhospar polarity`` and ``zhospar
rollup`` list what inference says of every indicator beside the override in force, record a new
override (append-only: the history is kept, ``history`` shows it) or end one (``inferred``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from zhospar._exceptions import ValidationError, quoted
from zhospar.cli._app import app
from zhospar.cli._score import (
    ScoreLevel,
    aggregate_row,
    columns_of,
    render_tables,
    rows_of,
    to_csv,
    to_json,
)
from zhospar.evaluate import evaluate_year, infer_polarities, rollup_specs
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.store import Database, OverrideKind, OverrideRecord, Settings, open_database
from zhospar.store.evaluation import evaluation_inputs
from zhospar.store.settings import in_force, override_history, set_polarity, set_rollup

polarity_app = typer.Typer(help="Which way is good for each indicator, and overrides.")
rollup_app = typer.Typer(help="How each indicator's facts roll up to the year, and overrides.")
app.add_typer(polarity_app, name="polarity", no_args_is_help=True)
app.add_typer(rollup_app, name="rollup", no_args_is_help=True)

PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan", help="Plan key (see `zhospar plans`); the first plan stored if omitted."
    ),
]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why inference is overridden.")]
UserOption = Annotated[
    str | None, typer.Option(help="Who decides; $ZHOSPAR_USER or the login name.")
]
OnlyOverridden = Annotated[
    bool, typer.Option("--overridden", help="Only indicators with an override in force.")
]


def _console(file: Any = None) -> Console:
    """Plain text out: names and sources may hold "[...]", which must not be read as markup."""
    if file is not None:
        return Console(file=file, highlight=False, markup=False, width=200, color_system=None)
    return Console(highlight=False, markup=False)


def _open() -> Database:
    return open_database(Settings.from_env().database_url)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- polarity ---------------------------------------------------------------------------------


@polarity_app.command("list")
def polarity_list(plan: PlanOption = None, overridden: OnlyOverridden = False) -> None:
    """Every indicator's polarity: what inference says and why, and the override in force."""
    with _open() as db:
        key = plan or db.default_plan_key()
        the_plan = db.load_plan(key)
        records = in_force(override_history(db, key, kind=OverrideKind.POLARITY))
    inferred = infer_polarities(the_plan)
    table = Table(
        "indicator", "name", "inferred", "why", "override", "by, when", "reason",
        title=f"Polarity of the indicators of {key}",
    )  # fmt: skip
    for ident, name, _ in _indicators(the_plan):
        record = records.get((ident, OverrideKind.POLARITY))
        if overridden and not _active(record):
            continue
        p = inferred[ident]
        table.add_row(ident, _short(name, 40), p.polarity.value, p.reason, *_override(record))
    _print_list(table, "polarity")


def _active(record: OverrideRecord | None) -> bool:
    return record is not None and not record.ends_override


def _print_list(table: Table, what: str) -> None:
    if table.row_count:
        _console().print(table)
    else:
        _console().print(f"No {what} override is in force.")


def _indicators(plan: Plan) -> list[tuple[str, str, str | None]]:
    """Id, name and unit of every indicator the evaluation scores (deleted ones are not)."""
    return [
        (p.indicator.id, p.indicator.name, p.indicator.unit)
        for p in iter_indicators(plan)
        if p.indicator.deleted is None
    ]


def _override(record: OverrideRecord | None) -> tuple[str, str, str]:
    if record is None or not _active(record):
        return "", "", ""
    return record.rule, record.stamp, record.reason


@polarity_app.command("set")
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
    with _open() as db:
        done = set_polarity(db, plan, indicator, polarity, reason, user or Settings.from_env().user)
    _print_recorded(done)


def _print_recorded(done: OverrideRecord) -> None:
    what = "polarity" if done.kind is OverrideKind.POLARITY else "roll-up rule"
    if done.ends_override:
        text = f"{done.indicator_id}: {what} override ended; inference decides again"
    else:
        text = f"{done.indicator_id}: {what} set to {done.rule}"
    _console().print(f"{text} (recorded by {done.stamp}: {done.reason})")


@polarity_app.command("history")
def polarity_history(
    indicator: Annotated[str | None, typer.Argument(help="Only this indicator.")] = None,
    plan: PlanOption = None,
) -> None:
    """Every polarity override ever recorded, oldest first."""
    _print_history(OverrideKind.POLARITY, indicator, plan)


_KIND_WORDS = {OverrideKind.POLARITY: "polarity", OverrideKind.ROLLUP: "roll-up"}


def _print_history(kind: OverrideKind, indicator: str | None, plan: str | None) -> None:
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


@rollup_app.command("list")
def rollup_list(plan: PlanOption = None, overridden: OnlyOverridden = False) -> None:
    """Every indicator's roll-up rule: what inference says and why, and the override in force."""
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
        row = (ident, _short(name, 40), unit or "", spec.rule.value, spec.reason)
        table.add_row(*row, *_override(record))
    _print_list(table, "roll-up")


@rollup_app.command("set")
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
    with _open() as db:
        done = set_rollup(
            db, plan, indicator, rule, reason, user or Settings.from_env().user,
            numerator=numerator, denominator=denominator, scale=_scale(scale), base=base,
        )  # fmt: skip
    _print_recorded(done)


def _scale(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            f'--scale: expected a number such as 100; got "{quoted(text)}"'
        ) from None


@rollup_app.command("history")
def rollup_history(
    indicator: Annotated[str | None, typer.Argument(help="Only this indicator.")] = None,
    plan: PlanOption = None,
) -> None:
    """Every roll-up override ever recorded, oldest first."""
    _print_history(OverrideKind.ROLLUP, indicator, plan)


# --- score ------------------------------------------------------------------------------------


_FORMATS = ("table", "json", "csv")


@app.command()
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
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Evaluate a year on the facts in the database, with the recorded overrides applied.

    Per indicator: the plan's target and its line, the fact and its source, the achievement,
    the status, the polarity (and whether a user overrode it), the roll-up rule and the chance
    of reaching the final target. --level task, goal, direction, program or plan shows the
    aggregates instead; --level budget the execution of each budget program.
    """
    fmt = _format(output_format, output)
    with _open() as db:
        stored = evaluation_inputs(db, plan)
    the_plan = stored.plan
    if not the_plan.period_start <= year <= the_plan.period_end:
        raise ValidationError(
            f"year {year} is outside the plan's period: expected {the_plan.period_start} to "
            f"{the_plan.period_end}"
        )
    ev = evaluate_year(the_plan, stored.facts, year, stored.options())
    rows = rows_of(the_plan, ev, level)
    heading = f"{stored.plan_key}, {year}: {stored.origin}"
    if fmt == "json":
        document = {
            "plan": stored.plan_key, "year": year, "level": level.value,
            "facts": stored.origin, "plan_score": aggregate_row(ev.plan_score), "rows": rows,
        }  # fmt: skip
        _emit(to_json(document), output)
    elif fmt == "csv":
        _emit(to_csv(rows, columns_of(level)), output)
    else:
        plan_line = aggregate_row(ev.plan_score)
        _table(level, rows, heading, plan_line, output)


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
    def show(console: Console) -> None:
        for item in render_tables(level, rows, heading, plan_line, console.width):
            console.print(item)

    if output is None:
        show(_console())
        return
    with output.open("w", encoding="utf-8") as handle:
        show(_console(handle))
