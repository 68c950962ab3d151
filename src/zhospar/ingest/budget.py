"""The list of budget programs (Бюджеттік бағдарламалар тізбесі) and the plan's own totals.

The list is a table of four label columns (functional group, subgroup, program code, name) and
one column per year. Its rows are, in order of rank:

* part rows: "I. Қолданыстағы бағдарламалар" (programs in force), "II. Әзірлеуге ұсынылатын
  бағдарламалар" (proposed), and the closing "Шығыстардың барлығы" (all expenditure);
* type rows: "Ағымдағы бюджеттік бағдарламалар" (current), "Бюджеттік даму бағдарламалары"
  (development), numbered "1." / "2." (once misnumbered "I.");
* functional group rows ("5 ... Әлеуметтік қамсыздандыру ...") and subgroup rows ("1 ...");
* program rows ("002 Зейнетақы бағдарламасы").

Every row above a program is a total the plan states itself; each becomes a ``PlanTotal`` that
lists the programs it covers (worked out from the rows' rank, never from line numbers), so the
audit can add them up. Rows are recognised by their cells (a three-digit code, a one- or two-digit
group), not by their place: the conversion shifted the label columns from one row to the next.

The list lost its header rows, so each amount is first stored with year 0; ``infer_list_columns``
dates the columns from the program forms once they are read (``_budget_columns``).

A program's name may run over two lines: a line of name only, then the program row whose name
goes on in lower case (the first part is held until then); or the program row, then a line that
goes on in lower case and carries the amounts that were missing from the row (they fill its empty
cells, left to right, when their number matches). Amounts that cannot be right (a cell with far
more digits than any other cell of the list, two cells run together in a way that cannot be
split) are reported as not understood and stored without a value, their text kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from zhospar.i18n import Message
from zhospar.ingest._budget_cells import digit_count, read_value, split_run_together
from zhospar.ingest._budget_columns import apply_dates, date_columns
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine
from zhospar.ingest._years import is_year_header
from zhospar.ingest.report import ReadingReport, Reason, joined
from zhospar.model.plan import (
    BudgetProgram,
    Expenditure,
    ExpenditureKind,
    Plan,
    PlanTotal,
    ProgramType,
)

__all__ = ["infer_list_columns", "parse_budget_list"]

_S = "budget-list"
_CODE = re.compile(r"^\d{3}$")
_GROUP = re.compile(r"^\d{1,2}$")
_APPENDIX = re.compile(r"^\d+-қосымша$", re.IGNORECASE)
_HEADER = re.compile(r"тізбесі|атауы", re.IGNORECASE)


@dataclass(frozen=True)
class _Scope:
    """Which programs a row covers; None means "any"."""

    proposed: bool | None = False
    type: ProgramType | None = None
    group: str | None = None
    subgroup: str | None = None

    def covers(self, other: _Scope) -> bool:
        pairs = [
            (self.proposed, other.proposed),
            (self.type, other.type),
            (self.group, other.group),
            (self.subgroup, other.subgroup),
        ]
        return all(mine is None or mine == theirs for mine, theirs in pairs)


@dataclass
class _Row:
    line: SourceLine
    marker: str  # the code cell before the label: "002", "5", "" for none
    marker_index: int
    label: str
    values: list[str]


@dataclass
class _List:
    width: int
    digit_limit: int
    scope: _Scope = field(default_factory=_Scope)
    programs: list[tuple[BudgetProgram, _Scope]] = field(default_factory=list)
    totals: list[tuple[PlanTotal, _Scope]] = field(default_factory=list)
    pending: _Row | None = None  # the first line of a name that goes on in the next row


def parse_budget_list(
    section: Section, report: ReadingReport
) -> tuple[list[BudgetProgram], list[PlanTotal]]:
    """The programs of the list and the totals it states, every line marked in the report."""
    lines = [section.heading] if section.heading is not None else []
    rows = [row for line in [*lines, *section.lines] if (row := _lex(line)) is not None]
    state = _List(width=_width(rows), digit_limit=_digit_limit(rows))
    for row in rows:
        _take(row, state, report)
    if state.pending is not None:
        report.not_understood(
            state.pending.line, _S, Message("a name with no program row after it")
        )
    for total, scope in state.totals:
        total.programs = [p.code for p, own in state.programs if scope.covers(own)]
    return [p for p, _ in state.programs], [t for t, _ in state.totals]


def _lex(line: SourceLine) -> _Row | None:
    if line.is_blank:
        return None
    cells = line.cells
    at = next((i for i, c in enumerate(cells) if any(ch.isalpha() for ch in c)), len(cells))
    markers = [(i, c) for i, c in enumerate(cells[:at]) if c]
    marker_index, marker = markers[0] if markers else (-1, "")
    values = cells[at + 1 :]
    if at == 0:  # a total's label spans the label columns: the empty cells are its padding
        while values and not values[0]:
            values.pop(0)
    label = cells[at] if at < len(cells) else ""
    return _Row(line, marker, marker_index, label, values)


def _width(rows: list[_Row]) -> int:
    """The number of year columns: the usual number of amounts on a program row."""
    counts = Counter(len(r.values) for r in rows if _CODE.match(r.marker) and r.values)
    return counts.most_common(1)[0][0] if counts else 0


def _digit_limit(rows: list[_Row]) -> int:
    """A cell with more digits than this is not an amount: two or more digits beyond any other."""
    counts = sorted((digit_count(v) for r in rows for v in r.values), reverse=True)
    return counts[1] + 1 if len(counts) > 1 else 10**6


def _take(row: _Row, state: _List, report: ReadingReport) -> None:
    if _CODE.match(row.marker):
        _program(row, state, report)
    elif _GROUP.match(row.marker):
        _group(row, state, report)
    elif row.label[:1].islower() and state.programs and not row.marker:
        _continuation(row, state, report)
    elif (scope := _part_or_type(row.label, state.scope)) is not None and row.values:
        state.scope = scope
        _total(row, row.label, scope, state, report)
    elif _APPENDIX.match(row.label):
        report.explain(row.line, _S, Message("heading of the next appendix (the program forms)"))
    elif _is_header(row):
        report.explain(row.line, _S, Message("column header"))
    elif row.label and not any(row.values) and state.pending is None:
        state.pending = row
    else:
        report.not_understood(
            row.line, _S, Message("not a program, group or total row of the list")
        )


def _is_header(row: _Row) -> bool:
    """A column header: the list's title or column names, or a row of years."""
    cells = [row.label, *row.values]
    return any(_HEADER.search(c) for c in cells) or is_year_header(row.line.cells)


