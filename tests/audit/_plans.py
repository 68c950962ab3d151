"""Small hand-built plans for the audit tests.

The figures are copied from the bundled plan's text (the line numbers in comments are where
they stand there), so each test reads like a check a person made with the printed page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhospar.model.plan import (
    ActRef,
    Allocation,
    BudgetProgram,
    Expenditure,
    ExpenditureKind,
    Plan,
    PlanTotal,
    ProgramForm,
    ProgramType,
)

A = ExpenditureKind.APPROVED
F = ExpenditureKind.ACTUAL
P = ExpenditureKind.PLANNED
# The list of programs: 2008 approved, 2008 actual, 2009 plan, 2010, 2011, 2012.
LIST_COLUMNS = [(2008, A), (2008, F), (2009, P), (2010, P), (2011, P), (2012, P)]
# Forms and the appendix: 2008 actual, 2009 plan, 2010, 2011, 2012.
FORM_COLUMNS = [(2008, F), (2009, P), (2010, P), (2011, P), (2012, P)]

ACT_415 = ActRef(number="415", date=dt.date(2010, 5, 14), line=211)
ACT_1417 = ActRef(number="1417", date=dt.date(2010, 12, 27), line=211)


def money(
    line: int, values: list[int | None], columns: list[tuple[int, ExpenditureKind]]
) -> list[Expenditure]:
    assert len(values) == len(columns)
    return [
        Expenditure(
            year=year,
            kind=kind,
            value=None if v is None else Decimal(v),
            raw="" if v is None else str(v),
            line=line,
        )
        for (year, kind), v in zip(columns, values, strict=True)
    ]


def listed(code: str, line: int, *values: int | None, name: str = "") -> BudgetProgram:
    return BudgetProgram(
        id=f"P{code}",
        code=code,
        name=name or f"program {code}",
        type=ProgramType.CURRENT,
        expenditure=money(line, list(values), LIST_COLUMNS),
        line=line,
    )


def form(code: str, line: int, *values: int | None) -> ProgramForm:
    return ProgramForm(
        id=f"P{code}",
        code=code,
        name=f"program {code}",
        expenditure=money(line, list(values), FORM_COLUMNS),
        line=line - 20,
        end_line=line,
    )


def row(
    n: int, line: int, goal: str, program: str, *values: int | None, ref: str | None = None
) -> Allocation:
    return Allocation(
        id=f"X{n}",
        goal=goal,
        program=program.split(".")[0],
        reference=ref or f"РБ ({program})",
        expenditure=money(line, list(values), FORM_COLUMNS),
        line=line,
    )


def goal_total(n: int, line: int, goal: str, *values: int | None) -> Allocation:
    return Allocation(
        id=f"X{n}",
        goal=goal,
        is_goal_total=True,
        expenditure=money(line, list(values), FORM_COLUMNS),
        line=line,
    )


def total(n: int, line: int, label: str, programs: list[str], *values: int | None) -> PlanTotal:
    return PlanTotal(
        id=f"S{n}",
        label=label,
        programs=programs,
        expenditure=money(line, list(values), LIST_COLUMNS),
        line=line,
    )


def plan(**parts: object) -> Plan:
    fields: dict[str, object] = {
        "title": "test plan",
        "period_start": 2010,
        "period_end": 2014,
        "amended_by": [ACT_415, ACT_1417],
    }
    fields.update(parts)
    return Plan.model_validate(fields)


def pension_plan() -> Plan:
    """Program 002 as the bundled plan prints it (lines 629, 785-786, 1411-1414)."""
    return plan(
        budget_programs=[
            listed("002", 629, 363541309, 363594434, 454231109, 554655853, 724962585, 802783135)
        ],
        program_forms=[form("002", 785, 363594434, 454231109, 557556682, 724962585, 802783135)],
        allocations=[
            goal_total(1, 1411, "4.1", 363594434, 454231109, 557556682, 724962585, 802783135),
            row(2, 1412, "4.1", "002.102", 96044706, 109677691, 122888809, 164311757, 178832899),
            row(
                3,
                1414,
                "4.1",
                "002.100.101.103",
                267549728,
                344553418,
                434667873,
                560650828,
                623950236,
            ),
        ],
        totals=[
            # Subgroup 1 of the list (line 628) covers 002 only in this small plan, so its
            # figures are 002's own: the list is consistent in itself.
            total(
                1,
                628,
                "1 Әлеуметтік қамсыздандыру",
                ["002"],
                363541309,
                363594434,
                454231109,
                554655853,
                724962585,
                802783135,
            )
        ],
    )
