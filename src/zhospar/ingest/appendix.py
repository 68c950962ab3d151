"""The appendix allocating expenditure to directions, goals and tasks by program.

Rows, told apart by their first cell:

* "2-стратегиялық бағыт. ..." opens a direction (the text lost the first one: a row's
  direction is always taken from its own goal or task code, the heading only confirms it);
* "1.1-мақсат  name  (no program)  amounts": a goal's total (``is_goal_total``);
* "1.1.2-міндет  name  РБ (011)  amounts": a task and the program that pays for it;
* "  ·  ·  РБ (026)  amounts": another program of the task above;
* a task code cut over two lines ("4.1.2-" then "міндет" on the next row, whose name cell goes on
  with the task's name): the second row is another program of the same task.

A program reference names the program and, after a dot, its subprograms: "РБ (002.100.101.103)"
is program 002, subprograms 100, 101 and 103; "РБ (003.100,101,102)" and "РБ(013)" are read the
same way. Rows get ids X1, X2 ... in document order.

The conversion lost the appendix's header and even its title (a stray "Бюджеттік бағдарламаның
нысаны" stands in its place). When a header with years is present its years are used; otherwise
amounts are stored with year 0 and ``infer_allocation_columns`` dates the columns from the
program forms, as for the list of programs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhospar.i18n import Message
from zhospar.ingest._budget_cells import read_value
from zhospar.ingest._budget_columns import apply_dates, date_columns
from zhospar.ingest._budget_indicators import Years, header_span
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine
from zhospar.ingest._years import header_years, is_year_header
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Allocation, Expenditure, ExpenditureKind, Plan

__all__ = ["infer_allocation_columns", "parse_allocations"]

_S = "allocation"
_DIRECTION = re.compile(r"^(\d+)-стратегиялық\s+бағыт", re.IGNORECASE)
_GOAL = re.compile(r"^(\d+\.\d+)-\s*мақсат\.?$", re.IGNORECASE)
_TASK = re.compile(r"^(\d+\.\d+\.\d+)-\s*(міндет)?\.?$", re.IGNORECASE)
_TASK_WORD = re.compile(r"^міндет\.?$", re.IGNORECASE)
_REFERENCE = re.compile(r"^РБ\s*\(\s*(\d{3})(?:\s*[.,]\s*([\d.,\s]+))?\s*\)$", re.IGNORECASE)
_RULE = re.compile(r"^-+$")


@dataclass
class _State:
    rows: list[Allocation] = field(default_factory=list)
    direction: int | None = None
    task: Allocation | None = None  # the last task row: continuation rows belong to it
    cut_code: str | None = None  # "4.1.2-" waiting for its "міндет"
    years: Years | None = None
    span: int | None = None


def parse_allocations(section: Section, report: ReadingReport) -> list[Allocation]:
    """One Allocation per goal, task and program row, in document order."""
    if section.heading is not None:
        report.explain(
            section.heading,
            _S,
            Message("heading left by the conversion: the appendix's own title is lost"),
        )
    state = _State()
    for line in section.lines:
        if not line.is_blank:
            _row(line, state, report)
    if state.cut_code is not None:
        report.not_understood(
            state.task.line if state.task else 0, _S, Message("task code cut short")
        )
    return state.rows


def _row(line: SourceLine, state: _State, report: ReadingReport) -> None:
    cells = line.cells
    first = cells[0] if cells else ""
    if all(_RULE.match(c) or not c for c in cells):
        report.explain(line, _S, Message("rule line"))
    elif match := _DIRECTION.match(first):
        _direction(line, int(match.group(1)), state, report)
    elif match := _GOAL.match(first):
        _add(line, cells, state, report, goal=match.group(1))
    elif match := _TASK.match(first):
        code = match.group(1)
        state.cut_code = None if match.group(2) else code
        _add(line, cells, state, report, task=code)
    elif _TASK_WORD.match(first) and state.cut_code is not None and state.task is not None:
        state.cut_code = None
        _add(line, cells, state, report, task=state.task.task, more_name=True)
    elif not first and state.task is not None:
        _add(line, cells, state, report, task=state.task.task, more_name=True)
    elif is_year_header(cells) or header_span(cells):
        _header(line, cells, state, report)
    elif first.startswith("©"):
        report.explain(line, _S, Message("the publisher's footer, not part of the plan"))
    else:
        report.not_understood(line, _S, Message("not a direction, goal, task or program row"))


def _direction(line: SourceLine, number: int, state: _State, report: ReadingReport) -> None:
    state.direction = number
    report.read(line, _S)


def _header(line: SourceLine, cells: list[str], state: _State, report: ReadingReport) -> None:
    state.span = header_span(cells) or state.span
    years = header_years(cells)
    if years:
        state.years = Years([y for y, _ in years], [n for _, n in years], state.span)
    report.explain(line, _S, Message("column header"))


def _add(
    line: SourceLine,
    cells: list[str],
    state: _State,
    report: ReadingReport,
    *,
    goal: str | None = None,
    task: str | None = None,
    more_name: bool = False,
) -> None:
    at = next((i for i, c in enumerate(cells) if _REFERENCE.match(c)), None)
    name = cells[1] if len(cells) > 1 and (at is None or at > 1) else ""
    values = cells[at + 1 :] if at is not None else _after_name(cells)
    code = goal or task or ""
    number = int(code.split(".")[0]) if code else state.direction
    if more_name and state.task is not None and name:
        _extend_name(state, name)
    label = state.task.label if more_name and state.task is not None else name or None
    row = Allocation(
        id=f"X{len(state.rows) + 1}",
        direction=number,
        goal=goal or (".".join(task.split(".")[:2]) if task else None),
        task=task,
        label=label,
        is_goal_total=goal is not None,
        expenditure=_amounts(values, line, state),
        line=line.no,
    )
    if at is not None:
        _reference(row, cells[at])
    state.rows.append(row)
    if task is not None and not more_name:
        state.task = row
    elif goal is not None:
        state.task = None
    _mark(line, row, number, state, report)


def _after_name(cells: list[str]) -> list[str]:
    values = cells[2:]
    while values and not values[0]:
        values.pop(0)
    return values


def _extend_name(state: _State, more: str) -> None:
    """A task name that goes on in the next row: every row of the task gets the whole name."""
    task = state.task
    assert task is not None
    whole = f"{task.label or ''} {more}".strip()
    for row in state.rows:
        if row.task == task.task and row.line >= task.line:
            row.label = whole


def _reference(row: Allocation, cell: str) -> None:
    match = _REFERENCE.match(cell)
    assert match is not None
    row.reference = cell
    row.program = match.group(1)
    row.subprograms = re.findall(r"\d{3}", match.group(2) or "")


def _amounts(values: list[str], line: SourceLine, state: _State) -> list[Expenditure]:
    money = []
    for index, raw in enumerate(values):
        year, kind = 0, ExpenditureKind.PLANNED
        years = state.years
        if years is not None and index < len(years.years):
            year, kind = years.years[index], years.money_kind(index)[0]
        value, _error = read_value(raw)
        money.append(Expenditure(year=year, kind=kind, value=value, raw=raw, line=line.no))
    return money


def _mark(
    line: SourceLine, row: Allocation, direction: int | None, state: _State, r: ReadingReport
) -> None:
    bad = [e.raw for e in row.expenditure if e.value is None and e.raw and read_value(e.raw)[1]]
    if bad:
        r.not_understood(line, _S, Message("not amounts: {bad}", bad=bad))
        return
    r.read(line, _S)
    if state.direction is not None and direction is not None and direction != state.direction:
        says = Message(
            "code says direction {code}, the heading above {heading}",
            code=direction,
            heading=state.direction,
        )
        r.explain(line, _S, says)


def infer_allocation_columns(plan: Plan) -> None:
    """Date the appendix's columns from the program forms when no header dated them.

    Only rows of one whole program (no subprograms) can match a form's expenditure.
    """
    forms = {f.code: f.expenditure for f in plan.program_forms}
    whole = [
        (row.program, row.expenditure)
        for row in plan.allocations
        if row.program and not row.subprograms
    ]
    dates = date_columns(whole, forms)
    for row in plan.allocations:
        apply_dates(row.expenditure, dates)
