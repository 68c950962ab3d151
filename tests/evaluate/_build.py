"""Small hand-built plans for the evaluation tests (no reader involved)."""

from __future__ import annotations

from decimal import Decimal

from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.periods import Period
from zhospar.model.plan import (
    ActRef,
    Deletion,
    Direction,
    Goal,
    Indicator,
    IndicatorSection,
    Milestone,
    Phase,
    Plan,
    Task,
    YearValue,
)

REPORTED = (2008, 2009)


def values(series: dict[int, str | None], line: int = 10) -> list[YearValue]:
    """Yearly cells; 2008-2009 are reported years, 2010-2014 planned (targets)."""
    return [
        YearValue(
            year=year,
            phase=Phase.REPORTED if year in REPORTED else Phase.PLANNED,
            value=Decimal(raw) if raw is not None else None,
            raw=raw if raw is not None else "-",
            line=line,
        )
        for year, raw in series.items()
    ]


def indicator(
    ident: str,
    name: str,
    unit: str | None,
    series: dict[int, str | None] | None = None,
    *,
    line: int = 10,
    breakdowns: list[Indicator] | None = None,
    breakdown: str | None = None,
    deleted_by: str | None = None,
    section: IndicatorSection = IndicatorSection.TASK,
) -> Indicator:
    deleted = Deletion(act=ActRef(number=deleted_by), line=line) if deleted_by else None
    return Indicator(
        id=ident,
        section=section,
        name=name,
        unit=unit,
        values=values(series or {}, line),
        breakdowns=breakdowns or [],
        breakdown=breakdown,
        deleted=deleted,
        line=line,
    )


def fact(
    indicator_id: str,
    period: str,
    value: str,
    *,
    region: str | None = None,
    breakdown: str | None = None,
    source: str | None = "test",
    row: int | None = None,
) -> ActualInput:
    return ActualInput(
        indicator_id=indicator_id,
        period=Period.parse(period),
        value=Decimal(value),
        region=region,
        breakdown=breakdown,
        source=source,
        origin=Origin(file="facts.csv", row=row) if row is not None else Origin(),
    )


def small_plan() -> Plan:
    """One direction, one goal with a target indicator (and two breakdown rows), one task with
    three indicators and a milestone."""
    unemployment = indicator(
        "G1.1-I1",
        "Жұмыссыздық деңгейі",
        "%-бен",
        {2008: "6.9", 2009: "8.0", 2010: "6.6", 2011: "6.4", 2012: "6.2", 2013: "6.0", 2014: "5.9"},
        line=217,
        section=IndicatorSection.TARGET,
        breakdowns=[
            indicator("G1.1-I1-b1", "әйелдер", None, {2012: "6.5"}, breakdown="әйелдер", line=220),
            indicator("G1.1-I1-b2", "жастар", None, {2012: "6.8"}, breakdown="жастар", line=221),
        ],
    )
    task = Task(
        id="T1.1.1",
        code="1.1.1",
        name="Жұмыспен қамтуға жәрдемдесу",
        indicators=[
            indicator("T1.1.1-I1", "Жұмысқа орналастырылғандар", "мың адам", {2012: "200"}),
            indicator("T1.1.1-I2", "Жіберілген адамдар", "мың адам", {2012: "100"}),
            indicator("T1.1.1-I3", "Құрылған жұмыс орындары", "бірлік", {2012: "40"}),
            indicator("T1.1.1-I4", "Алынып тасталды", None, {2012: "1"}, deleted_by="415"),
        ],
        milestones=[Milestone(id="T1.1.1-M1", name="Заң жобасы", due_years=[2011, 2012], line=30)],
        line=25,
    )
    goal = Goal(
        id="G1.1",
        code="1.1",
        name="Жұмысынан айрылу қатерінің алдын алу",
        target_indicators=[unemployment],
        tasks=[task],
        line=215,
    )
    direction = Direction(id="D1", number=1, name="Жұмыссыздық", goals=[goal], line=214)
    return Plan(
        title="Test plan",
        period_start=2010,
        period_end=2014,
        reported_years=[2008, 2009],
        directions=[direction],
    )


def plan_of(indicators: list[Indicator], milestones: list[Milestone] | None = None) -> Plan:
    """A plan of one task holding ``indicators`` and ``milestones`` (planned 2010-2014)."""
    task = Task(
        id="T1.1.1",
        code="1.1.1",
        name="Task",
        indicators=indicators,
        milestones=milestones or [],
        line=25,
    )
    goal = Goal(id="G1.1", code="1.1", name="Goal", tasks=[task], line=20)
    direction = Direction(id="D1", number=1, name="Direction", goals=[goal], line=10)
    return Plan(
        title="Test plan",
        period_start=2010,
        period_end=2014,
        reported_years=list(REPORTED),
        directions=[direction],
    )
