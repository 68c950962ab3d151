"""The data-entry template: what it lists, how it is formatted, and that it imports back."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from zhospar._exceptions import ValidationError
from zhospar.export import guard_text
from zhospar.imports import TEMPLATE_COLUMNS, parse_file, template_rows, write_template
from zhospar.model.plan import Plan


def test_every_indicator_in_force_and_each_program_spending(small_plan: Plan) -> None:
    ids = [row.indicator_id for row in template_rows(small_plan)]
    assert ids == [
        "G1.1-I1",
        "G1.1-I1-b1",
        "G1.1-I1-b2",
        "G1.3-I1",
        "G1.3-I2",
        "T4.1.2-I1",
        "T4.1.2-I2",
        "T4.1.2-I3",
        "G5.1-I1",
        "P002-E1",
        "P002-X",
    ]  # fmt: skip  (T4.1.1-I3 was deleted by resolution No. 1417)


def test_targets_for_the_year(small_plan: Plan) -> None:
    rows = {row.indicator_id: row for row in template_rows(small_plan, 2011)}
    assert rows["G1.1-I1"].target == Decimal("6.4")  # line 217: 2011 column of 6,9 8,0 6,6 6,4
    assert rows["G1.1-I1-b1"].target == Decimal("6.8")  # line 221, women
    assert rows["G1.1-I1-b1"].indicator == "Жұмыссыздық деңгейі"
    assert rows["G1.1-I1-b1"].breakdown == "әйелдер"
    assert rows["G1.3-I1"].target is None  # the hand-built plan gives it no values
    assert rows["G5.1-I1"].year == 2011
    spending = {row.indicator_id: row for row in template_rows(small_plan, 2010)}["P002-X"]
    assert (spending.code, spending.unit) == ("002", "мың теңге")
    assert spending.target == Decimal("454231109")  # line 618: 454 231 109 planned for 2010


def test_year_outside_the_plan_is_refused(small_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="2020 is outside the plan"):
        write_template(small_plan, tmp_path / "t.xlsx", 2020)


def test_unknown_format_is_refused(small_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        write_template(small_plan, tmp_path / "t.ods")


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+7", "'+7"),
        ("- еңбек", "'- еңбек"),
        ("@x", "'@x"),
        ("\r=x", "'\r=x"),
        ("әйелдер", "әйелдер"),
    ],
)
def test_formula_guard(text: str, guarded: str) -> None:
    assert guard_text(text) == guarded


def test_csv_template_is_utf8_with_bom_and_guarded(small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    assert write_template(small_plan, path, 2011) == 11
    assert path.read_bytes().startswith(b"\xef\xbb\xbfindicator_id,code,indicator")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == TEMPLATE_COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first == {
        "indicator_id": "G1.1-I1", "code": "1.1", "indicator": "Жұмыссыздық деңгейі",
        "breakdown": "", "unit": "%-бен", "target": "6.4", "year": "2011", "value": "",
        "region": "", "source": "", "comment": "",
    }  # fmt: skip


def test_csv_text_starting_with_a_formula_sign_is_guarded(tmp_path: Path, small_plan: Plan) -> None:
    plan = small_plan.model_copy(deep=True)
    plan.directions[0].goals[0].target_indicators[0].name = '=HYPERLINK("http://x")'
    path = tmp_path / "t.csv"
    write_template(plan, path)
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")


def test_xlsx_template_is_formatted(small_plan: Plan, tmp_path: Path) -> None:
    plan = small_plan.model_copy(deep=True)
    plan.directions[0].goals[0].target_indicators[0].name = "=1+1"
    path = tmp_path / "t.xlsx"
    write_template(plan, path, 2011)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(TEMPLATE_COLUMNS)
    name = sheet["C2"]
    assert (name.value, name.data_type) == ("=1+1", "s")  # text, never a formula
    assert sheet["A2"].fill.fgColor.rgb != sheet["H2"].fill.fgColor.rgb  # value column stands out
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet["F2"].value == pytest.approx(6.4)
    book.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_filled_template_imports_back(small_plan: Plan, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"template{suffix}"
    write_template(small_plan, path, 2011)
    filled = _fill(path, {"G1.1-I1": "5,4", "G1.1-I1-b2": "7.0", "P002-X": "554655853"})
    inputs = parse_file(filled, small_plan)
    got = {(a.indicator_id, str(a.period), a.value, a.breakdown) for a in inputs}
    assert got == {
        ("G1.1-I1", "2011", Decimal("5.4"), None),
        ("G1.1-I1-b2", "2011", Decimal("7.0"), None),  # the breakdown row's id names it
        ("P002-X", "2011", Decimal("554655853"), None),
    }


def _fill(path: Path, values: dict[str, str]) -> Path:
    """Type values into the template as a person would, in the same format."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            row[7] = values.get(row[0], "")
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        return path
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[7].value = float(values[str(row[0].value)].replace(",", "."))
    book.save(path)
    return path
