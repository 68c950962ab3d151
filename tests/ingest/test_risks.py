"""Section 6, the risk-management table; expectations typed from lines 479-493."""

from __future__ import annotations

import pytest

from zhospar.ingest import ReadResult
from zhospar.ingest._sections import Section, SectionKind, split_sections
from zhospar.ingest._text import SourceLine, to_lines
from zhospar.ingest.reader import bundled_plan_path
from zhospar.ingest.report import ReadingReport
from zhospar.ingest.risks import parse_risks, split_numbered
from zhospar.model.plan import Risk


@pytest.fixture(scope="module")
def section() -> Section:
    lines = to_lines(bundled_plan_path().read_text(encoding="utf-8"))
    return next(s for s in split_sections(lines) if s.kind is SectionKind.RISKS)


@pytest.fixture(scope="module")
def parsed(section: Section) -> tuple[list[Risk], ReadingReport]:
    report = ReadingReport()
    return parse_risks(section, report), report


def test_five_numbered_risks(parsed: tuple[list[Risk], ReadingReport]) -> None:
    assert [(r.id, r.number) for r in parsed[0]] == [(f"R{n}", n) for n in range(1, 6)]


def test_risk_1_spans_three_lines(parsed: tuple[list[Risk], ReadingReport]) -> None:
    r1 = parsed[0][0]
    assert (r1.line, r1.end_line) == (482, 484)
    assert r1.risks == [
        "Өндірістің төмендеуі;",
        "Кәсіпорындарды қайта құру, банкроттық және тоқтату салдарынан жұмыс күшін босату",
    ]
    assert len(r1.consequences) == 3
    assert len(r1.measures) == 3  # "1. ...", "2. ...", "3. ..." on lines 482-484
    assert r1.measures[1] == (
        "Өңірлік еңбек нарықтарының сұраныстарына сәйкес сұраныс пен ұсыныстың негізді "
        "болжамын қалыптастыру"
    )


def test_risk_4_begins_above_its_number(parsed: tuple[list[Risk], ReadingReport]) -> None:
    # Lines 489-490 number their measures "1." and "2."; line 492 ("4.") goes on with "3." and
    # "4.": the block 489-492 is risk 4, and risk 3 ends at line 488 with its two measures.
    r3, r4 = parsed[0][2], parsed[0][3]
    assert (r3.line, r3.end_line, len(r3.measures)) == (487, 488, 2)
    assert (r4.line, r4.end_line) == (489, 492)
    assert r4.risks[-1] == "Экономикадағы демографиялық жүктеме коэффициентінің өсуі"
    assert len(r4.risks) == 3 and len(r4.consequences) == 3
    assert [m.split()[0] for m in r4.measures] == [
        "Әлеуметтік",
        "Әлеуметтік",
        "Міндетті",
        "Әлеуметтік",
    ]


def test_measures_split_inside_one_cell(parsed: tuple[list[Risk], ReadingReport]) -> None:
    r5 = parsed[0][4]
    assert (r5.line, r5.end_line) == (493, 493)
    assert len(r5.measures) == 3
    assert r5.measures[2].startswith("Мұқтаж азаматтарды әлеуметтік көмек шараларымен")


def test_every_line_is_marked(section: Section, parsed: tuple[list[Risk], ReadingReport]) -> None:
    report = parsed[1]
    assert report.problems == []
    assert report.notes[481].reason == "column header"
    assert [ln.no for ln in section.lines if not ln.is_blank and ln.no not in report.notes] == []


def test_rows_without_a_number_in_sequence_are_reported() -> None:
    lines = [
        SourceLine(2, "№\tҚатер\tСалдары\tШаралар"),
        SourceLine(3, "1.\tA\tB\t1. C"),
        SourceLine(4, "3.\tE\tF\t1. G"),  # 3 before 2
        SourceLine(5, "\tA2\t\t1. D"),  # measures restart: a new risk whose number never comes
    ]
    report = ReadingReport()
    risks = parse_risks(Section(SectionKind.RISKS, SourceLine(1, "6. Қатер"), lines), report)
    assert [(r.number, r.measures) for r in risks] == [(1, ["C"])]
    assert [(n.line, n.reason) for n in report.problems] == [
        (4, "risk number 3 out of sequence"),
        (5, "risk rows without a risk number"),
    ]


@pytest.mark.parametrize(
    ("cells", "items"),
    [
        (["1. a 2. b"], ["a", "b"]),
        (["1. a", "continued", "2. b"], ["a continued", "b"]),
        (["x", "y"], ["x", "y"]),  # not numbered: each cell is an item
        (["1. in 2009 5. мамыр"], ["in 2009 5. мамыр"]),  # 5 is not the next number
        ([], []),
    ],
)
def test_split_numbered(cells: list[str], items: list[str]) -> None:
    assert split_numbered(cells) == items


def test_the_whole_read_has_five_risks(bundled: ReadResult) -> None:
    assert [r.number for r in bundled.plan.risks] == [1, 2, 3, 4, 5]
