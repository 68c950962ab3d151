"""The strategic directions tables: goals, target indicators, tasks, indicators, milestones.

Expected values are typed from the bundled text (line numbers as in the file), not from the
reader's output.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal

import pytest

from zhospar.ingest import LineStatus, ReadingReport, ReadResult, read_plan_text
from zhospar.ingest._sections import Section, SectionKind
from zhospar.ingest._text import SourceLine
from zhospar.ingest.directions import parse_directions
from zhospar.ingest.reader import bundled_plan_path
from zhospar.model.plan import Direction, Goal, Indicator, Phase, Task

REPORTED, PLANNED = Phase.REPORTED, Phase.PLANNED
YEARS = list(range(2008, 2015))
PHASES = [REPORTED, REPORTED, PLANNED, PLANNED, PLANNED, PLANNED, PLANNED]
LISTING_LINES = range(195, 209)  # "3. Қызметінің стратегиялық бағыттары" and its list
TABLE_LINES = range(209, 397)  # from the section's heading to the alignment section


def dec(*raw: str | None) -> list[Decimal | None]:
    return [None if r is None else Decimal(r.replace(",", ".")) for r in raw]


def goals(result: ReadResult) -> dict[str, Goal]:
    return {g.code: g for d in result.plan.directions for g in d.goals}


def tasks(result: ReadResult) -> dict[str, Task]:
    return {t.code: t for g in goals(result).values() for t in g.tasks}


def all_indicators(result: ReadResult) -> dict[str, Indicator]:
    def walk(items: list[Indicator]) -> Iterator[Indicator]:
        for item in items:
            yield item
            yield from walk(item.breakdowns)

    found: dict[str, Indicator] = {}
    for goal in goals(result).values():
        found.update((i.id, i) for i in walk(goal.target_indicators))
        for task in goal.tasks:
            found.update((i.id, i) for i in walk(task.indicators))
    return found


def all_ids(directions: list[Direction]) -> list[str]:
    ids: list[str] = []

    def walk(items: list[Indicator]) -> None:
        for item in items:
            ids.append(item.id)
            walk(item.breakdowns)

    for direction in directions:
        ids.append(direction.id)
        for goal in direction.goals:
            ids.append(goal.id)
            walk(goal.target_indicators)
            for task in goal.tasks:
                ids.append(task.id)
                walk(task.indicators)
                ids.extend(m.id for m in task.milestones)
    return ids


# -- the bundled plan ----------------------------------------------------------------------
def test_unemployment_rate_with_phases_and_line(bundled: ReadResult) -> None:
    rate = all_indicators(bundled)["G1.1-I1"]
    assert rate.name == "Жұмыссыздық деңгейі"
    assert rate.unit == "%-бен"
    assert rate.line == 216
    assert [v.year for v in rate.values] == YEARS
    assert [v.phase for v in rate.values] == PHASES
    assert [v.value for v in rate.values] == dec("6,9", "8,0", "6,6", "6,4", "6,2", "6,0", "5,9")
    assert {v.line for v in rate.values} == {217}
    assert rate.values[0].raw == "6,9"


def test_women_and_youth_breakdowns(bundled: ReadResult) -> None:
    women, youth = all_indicators(bundled)["G1.1-I1"].breakdowns
    assert (women.id, women.breakdown, women.line) == ("G1.1-I1-b1", "әйелдер", 220)
    assert [v.value for v in women.values] == dec("7,9", "8,2", "7,1", "6,8", "6,5", "6,2", "6,1")
    assert (youth.id, youth.breakdown, youth.line) == ("G1.1-I1-b2", "жастар", 221)
    assert [v.value for v in youth.values] == dec("7,4", "8,5", "7,4", "7,1", "6,8", "6,6", "6,4")
    assert women.unit == youth.unit == "%-бен"  # measured in the parent's unit


def test_goal_name_merged_with_the_women_row_is_separated(bundled: ReadResult) -> None:
    # Line 220 reads "Жұмысынан айрылу (әйелдер жұмысының болмауы) қатерінің алдын алу | 7,9 ...":
    # goal 1.1's name cell (empty on its code row, line 216) merged with the women row.
    goal = goals(bundled)["1.1"]
    assert goal.name == "Жұмысынан айрылу (жұмысының болмауы) қатерінің алдын алу"
    assert goal.line == 216
    note = bundled.report.notes[220]
    assert note.status is LineStatus.EXPLAINED
    assert "goal 1.1" in note.reason


def test_goal_codes(bundled: ReadResult) -> None:
    codes = [g.code for d in bundled.plan.directions for g in d.goals if not g.only_in_alignment]
    assert codes == ["1.1", "1.2", "1.3", "2.1", "2.2", "4.1", "4.2", "5.1"]


def test_task_codes(bundled: ReadResult) -> None:
    assert list(tasks(bundled)) == [
        *["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2", "1.2.3", "1.3.1"],
        *["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.2.1", "2.2.2", "2.2.3", "2.2.4"],
        *["4.1.1", "4.1.2", "4.1.3", "4.1.4", "4.1.5", "4.2.1", "4.2.2", "4.2.3"],
        *["5.1.1", "5.1.2", "5.1.3", "5.1.4"],
    ]
    assert tasks(bundled)["5.1.4"].name == (
        "Халықты әлеуметтік қолдау мәселелері жөнінде халықтың хабардарлығын арттыру"
    )


def test_directions_names_and_the_missing_table_of_direction_3(bundled: ReadResult) -> None:
    directions = {d.number: d for d in bundled.plan.directions}
    assert sorted(directions) == [1, 2, 3, 4, 5]
    assert directions[1].name == "Жұмысынан айрылу (жұмысының болмауы) қатерін басқару"
    assert directions[1].line == 213
    # Direction 4 has goals but no heading row: its name comes from the list (line 205).
    assert directions[4].name == (
        "Қарттықтың, асыраушысынан айрылу, мүгедектіктің басталуы салдарынан туындайтын "
        "қатерді басқару"
    )
    assert directions[4].line == 205
    assert [g.code for g in directions[4].goals] == ["4.1", "4.2"]
    gaps = [g for g in bundled.plan.gaps if g.where == "direction 3"]
    assert len(gaps) == 1
    assert gaps[0].what == "table of goals, target indicators and tasks"
    assert gaps[0].line == 203
    assert directions[3].name == "Көші-қон процестерін басқару"


def test_direction_3_gets_no_goals_from_this_section() -> None:
    text = bundled_plan_path().read_text(encoding="utf-8")
    lines = [SourceLine(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    table = Section(SectionKind.DIRECTIONS, lines[208], lines[209:396])
    listing = Section(SectionKind.DIRECTIONS_LIST, lines[194], lines[195:208])
    directions, gaps = parse_directions(table, ReadingReport(), listing)
    assert directions[2].number == 3
    assert directions[2].goals == []
    assert [g.where for g in gaps] == ["task 2.2.4", "direction 3"]  # 2.2.4's row has no name


def test_deleted_indicators_of_goal_2_1(bundled: ReadResult) -> None:
    found = all_indicators(bundled)
    first, second, third, fourth = goals(bundled)["2.1"].target_indicators
    assert first.name == "Кәсіпорындардың үлесі"
    deleted_sub = found["G2.1-I1-b2"]
    assert deleted_sub.number == "ә)"
    assert deleted_sub.deleted is not None and deleted_sub.deleted.line == 269
    assert deleted_sub.deleted.act.number == "415"
    for indicator, number, act, date, line in [
        (second, "2.", "415", dt.date(2010, 5, 14), 270),
        (third, "3.", "1417", dt.date(2010, 12, 27), 271),
    ]:
        assert indicator.number == number
        assert indicator.deleted is not None
        assert (indicator.deleted.act.number, indicator.deleted.act.date) == (act, date)
        assert indicator.deleted.line == line
        assert indicator.values == []
        assert "Бәсекеге" not in indicator.name  # the text is gone; nothing invented
    assert (fourth.id, fourth.number, fourth.unit) == ("G2.1-I4", "4.", None)
    assert [v.value for v in fourth.values] == dec("63", "76", "70", "64", "58", "53", "48")


def test_lettered_breakdown_with_unit_on_the_next_line(bundled: ReadResult) -> None:
    sub = all_indicators(bundled)["G2.1-I1-b1"]
    assert sub.number == "а)"
    assert sub.breakdown == "ұжымдық-шарттық қатынастар жүйесімен қамтылған"
    assert sub.unit == "қызмет ететін ірі орта кәсіпорындардың санынан %"
    assert [v.value for v in sub.values] == dec(
        "91,8", "90,0", "91,0", "92,0", "93,0", "94,0", "95,0"
    )


def test_milestones_with_due_years(bundled: ReadResult) -> None:
    found = tasks(bundled)
    labour_code = found["2.1.1"].milestones[0]
    assert labour_code.id == "T2.1.1-M1"
    assert labour_code.name == (
        "Қазақстан Республикасының Еңбек кодексіне өзгерістер мен толықтырулар енгізу"
    )
    assert (labour_code.due_years, labour_code.line) == ([2010], 274)
    assert found["2.2.2"].milestones[0].due_years == [2013, 2014]
    assert found["1.1.2"].milestones[0].due_years == [2009, 2010, 2011]
    assert [m.due_years for m in found["1.1.1"].milestones] == [[2011], [2011, 2012]]
    assert found["1.1.3"].milestones[0].due_years == [2010, 2011, 2012, 2013, 2014]
    # Item 3 of task 4.1.1 was deleted among deliverables: it stays a (deleted) milestone.
    deleted = found["4.1.1"].milestones[2]
    assert deleted.id == "T4.1.1-M3"
    assert deleted.deleted is not None and deleted.deleted.act.number == "1417"
    assert [m.id for m in found["4.1.1"].milestones] == [f"T4.1.1-M{n}" for n in range(1, 5)]


def test_task_with_a_deliverable_and_an_indicator(bundled: ReadResult) -> None:
    task = tasks(bundled)["1.1.4"]
    assert [m.due_years for m in task.milestones] == [[2010, 2011]]
    (share,) = task.indicators
    assert (share.id, share.number) == ("T1.1.4-I1", "2.")
    assert share.name == "Ақпараттық-консультациялық қызметтермен қамтылған халықтың үлесі"
    assert share.unit == "%-бен ЭБХ"  # the unit sits in column 1 on line 227
    assert [v.value for v in share.values] == dec("5", "10", "15", "20", "30", "35", "40")


def test_co_executors(bundled: ReadResult) -> None:
    task = tasks(bundled)["1.1.2"]
    assert task.co_executors == ["ЭБЖМ", "ИСМ", "ЭМРМ", "БҒМ", "АШМ", "СИМ", "ТСМ", "СА"]
    assert task.name == (
        "Еңбек нарығының мониторингі және еңбек нарығындағы жағдайды болжау жүйесін жақсарту"
    )
    assert tasks(bundled)["1.2.1"].co_executors == ["БҒМ"]
    assert tasks(bundled)["1.2.1"].name.endswith(
        "(жұмыс күшіне болжамды сұраныстың көлемі мен құрылымы)"
    )


def test_indicator_name_continued_on_the_next_tasks_row(bundled: ReadResult) -> None:
    # Lines 233-236: "1. Кәсіби даярлауға ... жұмыссыздардың және" stands above task 1.2.2's row,
    # whose indicator cell goes on "халықтың нысаналы топтарының өзге де өкілдері,".
    assert tasks(bundled)["1.2.1"].indicators == []
    first = tasks(bundled)["1.2.2"].indicators[0]
    assert first.id == "T1.2.2-I1"
    assert first.name == (
        "Кәсіби даярлауға және қайта даярлауға жіберілген жұмыссыздардың және халықтың "
        "нысаналы топтарының өзге де өкілдері"
    )
    assert (first.unit, first.line) == ("мың адам", 233)
    assert [v.value for v in first.values] == dec(
        "26,4", "85,6", "65,5", "27,0", "28,0", "29,0", "30,0"
    )
    assert bundled.report.notes[233].status is LineStatus.EXPLAINED


def test_task_name_and_indicator_name_continued_on_a_later_line(bundled: ReadResult) -> None:
    task = tasks(bundled)["5.1.3"]
    assert task.name == (
        "Аз қамтамасыз етілген халықтың еңбекке қабілетті бөлігінің экономикалық "
        "белсенділігін ынталандыру"
    )
    second = task.indicators[1]
    assert second.name == (
        "Аз қамтамасыз етілгендердің қатарынан жұмысқа орналастырылған жұмыссыздардың үлес салмағы"
    )
    assert second.unit is not None and second.unit.endswith("жалпы санынан %-бен")
    assert [v.value for v in second.values] == dec(
        "12,6", "13,6", "13,8", "14,0", "14,5", "15,0", "15,6"
    )
    assert {v.line for v in second.values} == {392}


def test_one_cell_with_three_indicators_and_value_rows_without_names(bundled: ReadResult) -> None:
    found = all_indicators(bundled)
    expected = {
        "T2.1.3-I1": (284, dec("8000", "9500", "10000", "11000", "12000", "13000", "14000")),
        "T2.1.3-I2": (285, dec("329,4", "325,0", "320,0", "310,0", "315,0", "310,0", "305,0")),
        "T2.1.3-I2-b1": (286, dec("74,8", "74,0", "72,0", "70,0", "68,0", "66,0", "64,0")),
        "T2.1.3-I3": (287, dec("0,7", "0,67", "0,64", "0,61", "0,60", "0,59", "0,58")),
    }
    for iid, (line, values) in expected.items():
        assert [v.value for v in found[iid].values] == values, iid
        assert {v.line for v in found[iid].values} == {line}, iid
    assert found["T2.1.3-I2-b1"].breakdown == "әйелдер"
    assert found["T2.1.3-I1"].unit == "кәсіпорындардың саны"
    assert found["T2.1.3-I2"].unit == "мың адам"
    assert found["T2.1.3-I3"].unit == "1000 адамға"
    assert len(tasks(bundled)["2.1.3"].indicators) == 3


def test_goal_2_2_indicators_before_its_code_row(bundled: ReadResult) -> None:
    goal = goals(bundled)["2.2"]
    assert goal.name == "Азаматтардың еңбек құқықтарын қорғау"
    first, ratings = goal.target_indicators
    assert first.line == 290
    assert [v.value for v in first.values] == dec("80", "85", "88", "89", "90", "91", "92")
    assert ratings.name == "Рейтингтік көрсеткіштер"
    assert [b.breakdown for b in ratings.breakdowns] == [
        "жалақыны белгілеудің икемділігі",
        "жұмыспен тұрақты қамту",
        "жұмысқа жалдау және босату практикасы",
        "жұмыстан босатылуға қатысты шығындар",
        "еңбекақы және өнімділік",
    ]
    firsts = [b.values[0].value for b in ratings.breakdowns]
    assert firsts == dec("44", "22", "4", "15", "33")
    assert ratings.breakdowns[1].values[0].line == 295  # on goal 2.2's own code row


def test_rows_with_positional_blanks(bundled: ReadResult) -> None:
    found = all_indicators(bundled)
    # Line 304: "бірлік | 2 | 2 | 2 | | | | |": values for 2008-2010, blank cells after.
    methods = found["T2.2.1-I1"]
    assert methods.unit == "бірлік"
    assert [v.value for v in methods.values] == dec("2", "2", "2", None, None, None, None)
    # Lines 351, 353, 355: one standard in 2009, 2010, 2011 respectively, "-" from 2012.
    standards = found["T4.2.1-I1"].breakdowns
    assert [b.values[1].value for b in standards] == dec("1", None, None)
    assert [b.values[2].value for b in standards] == dec(None, "1", None)
    assert [b.values[3].value for b in standards] == dec(None, None, "1")
    assert [v.raw for v in standards[0].values] == ["", "1", "", "", "-", "-", "-"]


def test_rank_positions_without_a_unit(bundled: ReadResult) -> None:
    position = goals(bundled)["1.3"].target_indicators[1]
    assert position.unit is None
    assert position.name.endswith("«Жұмыс күшіне әйелдердің қатысуы» 7.10-тармағы төмен емес")
    assert [v.value for v in position.values] == dec("13", "19", "20", "19", "18", "17", "15")


def test_dash_breakdowns_and_a_value_row_in_column_0(bundled: ReadResult) -> None:
    coverage = goals(bundled)["4.2"].target_indicators[0]
    assert (coverage.name, coverage.unit) == ("Арнаулы әлеуметтік қызметтермен қамту", "адам")
    assert [b.breakdown for b in coverage.breakdowns] == [
        "балалар",
        "мүмкіндігі шектеулі адамдар",
        "қарт адамдар",
    ]
    assert coverage.breakdowns[2].values[2].value is None  # "-" in 2010, line 347
    allowance = tasks(bundled)["5.1.1"].indicators[1]
    assert allowance.unit == "өткен жылға %"
    assert [v.value for v in allowance.values] == dec(
        "107,0", "111,0", "167,7", "109,0", "109,0", "107,5", "107,0"
    )


def test_odd_rows_are_reported_not_silent(bundled: ReadResult) -> None:
    # 313: a second values row under the replacement rate (line 312); 256-257: the rows of
    # "2. Әлеуметтік жұмыс орындарына," that each carry values. Read as breakdowns, and said so.
    for line in (256, 257, 313):
        assert bundled.report.notes[line].status is LineStatus.EXPLAINED, line
    variant = all_indicators(bundled)["G4.1-I1-b1"]
    assert variant.line == 313
    assert [v.value for v in variant.values] == dec("38", "40", "43", "45", "47", "47", "47")


def test_every_line_of_both_sections_is_marked(bundled: ReadResult) -> None:
    every_note = [*bundled.report.notes.values(), *bundled.report.extra]
    ours = {n.line for n in every_note if n.section == "directions"}
    for no in [*LISTING_LINES, *TABLE_LINES]:
        note = bundled.report.notes.get(no)
        assert note is not None, no
        assert no in ours, no  # the amendment note (211) is read first by the front matter
        assert note.status is not LineStatus.NOT_UNDERSTOOD, (no, note.reason)
        if note.status is LineStatus.EXPLAINED:
            assert note.reason, no
    assert bundled.report.notes[209].reason == "heading"
    assert bundled.report.notes[215].reason == "column header (years)"


def test_ids_are_stable_and_unique() -> None:
    text = bundled_plan_path().read_text(encoding="utf-8")
    first = all_ids(read_plan_text(text).plan.directions)
    second = all_ids(read_plan_text(text).plan.directions)
    assert first == second
    assert len(first) == len(set(first))
    assert {"G1.1-I1-b1", "T1.1.4-I1", "T2.1.1-M1", "G2.1-I4", "T4.1.1-M3"} <= set(first)


# -- a small plan in the same format ---------------------------------------------------------
LISTING = """3. Қызметінің стратегиялық бағыттары

