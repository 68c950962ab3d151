"""Section 4: goals against the state's strategic goals; expectations typed from the text."""

from __future__ import annotations

import pytest

from zhospar.ingest import ReadResult
from zhospar.ingest._sections import Section, SectionKind, split_sections
from zhospar.ingest._text import SourceLine, to_lines
from zhospar.ingest.alignment import add_alignment_only_goals, parse_alignment
from zhospar.ingest.reader import bundled_plan_path
from zhospar.ingest.report import LineStatus, ReadingReport
from zhospar.model.plan import AlignmentRow, Direction, Goal, Plan


@pytest.fixture(scope="module")
def section() -> Section:
    lines = to_lines(bundled_plan_path().read_text(encoding="utf-8"))
    return next(s for s in split_sections(lines) if s.kind is SectionKind.ALIGNMENT)


@pytest.fixture(scope="module")
def parsed(section: Section) -> tuple[list[AlignmentRow], ReadingReport]:
    report = ReadingReport()
    return parse_alignment(section, report), report


@pytest.fixture(scope="module")
def rows(parsed: tuple[list[AlignmentRow], ReadingReport]) -> dict[str, AlignmentRow]:
    return {row.id: row for row in parsed[0]}


def test_rows_per_goal(parsed: tuple[list[AlignmentRow], ReadingReport]) -> None:
    counted: dict[str, int] = {}
    for row in parsed[0]:
        assert row.goal is not None
        counted[row.goal] = counted.get(row.goal, 0) + 1
    # One row per quote cell, counted by hand in lines 400-431.
    assert counted == {
        "1.1": 1,
        "1.2": 2,
        "1.3": 3,
        "2.1": 1,
        "2.2": 1,
        "3.1": 2,
        "3.2": 1,
        "4.1": 3,
        "4.2": 2,
        "5.1": 3,
    }


def test_goal_1_3_has_three_quotes(rows: dict[str, AlignmentRow]) -> None:
    got = [(rows[f"AG1.3-{n}"].line, rows[f"AG1.3-{n}"].direction) for n in (1, 2, 3)]
    assert got == [(405, 1), (406, 1), (407, 1)]
    first = rows["AG1.3-1"]
    assert first.goal_name == "Жұмыспен тиімді қамтуға жәрдемдесу"
    assert first.state_goal.startswith("« I V - бөлім . Ең пәрменді әлеуметтік саясат")
    assert rows["AG1.3-3"].source_document == (
        "Қазақстан Республикасының Президенті Н.Ә. Назарбаевтың 2009 жылғы 6 наурыздағы "
        "«Дағдарыстан жаңару мен дамуға» атты Қазақстан халқына Жолдауы"
    )


def test_second_row_of_goal_1_2(rows: dict[str, AlignmentRow]) -> None:
    row = rows["AG1.2-2"]
    assert (row.line, row.goal, row.goal_name) == (403, "1.2", "Еңбек ресурстарын дамыту")
    assert row.state_goal.startswith("«4.7.4. Индустриялық-инновациялық стратегияны")
    assert row.source_document is not None
    assert row.source_document.startswith("«Қазақстан Республикасының Индустриялық-инновациялық")


def test_goal_named_on_the_second_line_of_its_row(rows: dict[str, AlignmentRow]) -> None:
    # Line 414: "3.1-мақсат", no name, the quote's start; line 416: the name, the quote's end.
    row = rows["AG3.1-1"]
    assert (row.line, row.direction, row.direction_name) == (
        414,
        3,
        "Көші-кон процестерін басқару",
    )
    assert row.goal_name == "Басқарылмайтын көші-қон қатерін алдын алу"
    assert row.state_goal == (
        "« III бөлім . Тарихи атажұртына көшіп келу үшін оралмандарға бөлінетін жыл сайынғы "
        "квотаны 2009 жылы 5 мың отбасына дейін ұлғайтып, жылына 20 мың отбасына "
        "жеткізуіміз керек.»"
    )
    assert row.source_document == (
        "Қазақстан Республикасы Президентінің 2008 жылғы 6 ақпандағы «Қазақстан халқының "
        "әл-ауқатын арттыру - мемлекеттік саясаттың басты мақсаты» атты Қазақстан халқына "
        "Жолдауы"
    )
    assert rows["AG3.1-2"].goal_name == row.goal_name  # line 417 continues goal 3.1


def test_source_begun_above_the_goal_row(rows: dict[str, AlignmentRow]) -> None:
    # Line 409 holds only the start of the source that line 411 (goal 2.1) continues.
    row = rows["AG2.1-1"]
    assert row.line == 409
    assert row.source_document is not None
    assert row.source_document.startswith(
        "Қазақстан Республикасы Президентінің 2006 жылғы 1 наурыздағы «Қазақстанның "
        "әлемдегі бәсекеге барынша"
    )
    assert "<p>" not in row.state_goal and "</p>" not in row.state_goal


