"""The front matter: title, acts, period, prose sections; expectations typed from the text."""

from __future__ import annotations

import datetime as dt

import pytest

from zhospar._exceptions import PlanReadError
from zhospar.ingest import ReadResult
from zhospar.ingest._sections import Section, SectionKind, split_sections
from zhospar.ingest._text import SourceLine, to_lines
from zhospar.ingest.front import find_amendments, parse_act_refs, parse_front
from zhospar.ingest.reader import bundled_plan_path
from zhospar.ingest.report import LineStatus, ReadingReport
from zhospar.model.plan import Plan

TITLE = (
    "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігінің 2010 - 2014 "
    "жылдарға арналған стратегиялық жоспары"
)
OWN = (
    SectionKind.PREAMBLE,
    SectionKind.MISSION,
    SectionKind.VISION,
    SectionKind.ANALYSIS,
    SectionKind.FUNCTIONAL,
    SectionKind.ORG_STRUCTURE,
)


@pytest.fixture(scope="module")
def sections() -> list[Section]:
    return split_sections(to_lines(bundled_plan_path().read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def front(sections: list[Section]) -> tuple[Plan, ReadingReport]:
    report = ReadingReport(file="plan.txt")
    return parse_front(sections, report), report


def test_title_is_the_stamps_not_the_resolutions(front: tuple[Plan, ReadingReport]) -> None:
    plan, _ = front
    assert plan.title == TITLE  # line 38, not line 3's "... жоспарын бекіту туралы"
    assert plan.ministry == (
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі"
    )
    assert (plan.period_start, plan.period_end) == (2010, 2014)
    assert plan.reported_years == [2008, 2009]


def test_approving_resolution(front: tuple[Plan, ReadingReport]) -> None:
    act = front[0].approved_by
    assert act is not None
    assert (act.number, act.date, act.kind, act.line) == (
        "2342",
        dt.date(2009, 12, 31),
        "resolution",
        5,
    )


def test_amendments_once_each_in_date_order(front: tuple[Plan, ReadingReport]) -> None:
    acts = [(a.number, a.date, a.kind) for a in front[0].amended_by]
    assert acts == [
        ("415", dt.date(2010, 5, 14), "resolution"),
        ("1417", dt.date(2010, 12, 27), "resolution"),
    ]
    assert front[0].amended_by[0].line == 211  # the "Ескерту." note names both first


def test_mission_vision_and_prose(front: tuple[Plan, ReadingReport]) -> None:
    plan, _ = front
    assert plan.mission is not None
    assert plan.mission.startswith("Халықтың өмір сүру деңгейі мен сапасын арттыруға жәрдемдесу")
    assert plan.vision == (
        "Лайықты еңбектің ілгерілеуін және әлеуметтік қорғаудың конституциялық кепілдерінің "
        "іске асырылуын қамтамасыз етуші мемлекеттік орган."
    )
    assert plan.analysis is not None
    assert plan.analysis.startswith("2008 - 2009 жылдары әлеуметтік-экономикалық сала")
    assert plan.analysis.endswith("бесінші стратегиялық бағыты болып табылады.")
    # Lines 84-85 stand one under the other: same paragraph; lines 63 and 65: paragraphs.
    assert "- ұжымдық-шарттық қатынастарды дамыту;\n- еңбек қауіпсіздігі" in plan.analysis
    assert "дамып келеді.\n\n2009 жылғы 1 қаңтардағы" in plan.analysis
    assert plan.functional_capabilities is not None
    assert plan.functional_capabilities.startswith("Қазақстан Республикасы Президентінің")
    assert plan.functional_capabilities.endswith("тиімді пайдалануды қамтамасыз етеді.")


def test_prose_keeps_each_paragraph_with_its_lines(
    front: tuple[Plan, ReadingReport], seed_lines: list[str]
) -> None:
    sections = {s.kind: s for s in front[0].prose}
    assert list(sections) == ["mission", "vision", "analysis", "functional-capabilities"]
    mission = sections["mission"]
    assert (mission.heading, mission.line) == ("Миссиясы", 53)
    assert [(p.text, p.line, p.end_line) for p in mission.paragraphs] == [
        ("Халықтың өмір сүру деңгейі мен сапасын арттыруға жәрдемдесу.", 55, 55)
    ]
    analysis = sections["analysis"]
    assert (analysis.heading, analysis.line) == ("2. Ағымдағы ахуалды талдау", 61)
    assert seed_lines[60] == analysis.heading
    # lines 83-86 stand one under the other: one paragraph of four lines
    listed = next(p for p in analysis.paragraphs if p.line == 83)
    assert listed.end_line == 86 and listed.text.count("\n") == 3
    assert "\n\n".join(p.text for p in analysis.paragraphs) == front[0].analysis


def test_organisational_structure_keeps_names_drops_debris(
    front: tuple[Plan, ReadingReport],
) -> None:
    text = front[0].organisational_structure
    assert text is not None
    assert text.startswith("1-қосымша\nӘлеуметтік-еңбек саласын басқару жүйесі")
    # Lines 512-513 ("| ... бағдарламалар" / "| басқармалары") are one name.
    assert "Жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармалары" in text
    assert "2-қосымша\nҚазақстан Республикасы Еңбек және халықты әлеуметтік қорғау" in text
    assert "-----" not in text and "департа-" not in text and "|" not in text


@pytest.mark.parametrize(
    ("line", "status", "reason"),
    [
        (3, LineStatus.EXPLAINED, "title of the approving resolution"),
        (5, LineStatus.READ, ""),
        (24, LineStatus.EXPLAINED, "approval stamp (letter-spaced)"),  # "2 0 0 9"
        (32, LineStatus.EXPLAINED, "approval stamp (letter-spaced)"),  # "№ 2 3 4 2"
        (38, LineStatus.READ, ""),
        (40, LineStatus.EXPLAINED, "heading"),  # Мазмұны
        (47, LineStatus.EXPLAINED, "table of contents"),
        (53, LineStatus.EXPLAINED, "heading"),  # Миссиясы
        (55, LineStatus.READ, ""),
        (211, LineStatus.READ, ""),  # the amendment note
        (497, LineStatus.READ, ""),
        (502, LineStatus.EXPLAINED, "organisational chart fragment"),
        (515, LineStatus.EXPLAINED, "heading"),  # 2-қосымша
        (529, LineStatus.EXPLAINED, "organisational chart fragment"),
    ],
)
def test_lines_are_marked(
    front: tuple[Plan, ReadingReport], line: int, status: LineStatus, reason: str
) -> None:
    note = front[1].notes[line]
    assert (note.status, note.reason) == (status, reason)


def test_every_line_of_the_front_sections_is_accounted_for(
    sections: list[Section], front: tuple[Plan, ReadingReport]
) -> None:
    report = front[1]
    lines = [
        line
        for s in sections
        if s.kind in OWN
        for line in ([s.heading] if s.heading else []) + s.lines
        if not line.is_blank
    ]
    assert len(lines) > 150
    assert [ln.no for ln in lines if report.status_of(ln.no) is None] == []
    assert report.problems == []


def test_the_whole_read_carries_the_front(bundled: ReadResult) -> None:
    assert bundled.plan.title == TITLE
    assert [a.number for a in bundled.plan.amended_by] == ["415", "1417"]


def test_act_refs_in_both_date_styles() -> None:
    refs = parse_act_refs(
        "Ескерту. ... ҚР Үкіметінің 2010.05.14 № 415, 2010.12.27 N 1417 Қаулыларымен.", 7
    )
    assert [(r.number, r.date, r.line) for r in refs] == [
        ("415", dt.date(2010, 5, 14), 7),
        ("1417", dt.date(2010, 12, 27), 7),
    ]
    (decree,) = parse_act_refs("Президентінің 2007 жылғы 28 тамыздағы № 399 Жарлығы")
    assert (decree.number, decree.date, decree.kind) == ("399", dt.date(2007, 8, 28), "decree")
    (odd,) = parse_act_refs("14.05.2010 № 415 қаулысымен")
    assert odd.date == dt.date(2010, 5, 14)
    (bad,) = parse_act_refs("2010.13.40 № 9")  # not a date: the number is kept, the date is not
    assert (bad.number, bad.date) == ("9", None)


def test_amendments_are_deduplicated_and_sorted() -> None:
    lines = [
        SourceLine(1, "\t3. Алынып тасталды - ҚР Үкіметінің 2011.01.02 № 7 Қаулысымен."),
        SourceLine(2, "Ескерту. Өзгерту енгізілді - ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен."),
        SourceLine(3, "\tә) Алынып тасталды - ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен."),
        SourceLine(4, "Заңы 2009.05.05 № 20 туралы"),  # not an amendment note
    ]
    report = ReadingReport()
    acts = find_amendments(lines, report)
    assert [(a.number, a.line) for a in acts] == [("415", 2), ("7", 1)]
    # Only the note is the front's to mark; deleted table rows belong to their table.
    assert report.status_of(2) is LineStatus.READ
    assert report.status_of(1) is None and report.status_of(3) is None


def test_a_plan_without_a_title_is_refused() -> None:
    lines = to_lines("Бір нәрсе\n\nМиссиясы\n\nМәтін.\n")
    with pytest.raises(PlanReadError, match=r"^x\.txt: no plan title"):
        parse_front(split_sections(lines), ReadingReport(file="x.txt"))


def test_title_falls_back_to_the_resolution() -> None:
    text = (
        "Қазақстан Республикасы Білім министрлігінің 2011 - 2015 жылдарға арналған "
        "стратегиялық жоспарын бекіту туралы\n\nМиссиясы\n\nМәтін.\n"
    )
    plan = parse_front(split_sections(to_lines(text)), ReadingReport())
    assert plan.title.endswith("2011 - 2015 жылдарға арналған стратегиялық жоспары")
    assert plan.ministry == "Қазақстан Республикасы Білім министрлігі"
    assert (plan.period_start, plan.period_end, plan.reported_years) == (
        2011,
        2015,
        [2009, 2010],
    )
    assert plan.approved_by is None
