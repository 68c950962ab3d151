"""``zhospar score-file``: a file of millions of facts scored at scale, without the database.

``zhospar score`` evaluates the facts in the database, one Python object each, with their
evidence. A researcher's export of regional monthly values (millions of rows) is scored here
instead, by ``score_facts`` (docs/method.md, section 10): the same national figures, percentages
and statuses, computed in DuckDB. The plan and the overrides in force come from the database;
the facts come only from the file, and nothing is written to the database.
"""

import functools
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli._options import PlanOption

if TYPE_CHECKING:
    from zhospar.evaluate import ColumnarScore, ColumnarScores, Status

__all__ = ["register"]

_OUTPUTS = (".csv", ".parquet")
_SHOWN_IDS = 10  # unknown ids listed in the summary; -o holds every score


def register(app: typer.Typer) -> None:
    app.command("score-file")(score_file)


@functools.cache
def _csv_columns() -> tuple[str, ...]:
    """The CSV's columns: the score's fields, in their order (``COLUMNS`` of the columnar path)."""
    import dataclasses

    from zhospar.evaluate import ColumnarScore

    return tuple(f.name for f in dataclasses.fields(ColumnarScore))


def score_file(
    facts: Annotated[
        Path,
        typer.Argument(
            help="A .parquet or .csv file: indicator_id, year, value; optionally region, "
            "month (or start_month and months) and revision.",
            show_default=False,
        ),
    ],
    year: Annotated[
        list[int] | None,
        typer.Option("--year", help="A year to score (repeat it); default: the planned period."),
    ] = None,
    plan: PlanOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write every score to this .csv or .parquet file."),
    ] = None,
) -> None:
    """Score a file of facts at scale, with the recorded overrides applied.

    For every indicator and milestone of the plan in each year: the national value, the
    achievement and the status, as `zhospar score` computes them, from millions of regional
    and monthly values. Prints the facts read, the statuses counted and the ids the plan does
    not know; -o writes every score.
    """
    from zhospar.evaluate import plan_tables, score_facts
    from zhospar.store import Settings, open_database
    from zhospar.store.evaluation import plan_overrides

    if output is not None and output.suffix.lower() not in _OUTPUTS:
        raise ValidationError(f"{output}: expected a .csv or .parquet file to write")
    with open_database(Settings.from_env().database_url) as db:
        key = plan or db.default_plan_key()
        the_plan = db.load_plan(key)
        options = plan_overrides(db, key, the_plan).options()
    years = sorted(set(year)) if year else list(the_plan.planned_years)
    outside = [y for y in years if y not in the_plan.planned_years]
    if outside:
        raise ValidationError(
            f"--year {outside[0]} is outside the plan's period: expected {the_plan.period_start} "
            f"to {the_plan.period_end}"
        )
    start = time.perf_counter()
    scores = score_facts(plan_tables(the_plan, years, options), facts)
    counts = scores.counts()
    seconds = time.perf_counter() - start
    for line in summary(key, facts, scores, counts, seconds):
        typer.echo(line)
    if output is not None:
        write_scores(scores, output)
        from zhospar.i18n import gettext

        total = _count(sum(counts.values()))
        typer.echo(gettext("{count} scores written to {path}").format(count=total, path=output))


def summary(
    key: str, facts: Path, scores: "ColumnarScores", counts: "Counter[Status]", seconds: float
) -> list[str]:
    """What a user checks first: how much was read, how it scored, what was left out; in the
    CLI's language (``ZHOSPAR_LANG``), its counts grouped as that language groups them."""
    from zhospar.evaluate import Status
    from zhospar.evaluate.scoring_rules import status_word
    from zhospar.i18n import format_decimal, gettext

    statuses = ", ".join(f"{status_word(s)} {_count(counts[s])}" for s in Status)
    read = gettext(
        "{name}: {facts} facts read for plan {key} in {seconds} s "
        "({in_order} indicator-years proven in one pass over the file)"
    )
    lines = [
        read.format(
            name=facts.name,
            facts=_count(scores.facts_read),
            key=key,
            seconds=format_decimal(seconds, places=2),
            in_order=_count(scores.in_order),
        ),
        gettext("{count} scores: {statuses}").format(
            count=_count(sum(counts.values())), statuses=statuses
        ),
    ]
    if scores.unscored_ids:
        shown = ", ".join(scores.unscored_ids[:_SHOWN_IDS])
        more = len(scores.unscored_ids) - _SHOWN_IDS
        if more > 0:
            shown += gettext(" and {count} more").format(count=_count(more))
        lines.append(gettext("ids the plan does not know (not scored): {ids}").format(ids=shown))
    return lines


def _count(n: int) -> str:
    """A count as the CLI's language groups it: 2,000,000 in English, 2 000 000 in Kazakh and
    Russian (``ZHOSPAR_LANG``)."""
    from zhospar.i18n import format_decimal

    return format_decimal(n)


def write_scores(scores: "ColumnarScores", path: Path) -> None:
    """Every score, in ``_csv_columns()``: Parquet straight from DuckDB; CSV through Python, so
    that a note or an id a spreadsheet would run as a formula is written as text."""
    import csv

    if path.suffix.lower() == ".parquet":
        scores.relation.order("indicator_id, year").write_parquet(str(path))
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_csv_columns())
        for row in scores.rows():
            writer.writerow(_csv_row(row))


def _csv_row(row: "ColumnarScore") -> list[object]:
    """A score's fields: numbers as they are, yes/no, enums by their value, text guarded."""
    from zhospar.export import guard_text

    return [_csv_cell(getattr(row, name), guard_text) for name in _csv_columns()]


_DOUBLE_DIGITS = 15  # the decimal digits a double holds exactly (DBL_DIG)


def _decimal(value: float) -> str:
    """A double as the decimal it stands for: a sum of 178.48 and 0.14 is 178.62 to a reader,
    not 178.61999999999998, the binary double's noise beyond 15 significant digits."""
    from decimal import Decimal

    rounded = float(f"{value:.{_DOUBLE_DIGITS}g}")
    text = repr(rounded)
    return text if "e" not in text else format(Decimal(str(rounded)), "f")


def _csv_cell(value: object, guard_text: Callable[[str], str]) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _decimal(value)
    return guard_text(str(getattr(value, "value", value)))
