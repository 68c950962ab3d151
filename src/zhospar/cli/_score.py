"""The rows of ``zhospar score``: an evaluation of a year laid flat, one level at a time.

Nothing is computed here: every figure is copied from ``evaluate_year``'s result (the plan's
target and its line, the fact and its source, the achievement, the status, the polarity and
whether a user overrode it, the forecast, the aggregates, the budget execution); percentages are
only rounded for display, half up to 2 decimals, as everywhere else.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from rich.table import Table
from rich.text import Text

from zhospar.evaluate import (
    Achievement,
    Aggregate,
    BudgetExecution,
    Forecast,
    Observed,
    PolaritySource,
    YearEvaluation,
    coverage,
    status_sentence,
)
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators

__all__ = [
    "ScoreLevel",
    "aggregate_row",
    "columns_of",
    "render_tables",
    "rows_of",
    "to_csv",
    "to_json",
]

Row = dict[str, Any]


class ScoreLevel(StrEnum):
    INDICATOR = "indicator"
    TASK = "task"
    GOAL = "goal"
    DIRECTION = "direction"
    PROGRAM = "program"
    PLAN = "plan"
    BUDGET = "budget"


INDICATOR_COLUMNS = (
    "id", "place", "name", "unit", "target", "target_raw", "target_line", "fact",
    "fact_source", "achievement", "status", "sentence", "no_score", "message", "polarity",
    "polarity_overridden", "polarity_to_confirm", "polarity_reason", "rollup",
    "rollup_overridden", "chance", "forecast",
)  # fmt: skip
AGGREGATE_COLUMNS = (
    "level", "id", "code", "name", "score", "status", "achieved", "nearly", "not_achieved",
    "no_data", "stands_on",
)  # fmt: skip
BUDGET_COLUMNS = (
    "program", "name", "year", "planned", "planned_source", "actual", "actual_source", "rate",
    "message",
)  # fmt: skip
COLUMNS: dict[ScoreLevel, tuple[str, ...]] = {
    ScoreLevel.INDICATOR: INDICATOR_COLUMNS,
    ScoreLevel.BUDGET: BUDGET_COLUMNS,
}


def columns_of(level: ScoreLevel) -> tuple[str, ...]:
    return COLUMNS.get(level, AGGREGATE_COLUMNS)


def shown(value: Decimal | None) -> Decimal | None:
    """A percentage as shown: half up to 2 decimals (the evaluation keeps it unrounded)."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rows_of(plan: Plan, ev: YearEvaluation, level: ScoreLevel) -> list[Row]:
    """The rows of one level, in the plan's order, each with the level's columns in order."""
    if level is ScoreLevel.INDICATOR:
        found = list(_indicator_rows(plan, ev))
    elif level is ScoreLevel.BUDGET:
        found = [_budget_row(b) for b in ev.budget]
    elif level is ScoreLevel.PROGRAM:
        found = [aggregate_row(a) for a in ev.programs]
    else:
        found = [aggregate_row(a) for a in _walk(ev.plan_score) if a.level.value == level.value]
    columns = columns_of(level)
    return [{c: row.get(c) for c in columns} for row in found]


def _walk(node: Aggregate) -> Iterator[Aggregate]:
    yield node
    for child in node.children:
        yield from _walk(child)


# --- indicators -------------------------------------------------------------------------------


def _indicator_rows(plan: Plan, ev: YearEvaluation) -> Iterator[Row]:
    for place in iter_indicators(plan):
        ind = place.indicator
        where = (
            f"task {place.task}" if place.task
            else f"goal {place.goal}" if place.goal
            else f"program {place.program}"
        )  # fmt: skip
        rule = ev.rollups.get(ind.id)
        yield {
            **_result(ev.achievements[ind.id], ev.forecasts.get(ind.id)),
            "place": where,
            "name": ind.name,
            "unit": ind.unit,
            "rollup": rule.rule.value if rule else None,
            "rollup_overridden": rule.overridden if rule else False,
        }
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                for milestone in task.milestones:
                    result = _result(ev.achievements[milestone.id], None)
                    due = _years(milestone.due_years)
                    extra = {"place": f"task {task.code}", "name": milestone.name, "unit": None}
                    yield {**result, **extra, "target_raw": f"due {due}" if due else None}


