"""The column-wise check gives what a row-by-row check gives, however the file is cut in chunks.

The checker reads a file in chunks and takes shortcuts over whole columns (one pass for plain
numbers, one for duplicates) that it leaves for a row-by-row look when a chunk holds a fault. A
mixed file of good and bad rows is checked with chunks of every size from one row (every
shortcut taken or refused row by row) up; the problems and the good rows must not change, and
they are the ones read off the file by hand.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhospar.imports import check_file, read
from zhospar.imports.validate import Checked
from zhospar.model.plan import Plan
from zhospar.rules.values import parse_value, parse_values

HEADER = "indicator_id,code,indicator,breakdown,unit,period,value,region,source,comment"
ROWS = [
    "G1.1-I1,,,,,2011,5.4,,bulletin,",  # 2: good
    ',1.1,Жұмыссыздық деңгейі,әйелдер,%,2011,"6,1",71,bulletin,',  # 3: good, G1.1-I1-b1
    "G1.1-I1,,,,,2011,5.5,,bulletin,",  # 4: the key of row 2
    "",  # 5: blank
    "G1.1-I1,,,,,2011-Q3,-,,,",  # 6: no value: skipped
    "G5.1-I1,,,,,2012,abc,,,",  # 7: bad number
    "G9.9-I9,,,,,2012,1,,,",  # 8: unknown indicator
    "T4.1.1-I3,,,,,2012,1,,,",  # 9: deleted by No. 1417
    "G1.1-I1,,,,мың адам,2012,5,,,",  # 10: unit not the plan's
    "G1.1-I1,,,,,2020,5,,,",  # 11: period outside the plan
    "G1.1-I1,,,,,2012,5,Марс,,",  # 12: unknown region
    'G1.1-I1,,,,,2012-07,"1 234,5",,,',  # 13: good (the store would refuse 1234.5 %)
    ",1.3,ЖАО-ға жұмыспен қамту,,,2012,88,,,",  # 14: ambiguous name
    "G1.1-I1,,,,,2011,5.6,71,,",  # 15: good
    ",1.1,Жұмыссыздық деңгейі,әйелдер,,2011,7,Астана қаласы,,",  # 16: the key of row 3
    "G1.1-I1-b2,,,,,2012,7.0,,,'=cmd",  # 17: good, the comment's formula guard taken off
    "G1.1-I1,,,,,2013,6",  # 18: good, a short row
    "G1.1-I1,,,,,2013,NaN,,,",  # 19: not a number
    "G1.1-I1,,,,,,6,,,",  # 20: no period
    'G1.1-I1,,,,,2014-H1,"6,2",,,',  # 21: good
    "G9.9-I9,,,,,2030,xyz,Марс,,",  # 22: four problems, in the order of the row
]
EXPECTED_PROBLEMS = [
    (4, "indicator_id"), (7, "value"), (8, "indicator_id"), (9, "indicator_id"), (10, "unit"),
    (11, "period"), (12, "region"), (14, "indicator"), (16, "indicator"), (19, "value"),
    (20, "period"), (22, "indicator_id"), (22, "period"), (22, "value"), (22, "region"),
]  # fmt: skip
EXPECTED_GOOD = [
    (2, "G1.1-I1", "2011", Decimal("5.4"), None, "bulletin", None),
    (3, "G1.1-I1-b1", "2011", Decimal("6.1"), "71", "bulletin", None),
    (13, "G1.1-I1", "2012-07", Decimal("1234.5"), None, None, None),
    (15, "G1.1-I1", "2011", Decimal("5.6"), "71", None, None),
    (17, "G1.1-I1-b2", "2012", Decimal("7.0"), None, None, "=cmd"),
    (18, "G1.1-I1", "2013", Decimal("6"), None, None, None),
    (21, "G1.1-I1", "2014-H1", Decimal("6.2"), None, None, None),
]


def good_rows(checked: Checked) -> list[tuple[object, ...]]:
    b = checked.batch
    return list(zip(b.origin_row, b.indicator_id, map(str, b.period), b.value, b.region,
                    b.source, b.comment, strict=True))  # fmt: skip


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [1, 2, 3, 7, read.CHUNK_ROWS])
def test_every_chunk_size_finds_the_same(
    mixed: Path, small_plan: Plan, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read, "CHUNK_ROWS", size)
    checked = check_file(mixed, small_plan)
    assert [(p.row, p.column) for p in checked.problems] == EXPECTED_PROBLEMS
    assert good_rows(checked) == EXPECTED_GOOD
    assert checked.problems[2].message.startswith('no indicator "G9.9-I9" in the plan')
    assert checked.problems[8].message == (
        "the same indicator, period, region and breakdown as row 3: each value may be given "
        "once per file"
    )


def test_the_messages_do_not_depend_on_the_chunks(
    mixed: Path, small_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = check_file(mixed, small_plan)
    monkeypatch.setattr(read, "CHUNK_ROWS", 1)
    one_by_one = check_file(mixed, small_plan)
    assert one_by_one.problems == whole.problems
    assert one_by_one.batch == whole.batch


def test_an_xlsx_file_of_the_same_rows_finds_the_same(
    mixed: Path, small_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in [HEADER, *ROWS]:
        sheet.append(next(csv.reader([line]), []))
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    monkeypatch.setattr(read, "CHUNK_ROWS", 4)
    checked = check_file(path, small_plan)
    assert [(p.row, p.column) for p in checked.problems] == EXPECTED_PROBLEMS
    assert good_rows(checked) == EXPECTED_GOOD
    assert set(checked.batch.origin_file) == {"mixed.xlsx"}


@pytest.mark.parametrize("size", [7, 1000, read.CHUNK_ROWS])
def test_bad_bytes_far_in_the_file_keep_the_rows_before(
    tmp_path: Path, small_plan: Plan, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """Past the first 64 kB (which are checked whole) a fault shows when the reader gets to it."""
    months = [f"{year}-{month:02d}" for year in range(2008, 2015) for month in range(1, 13)]
    regions = ["11", "15", "19", "23", "27", "31", "35", "39", "43", "47", "51", "55", "59",
               "63", "71", "75"]  # fmt: skip
    good = [f"{ident},{period},{region},5.5,Statistics Agency bulletin".encode()
            for ident in ("G1.1-I1", "G1.1-I1-b1") for region in regions
            for period in months]  # fmt: skip  # 2,688 rows, 140 kB
    bad_row = 2000  # about 104 kB into the file
    lines = [*good[: bad_row - 2], b"G1.1-I1,2012-01,11,\xff\xfe,", *good[bad_row - 2 :]]
    path = tmp_path / "broken.csv"
    path.write_bytes(b"indicator_id,period,region,value,source\n" + b"\n".join(lines) + b"\n")
    monkeypatch.setattr(read, "CHUNK_ROWS", size)
    checked = check_file(path, small_plan)
    [problem] = checked.problems
    assert "not UTF-8" in problem.message
    assert bad_row - 200 < problem.row <= bad_row  # the reader stops a block (8 kB) before
    assert checked.batch.origin_row == list(range(2, problem.row))  # every row before it


# every character that may matter to reading a number
_CELLS = st.text(alphabet="0123456789,.-+eE _'\u00a0−NaInfy", min_size=1, max_size=12)


@given(st.lists(_CELLS.map(str.strip).filter(bool), min_size=1, max_size=5))
def test_reading_a_column_at_once_reads_each_cell_as_parse_value_does(texts: list[str]) -> None:
    """The one-pass reading of a number column gives parse_value's numbers, or gives up."""
    numbers = parse_values(texts)
    expected: list[Decimal] | None = []
    for text in texts:
        try:
            expected.append(parse_value(text))  # type: ignore[union-attr]
        except ValueError:
            expected = None
            break
    if numbers is not None:
        assert expected is not None
        assert [str(n) for n in numbers] == [str(n) for n in expected]
