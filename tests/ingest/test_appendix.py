"""The appendix allocating expenditure to goals and tasks; expectations from lines 1388-1444."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar.ingest import ReadResult
from zhospar.ingest._sections import Section, SectionKind
from zhospar.ingest._text import to_lines
from zhospar.ingest.appendix import infer_allocation_columns, parse_allocations
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Allocation, ExpenditureKind, Plan


@pytest.fixture(scope="module")
def plan(bundled: ReadResult) -> Plan:
    """The bundled plan with the appendix's columns dated (a no-op once the reader does it)."""
    dated = bundled.plan.model_copy(deep=True)
    infer_allocation_columns(dated)
    return dated


def rows(plan: Plan, task: str) -> list[Allocation]:
    return [a for a in plan.allocations if a.task == task]


def spent(row: Allocation, year: int) -> Decimal | None:
    return next(e.value for e in row.expenditure if e.year == year)


def test_45_rows_with_ids_in_order(plan: Plan) -> None:
    # 8 goal rows and 37 task or program rows between lines 1392 and 1442
    assert [a.id for a in plan.allocations] == [f"X{n}" for n in range(1, 46)]
    assert sum(a.is_goal_total for a in plan.allocations) == 8
    assert [a.line for a in plan.allocations[:3]] == [1392, 1393, 1394]


def test_task_4_1_2_cut_over_two_lines(plan: Plan, seed_lines: list[str]) -> None:
    assert "122 888 809" in seed_lines[1412 - 1]
    first, second = rows(plan, "4.1.2")
    assert (first.program, first.subprograms, first.reference) == ("002", ["102"], "РБ (002.102)")
    assert spent(first, 2010) == Decimal("122888809")
    assert (second.line, second.program, second.subprograms) == (1414, "002", ["100", "101", "103"])
    assert spent(second, 2010) == Decimal("434667873")
    assert first.label == second.label == "Зейнетақы төлемдерінің мөлшерін арттыру"
    assert (first.direction, first.goal) == (4, "4.1")


def test_goal_total(plan: Plan) -> None:
    goal = next(a for a in plan.allocations if a.is_goal_total and a.goal == "4.1")
    assert (goal.line, goal.task, goal.program) == (1411, None, None)
    assert spent(goal, 2010) == Decimal("755010200")


def test_direction_from_the_code_where_the_heading_is_missing(plan: Plan) -> None:
    first = plan.allocations[0]  # goal 1.1: no "1-стратегиялық бағыт" row above it
    assert (first.direction, first.goal) == (1, "1.1")


def test_references_and_continuation_rows(plan: Plan) -> None:
    task_131 = rows(plan, "1.3.1")  # line 1395 and the "РБ (026)" ... rows below it
    assert [a.program for a in task_131] == ["014", "026", "031", "115"]
    (p003,) = [a for a in rows(plan, "4.1.4") if a.program == "003"]
    assert p003.subprograms == ["100", "101", "102"]  # "РБ (003.100,101,102)"
    (p013,) = rows(plan, "4.1.5")
    assert (p013.program, p013.reference) == ("013", "РБ(013)")
    (no_program,) = rows(plan, "2.2.1")  # line 1404: a task with no program and no amounts
    assert no_program.program is None and no_program.expenditure == []


def test_columns_dated_from_the_forms(plan: Plan) -> None:
    p014 = rows(plan, "1.3.1")[0].expenditure
    assert [(e.year, e.kind) for e in p014] == [
        (2008, ExpenditureKind.ACTUAL),
        (2009, ExpenditureKind.PLANNED),
        (2010, ExpenditureKind.PLANNED),
        (2011, ExpenditureKind.PLANNED),
        (2012, ExpenditureKind.PLANNED),
    ]
    assert all(e.inferred for e in p014)


def test_every_line_is_marked(bundled: ReadResult, seed_lines: list[str]) -> None:
    for no in range(1388, len(seed_lines) + 1):
        if seed_lines[no - 1].strip():
            assert bundled.report.notes[no].section == "allocation", no
    assert not [n for n in bundled.report.problems if n.section == "allocation"]


def test_header_years_are_read_when_present() -> None:
    lines = to_lines(
        "Қосымша\n\t\t\t2010 жыл\t2011 жыл\n"
        "1.1-мақсат\tМақсат\t\t5\t6\n1.1.1-міндет\tМіндет\tРБ (001)\t5\t6\nбірдеңе\n"
    )
    report = ReadingReport()
    result = parse_allocations(Section(SectionKind.ALLOCATION, lines[0], lines[1:]), report)
    assert [(e.year, e.value, e.inferred) for e in result[1].expenditure] == [
        (2010, Decimal("5"), False),
        (2011, Decimal("6"), False),
    ]
    assert [n.line for n in report.problems] == [5]