def test_quote_continued_on_the_goal_line(rows: dict[str, AlignmentRow]) -> None:
    # Line 424's quote ("... деген") goes on in line 426, where goal 4.2 is named.
    row = rows["AG4.2-1"]
    assert (row.line, row.goal) == (424, "4.2")
    assert row.goal_name == "Арнаулы әлеуметтік қызметтердің қол жетімділігін қамтамасыз ету"
    assert row.state_goal.startswith("«2.4. Жоғарыда айтқанымдай")
    assert "адамдарға деген камқорлығы болып табылады" in row.state_goal
    assert rows["AG4.2-2"].line == 427


def test_every_line_is_marked(
    section: Section, parsed: tuple[list[AlignmentRow], ReadingReport]
) -> None:
    report = parsed[1]
    assert report.problems == []
    assert section.heading is not None
    assert report.notes[section.heading.no].reason == "heading"
    assert [ln.no for ln in section.lines if not ln.is_blank and ln.no not in report.notes] == []
    header = next(ln for ln in section.lines if not ln.is_blank)
    assert report.notes[header.no].reason == "column header"


def _section(*texts: str) -> Section:
    lines = [SourceLine(i, t) for i, t in enumerate(texts, start=2)]
    return Section(SectionKind.ALIGNMENT, SourceLine(1, "4. ... сәйкестігі"), lines)


def test_another_plan_in_the_same_format() -> None:
    section = _section(
        "\tБағыт\tМақсат\tҚұжат",
        "2-стратегиялық бағыт. Білім",
        "2.1-мақсат\tСапа\t<p>«Бірінші»</p>\tБірінші құжат",
        "\t\t«Екінші\tЕкінші",
        "\t\tжалғасы»\tқұжат",
        "Ә-мақсат\t\t«Үшінші»\t",
    )
    report = ReadingReport()
    got = [
        (r.id, r.direction, r.goal_name, r.state_goal, r.source_document, r.line)
        for r in parse_alignment(section, report)
    ]
    assert got == [
        ("AG2.1-1", 2, "Сапа", "«Бірінші»", "Бірінші құжат", 4),
        ("AG2.1-2", 2, "Сапа", "«Екінші жалғасы»", "Екінші құжат", 5),
    ]
    assert [n.line for n in report.problems] == [7]
    assert report.status_of(6) is LineStatus.READ


def _plan(directions: list[Direction], alignment: list[AlignmentRow]) -> Plan:
    return Plan(
        title="t", period_start=2010, period_end=2014, directions=directions, alignment=alignment
    )


def _goal(code: str) -> Goal:
    return Goal(id=f"G{code}", code=code, name=f"goal {code}", line=1)


def test_goals_only_in_alignment_join_their_direction(
    parsed: tuple[list[AlignmentRow], ReadingReport],
) -> None:
    directions = [
        Direction(id=f"D{n}", number=n, name=f"d{n}", line=n, goals=goals)
        for n, goals in [
            (1, [_goal("1.1"), _goal("1.2"), _goal("1.3")]),
            (2, [_goal("2.1"), _goal("2.2")]),
            (3, []),
            (4, [_goal("4.1"), _goal("4.2")]),
            (5, [_goal("5.1")]),
        ]
    ]
    plan = _plan(directions, parsed[0])
    add_alignment_only_goals(plan)
    d3 = plan.directions[2]
    assert [(g.id, g.name, g.only_in_alignment, g.line) for g in d3.goals] == [
        ("G3.1", "Басқарылмайтын көші-қон қатерін алдын алу", True, 414),
        ("G3.2", "Халықтың көші-қонын реттеу тетігін жетілдіру", True, 418),
    ]
    assert [g.code for g in plan.directions[0].goals] == ["1.1", "1.2", "1.3"]
    assert not any(g.only_in_alignment for d in plan.directions if d.number != 3 for g in d.goals)


def test_a_missing_direction_is_added_in_order(
    parsed: tuple[list[AlignmentRow], ReadingReport],
) -> None:
    directions = [
        Direction(id=f"D{n}", number=n, name=f"d{n}", line=n, goals=[_goal(f"{n}.1")])
        for n in (1, 2, 4, 5)
    ]
    plan = _plan(directions, [r for r in parsed[0] if r.goal in {"3.1", "3.2", "1.1"}])
    add_alignment_only_goals(plan)
    assert [d.number for d in plan.directions] == [1, 2, 3, 4, 5]
    d3 = plan.directions[2]
    assert (d3.id, d3.name) == ("D3", "Көші-кон процестерін басқару")
    assert [g.code for g in d3.goals] == ["3.1", "3.2"]
    assert [g.code for g in plan.directions[0].goals] == ["1.1"]


def test_the_whole_read_has_goals_3_1_and_3_2(bundled: ReadResult) -> None:
    d3 = next(d for d in bundled.plan.directions if d.number == 3)
    extra = [(g.code, g.line) for g in d3.goals if g.only_in_alignment]
    assert extra == [("3.1", 414), ("3.2", 418)]
    assert len(bundled.plan.alignment) == 19
