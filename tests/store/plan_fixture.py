"""A small plan typed in by hand from the bundled text, for storage tests.

It copies a few rows exactly as the published text prints them (line numbers of
src/zhospar/data/mlsp-strategic-plan-2010-2014.kk.txt), so that the store can be tested
independently of the readers:

* goal 1.1, indicator 1 "Жұмыссыздық деңгейі", %-бен (lines 216-221) with breakdowns әйелдер and
  жастар — a share;
* task 1.3.1, indicator 1, мың адам (line 250) — a count;
* goal 2.1 (lines 266-272): indicator 1 "Кәсіпорындардың үлесі" with breakdown а) (line 268)
  and ә) deleted by No. 415 (line 269); indicator 2 deleted by No. 415 (line 270); indicator 3
  deleted by No. 1417 (line 271); indicator 4, the competitiveness index position (line 272);
* goal 4.1, indicator 2 "МӘЖ орташа мөлшерінің өсу индексі", өткен жылға %-бен (lines 314-315);
* task 4.1.1, milestones 1-4, the 3rd deleted by No. 1417 (lines 317-320);
* budget program 002 "Зейнетақы бағдарламасы" and its money (line 629).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from tests._builders import indicator as ind
from tests._builders import values
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import (
    ActRef,
    BudgetProgram,
    Deletion,
    Direction,
    Expenditure,
    ExpenditureKind,
    Goal,
    Indicator,
    Milestone,
    Plan,
    ProgramType,
    SourceDocument,
    Task,
)
from zhospar.store import Database
from zhospar.store.schema import ActualRow

A2342 = ActRef(number="2342", date=dt.date(2009, 12, 31), line=5)
A415 = ActRef(number="415", date=dt.date(2010, 5, 14), line=211)
A1417 = ActRef(number="1417", date=dt.date(2010, 12, 27), line=211)
DELETED_415 = "Алынып тасталды - ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен."
DELETED_1417 = "Алынып тасталды - ҚР Үкіметінің 2010.12.27 № 1417 Қаулысымен."


def deleted(id_: str, line: int, act: ActRef, text: str, **kw: object) -> Indicator:
    return ind(id_, text, None, line, deleted=Deletion(act=act, line=line), **kw)


def _goal_1_1() -> Goal:
    unemployment = ind(
        "G1.1-I1",
        "Жұмыссыздық деңгейі",
        "%-бен",
        216,
        values=values(217, "6,9", "8,0", "6,6", "6,4", "6,2", "6,0", "5,9"),
        breakdowns=[
            ind("G1.1-I1-b1", "әйелдер", "%-бен", 220, breakdown="әйелдер",
                values=values(220, "7,9", "8,2", "7,1", "6,8", "6,5", "6,2", "6,1")),
            ind("G1.1-I1-b2", "жастар", "%-бен", 221, breakdown="жастар",
                values=values(221, "7,4", "8,5", "7,4", "7,1", "6,8", "6,6", "6,4")),
        ],
    )  # fmt: skip
    placed = ind(
        "T1.3.1-I1",
        "жұмысқа орналастырылған адамдардың саны",
        "мың адам",
        250,
        values=values(250, "197,6", "282,6", "224,1", "228,6", "230,3", "232,5", "234,0"),
    )
    task = Task(id="T1.3.1", code="1.3.1", name="Әлеуметтік қорғау", indicators=[placed], line=249)
    return Goal(id="G1.1", code="1.1", name="Жұмысынан айрылу қатерінің алдын алу",
                target_indicators=[unemployment], tasks=[task], line=216)  # fmt: skip


def _goal_2_1() -> Goal:
    share = ind(
        "G2.1-I1",
        "Кәсіпорындардың үлесі:",
        None,
        266,
        breakdowns=[
            ind("G2.1-I1-b1", "ұжымдық-шарттық қатынастар жүйесімен қамтылған,",
                "қызмет ететін ірі орта кәсіпорындардың санынан %", 267,
                values=values(268, "91,8", "90,0", "91,0", "92,0", "93,0", "94,0", "95,0")),
            deleted("G2.1-I1-b2", 269, A415, DELETED_415),
        ],
    )  # fmt: skip
    position = ind(
        "G2.1-I4",
        "Бәсекеге қабілеттіліктің мемлекеттік индексіндегі позиция «Қызметкер - жұмыс беруші "
        "қатынасындағы ынтымақтастық» 7.01-тармағы төмен емес",
        None,
        272,
        values=values(272, "63", "76", "70", "64", "58", "53", "48"),
    )
    return Goal(
        id="G2.1",
        code="2.1",
        name="Еңбек құқығының бұзылу қатерінің алдын алу",
        target_indicators=[
            share,
            deleted("G2.1-I2", 270, A415, DELETED_415),
            deleted("G2.1-I3", 271, A1417, DELETED_1417),
            position,
        ],
        line=266,
    )


def _goal_4_1() -> Goal:
    index = ind(
        "G4.1-I2",
        "МӘЖ орташа мөлшерінің өсу индексі",
        "өткен жылға %-бен",
        314,
        values=values(315, "121", "110,1", "109", "109", "109", "107,5", "107"),
    )
    milestones = [
        Milestone(id="T4.1.1-M1", name="Зейнетақы төлемдерінің мөлшерін арттырудың ұзақ мерзімді "
                  "стратегиясын әзірлеу", due_years=[2010], line=317),
        Milestone(id="T4.1.1-M2", name="Міндетті әлеуметтік сақтандыру параметрлерін жетілдіру",
                  due_years=[2010], line=318),
        Milestone(id="T4.1.1-M3", name=DELETED_1417, line=319,
                  deleted=Deletion(act=A1417, line=319)),
        Milestone(id="T4.1.1-M4", name="Нормативтік құқықтық актілерге өзгерістер мен "
                  "толықтырулар енгізу", due_years=[2010], line=320),
    ]  # fmt: skip
    task = Task(id="T4.1.1", code="4.1.1", name="Әлеуметтік заңнаманы жетілдіру",
                milestones=milestones, line=317)  # fmt: skip
    return Goal(id="G4.1", code="4.1", name="Зейнетақы төлемдері мөлшерінің барабарлығын "
                "қамтамасыз ету", target_indicators=[index], tasks=[task], line=312)  # fmt: skip


def _program_002() -> BudgetProgram:
    cells = [
        (2008, ExpenditureKind.APPROVED, "363 541 309"),
        (2008, ExpenditureKind.ACTUAL, "363 594 434"),
        (2009, ExpenditureKind.PLANNED, "454 231 109"),
        (2010, ExpenditureKind.PLANNED, "554 655 853"),
        (2011, ExpenditureKind.PLANNED, "724 962 585"),
        (2012, ExpenditureKind.PLANNED, "802 783 135"),
    ]
    money = [
        Expenditure(year=y, kind=k, value=Decimal(raw.replace(" ", "")), raw=raw, line=629)
        for y, k, raw in cells
    ]
    return BudgetProgram(id="P002", code="002", name="Зейнетақы бағдарламасы",
                         type=ProgramType.CURRENT, expenditure=money, line=629)  # fmt: skip


def make_small_plan(sha256: str = "0" * 64) -> Plan:
    return Plan(
        title="Small test plan",
        approved_by=A2342,
        amended_by=[A415, A1417],
        period_start=2010,
        period_end=2014,
        reported_years=[2008, 2009],
        directions=[
            Direction(id="D1", number=1, name="Жұмысынан айрылу", goals=[_goal_1_1()], line=213),
            Direction(id="D2", number=2, name="Еңбек құқығы", goals=[_goal_2_1()], line=263),
            Direction(id="D4", number=4, name="Қарттық", goals=[_goal_4_1()], line=300),
        ],
        budget_programs=[_program_002()],
        source=SourceDocument(name="small.txt", sha256=sha256, lines=1000),
    )


def one(indicator: str, period: str, value: str, **kw: object) -> ActualInput:
    return ActualInput(
        indicator_id=indicator,
        period=Period.parse(period),
        value=Decimal(value.replace(",", ".")),
        **kw,  # type: ignore[arg-type]
    )


def count(db: Database) -> int:
    with db.reading() as conn:
        return int(conn.scalar(select(func.count()).select_from(ActualRow)) or 0)
