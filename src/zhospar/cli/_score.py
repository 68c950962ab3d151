"""The rows of ``zhospar score``: a year's report laid flat, one level at a time.

Nothing is computed here: every row is read from the report's model (``zhospar.report``), the
one row model of an evaluation that the API and the report show too: an indicator's or a
milestone's line (the plan's target and its line, the fact and its source, the achievement, the
status, the polarity and whether a user overrode it, the roll-up rule, the forecast), a
section's score, a program's budget line. Percentages are only rounded for display, half up to
2 decimals, as everywhere else.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from rich.table import Table
from rich.text import Text

from zhospar.cli._options import ScoreLevel
from zhospar.evaluate import NoScore, Status
from zhospar.evaluate.achievement import years_text
from zhospar.i18n import Message, format_amount, format_figure, format_number, gettext
from zhospar.model.decimals import round_shown
from zhospar.report import (
    NO_SCORE_LABELS,
    STATUS_LABELS,
    AnnualReport,
    BudgetLine,
    IndicatorLine,
    MilestoneLine,
    Score,
)

__all__ = [
    "ScoreLevel",
    "columns_of",
    "plan_row",
    "render_tables",
    "rows_of",
    "to_csv",
    "to_json",
]

Row = dict[str, Any]


# Each level's columns, in order: fields of the row model, under the command's column names.
# An indicator's and a milestone's line (``IndicatorLine``; a milestone fills what it has):
INDICATOR_FIELDS = (
    "id", "place", "name", "unit", "target", "target_raw", "target_line", "fact", "fact_note",
    "evidence", "percent", "status", "sentence", "forced", "no_score", "message", "polarity",
    "polarity_overridden", "polarity_to_confirm", "polarity_reason", "rollup",
    "rollup_overridden", "forecast", "forecast_message",
)  # fmt: skip
# A section's name, then its ``Score`` but the display text (the score itself is rounded):
SCORE_FIELDS = (
    *(f.name for f in dataclasses.fields(Score) if f.name != "display"),
    "stands_on",
    "verdict",  # the status as shown: "too_few_facts" when it stands on under half its items
)
AGGREGATE_FIELDS = ("level", "id", "code", "name", *SCORE_FIELDS)
# A program's ``BudgetLine``, and the report's year:
BUDGET_FIELDS = (
    "program", "name", "year", "planned", "planned_source", "actual", "actual_evidence", "rate",
    "message",
)  # fmt: skip
COLUMN_NAMES = {  # the names ``zhospar score`` has always written
    "evidence": "fact_source",
    "actual_evidence": "actual_source",
    "percent": "achievement",
    "forecast": "chance",
    "forecast_message": "forecast",
}
FIELDS: dict[ScoreLevel, tuple[str, ...]] = {
    ScoreLevel.INDICATOR: INDICATOR_FIELDS,
    ScoreLevel.BUDGET: BUDGET_FIELDS,
}


def columns_of(level: ScoreLevel) -> tuple[str, ...]:
    return tuple(COLUMN_NAMES.get(f, f) for f in FIELDS.get(level, AGGREGATE_FIELDS))


def shown(value: Decimal | None) -> Decimal | None:
    """A percentage as shown: half up to 2 decimals, a small one keeping two significant digits
    (the evaluation keeps it unrounded)."""
    return None if value is None else round_shown(value)


_ROUNDED = frozenset({"percent", "score", "rate"})  # percentages, shown rounded


def _row(fields: tuple[str, ...], values: dict[str, Any]) -> Row:
    """The cells of ``fields`` under their column names: a percentage rounded for display, an
    enum by its value, the rest as the model holds it."""
    row = {}
    for name in fields:
        value = values.get(name)
        if name in _ROUNDED:
            value = shown(value)
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, Message):
            value = str(value)  # in the language of the command
        row[COLUMN_NAMES.get(name, name)] = value
    return row


def rows_of(report: AnnualReport, level: ScoreLevel) -> list[Row]:
    """The rows of one level, in the plan's order, each with the level's columns in order."""
    if level is ScoreLevel.INDICATOR:
        programs = (i for p in report.programs for i in p.indicators)
        lines = [_fields(line) for line in (*report.indicators, *programs)]
        lines += [_milestone_fields(m) for m in report.milestones]
        return [_row(INDICATOR_FIELDS, line) for line in lines]
    if level is ScoreLevel.BUDGET:
        return [_row(BUDGET_FIELDS, {**_fields(b), "year": report.year}) for b in report.budget]
    return [aggregate_row(level, *section) for section in _sections(report, level)]


def _fields(line: IndicatorLine | MilestoneLine | BudgetLine | Score) -> dict[str, Any]:
    values = {f.name: getattr(line, f.name) for f in dataclasses.fields(line)}
    if isinstance(line, Score):
        values["stands_on"] = line.stands_on
        values["verdict"] = line.verdict
    if isinstance(line, IndicatorLine):
        values["polarity_to_confirm"] = line.polarity_note is not None
    return values


def _milestone_fields(line: MilestoneLine) -> dict[str, Any]:
    """A milestone in the indicators' columns: its task as its place, its due years as its
    target, no roll-up (a milestone's facts are not rolled up)."""
    due = years_text(line.due_years)
    extra = {"place": f"task {line.task}", "target_raw": f"due {due}" if due else None}
    return {**_fields(line), **extra, "rollup_overridden": False}


Section = tuple[str, str, str, Score]  # id, code, name, score


def _sections(report: AnnualReport, level: ScoreLevel) -> list[Section]:
    """The report's sections of ``level``, in the plan's order, named as the evaluation names
    its aggregates (a direction's code is its number; the plan is "plan")."""
    goals = [g for d in report.directions for g in d.goals]
    by_level: dict[ScoreLevel, list[Section]] = {
        ScoreLevel.PLAN: [("plan", "", report.title, report.plan_score)],
        ScoreLevel.DIRECTION: [(d.id, str(d.number), d.name, d.score) for d in report.directions],
        ScoreLevel.GOAL: [(g.id, g.code, g.name, g.score) for g in goals],
        ScoreLevel.TASK: [(t.id, t.code, t.name, t.score) for g in goals for t in g.tasks],
        ScoreLevel.PROGRAM: [(p.id, p.code, p.name, p.score) for p in report.programs],
    }
    return by_level[level]


def aggregate_row(level: ScoreLevel, ident: str, code: str, name: str, score: Score) -> Row:
    """A section's score; the counts and the status as the report's ``Score`` holds them."""
    names = {"level": level.value, "id": ident, "code": code, "name": name}
    return _row(AGGREGATE_FIELDS, {**names, **_fields(score)})


def plan_row(report: AnnualReport) -> Row:
    """The plan's score, as the last line of every table and the JSON's ``plan_score``."""
    [plan] = _sections(report, ScoreLevel.PLAN)
    return aggregate_row(ScoreLevel.PLAN, *plan)


# --- JSON and CSV -----------------------------------------------------------------------------


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_value) + "\n"