def _part_or_type(label: str, scope: _Scope) -> _Scope | None:
    """The scope a total row opens, from its words; None when the label names no total."""
    text = label.lower()
    if "барлығы" in text:
        return _Scope(proposed=None)
    if "қолданыстағы" in text:
        return _Scope(proposed=False)
    if "әзірлеуге" in text or "ұсынылатын" in text:
        return _Scope(proposed=True)
    if "ағымдағы" in text:
        return _Scope(proposed=scope.proposed, type=ProgramType.CURRENT)
    if "даму" in text:
        return _Scope(proposed=scope.proposed, type=ProgramType.DEVELOPMENT)
    return None


def _group(row: _Row, state: _List, report: ReadingReport) -> None:
    """A functional group (first column) or subgroup row: a subtotal."""
    if row.marker_index == 0:
        state.scope = replace(state.scope, group=row.marker, subgroup=None)
    else:
        state.scope = replace(state.scope, subgroup=row.marker)
    _total(row, f"{row.marker} {row.label}", state.scope, state, report)


def _total(row: _Row, label: str, scope: _Scope, state: _List, report: ReadingReport) -> None:
    money = _money(row, state, report)
    total = PlanTotal(
        id=f"S{len(state.totals) + 1}", label=label, expenditure=money, line=row.line.no
    )
    state.totals.append((total, scope))


def _program(row: _Row, state: _List, report: ReadingReport) -> None:
    name = row.label
    if state.pending is not None:
        if name[:1].islower():
            name = f"{state.pending.label} {name}"
            report.read(state.pending.line, _S)
        else:
            report.not_understood(
                state.pending.line, _S, Message("a name with no program row after it")
            )
        state.pending = None
    scope = state.scope
    program = BudgetProgram(
        id=f"P{row.marker}",
        code=row.marker,
        name=name,
        type=scope.type or _type_from_name(name),
        proposed=bool(scope.proposed),
        functional_group=scope.group,
        functional_subgroup=scope.subgroup,
        expenditure=_money(row, state, report),
        line=row.line.no,
    )
    state.programs.append((program, scope))