def _years(years: list[int]) -> str:
    """2010, 2011, 2012 -> "2010-2012"; 2009, 2011 -> "2009, 2011"."""
    ordered = sorted(set(years))
    if len(ordered) > 1 and ordered[-1] - ordered[0] == len(ordered) - 1:
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def _result(result: Achievement, outlook: Forecast | None) -> Row:
    target, polarity = result.target, result.polarity
    return {
        "id": result.indicator_id,
        "target": target.value if target else None,
        "target_raw": target.raw if target else None,
        "target_line": target.line if target else None,
        "fact": result.fact_value,
        "fact_source": fact_source(result.observed),
        "achievement": shown(result.percent),
        "status": result.status.value,
        "sentence": status_sentence(result),
        "no_score": result.no_score.value if result.no_score else None,
        "message": result.message,
        "polarity": polarity.polarity.value,
        "polarity_overridden": polarity.source is PolaritySource.OVERRIDE,
        "polarity_to_confirm": polarity.to_confirm,
        "polarity_reason": polarity.reason,
        "rollup": None,
        "rollup_overridden": False,
        "chance": outlook.chance.value if outlook else None,
        "forecast": outlook.message if outlook else None,
    }


def fact_source(observed: Observed | None) -> str:
    """One fact: where it came from; several: how they were rolled up, and their sources."""
    if observed is None or not observed.facts:
        return ""
    if len(observed.facts) == 1 and observed.rule is None:
        fact = observed.facts[0]
        return f"{fact.period}: {fact.describe()}"
    sources = sorted({f.source for f in observed.facts if f.source})
    text = observed.note or f"{len(observed.facts)} facts"
    return f"{text}; sources: {'; '.join(sources)}" if sources else text


# --- aggregates and budget --------------------------------------------------------------------


def aggregate_row(a: Aggregate) -> Row:
    c = a.counts
    return {
        "level": a.level.value,
        "id": a.id,
        "code": a.code,
        "name": a.name,
        "score": shown(a.score),
        "status": a.status.value,
        "achieved": c.achieved,
        "nearly": c.nearly,
        "not_achieved": c.not_achieved,
        "no_data": c.no_data,
        "stands_on": coverage(c),
    }


def _budget_row(b: BudgetExecution) -> Row:
    planned = b.planned
    where = {"form": "program form", "list": "list of programs"}
    return {
        "program": b.program,
        "name": b.name,
        "year": b.year,
        "planned": planned.value if planned else None,
        "planned_source": (
            f"{where.get(planned.where, planned.where)}, line {planned.figure.line}: "
            f'"{planned.figure.raw}"'
            if planned
            else "not stated in the plan"
        ),
        "actual": b.actual.value if b.actual else None,
        "actual_source": fact_source(b.actual),
        "rate": shown(b.rate),
        "message": b.message,
    }


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

_STATUS = {
    "achieved": "achieved",
    "nearly": "nearly achieved",
    "not_achieved": "not achieved",
    "no_data": "no data",
    "no_target": "no target",
    "no_fact": "no fact",
    "not_rolled_up": "not rolled up",
    "not_yet_due": "not yet due",
    "bad_fact": "bad fact",
    "deleted": "deleted",
}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


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
    status = r["no_score"] or r["status"]
    if wide and r["status"] == "no_data":
        status = f"{_STATUS[status]}: {r['message']}"
    else:
        status = r["sentence"] if r["status"] != "no_data" else _STATUS[status]
    polarity = r["polarity"] + (" *" if r["polarity_overridden"] else "")
    polarity += " ?" if r["polarity_to_confirm"] else ""
    rollup = _text(r["rollup"]) + (" *" if r["rollup_overridden"] else "")
    cells = [r["id"], r["name"], f"{_text(r['target_raw'])}{line}", _text(r["fact"])]
    cells += [r["fact_source"], _text(r["achievement"]), status, polarity, rollup]
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
        table.add_row(r["id"], r["name"], _text(r["score"]), _STATUS[r["status"]], counts)
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
        cells = [r["program"], r["name"], _text(r["planned"]), r["planned_source"]]
        cells += [_text(r["actual"]), _text(r["rate"]), r["actual_source"] or r["message"]]
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
    score = f"{plan['score']} %" if plan["score"] is not None else "no score"
    stands_on = f", {plan['stands_on']}" if plan["score"] is not None else ""
    summary = Text(f"Plan score: {score}, {_STATUS[plan['status']]}{stands_on} ({counts})")
    if level is ScoreLevel.INDICATOR:
        notes = (
            "* set by a user; ? inferred from the targets' trend: to be confirmed "
            "(see `zhospar polarity list --unconfirmed`)"
        )
        return [table, summary, Text(notes)]
    return [table, summary]
