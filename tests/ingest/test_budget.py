"""The list of budget programs and the plan's totals; expectations typed from lines 625-676."""

from __future__ import annotations

from decimal import Decimal

from zhospar.ingest import ReadResult
from zhospar.ingest._budget_cells import split_run_together
from zhospar.ingest._budget_columns import date_columns
from zhospar.ingest._sections import Section, SectionKind
from zhospar.ingest._text import to_lines
from zhospar.ingest.budget import parse_budget_list
from zhospar.ingest.report import LineStatus, ReadingReport
from zhospar.model.plan import BudgetProgram, Expenditure, ExpenditureKind, PlanTotal, ProgramType

APPROVED, ACTUAL, PLANNED = (
    ExpenditureKind.APPROVED,
    ExpenditureKind.ACTUAL,
    ExpenditureKind.PLANNED,
)


def program(bundled: ReadResult, code: str) -> BudgetProgram:
    return next(p for p in bundled.plan.budget_programs if p.code == code)


def total(bundled: ReadResult, line: int) -> PlanTotal:
    return next(t for t in bundled.plan.totals if t.line == line)


def amount(items: list[Expenditure], year: int, kind: ExpenditureKind) -> Decimal | None:
    return next(e.value for e in items if (e.year, e.kind) == (year, kind))


def test_32_programs_in_document_order(bundled: ReadResult) -> None:
    codes = [p.code for p in bundled.plan.budget_programs]
    # lines 629-660 (27 current), 663-664 (2 development), 667-671 (3 proposed)
    assert codes == [
        *["002", "003", "004", "017", "005", "007", "008", "010", "001", "006", "009", "012"],
        *["013", "014", "015", "016", "018", "020", "022", "023", "024", "025", "027", "028"],
        *["031", "090", "115", "011", "019", "054", "057", "059"],
    ]
    assert program(bundled, "002").id == "P002"


def test_2010_amounts_as_printed(bundled: ReadResult, seed_lines: list[str]) -> None:
    assert "554 655 853" in seed_lines[629 - 1]
    assert amount(program(bundled, "002").expenditure, 2010, PLANNED) == Decimal("554655853")
    assert "5 2 591 047" in seed_lines[631 - 1]  # broken digit groups
    assert amount(program(bundled, "004").expenditure, 2010, PLANNED) == Decimal("52591047")
    assert amount(program(bundled, "007").expenditure, 2010, PLANNED) == Decimal("40234532")


def test_columns_inferred_from_the_forms(bundled: ReadResult) -> None:
    p002 = program(bundled, "002").expenditure
    assert [(e.year, e.kind) for e in p002] == [
        (2008, APPROVED),  # nothing matches it: placed before the 2008 actual
        (2008, ACTUAL),
        (2009, PLANNED),
        (2010, PLANNED),
        (2011, PLANNED),
        (2012, PLANNED),
    ]
    assert all(e.inferred for p in bundled.plan.budget_programs for e in p.expenditure)
    assert [e.value for e in p002[:2]] == [Decimal("363541309"), Decimal("363594434")]


def test_types_proposed_and_functional_groups(bundled: ReadResult) -> None:
    types = {p.code: p.type for p in bundled.plan.budget_programs}
    assert types["011"] is types["019"] is ProgramType.DEVELOPMENT
    assert types["002"] is types["059"] is ProgramType.CURRENT
    assert {p.code for p in bundled.plan.budget_programs if p.proposed} == {"054", "057", "059"}
    groups = {
        p.code: (p.functional_group, p.functional_subgroup) for p in bundled.plan.budget_programs
    }
    assert groups["002"] == ("5", "1")
    assert groups["005"] == ("5", "2")
    assert groups["001"] == ("5", "9")


def test_name_over_two_lines_before_the_code(bundled: ReadResult) -> None:
    p022 = program(bundled, "022")  # name starts on line 650, code and amounts on 652
    assert p022.line == 652
    assert p022.name.startswith("Облыстық бюджеттерге, Астана және Алматы қалаларының бюджеттеріне")
    assert amount(p022.expenditure, 2010, PLANNED) == Decimal("453785")


def test_name_and_missing_amount_on_the_next_line(bundled: ReadResult) -> None:
    p057 = program(bundled, "057")  # line 668 leaves 2011 empty; line 670 goes on with a "0"
    assert p057.name.endswith(
        "біржолғы материалдық көмек төлеуге берілетін ағымдағы нысаналы трансферттер"
    )
    cell = next(e for e in p057.expenditure if e.year == 2011)
    assert (cell.value, cell.line) == (Decimal("0"), 670)
    assert amount(p057.expenditure, 2010, PLANNED) == Decimal("4214832")


