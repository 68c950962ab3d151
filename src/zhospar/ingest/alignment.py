"""Alignment of the ministry's goals with the state's strategic goals (section 4).

The table has four columns: the goal ("1.1-мақсат"), its name, the quoted state strategic goal
(«...») and the document it is quoted from. Direction rows ("1-стратегиялық бағыт. ...") head
each block. A goal with several quotes has one row per quote, the later rows with empty goal
cells. The conversion split some rows over two lines: a quote or a source continues on the next
line (a quote continues when its text does not open with «), and a goal's code or name may
stand on either line of the row. A row is therefore built up from its lines until the next
quote begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhospar.i18n import Message
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine, clean
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import AlignmentRow, Direction, Goal, Plan

__all__ = ["add_alignment_only_goals", "parse_alignment"]

_S = "alignment"
_DIRECTION = re.compile(r"^(\d+)-стратегиялық бағыт\w*\.?\s*(.*)$", re.I)
_GOAL = re.compile(r"^(\d+(?:\.\d+)+)-мақсат\w*$", re.I)
_QUOTE_OPENS = ("«", '"', "“", "„")


@dataclass
class _Row:
    """A row of the table being built up from one or more lines."""

    direction: int | None
    direction_name: str | None
    goal: str | None
    goal_name: str | None
    goal_named_here: bool = False  # the goal's code stands on one of the row's own lines
    quote: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    lines: list[SourceLine] = field(default_factory=list)


@dataclass
class _State:
    direction: int | None = None
    direction_name: str | None = None
    goal: str | None = None
    goal_name: str | None = None
    rows: list[_Row] = field(default_factory=list)
    open_row: _Row | None = None  # the row the next line may continue


def parse_alignment(section: Section, report: ReadingReport) -> list[AlignmentRow]:
    """One AlignmentRow per quoted state goal, numbered within its goal ("AG1.2-2")."""
    if section.heading is not None:
        report.explain(section.heading, _S, Message("heading"))
    state = _State()
    for line in section.lines:
        if line.is_blank:
            continue
        cells = line.cells
        if match := _DIRECTION.match(cells[0] if cells else ""):
            state.direction, state.direction_name = int(match.group(1)), match.group(2) or None
            state.goal = state.goal_name = state.open_row = None
            report.read(line, _S)
        elif state.direction is None:
            report.explain(line, _S, Message("column header"))
        else:
            _add_line(state, line, cells, report)
    return _finish(state.rows, report)


def _add_line(state: _State, line: SourceLine, cells: list[str], report: ReadingReport) -> None:
    """Start a new row with this line, or continue the row above with it."""
    cells = [*cells, "", "", "", ""][:4]
    code_cell, name, quote, source = cells
    code_match = _GOAL.match(code_cell)
    code = code_match.group(1) if code_match else None
    if code_cell and code is None:
        expected = Message(
            'expected a goal such as "{example}"; got "{text}"',
            example="1.1-мақсат",
            text=code_cell,
        )
        report.not_understood(line, _S, expected)
        return
    row = state.open_row
    if row is None or not _continues(row, code, quote):
        row = _Row(state.direction, state.direction_name, state.goal, state.goal_name)
        state.rows.append(row)
        state.open_row = row
    if code is not None:
        row.goal, row.goal_named_here = code, True
        row.goal_name = None
    if name:
        row.goal_name = f"{row.goal_name} {name}" if row.goal_named_here and row.goal_name else name
    row.quote += [quote] if quote else []
    row.source += [source] if source else []
    row.lines.append(line)
    state.goal, state.goal_name = row.goal, row.goal_name


def _continues(row: _Row, code: str | None, quote: str) -> bool:
    """A line continues the row above unless it opens a new quote or names another goal."""
    if row.goal_named_here and code is not None and code != row.goal:
        return False
    if not row.quote:
        return True
    return not quote.startswith(_QUOTE_OPENS) if quote else code is None


def _finish(rows: list[_Row], report: ReadingReport) -> list[AlignmentRow]:
    out: list[AlignmentRow] = []
    per_goal: dict[str | None, int] = {}
    for row in rows:
        if not row.quote:
            for line in row.lines:
                report.not_understood(
                    line, _S, Message("alignment row without a quoted state goal")
                )
            continue
        per_goal[row.goal] = per_goal.get(row.goal, 0) + 1
        out.append(_model(row, per_goal[row.goal]))
        for line in row.lines:
            report.read(line, _S)
    return out


def _model(row: _Row, n: int) -> AlignmentRow:
    goal_part = f"G{row.goal}" if row.goal else f"D{row.direction}"
    return AlignmentRow(
        id=f"A{goal_part}-{n}",
        direction=row.direction,
        direction_name=row.direction_name,
        goal=row.goal,
        goal_name=row.goal_name,
        state_goal=clean(" ".join(row.quote)),
        source_document=clean(" ".join(row.source)) or None,
        line=row.lines[0].no,
    )


def add_alignment_only_goals(plan: Plan) -> None:
    """Goals named only in the alignment section (3.1, 3.2) join their direction.

    The direction tables of this text lack direction 3's goals; the alignment names them. A
    direction the plan does not list at all is added with the name the alignment prints.
    """
    known = {goal.code for d in plan.directions for goal in d.goals}
    for row in plan.alignment:
        if row.goal is None or row.goal in known or row.direction is None:
            continue
        direction = _direction(plan, row)
        direction.goals.append(
            Goal(
                id=f"G{row.goal}",
                code=row.goal,
                name=row.goal_name or "",
                only_in_alignment=True,
                line=row.line,
            )
        )
        direction.goals.sort(key=lambda g: _code_key(g.code))
        known.add(row.goal)


def _direction(plan: Plan, row: AlignmentRow) -> Direction:
    for direction in plan.directions:
        if direction.number == row.direction:
            return direction
    assert row.direction is not None
    direction = Direction(
        id=f"D{row.direction}",
        number=row.direction,
        name=row.direction_name or "",
        line=row.line,
    )
    plan.directions.append(direction)
    plan.directions.sort(key=lambda d: d.number)
    return direction


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split(".") if part.isdigit())
