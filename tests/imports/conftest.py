"""A small hand-built plan, so that resolving and checking are tested apart from the reader.

Names, units and values are copied from the published text (line numbers in the comments); goal
1.3 holds two indicators whose names start alike (in the text they stand at lines 238 and 247),
to test ambiguity.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests._builders import indicator, values
from zhospar.model.plan import (
    ActRef,
    BudgetProgram,
    Deletion,
    Direction,
    Expenditure,
    ExpenditureKind,
    FormSection,
    Goal,
    Plan,
    ProgramForm,
    ProgramIndicatorKind,
    ProgramType,
    Task,
)


def build_small_plan() -> Plan:
    unemployment = indicator(
        "G1.1-I1", "Жұмыссыздық деңгейі", "%-бен", 216, number="1.",
        values=values(217, "6,9", "8,0", "6,6", "6,4", "6,2", "6,0", "5,9"),
        breakdowns=[
            indicator("G1.1-I1-b1", "әйелдер", "%-бен", 221, breakdown="әйелдер",
                      values=values(221, "7,9", "8,2", "7,1", "6,8", "6,5", "6,2", "6,1")),
            indicator("G1.1-I1-b2", "жастар", "%-бен", 222, breakdown="жастар",
                      values=values(222, "7,4", "8,5", "7,4", "7,1", "6,8", "6,6", "6,4")),
        ],
    )  # fmt: skip
    goal_11 = Goal(
        id="G1.1",
        code="1.1",
        name="Жұмысынан айрылу қатерінің алдын алу",
        target_indicators=[unemployment],
        line=214,
    )
    goal_13 = Goal(
        id="G1.3", code="1.3", name="Жұмыспен тиімді қамтуға жәрдемдесу", line=237,
        target_indicators=[
            indicator("G1.3-I1", "ЖАО-ға жұмыспен қамту үшін өтініш бергендердің ішінен жұмысқа "
                      "орналастырылғандардың үлесі,", "%-бен", 238, number="1."),
            indicator("G1.3-I2", "ЖАО-ға жұмыспен қамту үшін өтініш бергендердің қатарынан "
                      "жұмысқа орналастырылғандардың саны", "мың адам", 247, number="2."),
        ],
    )  # fmt: skip
    task_412 = Task(
        id="T4.1.2", code="4.1.2", name="Зейнетақы төлемдерінің мөлшерін арттыру", line=321,
        indicators=[
            indicator("T4.1.2-I1", "Базалық зейнетақы төлемдерінің мөлшері,", "ЕТҚД шамасына %",
                      321, number="1.",
                      values=values(322, "40", "40", "40", "50", "50", "50", "50")),
            indicator("T4.1.2-I2", "Орталықтан берілетін зейнетақы төлемдерінің орташа мөлшері "
                      "(ынтымақты зейнетақылар)", "% өткен жылға", 323, number="2."),
            indicator("T4.1.2-I3", "ЖЗҚ берілетін зейнетақы төлемдерінің орташа мөлшері "
                      "(жинақтаушы зейнетақылар),", "% өткен жылға", 325, number="3."),
        ],
    )  # fmt: skip
    task_411 = Task(
        id="T4.1.1", code="4.1.1", name="Әлеуметтік заңнаманы жетілдіру", line=317,
        indicators=[
            indicator("T4.1.1-I3", "Алынып тасталды", None, 319, number="3.",
                      deleted=Deletion(act=ActRef(number="1417"), line=319)),
        ],
    )  # fmt: skip
    goal_41 = Goal(
        id="G4.1", code="4.1", name="Әлеуметтік қамсыздандыру", line=310, tasks=[task_411, task_412]
    )
    goal_51 = Goal(
        id="G5.1", code="5.1", name="Кедейлік деңгейін төмендетуге жәрдемдесу", line=371,
        target_indicators=[
            indicator("G5.1-I1", "Табысы ең төмен күнкөріс деңгейінен төмен халықтың үлесі,", "%",
                      371, number="1.",
                      values=values(372, "12,1", "13,2", "12,3", "11,5", "15,6", "13,2", "12,5")),
        ],
    )  # fmt: skip
    form = ProgramForm(
        id="P002", code="002", name="Зейнетақы бағдарламасы", line=770, end_line=790,
        sections=[FormSection(line=782, indicators=[
            indicator("P002-E1", "Базалық зейнетақы төлемінің орташа мөлшері", "теңге", 782,
                      kind=ProgramIndicatorKind.EFFICIENCY),
        ])],
    )  # fmt: skip
    program = BudgetProgram(
        id="P002", code="002", name="Зейнетақы бағдарламасы", type=ProgramType.CURRENT, line=618,
        expenditure=[Expenditure(year=2010, kind=ExpenditureKind.PLANNED,
                                 value=Decimal("454231109"), raw="454 231 109", line=618)],
    )  # fmt: skip
    return Plan(
        title="Hand-built plan for import tests",
        period_start=2010,
        period_end=2014,
        reported_years=[2008, 2009],
        directions=[
            Direction(id="D1", number=1, name="Жұмыс", goals=[goal_11, goal_13], line=212),
            Direction(id="D4", number=4, name="Зейнетақы", goals=[goal_41], line=300),
            Direction(id="D5", number=5, name="Кедейлік", goals=[goal_51], line=367),
        ],
        budget_programs=[program],
        program_forms=[form],
    )


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    return build_small_plan()


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write text (or bytes) to a file in the test's folder and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding, newline="")
        return path

    return _write
