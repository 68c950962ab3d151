"""A program's money in each of the three places the plan states it.

The list of programs (Бюджеттік бағдарламалар тізбесі), the program's form (Бюджеттік
бағдарламаның нысаны) and the allocation appendix each give a program's expenditure per year.
The appendix may split a program over several rows (by subprogram, "РБ (002.102)" and
"РБ (002.100.101.103)", or over several tasks), so its value is the sum of those rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.i18n import gettext, pgettext
from zhospar.model.plan import Allocation, Expenditure, ExpenditureKind, Plan

Column = tuple[int, ExpenditureKind]

LIST = "list of budget programs"
APPENDIX = "allocation appendix"


def form_section(code: str) -> str:
    return f"form of program {code}"


_SECTION = re.compile(r"(form of program|task|goal) (\S+)( indicators| target indicators)?")


def section_words(section: str) -> str:
    """A place's section (kept in English, as the model compares and the API gives it) in
    words, in the language of the moment."""
    if section == LIST:
        return gettext("list of budget programs")
    if section == APPENDIX:
        return gettext("allocation appendix")
    found = _SECTION.fullmatch(section)
    if found is None:
        return section
    what, code = found.group(1), found.group(2)
    if what == "form of program":
        return gettext("form of program {code}").format(code=code)
    if what == "task":
        return gettext("task {code} indicators").format(code=code)
    return gettext("goal {code} target indicators").format(code=code)


def kind_word(kind: ExpenditureKind | str) -> str:
    """A column's kind of money in words, in the language of the moment."""
    words = {
        ExpenditureKind.APPROVED: pgettext("expenditure", "approved"),
        ExpenditureKind.ACTUAL: pgettext("expenditure", "actual"),
        ExpenditureKind.PLANNED: pgettext("expenditure", "planned"),
    }
    try:
        return words[ExpenditureKind(str(kind))]
    except ValueError:
        return str(kind)


def columns(expenditure: Iterable[Expenditure]) -> dict[Column, Expenditure]:
    """Each (year, kind) column once; the first stated wins (a repeat would be a reader fault)."""
    found: dict[Column, Expenditure] = {}
    for item in expenditure:
        found.setdefault((item.year, item.kind), item)
    return found


def program_code(code: str | None) -> str | None:
    """The program part of a code: "002.102" -> "002"; "2" -> "002"."""
    if code is None:
        return None
    head = code.strip().split(".")[0].strip()
    return head.zfill(3) if head.isdigit() else head or None


def appendix_rows(plan: Plan, code: str) -> list[Allocation]:
    """The appendix rows that refer to program ``code`` (goal totals excluded)."""
    return [
        row
        for row in plan.allocations
        if not row.is_goal_total and program_code(row.program) == code
    ]


@dataclass(frozen=True)
class Summed:
    """The sum of one column over several rows, with the lines it was taken from."""

    value: Decimal | None  # None when some row holds no value for the column
    lines: tuple[int, ...]
    labels: tuple[str, ...]
    missing: tuple[str, ...]  # labels of rows with no value in the column
    terms: int


def sum_column(rows: Sequence[tuple[str, Sequence[Expenditure]]], column: Column) -> Summed:
    """Add up ``column`` over labelled rows; any row without a value makes the sum unknown."""
    total = Decimal(0)
    lines: list[int] = []
    labels: list[str] = []
    missing: list[str] = []
    for label, expenditure in rows:
        cell = columns(expenditure).get(column)
        if cell is None or cell.value is None:
            missing.append(label)
            continue
        total += cell.value
        lines.append(cell.line)
        labels.append(label)
    value = None if missing else total
    return Summed(value, tuple(lines), tuple(labels), tuple(missing), len(rows))


def allocation_label(row: Allocation) -> str:
    if row.reference:
        return row.reference
    if row.program:
        return f"РБ ({row.program})"
    return row.label or row.id


def fmt(value: Decimal | None) -> str:
    """A value as the plan prints it: digit groups split by spaces, a decimal comma."""
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    out = " ".join(groups) or "0"
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def column_text(column: Column) -> str:
    year, kind = column
    return f"{year} ({kind.value})"


def goal_of(row: Allocation) -> str | None:
    """The goal an appendix row belongs to: its own, or the one its task code begins with."""
    if row.goal:
        return row.goal
    if row.task and "." in row.task:
        return ".".join(row.task.split(".")[:2])
    return None


def holds_money(row: Allocation) -> bool:
    """A row with a program or a value; a task heading without either holds nothing to add."""
    return row.program is not None or any(e.value is not None for e in row.expenditure)
