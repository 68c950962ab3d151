"""Check 4: breakdown rows vs their parent, only where they should add up."""

from __future__ import annotations

from decimal import Decimal

from tests.audit._plans import plan
from zhospar.audit import FindingKind, Severity, audit_plan
from zhospar.model.plan import (
    ActRef,
    Deletion,
    Direction,
    FormSection,
    Goal,
    Indicator,
    IndicatorSection,
    Phase,
    Plan,
    ProgramForm,
    YearValue,
)

PARTS = [FindingKind.BREAKDOWN]
YEARS = [2008, 2009, 2010, 2011, 2012, 2013, 2014]


def values(line: int, *cells: int | str | None) -> list[YearValue]:
    return [
        YearValue(
            year=year,
            phase=Phase.REPORTED if year < 2010 else Phase.PLANNED,
            value=Decimal(c) if isinstance(c, int | str) and c != "-" else None,
            raw=str(c) if c is not None else "",
            line=line,
        )
        for year, c in zip(YEARS, cells, strict=False)
    ]


def indicator(
    ind_id: str,
    line: int,
    name: str,
    unit: str | None,
    *cells: int | str | None,
    label: str | None = None,
    section: IndicatorSection = IndicatorSection.TARGET,
) -> Indicator:
    return Indicator(
        id=ind_id,
        section=section,
        name=name,
        unit=unit,
        breakdown=label,
        values=values(line, *cells),
        line=line,
    )


def goal_plan(parent: Indicator, *rows: Indicator) -> Plan:
    parent.breakdowns = list(rows)
    goal = Goal(id="G4.2", code="4.2", name="goal", target_indicators=[parent], line=parent.line)
    return plan(directions=[Direction(id="D4", number=4, name="d", goals=[goal], line=310)])


def goal_4_2(elderly_2011: int) -> Plan:
    # Lines 344-347: "Арнаулы әлеуметтік қызметтермен қамту адам, оның ішінде:" and its rows
    # children / people with disabilities / the elderly; the elderly print "-" for 2010.
    return goal_plan(
        indicator(
            "G4.2-I1",
            344,
            "Арнаулы әлеуметтік қызметтермен қамту",
            "адам",
            18784,
            19990,
            15215,
            22573,
            22780,
            23295,
            23515,
        ),
        indicator(
            "G4.2-I1-b1",
            345,
            "балалар",
            "адам",
            2886,
            3770,
            4796,
            5224,
            5306,
            5396,
            5486,
            label="балалар",
        ),
        indicator(
            "G4.2-I1-b2",
            346,
            "мүмкіндігі шектеулі адамдар",
            "адам",
            9311,
            9410,
            10419,
            10454,
            10499,
            10839,
            10889,
            label="мүмкіндігі шектеулі адамдар",
        ),
        indicator(
            "G4.2-I1-b3",
            347,
            "қарт адамдар",
            "адам",
            6587,
            6810,
            "-",
            elderly_2011,
            6975,
            7060,
            7140,
            label="қарт адамдар",
        ),
    )


def test_goal_4_2_adds_up_in_every_year_it_can_be_checked() -> None:
    # By hand: 2886 + 9311 + 6587 = 18784; 3770 + 9410 + 6810 = 19990; 2010: 4796 + 10419 =
    # 15215 with the elderly blank; 5224 + 10454 + 6895 = 22573; 5306 + 10499 + 6975 = 22780;
    # 5396 + 10839 + 7060 = 23295; 5486 + 10889 + 7140 = 23515.
    result = audit_plan(goal_4_2(6895), kinds=PARTS)
    assert result.findings == []
    assert result.skipped == []  # checked, not skipped


def test_goal_4_2_with_one_row_changed_is_found() -> None:
    (found,) = audit_plan(goal_4_2(6900), kinds=PARTS).findings
    assert found.id == "F-breakdown-G4.2-I1-2011"
    assert found.a.section == "goal 4.2 target indicators"
    assert (found.a.line, found.a.value) == (344, Decimal(22573))
    assert (found.b.value, found.b.lines) == (Decimal(22578), (345, 346, 347))
    assert found.difference == Decimal(5)
    assert found.severity is Severity.MEDIUM


def _form_plan(parent: Indicator, *rows: Indicator) -> Plan:
    parent.breakdowns = list(rows)
    section = FormSection(indicators=[parent], line=parent.line)
    form = ProgramForm(id="P003", code="003", name="x", sections=[section], line=791, end_line=816)
    return plan(program_forms=[form])