Стратегиялық бағыттары:
1. Су ресурстарын басқару
2. Орман шаруашылығын дамыту
3. Балық шаруашылығын дамыту"""

TABLE = "\n".join(
    "\t".join(cells)
    for cells in [
        ["Қызметінің стратегиялық бағыттары, даму мақсаты және негізгі индикаторлары"],
        [""],
        ["1-стратегиялық бағыты. Су ресурстарын басқару", "", ""],
        ["", "1.1-мақсат", "Нысаналы индикатор", "Есепті кезең", "Жоспарлы кезең", "", ""],
        ["", "", "", "2009 ж", "2010 ж", "2011 ж", "2012 ж"],
        ["1.1.", "Сумен қамтамасыз ету", "1. Сумен қамтылған халықтың үлесі", ""],
        ["", "", "%-бен", "70,5", "72", "75", "80"],
        ["", "", "оның ішінде:", ""],
        ["", "", "ауыл тұрғындары", "50", "55", "-", "65"],
        ["", "Міндеттер", "Көрсеткіштер", ""],
        [
            "1.1.1.",
            "Су құбырларын салу (ИСМ, ЭБЖМ бірлесіп)",
            "1. Жобаны әзірлеу (2010 - 2011 жж.) 2. Оқытылған мамандар саны, адам",
        ],
        ["", "", "", "10", "20", "30", "40"],
        ["", "", "3. Алынып тасталды - ҚР Үкіметінің 2011.03.01 № 99 Қаулысымен."],
        ["", "", "1. Зертханалық тексерулер", ""],
        ["1.1.2.", "Су сапасын бақылау", "саны, бірлік", "5", "6", "7", "8"],
        ["2.1.", "Ормандарды сақтау", "1. Орманды алқаптардың үлесі, %", "4,5", "4,6", "4,7", "X"],
    ]
)


def sections(listing: str, table: str, first_line: int = 1) -> tuple[Section, Section]:
    lines = [SourceLine(i, t) for i, t in enumerate(listing.splitlines(), start=first_line)]
    start = first_line + len(lines)
    rows = [SourceLine(i, t) for i, t in enumerate(table.splitlines(), start=start)]
    return (
        Section(SectionKind.DIRECTIONS_LIST, lines[0], lines[1:]),
        Section(SectionKind.DIRECTIONS, rows[0], rows[1:]),
    )


def test_a_small_plan_in_the_same_format_reads() -> None:
    listing, table = sections(LISTING, TABLE, first_line=1)
    report = ReadingReport()
    directions, gaps = parse_directions(table, report, listing)
    # Lines: listing 1-6, table heading 7, blank 8, direction heading 9, goal header 10 ...
    assert [(d.id, d.line) for d in directions] == [("D1", 9), ("D2", 5), ("D3", 6)]
    assert directions[1].name == "Орман шаруашылығын дамыту"  # from the list: no heading row
    assert [(g.where, g.line) for g in gaps] == [("direction 3", 6)]

    goal = directions[0].goals[0]
    assert (goal.id, goal.name, goal.line) == ("G1.1", "Сумен қамтамасыз ету", 12)
    share = goal.target_indicators[0]
    assert (share.id, share.unit) == ("G1.1-I1", "%-бен")
    assert [v.year for v in share.values] == [2009, 2010, 2011, 2012]
    assert [v.phase for v in share.values] == [REPORTED, PLANNED, PLANNED, PLANNED]
    assert [v.value for v in share.values] == dec("70,5", "72", "75", "80")
    rural = share.breakdowns[0]
    assert (rural.id, rural.breakdown, rural.unit) == ("G1.1-I1-b1", "ауыл тұрғындары", "%-бен")
    assert [v.value for v in rural.values] == dec("50", "55", None, "65")

    pipes, quality = goal.tasks
    assert (pipes.name, pipes.co_executors) == ("Су құбырларын салу", ["ИСМ", "ЭБЖМ"])
    assert [(m.id, m.name, m.due_years) for m in pipes.milestones] == [
        ("T1.1.1-M1", "Жобаны әзірлеу", [2010, 2011])
    ]
    trained, deleted = pipes.indicators
    assert (trained.id, trained.name, trained.unit) == (
        "T1.1.1-I1",
        "Оқытылған мамандар саны",
        "адам",
    )
    assert [v.value for v in trained.values] == dec("10", "20", "30", "40")
    assert deleted.id == "T1.1.1-I2"
    assert deleted.deleted is not None
    assert (deleted.deleted.act.number, deleted.deleted.act.date) == ("99", dt.date(2011, 3, 1))

    tests = quality.indicators[0]
    assert (tests.id, tests.line) == ("T1.1.2-I1", 20)
    assert (tests.name, tests.unit) == ("Зертханалық тексерулер саны", "бірлік")
    assert [v.value for v in tests.values] == dec("5", "6", "7", "8")

    forests = directions[1].goals[0]
    assert forests.target_indicators[0].unit == "%"
    assert [v.value for v in forests.target_indicators[0].values] == dec("4,5", "4,6", "4,7", None)

    assert all(report.status_of(no) is not None for no in range(1, 23))
    assert report.ok, report.problems


def test_the_same_text_twice_gives_the_same_ids() -> None:
    def ids() -> list[str]:
        listing, table = sections(LISTING, TABLE)
        return all_ids(parse_directions(table, ReadingReport(), listing)[0])

    assert ids() == ids()


def test_values_before_the_years_are_reported_not_guessed() -> None:
    table = "\n".join(
        [
            "Қызметінің стратегиялық бағыттары, даму мақсаты және негізгі индикаторлары",
            "1-стратегиялық бағыты. Су",
            "1.1.\tСу\t1. Үлесі\t5\t6",
        ]
    )
    listing, section = sections("3. Қызметінің стратегиялық бағыттары\n1. Су", table)
    report = ReadingReport()
    directions, _ = parse_directions(section, report, listing)
    assert directions[0].goals[0].target_indicators[0].values == []
    assert [(p.line, p.reason) for p in report.problems] == [(5, "values before the row of years")]


@pytest.mark.parametrize("seed", range(5))
def test_shuffled_and_garbage_rows_never_crash(seed: int) -> None:
    text = bundled_plan_path().read_text(encoding="utf-8").splitlines()
    rows = [*text[209:396], "\t\t\t1\t2", "оның ішінде:", "ә) Алынып тасталды", "4.1.1.\t\t\t9"]
    random.Random(seed).shuffle(rows)
    listing, section = sections("\n".join(text[194:208]), "\n".join([text[208], *rows]))
    report = ReadingReport()
    parse_directions(section, report, listing)
    assert all(report.status_of(line.no) is not None for line in section.lines)
