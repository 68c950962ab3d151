"""The tidy CSV: one row per value, names and places filled in, formula injection guarded."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from zhospar.export import TIDY_COLUMNS, guard_text, tidy_csv, tidy_rows
from zhospar.export.tidy import format_number
from zhospar.ingest import ReadResult

from .plans import hand_plan

HEADER = (
    "indicator_id,section,direction,goal,task,program,name,breakdown,unit,year,phase,value,"
    "source_line"
)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_header_is_the_documented_one() -> None:
    assert ",".join(TIDY_COLUMNS) == HEADER
    assert tidy_csv(hand_plan()).splitlines()[0] == HEADER


def test_one_row_per_value_in_document_order() -> None:
    ids = [(r.indicator_id, r.year) for r in tidy_rows(hand_plan())]
    assert ids == [
        ("G1.1-I1", 2009),
        ("G1.1-I1", 2010),
        ("G1.1-I1", 2011),
        ("G1.1-I1-b1", 2009),
        ("G1.1-I1-b1", 2010),
        ("T1.1.1-I1", 2010),
        ("P002-E1", 2009),
        ("P002-E1", 2010),
        ("P002-X", 2009),
        ("P002-X", 2010),
    ]


def test_breakdown_rows_carry_the_parent_name_and_their_label() -> None:
    row = _rows(tidy_csv(hand_plan()))[4]
    assert row["indicator_id"] == "G1.1-I1-b1"
    assert row["name"] == "Жұмыссыздық деңгейі"
    assert row["breakdown"] == "әйелдер"
    assert row["unit"] == "%-бен"  # the parent's unit
    assert (row["direction"], row["goal"], row["task"]) == ("1", "1.1", "")


def test_expenditure_rows() -> None:
    rows = [r for r in _rows(tidy_csv(hand_plan())) if r["section"] == "expenditure"]
    assert [(r["year"], r["phase"], r["value"], r["source_line"]) for r in rows] == [
        ("2009", "reported", "454231109", "41"),
        ("2010", "planned", "557556682", "41"),
    ]
    assert {r["indicator_id"] for r in rows} == {"P002-X"}
    assert {r["name"] for r in rows} == {"Зейнетақы бағдарламасы"}
    assert {r["unit"] for r in rows} == {"мың теңге"}
    assert {r["program"] for r in rows} == {"002"}


def test_a_missing_value_is_an_empty_cell() -> None:
    row = _rows(tidy_csv(hand_plan()))[2]
    assert (row["year"], row["value"]) == ("2011", "")


def test_text_that_looks_like_a_formula_is_quoted_but_numbers_are_not() -> None:
    rows = _rows(tidy_csv(hand_plan()))
    task_row = rows[5]
    assert task_row["name"] == "'=1+1"
    assert task_row["unit"] == "'@бірлік"
    assert task_row["value"] == "557556682"
    assert rows[6]["name"] == "'-орташа мөлшері"
    assert rows[4]["value"] == "-0.5"  # a negative number is a number, not text


def test_guard_text() -> None:
    for risky in ["=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"]:
        assert guard_text(risky) == "'" + risky
    for safe in ["жастар", "1.1", "'=already"]:
        assert guard_text(safe) == safe


def test_numbers_are_written_in_plain_notation() -> None:
    assert format_number(Decimal("5.6E+8")) == "560000000"
    assert format_number(Decimal("0.97")) == "0.97"
    assert format_number(Decimal("8.0")) == "8.0"


def test_bundled_unemployment_rate_2012(bundled: ReadResult) -> None:
    # Line 217 of the plan: "%-бен 6,9 8,0 6,6 6,4 6,2 6,0 5,9" for 2008..2014.
    rows = _rows(tidy_csv(bundled.plan))
    found = [r for r in rows if r["indicator_id"] == "G1.1-I1" and r["year"] == "2012"]
    assert len(found) == 1
    row = found[0]
    assert row["value"] == "6.2"
    assert row["source_line"] == "217"
    assert (row["section"], row["direction"], row["goal"]) == ("target", "1", "1.1")
    assert row["phase"] == "planned"
    assert "Жұмыссыздық деңгейі" in row["name"]


def test_bundled_youth_breakdown_2012(bundled: ReadResult) -> None:
    # Line 221: "жастар 7,4 8,5 7,4 7,1 6,8 6,6 6,4"; youth is the second breakdown (women first).
    rows = _rows(tidy_csv(bundled.plan))
    found = [r for r in rows if r["indicator_id"] == "G1.1-I1-b2" and r["year"] == "2012"]
    assert [(r["breakdown"], r["value"], r["source_line"]) for r in found] == [
        ("жастар", "6.8", "221")
    ]
    assert "Жұмыссыздық деңгейі" in found[0]["name"]


def test_bundled_program_002_expenditure_2010(bundled: ReadResult) -> None:
    # Lines 785-786: "мың теңге 363 594 454 231 557 556 ..." then "434 109 682 ...";
    # the columns are 2008, 2009, 2010, 2011, 2012, so 2010 = 557 556 682.
    rows = _rows(tidy_csv(bundled.plan))
    found = [r for r in rows if r["indicator_id"] == "P002-X" and r["year"] == "2010"]
    assert len(found) == 1
    assert found[0]["value"] == "557556682"
    assert found[0]["source_line"] in {"785", "786"}
    assert (found[0]["section"], found[0]["unit"], found[0]["phase"]) == (
        "expenditure",
        "мың теңге",
        "planned",
    )
