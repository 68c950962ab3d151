"""A small plan built by hand, holding one of every element and some awkward text.

The expectations of the export tests are worked out from this plan by hand, so they do not depend
on the readers. Text that a spreadsheet would run as a formula is planted on purpose.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhospar.model.plan import (
    ActRef,
    AlignmentRow,
    Allocation,
    BudgetProgram,
    Deletion,
    Direction,
    Expenditure,
    ExpenditureKind,
    FormSection,
    Gap,
    Goal,
    Indicator,
    IndicatorSection,
    LegalAct,
    Milestone,
    Phase,
    Plan,
    PlanTotal,
    ProgramForm,
    ProgramIndicatorKind,
    ProgramType,
    Risk,
    Task,
    YearValue,
)

ACT_415 = ActRef(number="415", date=dt.date(2010, 5, 14), line=3)


def _v(year: int, value: str | None, line: int, raw: str | None = None) -> YearValue:
    phase = Phase.REPORTED if year < 2010 else Phase.PLANNED
    number = Decimal(value) if value is not None else None
    return YearValue(year=year, phase=phase, value=number, raw=raw or value or "-", line=line)


def _spent(year: int, value: str, line: int) -> Expenditure:
    kind = ExpenditureKind.ACTUAL if year < 2010 else ExpenditureKind.PLANNED
    return Expenditure(year=year, kind=kind, value=Decimal(value), raw=value, line=line)


def _target() -> Indicator:
    women = Indicator(
        id="G1.1-I1-b1",
        section=IndicatorSection.TARGET,
        name="әйелдер",
        breakdown="әйелдер",
        values=[_v(2009, "8.2", 14), _v(2010, "-0.5", 14)],
        line=14,
    )
    return Indicator(
        id="G1.1-I1",
        section=IndicatorSection.TARGET,
        number="1.",
        name="Жұмыссыздық деңгейі",
        unit="%-бен",
        values=[_v(2009, "8.0", 13), _v(2010, "6.2", 13), _v(2011, None, 13, raw="-")],
        breakdowns=[women],
        line=12,
    )


def _task() -> Task:
    planted = Indicator(
        id="T1.1.1-I1",
        section=IndicatorSection.TASK,
        name="=1+1",  # planted: must stay text in every export
        unit="@бірлік",
        values=[_v(2010, "557556682", 20)],
        line=20,
    )
    deleted = Indicator(
        id="T1.1.1-I2",
        section=IndicatorSection.TASK,
        name="Алынып тасталды",
        deleted=Deletion(act=ACT_415, line=21),
        line=21,
    )
    milestone = Milestone(
        id="T1.1.1-M1", name="Заң жобасын әзірлеу", due_years=[2011, 2012], line=22
    )
    return Task(
        id="T1.1.1",
        code="1.1.1",
        name="Заңнаманы жетілдіру",
        co_executors=["ЭБЖМ"],
        indicators=[planted, deleted],
        milestones=[milestone],
        line=19,
    )


def _form() -> ProgramForm:
    efficiency = Indicator(
        id="P002-E1",
        section=IndicatorSection.PROGRAM,
        kind=ProgramIndicatorKind.EFFICIENCY,
        name="-орташа мөлшері",
        unit="теңге",
        values=[_v(2009, "5487", 40), _v(2010, "5981", 40)],
        line=40,
    )
    section = FormSection(
        directions=[1], goals=["1.1"], tasks=["1.1.1"], indicators=[efficiency], line=35
    )
    return ProgramForm(
        id="P002",
        code="002",
        administrator="Министрлік",
        name="Зейнетақы бағдарламасы",
        sections=[section],
        expenditure=[_spent(2009, "454231109", 41), _spent(2010, "557556682", 41)],
        line=30,
        end_line=42,
    )


def hand_plan() -> Plan:
    """The hand-built plan: period 2010-2014, reported years 2008 and 2009."""
    goal = Goal(
        id="G1.1",
        code="1.1",
        name="Жұмыссыздықтың алдын алу",
        target_indicators=[_target()],
        tasks=[_task()],
        line=11,
    )
    direction = Direction(
        id="D1", number=1, name="Жұмысынан айрылу қатерін басқару", goals=[goal], line=10
    )
    program = BudgetProgram(
        id="P002",
        code="002",
        name="Зейнетақы бағдарламасы",
        type=ProgramType.CURRENT,
        expenditure=[_spent(2010, "554655853", 50)],
        line=50,
    )
    return Plan(
        title="Тест жоспары",
        approved_by=ActRef(number="2342", date=dt.date(2009, 12, 31), line=1),
        amended_by=[ACT_415],
        period_start=2010,
        period_end=2014,
        reported_years=[2008, 2009],
        directions=[direction],
        alignment=[
            AlignmentRow(
                id="AG1.1-1", direction=1, goal="1.1", state_goal="+ мемлекеттік мақсат", line=25
            )
        ],
        risks=[
            Risk(
                id="R1",
                number=1,
                risks=["қатер"],
                consequences=["салдар"],
                measures=["шара"],
                line=26,
                end_line=27,
            )
        ],
        legal_acts=[LegalAct(id="L1", number=1, title="Еңбек кодексі", line=28, end_line=28)],
        budget_programs=[program],
        program_forms=[_form()],
        allocations=[
            Allocation(
                id="X1",
                direction=1,
                goal="1.1",
                program="002",
                expenditure=[_spent(2010, "100", 60)],
                line=60,
            )
        ],
        totals=[
            PlanTotal(
                id="S1",
                label="Шығыстардың барлығы",
                expenditure=[_spent(2010, "557556782", 51)],
                line=51,
            )
        ],
        gaps=[Gap(where="direction 3", what="target indicators table", line=None)],
    )