def test_two_amounts_run_together_are_split(bundled: ReadResult) -> None:
    p059 = program(bundled, "059").expenditure  # line 671: "4 0 257" then "34 725 0"
    assert amount(p059, 2010, PLANNED) == Decimal("40257")
    assert amount(p059, 2011, PLANNED) == Decimal("34725")
    assert amount(p059, 2012, PLANNED) == Decimal("0")


def test_totals_and_the_programs_they_cover(bundled: ReadResult) -> None:
    totals = bundled.plan.totals
    assert [t.id for t in totals] == [f"S{n}" for n in range(1, len(totals) + 1)]
    assert [t.line for t in totals] == [625, 626, 627, 628, 633, 638, 661, 665, 666, 672, 673, 674]
    assert total(bundled, 628).programs == ["002", "003", "004", "017"]
    assert total(bundled, 661).programs == ["011", "019"]
    assert total(bundled, 665).programs == ["054", "057", "059"]
    assert len(total(bundled, 672).programs) == 32  # "Шығыстардың барлығы": every program
    assert "054" in total(bundled, 673).programs  # current programs of both parts
    assert amount(total(bundled, 625).expenditure, 2012, PLANNED) == Decimal("1120270082")


def test_grand_total_lacks_a_cell(bundled: ReadResult) -> None:
    grand = total(bundled, 672)
    assert grand.label == "Шығыстардың барлығы, оның ішінде:"
    assert amount(grand.expenditure, 2010, PLANNED) == Decimal("925761261")
    assert len(grand.expenditure) == 5  # the 2012 cell is missing from line 672


def test_garbled_total_is_read_with_the_bad_cell_noted(bundled: ReadResult) -> None:
    # The document's own defect: two cells run together. The line's other cells are read; the
    # garbled one is stored without a value and the report says why.
    notes = bundled.report.notes_for(673)
    assert notes[0].status is LineStatus.READ
    assert any("1 025 904 270 082" in n.reason for n in notes[1:])
    cell = next(e for e in total(bundled, 673).expenditure if e.raw == "1 025 904 270 082")
    assert cell.value is None


def test_every_line_of_the_list_is_marked(bundled: ReadResult, seed_lines: list[str]) -> None:
    for no in range(625, 677):
        if seed_lines[no - 1].strip():
            note = bundled.report.notes[no]
            assert note.section == "budget-list", no
    problems = [n.line for n in bundled.report.problems if n.section == "budget-list"]
    assert problems == []


def _section(text: str) -> Section:
    lines = to_lines(text)
    return Section(SectionKind.BUDGET_LIST, lines[0], lines[1:])


def test_a_row_that_is_not_a_program_is_reported() -> None:
    text = (
        "I. Қолданыстағы бағдарламалар, оның ішінде:\t\t\t\t10\t20\n"
        "\t\t002\tБағдарлама\t10\tабв\n"
        "бір нәрсе\t5\t6\n"
    )
    report = ReadingReport()
    programs, _totals = parse_budget_list(_section(text), report)
    assert [p.code for p in programs] == ["002"]
    assert programs[0].expenditure[1].value is None
    assert [n.line for n in report.problems] == [2, 3]


def test_split_only_when_one_way_is_possible() -> None:
    assert split_run_together(["1", "34 725 0"], 3) == (["1", "34 725", "0"], "34 725 0")
    assert split_run_together(["1", "4 0 257"], 3) is None  # broken groups, not two cells
    assert split_run_together(["1", "1 025 904 270 082"], 3) is None  # well grouped: ambiguous
    assert split_run_together(["1", "34 725 0"], 4) is None  # not one cell short


def _money(*values: int) -> list[Expenditure]:
    return [Expenditure(year=0, kind=PLANNED, value=Decimal(v), raw=str(v), line=1) for v in values]


def _dated(year: int, kind: ExpenditureKind, value: int) -> Expenditure:
    return Expenditure(year=year, kind=kind, value=Decimal(value), raw=str(value), line=1)


def test_columns_dated_by_votes_and_place() -> None:
    forms = {
        code: [_dated(2008, ACTUAL, a), _dated(2009, PLANNED, b)]
        for code, a, b in [("001", 11, 12), ("002", 21, 22), ("003", 31, 32)]
    }
    rows = [
        ("001", _money(9, 11, 12, 7)),
        ("002", _money(8, 21, 22, 6)),
        ("003", _money(5, 31, 0, 4)),
    ]
    dates = date_columns(rows, forms)
    assert {p: (d.year, d.kind) for p, d in dates.items()} == {
        0: (2008, APPROVED),  # by its place before the 2008 actual
        1: (2008, ACTUAL),
        2: (2009, PLANNED),
    }  # column 3 matches nothing and stays undated