def test_program_003_recipients_off_by_19_in_2009() -> None:
    # Lines 800-803: 638 979 = 414 534 + 210 486 + 13 959 in 2008 (adds up), but for 2009
    # 432 249 + 206 310 + 15 985 = 654 544 against 654 563 (by hand: 19 short).
    p = _form_plan(
        indicator(
            "P003-Q1",
            800,
            "Мемәлеуметтік жәрдемақы алушылардың жылдық орташа саны:",
            "адам",
            638979,
            654563,
            section=IndicatorSection.PROGRAM,
        ),
        indicator(
            "P003-Q1-b1",
            801,
            "мүгедектігі бойынша",
            None,
            414534,
            432249,
            section=IndicatorSection.PROGRAM,
        ),
        indicator(
            "P003-Q1-b2",
            802,
            "асыраушысынан айрылу бойынша",
            None,
            210486,
            206310,
            section=IndicatorSection.PROGRAM,
        ),
        indicator(
            "P003-Q1-b3",
            803,
            "жасына байланысты",
            None,
            13959,
            15985,
            section=IndicatorSection.PROGRAM,
        ),
    )
    (found,) = audit_plan(p, kinds=PARTS).findings
    assert found.id == "F-breakdown-P003-Q1-2009"
    assert found.a.section == "form of program 003"
    assert found.difference == Decimal(-19)


def test_rates_are_never_added_up() -> None:
    p = goal_plan(
        indicator("G1.1-I1", 216, "Жұмыссыздық деңгейі", "%", "6.9", "8.0"),
        indicator("G1.1-I1-b1", 220, "x", "%", "7.9", "8.2"),
        indicator("G1.1-I1-b2", 221, "y", "%", "7.4", "8.5"),
    )
    result = audit_plan(p, kinds=PARTS)
    assert result.findings == []
    assert "not a count" in result.skipped[0].reason


def test_women_and_youth_overlap_and_are_not_added_up() -> None:
    p = goal_plan(
        indicator("T1.3.1-I1", 250, "өтініш бергендер", "мың адам", "197.6"),
        indicator("T1.3.1-I1-b1", 252, "әйелдер", None, "100.6", label="әйелдер"),
        indicator("T1.3.1-I1-b2", 253, "жастар", None, "59.5", label="жастар"),
    )
    result = audit_plan(p, kinds=PARTS)
    assert result.findings == []
    assert "cut across" in result.skipped[0].reason


def test_pensioners_are_not_mistaken_for_men() -> None:
    # "зейнеткерлерді" holds the letters of "ерлер" (men) but is a whole other word.
    p = goal_plan(
        indicator("P005-Q1", 851, "Алушылардың орташа жылдық саны:", None, 96046, 101486),
        indicator("P005-Q1-b1", 853, "зейнеткерлерді жерлеуге", "адам", 79245, 85306),
        indicator("P005-Q1-b2", 854, "алушыларын жерлеуге", None, 16801, 16181),
    )
    (found,) = audit_plan(p, kinds=PARTS).findings  # 85 306 + 16 181 = 101 487 (by hand)
    assert (found.year, found.difference, found.severity) == (2009, Decimal(1), Severity.LOW)


def test_rows_that_never_add_up_are_a_partial_list_and_not_checked() -> None:
    p = goal_plan(
        indicator("T9-I1", 10, "саны", "адам", 100, 100),
        indicator("T9-I1-b1", 11, "a", "адам", 30, 40),
        indicator("T9-I1-b2", 12, "b", "адам", 30, 40),
    )
    result = audit_plan(p, kinds=PARTS)
    assert result.findings == []
    assert "partial" in result.skipped[0].reason


def test_with_a_row_missing_only_a_sum_above_the_parent_is_reported() -> None:
    p = goal_plan(
        indicator("T9-I1", 10, "саны", "адам", 100, 100, 100),
        indicator("T9-I1-b1", 11, "a", "адам", 60, 60, 60),
        indicator("T9-I1-b2", 12, "b", "адам", 40, "-", "-"),
        indicator("T9-I1-b3", 13, "c", "адам", 0, 30, 50),
    )
    # 2009: 60 + 30 = 90 with b unknown: proves nothing; 2010: 60 + 50 = 110 > 100.
    (found,) = audit_plan(p, kinds=PARTS).findings
    assert (found.year, found.b.value) == (2010, Decimal(110))
    assert "b" in found.note


def test_a_deleted_breakdown_is_left_out_and_may_explain_the_gap() -> None:
    act = ActRef(number="415", line=269)
    deleted = indicator("G2.1-I1-b2", 269, "Алынып тасталды", "бірлік")
    deleted.deleted = Deletion(act=act, line=269)
    p = goal_plan(
        indicator("G2.1-I1", 266, "кәсіпорындар саны", "бірлік", 10, 12),
        indicator("G2.1-I1-b1", 268, "a", "бірлік", 6, 7),
        indicator("G2.1-I1-b3", 270, "c", "бірлік", 4, 4),
        deleted,
    )
    (found,) = audit_plan(p, kinds=PARTS).findings
    assert found.year == 2009 and found.difference == Decimal(-1)
    assert found.explanation_text == "possibly explained by No. 415"
    assert "deleted" in found.note