def _type_from_name(name: str) -> ProgramType:
    """Only when no type row stands above: development programs say so in their name."""
    return ProgramType.DEVELOPMENT if "даму" in name.lower() else ProgramType.CURRENT


def _money(row: _Row, state: _List, report: ReadingReport) -> list[Expenditure]:
    """The row's amounts, one per column; the line is marked read or not understood."""
    cells = row.values
    split = split_run_together(cells, state.width)
    notes: list[Reason] = []
    if split is not None:
        cells, run = split
        notes.append(
            Message(
                '"{cell}" read as two amounts run together (the row is one cell short)', cell=run
            )
        )
    problems: list[Reason] = []
    money = [_amount(raw, row.line, state, problems, notes) for raw in cells]
    if problems:
        report.not_understood(row.line, _S, joined(problems))
        return money
    report.read(row.line, _S)
    if len(cells) < state.width:
        notes.append(
            Message(
                "{count} amounts for {width} columns: read as the first {count}",
                count=len(cells),
                width=state.width,
            )
        )
    for note in notes:
        report.explain(row.line, _S, note)
    return money


def _amount(
    raw: str,
    line: SourceLine,
    state: _List,
    problems: list[Reason],
    notes: list[Reason] | None = None,
) -> Expenditure:
    """One amount; a garbled cell is a defect of the document, noted and stored without value."""
    if digit_count(raw) > state.digit_limit:
        (notes if notes is not None else problems).append(
            Message(
                '"{cell}" has more digits than any other amount of the list '
                "(cells run together?): stored without a value",
                cell=raw,
            )
        )
        value = None
    else:
        value, error = read_value(raw)
        if error:
            problems.append(error)
    return Expenditure(year=0, kind=ExpenditureKind.PLANNED, value=value, raw=raw, line=line.no)


def _continuation(row: _Row, state: _List, report: ReadingReport) -> None:
    """A line that goes on with the last program's name and may bring its missing amounts."""
    program = state.programs[-1][0]
    program.name = f"{program.name} {row.label}"
    given = [v for v in row.values if v]
    if not given:
        report.read(row.line, _S)
        return
    money = program.expenditure
    missing = state.width - len(money)
    empty = [i for i, e in enumerate(money) if not e.raw] + list(range(len(money), state.width))
    if missing < 0 or len(empty) != len(given):
        report.not_understood(
            row.line,
            _S,
            Message(
                "{count} amounts for {empty} empty cells of program {code} "
                "(line {line}): cannot tell where they go",
                count=len(given),
                empty=len(empty),
                code=program.code,
                line=program.line,
            ),
        )
        return
    money += [_amount("", row.line, state, []) for _ in range(missing)]
    for index, raw in zip(empty, given, strict=True):
        money[index] = _amount(raw, row.line, state, [])
    report.read(row.line, _S)
    continued = Message(
        "name and amounts continue program {code} (line {line})",
        code=program.code,
        line=program.line,
    )
    report.explain(row.line, _S, continued)


def infer_list_columns(plan: Plan) -> None:
    """Date the list's columns from the program forms (the header was lost); see _budget_columns.

    The totals share the list's columns, so they get the same dates. First, a form whose header
    gives no note for a reported year ("2009 жыл" where the others print "2009 жыл (жоспар)")
    takes the kind the other forms state for that year, still marked inferred.
    """
    _settle_unstated_kinds(plan)
    forms = {f.code: f.expenditure for f in plan.program_forms}
    dates = date_columns(((p.code, p.expenditure) for p in plan.budget_programs), forms)
    for program in plan.budget_programs:
        apply_dates(program.expenditure, dates)
    for total in plan.totals:
        apply_dates(total.expenditure, dates)


def _settle_unstated_kinds(plan: Plan) -> None:
    stated: dict[int, Counter[ExpenditureKind]] = {}
    for form in plan.program_forms:
        for cell in form.expenditure:
            if not cell.inferred:
                stated.setdefault(cell.year, Counter())[cell.kind] += 1
    for form in plan.program_forms:
        for cell in form.expenditure:
            if cell.inferred and cell.year in stated:
                cell.kind = stated[cell.year].most_common(1)[0][0]
