"""Budget program forms; expectations typed from lines 678-1387."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar.ingest import ReadResult
from zhospar.ingest._budget_indicators import parse_html_table
from zhospar.ingest._sections import Section, SectionKind
from zhospar.ingest._text import to_lines
from zhospar.ingest.forms import parse_program_form
from zhospar.ingest.report import LineStatus, ReadingReport
from zhospar.model.plan import (
    ExpenditureKind,
    Indicator,
    Phase,
    ProgramForm,
    ProgramIndicatorKind,
)


def form(bundled: ReadResult, code: str) -> ProgramForm:
    return next(f for f in bundled.plan.program_forms if f.code == code)


def indicators(f: ProgramForm) -> list[Indicator]:
    return [i for s in f.sections for i in s.indicators]


def indicator(bundled: ReadResult, ident: str) -> Indicator:
    code = ident[1:4]
    return next(i for i in indicators(form(bundled, code)) if i.id == ident)


def value(ind: Indicator, year: int) -> Decimal | None:
    return next(v.value for v in ind.values if v.year == year)


def spent(f: ProgramForm, year: int) -> Decimal | None:
    return next(e.value for e in f.expenditure if e.year == year)


def test_33_forms(bundled: ReadResult) -> None:
    # "Бюджеттік бағдарлама\t0NN" rows: 001-030 without 021, then 054, 057, 059, 090. (The 34th
    # "Бюджеттік бағдарламаның нысаны" heading, line 1388, stands over the appendix.)
    codes = [f.code for f in bundled.plan.program_forms]
    expected = [f"{n:03d}" for n in range(1, 31) if n != 21] + ["054", "057", "059", "090"]
    assert codes == expected
    assert form(bundled, "002").id == "P002"


def test_form_002_expenditure_wrapped_over_two_lines(
    bundled: ReadResult, seed_lines: list[str]
) -> None:
    assert "557 556" in seed_lines[785 - 1] and "682" in seed_lines[786 - 1]
    f002 = form(bundled, "002")
    assert spent(f002, 2010) == Decimal("557556682")
    assert spent(f002, 2008) == Decimal("363594434")
    first = f002.expenditure[0]
    assert (first.kind, first.inferred, first.line) == (ExpenditureKind.ACTUAL, False, 785)
    assert f002.expenditure[1].kind is ExpenditureKind.PLANNED  # "2009 жыл (жоспар)"


def test_broken_digit_groups_in_a_form(bundled: ReadResult) -> None:
    assert spent(form(bundled, "010"), 2010) == Decimal("10000")  # "1 0 000", line 962


def test_form_heads(bundled: ReadResult) -> None:
    f022 = form(bundled, "022")  # line 1150 labels the administrator "нысаны"
    assert (
        f022.administrator
        == "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі"
    )
    assert form(bundled, "002").name == "Зейнетақы бағдарламасы"
    assert (form(bundled, "002").line, form(bundled, "002").end_line) == (763, 786)


def test_form_001_blocks_and_links(bundled: ReadResult) -> None:
    sections = form(bundled, "001").sections
    assert [s.title[:3] if s.title else None for s in sections] == ["1. ", "2. ", "3. ", "4. "]
    first = sections[0]
    assert first.directions == [1, 2, 3, 4, 5]
    assert first.goals[:3] == ["1.1", "1.2", "1.3"]  # listed under the direction label
    assert "5.1.3" in first.tasks
    assert sections[3].tasks[:2] == ["1.1.2", "1.1.3"]  # on the row above "Міндеттері"


def test_form_002_links(bundled: ReadResult) -> None:
    (section,) = form(bundled, "002").sections
    assert (section.directions, section.goals, section.tasks) == ([4], ["4.1"], ["4.1.2"])
    assert section.goals_text and section.goals_text.startswith("4.1.1. Зейнетақы")


def test_form_001_html_table(bundled: ReadResult) -> None:
    quantitative = [
        i for i in indicators(form(bundled, "001")) if i.kind is ProgramIndicatorKind.QUANTITATIVE
    ]
    assert len(quantitative) == 25  # 7 in the HTML table, 10 + 1 + 7 in blocks 2-4
    second = quantitative[1]
    assert second.id == "P001-Q2" and second.line == 696
    assert second.unit == "бірлік"
    assert value(second, 2008) == Decimal("30")
    assert value(quantitative[0], 2008) is None  # an empty <td>


def test_tab_repeat_of_the_html_table_is_not_counted(bundled: ReadResult) -> None:
    for no in range(699, 706):
        note = bundled.report.notes[no]
        assert note.status is LineStatus.EXPLAINED and "HTML table" in note.reason


def test_indicator_kinds_and_ids(bundled: ReadResult) -> None:
    assert [i.id for i in indicators(form(bundled, "013"))] == [
        "P013-Q1",
        "P013-S1",
        "P013-E1",
        "P013-R1",
    ]
    s1 = indicator(bundled, "P013-S1")  # line 1015
    assert (s1.kind, s1.unit, value(s1, 2011)) == (ProgramIndicatorKind.QUALITY, "күн", 5)
    assert [i.id for i in indicators(form(bundled, "002"))] == [
        "P002-Q1",
        "P002-E1",
        "P002-E2",
        "P002-R1",
    ]
    e2 = indicator(bundled, "P002-E2")
    assert e2.kind is ProgramIndicatorKind.EFFICIENCY and value(e2, 2012) == Decimal("30745")


def test_years_phases_and_notes(bundled: ReadResult) -> None:
    e1 = indicator(bundled, "P002-E1")  # line 782, header on line 774
    by_year = {v.year: v for v in e1.values}
    assert (by_year[2008].phase, by_year[2008].note) == (Phase.REPORTED, "нақты")
    assert (by_year[2009].phase, by_year[2009].note) == (Phase.REPORTED, "жоспар")
    assert (by_year[2010].phase, by_year[2010].note) == (Phase.PLANNED, None)
    assert by_year[2012].value == Decimal("8761")


def test_wrapped_indicator_rows_of_form_002(bundled: ReadResult) -> None:
    q1 = indicator(bundled, "P002-Q1")  # lines 775-780
    assert value(q1, 2008) == Decimal("3281578")
    assert [b.id for b in q1.breakdowns] == ["P002-Q1-b1", "P002-Q1-b2"]
    assert value(q1.breakdowns[0], 2008) == Decimal("1651282")
    assert value(q1.breakdowns[1], 2012) == Decimal("1691183")


def test_breakdowns(bundled: ReadResult) -> None:
    e1 = indicator(bundled, "P003-E1")  # lines 805-814
    assert e1.values == []
    assert e1.breakdowns[0].name == "1 топ" and value(e1.breakdowns[0], 2008) == Decimal("16148")
    q1 = indicator(bundled, "P017-Q1")  # lines 1085-1088
    item = q1.breakdowns[1]
    assert (item.number, item.name, value(item, 2008)) == ("а)", "№ 1 тізім бойынша", 24533)
    q005 = indicator(bundled, "P005-Q1")  # line 851 stands above its "С а н д ы қ" label
    assert q005.line == 851 and q005.kind is ProgramIndicatorKind.QUANTITATIVE
    assert [b.line for b in q005.breakdowns] == [853, 854]


def test_text_only_result_and_x_rows(bundled: ReadResult) -> None:
    r1 = indicator(bundled, "P002-R1")
    assert r1.name == "Зейнетақы мен жәрдемақыны уақтылы төленуін қамтамасыз ету"
    assert r1.values == []
    assert bundled.report.notes[707].status is LineStatus.EXPLAINED  # "Сапа көрсеткіштері X ..."
    assert not any(i.kind is ProgramIndicatorKind.QUALITY for i in indicators(form(bundled, "001")))


def test_every_form_line_is_marked(bundled: ReadResult, seed_lines: list[str]) -> None:
    for no in range(678, 1388):
        if seed_lines[no - 1].strip():
            assert bundled.report.notes[no].section == "program-form", no
    assert not [n for n in bundled.report.problems if n.section == "program-form"]


def _form(text: str) -> Section:
    lines = to_lines(text)
    return Section(SectionKind.PROGRAM_FORM, lines[0], lines[1:])


def test_a_form_without_a_program_row_is_reported() -> None:
    report = ReadingReport()
    result = parse_program_form(_form("Бюджеттік бағдарламаның нысаны\nСипаттамасы\tбір\n"), report)
    assert result.code == "" and result.description == "бір"
    assert [n.line for n in report.problems] == [1]


def test_values_before_a_year_header_are_reported() -> None:
    text = (
        "Бюджеттік бағдарламаның нысаны\nБюджеттік бағдарлама\t005 «А»\n"
        "Сандық көрсеткіштері\tсаны\tадам\t5\n"
    )
    report = ReadingReport()
    result = parse_program_form(_form(text), report)
    assert result.code == "005"
    assert [n.line for n in report.problems] == [3]


def test_html_table_with_colspan() -> None:
    table = parse_html_table(
        "<table><tr><th rowspan=2>Атауы</th><th>Бірлігі</th><th colspan=1>Есепті кезең</th>"
        "<th colspan=2>Жоспарлы кезең</th></tr><tr><th>2009 жыл</th><th>2010 жыл</th>"
        "<th>2011 жыл</th></tr><tr><td>Саны</td><td>дана</td><td>1</td><td>2</td><td>-</td>"
        "</tr></table>"
    )
    assert table.years is not None
    assert (table.years.years, table.years.reported) == ([2009, 2010, 2011], 1)
    assert table.rows == [("Саны", "дана", ["1", "2", "-"])]


@pytest.mark.parametrize("label", ["С а п а көрсеткіштері", "Сапалық көрсеткіштері"])
def test_letter_spaced_and_long_quality_labels(label: str) -> None:
    text = (
        "Бюджеттік бағдарламаның нысаны\nБюджеттік бағдарлама\t005 «А»\n"
        "\t\t2010 жыл\t2011 жыл\n"
        f"{label}\tДұрыстығы\t%\t90\t95\n"
    )
    result = parse_program_form(_form(text), ReadingReport())
    (ind,) = indicators(result)
    assert ind.id == "P005-S1" and value(ind, 2011) == Decimal("95")
