"""Checking whole files: every problem at once, each with its row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from zhospar._exceptions import ImportFileError, Problem
from zhospar.imports import parse_file
from zhospar.imports.actual_inputs import checked_actual_input
from zhospar.imports.validate import parse_value
from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.periods import Period
from zhospar.model.plan import Plan

from ..conftest import FACTS

HEADER = "code,indicator,breakdown,unit,year,value,region,source\n"


def problems(path: Path, plan: Plan) -> list[Problem]:
    with pytest.raises(ImportFileError) as error:
        parse_file(path, plan)
    assert str(path) in str(error.value)
    return error.value.problems


def at(found: list[Problem], row: int | None, column: str | None) -> str:
    """The message of the one problem at this row and column."""
    messages = [p.message for p in found if (p.row, p.column) == (row, column)]
    assert len(messages) == 1, f"expected one problem at {row}/{column}; got {found}"
    return messages[0]


def test_shared_facts_file_imports_as_it_is(small_plan: Plan) -> None:
    inputs = parse_file(FACTS, small_plan)
    assert len(inputs) == 9  # every data row of the file
    first = inputs[0]  # 1.1,Жұмыссыздық деңгейі,,%-бен,2010,5.775,"IMF World Economic Outlook..."
    assert first.indicator_id == "G1.1-I1"
    assert first.period == Period.parse("2010")
    assert first.value == Decimal("5.775")
    assert first.region is None and first.breakdown is None
    assert first.source is not None and first.source.startswith("IMF World Economic Outlook")
    assert first.origin == Origin(file="facts-2010-2014.csv", row=2)
    by_row = {a.origin.row: a.indicator_id for a in inputs}
    assert by_row[7] == "G5.1-I1"  # 5.1,Табысы ең төмен күнкөріс деңгейінен төмен ...,2012,3.8
    assert by_row[8] == "T4.1.2-I1"  # 4.1.2,Базалық зейнетақы төлемдерінің мөлшері,...,2010,40.0


def test_every_problem_is_reported_at_once(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "bad.csv",
        HEADER
        + "1.1,Жұмыссыздық деңгейі,,%-бен,2010,abc,,\n"  # row 2: bad number
        + "1.1,Жұмыссыздықтың деңгейі,,%,2011,5.4,,\n"  # row 3: unknown name
        + "1.3,ЖАО-ға жұмыспен қамту,,,2011,88,,\n"  # row 4: ambiguous
        + "5.1,Табысы ең төмен,,%,2020,3.8,,\n"  # row 5: outside the plan
        + "5.1,Табысы ең төмен,,%,2012,3.8,Марс,\n"  # row 6: unknown region
        + "4.1.2,Базалық зейнетақы,,ЕТҚД шамасына %,2010,40,,\n"  # row 7: good
        + "4.1.2,Базалық зейнетақы,,%,2010,41,,\n"  # row 8: same as row 7
        + "4.1.2,Базалық зейнетақы,,мың адам,2011,50,,\n"  # row 9: not the plan's unit
        + "9.9,Базалық зейнетақы,,,2011,50,,\n"  # row 10: unknown code
        + "1.1,Жұмыссыздық деңгейі,мүгедектер,,2011,5,,\n"  # row 11: unknown breakdown
        + "1.1,Жұмыссыздық деңгейі,,,2011-13,5,,\n",  # row 12: no such month
    )
    found = problems(path, small_plan)
    assert len(found) == 10  # rows 2 to 12 but row 7
    assert at(found, 2, "value") == 'expected a number such as 5.3 or 5,3; got "abc"'
    assert 'closest: G1.1-I1 "Жұмыссыздық деңгейі"' in at(found, 3, "indicator")
    assert "ambiguous" in at(found, 4, "indicator")
    assert at(found, 5, "year") == "the period 2020 is outside the plan: expected 2008 to 2014"
    assert at(found, 6, "region").startswith('unknown region "Марс"')
    assert "as row 7" in at(found, 8, "indicator")
    assert '"ЕТҚД шамасына %"; got "мың адам"' in at(found, 9, "unit")
    assert '"9.9"' in at(found, 10, "code")
    assert '"әйелдер", "жастар"' in at(found, 11, "breakdown")
    assert "2011-13" in at(found, 12, "year")


def test_problem_names_the_column_as_the_file_writes_it(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    path = write("kk.csv", "Коды;Көрсеткіш;Жыл;Мәні\n1.1;Жұмыссыздық деңгейі;2010;х5\n")
    found = problems(path, small_plan)
    assert [str(p) for p in found] == [
        'row 2, column "Мәні": expected a number such as 5.3 or 5,3; got "х5"'
    ]


def test_semicolons_and_decimal_comma_with_bom(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = "\ufeffкод;показатель;год;значение;регион\n1.1;Жұмыссыздық деңгейі;2011;5,4;Астана\n"
    [value] = parse_file(write("ru.csv", text), small_plan)
    assert (value.indicator_id, value.value, value.region) == ("G1.1-I1", Decimal("5.4"), "71")


def test_region_by_code_and_by_name_are_the_same_region(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "1.1,Жұмыссыздық,,,2011,5,71,\n1.1,Жұмыссыздық,,,2011,5,Астана қаласы,\n"
    found = problems(write("twice.csv", text), small_plan)
    assert "as row 2" in at(found, 3, "indicator")


def test_missing_required_column_is_one_problem_naming_the_columns_found(
    write,  # type: ignore[no-untyped-def]
    small_plan: Plan,
) -> None:
    found = problems(write("nocol.csv", "code,indicator,year,amount\n1.1,x,2010,5\n"), small_plan)
    assert len(found) == 1
    assert found[0].row == 1
    assert 'missing required column(s) "value"' in found[0].message
    assert '"code", "indicator", "year", "amount"' in found[0].message


def test_header_only(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    found = problems(write("header.csv", HEADER), small_plan)
    assert found == [Problem(1, None, "the file has a header but no rows of values")]


def test_rows_without_values_are_skipped_but_not_all_of_them(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "1.1,Жұмыссыздық,,,2011,,,\n1.1,Жұмыссыздық,,,2012,-,,\n"
    found = problems(write("blank.csv", text), small_plan)
    assert found == [Problem(None, "value", "none of the 2 row(s) has a value: nothing to import")]
    text += "1.1,Жұмыссыздық,,,2013,5.25,,\n"
    [value] = parse_file(write("one.csv", text), small_plan)
    assert value.origin.row == 4


def test_periods_as_people_write_them(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = (
        "indicator_id,period,value\n"
        "G1.1-I1,2011-Q3,5.4\nG1.1-I1,2011-07,5.3\nG1.1-I1,2011 ж.,5.2\nG1.1-I1,2011-08-01,5.1\n"
    )
    periods = [str(a.period) for a in parse_file(write("periods.csv", text), small_plan)]
    assert periods == ["2011-Q3", "2011-07", "2011", "2011-08"]


def test_csv_formula_guard_is_taken_off(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "1.1,'-Жұмыссыздық деңгейі,'-жастар,,2011,5,,'=SUM(A1)\n"
    [value] = parse_file(write("guarded.csv", text), small_plan)
    assert (value.indicator_id, value.source) == ("G1.1-I1-b2", "=SUM(A1)")


def test_xlsx_file_with_problems(tmp_path: Path, small_plan: Plan) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator_id", "year", "value"])
    sheet.append(["G1.1-I1", 2011, 5.4])
    sheet.append(["G1.1-I7", 2011, "бес"])
    path = tmp_path / "facts.xlsx"
    book.save(path)
    found = problems(path, small_plan)
    assert "closest: G1.1-I1" in at(found, 3, "indicator_id")
    assert at(found, 3, "value") == 'expected a number such as 5.3 or 5,3; got "бес"'


def test_xlsx_values_read_as_numbers_and_dates(tmp_path: Path, small_plan: Plan) -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "indicator", "year", "value"])
    sheet.append(["4.1.2", "Базалық зейнетақы", 2011, 50])
    sheet.append(["4.1.2", "Базалық зейнетақы", dt.datetime(2012, 3, 1), 49.5])
    path = tmp_path / "facts.xlsx"
    book.save(path)
    inputs = parse_file(path, small_plan)
    assert [(str(a.period), a.value) for a in inputs] == [
        ("2011", Decimal("50")),
        ("2012-03", Decimal("49.5")),
    ]


def test_force_reason_column(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    text = "indicator_id,year,value,force_reason\nG1.1-I1,2011,105,survey error corrected later\n"
    [value] = parse_file(write("force.csv", text), small_plan)
    assert value.force_reason == "survey error corrected later"


def test_values_are_actual_inputs(write, small_plan: Plan) -> None:  # type: ignore[no-untyped-def]
    [value] = parse_file(
        write("x.csv", "indicator_id,year,value\nP002-X,2010,454 231 109\n"), small_plan
    )
    assert value == ActualInput(
        indicator_id="P002-X",
        period=Period.parse("2010"),
        value=Decimal("454231109"),
        origin=Origin(file="x.csv", row=2),
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("5.3", "5.3"), ("5,3", "5.3"), ("-2", "-2"), ("1 234,5", "1234.5"),
        ("1\u00a0234", "1234"), ("1,234.5", "1234.5"), ("1.234,5", "1234.5"), ("−3,5", "-3.5"),
        ("4 0 234 532", "40234532"), ("1e3", "1E+3"), ("+7", "7"),
    ],
)  # fmt: skip
def test_parse_value(text: str, number: str) -> None:
    assert parse_value(text) == Decimal(number)


@pytest.mark.parametrize("text", ["abc", "5..3", "1,2,3", "NaN", "Infinity", "5%", "1_000", "--5"])
def test_parse_value_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text)


def test_a_checked_actual_input_equals_a_validated_one() -> None:
    """checked_actual_input skips pydantic's validation; it must build the very same model."""
    period = Period.parse("2011-Q3")
    fast = checked_actual_input(
        "G1.1-I1",
        period,
        Decimal("5.4"),
        "71",
        None,
        "IMF",
        None,
        "facts.csv",
        7,
        None,
        "operational",
        "2011-07..2011-08",
    )
    slow = ActualInput(
        indicator_id="G1.1-I1",
        period=period,
        value=Decimal("5.4"),
        region="71",
        breakdown=None,
        source="IMF",
        comment=None,
        origin=Origin(file="facts.csv", row=7),
        force_reason=None,
        status="operational",
        coverage="2011-07..2011-08",
    )
    assert fast == slow and hash(fast.origin) == hash(slow.origin)
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set
    assert repr(fast) == repr(slow)
    changed = fast.model_copy(update={"value": Decimal("5.5")})
    assert changed.value == Decimal("5.5") and fast.value == Decimal("5.4")
    assert fast.model_fields_set == slow.model_fields_set  # the shared set was not touched
    with pytest.raises(ValidationError):
        fast.value = Decimal(1)  # type: ignore[misc]  # frozen, as the validated model