def to_csv(rows: list[Row], columns: tuple[str, ...]) -> str:
    """CSV with a header; text a spreadsheet would run as a formula is written as text."""
    from zhospar.export.tidy import format_number, guard_text

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, Decimal):
            return format_number(value)
        if isinstance(value, int):
            return str(value)
        return guard_text(str(value))

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buffer.getvalue()


# --- the terminal table -----------------------------------------------------------------------


def _label(status: str, no_score: str | None = None) -> str:
    """The status in words, as the report writes it ("no fact" rather than "no data")."""
    label = NO_SCORE_LABELS[NoScore(no_score)] if no_score else STATUS_LABELS[Status(status)]
    return gettext(label)


def _verdict(row: Row) -> str:
    """An aggregate's shown status in words: its status, or "too few facts"."""
    verdict = str(row["verdict"])
    return STATUS_LABELS[Status(verdict)] if verdict in set(Status) else verdict.replace("_", " ")


def _text(value: object) -> str:
    """A cell of the terminal table; a number as the language of the CLI writes it (6,2 in
    Kazakh and Russian, 6.2 in English), the same for the plan's value and the fact."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _figure(value: Decimal | None) -> str:
    """A percentage of the table, as shown (two decimals: 116.98, 100.00)."""
    return "" if value is None else format_figure(value)


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_amount(value)


def _target(r: Row) -> str:
    """The plan's value written as the fact beside it; the plan's own text where it is not a
    number (a milestone's due years, a dash)."""
    target = r.get("target")
    return _text(target) if isinstance(target, Decimal) else _text(r["target_raw"])


_WIDE = 150  # from this terminal width on, names, sources and messages are shown too


def _indicator_table(rows: list[Row], heading: str, width: int) -> Table:
    wide = width >= _WIDE
    table = Table(title=heading, title_justify="left")
    table.add_column("indicator", no_wrap=True)
    if wide:
        table.add_column("name", max_width=36, overflow="fold")
    table.add_column("plan (line)", max_width=18, overflow="fold")
    table.add_column("fact", justify="right", min_width=5, overflow="fold")
    if wide:
        table.add_column("source", max_width=40, overflow="fold")
    table.add_column("%", justify="right", min_width=6, no_wrap=True)
    table.add_column("status", min_width=8, max_width=40 if wide else 20, overflow="fold")
    table.add_column("polarity", no_wrap=True)
    if wide:
        table.add_column("roll-up", no_wrap=True)
    table.add_column("chance", min_width=8, overflow="fold")
    for r in rows:
        table.add_row(*_indicator_cells(r, wide))
    return table


def _indicator_cells(r: Row, wide: bool) -> list[str]:
    line = f" ({r['target_line']})" if r.get("target_line") else ""
    status = _label(r["status"], r["no_score"])
    if wide and r["status"] == Status.NO_DATA:
        status = f"{status}: {r['message']}"
    elif r["status"] != Status.NO_DATA and r.get("sentence"):
        status = r["sentence"]
    if r.get("forced"):
        status = f"{status} (FORCED)" if not wide else f"{status}; {r['forced']}"
    polarity = r["polarity"] + (" *" if r["polarity_overridden"] else "")
    polarity += " ?" if r["polarity_to_confirm"] else ""
    rollup = _text(r["rollup"]) + (" *" if r["rollup_overridden"] else "")
    fact = _text(r["fact"]) + (f" ({r['fact_note']})" if r.get("fact_note") else "")
    cells = [r["id"], r["name"], f"{_target(r)}{line}", fact]
    cells += [r["fact_source"], _figure(r["achievement"]), status, polarity, rollup]
    cells.append(_text(r["chance"]).replace("_", " "))
    return cells if wide else [c for i, c in enumerate(cells) if i not in (1, 4, 8)]


def _aggregate_table(rows: list[Row], heading: str, width: int) -> Table:
    table = Table(title=heading, title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("name", max_width=60 if width >= _WIDE else 28, overflow="fold")
    table.add_column("score %", justify="right", no_wrap=True)
    table.add_column("status", min_width=8, overflow="fold")
    table.add_column("achieved / nearly / not / no data", min_width=9, overflow="fold")
    for r in rows:
        counts = f"{r['achieved']} / {r['nearly']} / {r['not_achieved']} / {r['no_data']}"
        table.add_row(r["id"], r["name"], _figure(r["score"]), _verdict(r), counts)
    return table


def _budget_table(rows: list[Row], heading: str, width: int) -> Table:
    wide = width >= _WIDE
    table = Table(title=heading, title_justify="left")
    table.add_column("program", no_wrap=True)
    if wide:
        table.add_column("name", max_width=40, overflow="fold")
    table.add_column("planned", justify="right", no_wrap=True)
    if wide:
        table.add_column("plan source", max_width=40, overflow="fold")
    table.add_column("actual", justify="right", no_wrap=True)
    table.add_column("rate %", justify="right", no_wrap=True)
    table.add_column("note", max_width=60, overflow="fold")
    for r in rows:
        cells = [r["program"], r["name"], _money(r["planned"]), r["planned_source"]]
        cells += [_money(r["actual"]), _figure(r["rate"]), r["actual_source"] or r["message"]]
        table.add_row(*(cells if wide else [c for i, c in enumerate(cells) if i not in (1, 3)]))
    return table


def render_tables(
    level: ScoreLevel, rows: list[Row], heading: str, plan: Row, width: int
) -> list[object]:
    """The Rich renderables of ``zhospar score``: the level's table, then the plan's score.

    On a terminal narrower than 150 columns the indicator table leaves out the names, sources,
    messages and roll-up rules (``--format csv`` or ``json`` has them all).
    """
    if level is ScoreLevel.INDICATOR:
        table = _indicator_table(rows, heading, width)
    elif level is ScoreLevel.BUDGET:
        table = _budget_table(rows, heading, width)
    else:
        table = _aggregate_table(rows, heading, width)
    counts = (
        f"{plan['achieved']} achieved, {plan['nearly']} nearly, {plan['not_achieved']} not "
        f"achieved, {plan['no_data']} no data"
    )
    score = f"{_figure(plan['score'])} %" if plan["score"] is not None else "no score"
    stands_on = f", {plan['stands_on']}" if plan["score"] is not None else ""
    summary = Text(f"Plan score: {score}, {_verdict(plan)}{stands_on} ({counts})")
    if level is ScoreLevel.INDICATOR:
        notes = (
            "* set by a user; ? inferred from the targets' trend: to be confirmed "
            "(see `zhospar polarity list --unconfirmed`)"
        )
        return [table, summary, Text(notes)]
    return [table, summary]
