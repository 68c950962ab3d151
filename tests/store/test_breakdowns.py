"""One series per breakdown row, however the value names it (SQLite and PostgreSQL).

The small plan's goal 1.1 indicator "Жұмыссыздық деңгейі" (%-бен) has the breakdown rows
G1.1-I1-b1 "әйелдер" and G1.1-I1-b2 "жастар" (text lines 220-221).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.store.plan_fixture import count, one
from zhospar._exceptions import ImportFileError, ValidationError
from zhospar.imports import import_file
from zhospar.model.actuals import Origin
from zhospar.rules.catalog import Catalog, IndicatorInfo
from zhospar.rules.ranges import RangeRule
from zhospar.store import Database, history, latest_actuals, record_actuals, set_actual


def revisions(db: Database, indicator_id: str) -> list[tuple[str, int, Decimal, str | None]]:
    return [
        (str(a.period), a.revision, a.value, a.breakdown)
        for a in history(db, indicator_id, plan_key="small")
    ]


def test_a_label_naming_a_breakdown_row_is_recorded_under_the_rows_id(loaded: Database) -> None:
    done = set_actual(loaded, "small", one("G1.1-I1", "2012", "6.0", breakdown="әйелдер"),
                      entered_by="t")  # fmt: skip
    assert (done.actual.indicator_id, done.actual.breakdown, done.status) == (
        "G1.1-I1-b1", None, "added",
    )  # fmt: skip
    assert revisions(loaded, "G1.1-I1-b1") == [("2012", 1, Decimal("6.0"), None)]
    assert revisions(loaded, "G1.1-I1") == []


def test_the_id_and_the_label_are_one_series(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1-b1", "2012", "6.2")], entered_by="a")
    # case, a leading dash and punctuation aside, the label is the row's
    women = one("G1.1-I1", "2012", "6.1", breakdown="- Әйелдер,")
    second = record_actuals(loaded, "small", [women], entered_by="b")
    women = one("G1.1-I1", "2012", "6.1", breakdown="а) әйелдер")
    third = record_actuals(loaded, "small", [women], entered_by="c")
    assert (second.revised, third.unchanged) == (1, 1)
    assert revisions(loaded, "G1.1-I1-b1") == [
        ("2012", 1, Decimal("6.2"), None),
        ("2012", 2, Decimal("6.1"), None),
    ]
    assert count(loaded) == 2


def test_history_by_the_parent_and_the_label_finds_the_rows_series(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1-b2", "2011", "7.0")], entered_by="t")
    found = history(loaded, "G1.1-I1", plan_key="small", breakdown="Жастар")
    assert [(a.indicator_id, a.value) for a in found] == [("G1.1-I1-b2", Decimal("7.0"))]


def test_a_label_naming_no_row_stays_free_text(loaded: Database) -> None:
    inputs = [
        one("G1.1-I1", "2012", "5.0", breakdown=" қала "),  # urban: a split the plan does not list
        one("G1.1-I1-b1", "2012", "6.5", breakdown="ауыл"),  # rural women
    ]
    record_actuals(loaded, "small", inputs, entered_by="t")
    assert revisions(loaded, "G1.1-I1") == [("2012", 1, Decimal("5.0"), "қала")]
    assert revisions(loaded, "G1.1-I1-b1") == [("2012", 1, Decimal("6.5"), "ауыл")]
    keys = {(a.indicator_id, a.breakdown) for a in latest_actuals(loaded, "small")}
    assert keys == {("G1.1-I1", "қала"), ("G1.1-I1-b1", "ауыл")}


def test_a_breakdown_row_named_with_its_own_label_is_the_row(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1-b1", "2012", "6.2", breakdown="әйелдер")],
                   entered_by="t")  # fmt: skip
    assert revisions(loaded, "G1.1-I1-b1") == [("2012", 1, Decimal("6.2"), None)]


def test_the_rows_range_applies_to_a_value_named_by_label(loaded: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        record_actuals(loaded, "small", [one("G1.1-I1", "2012", "120", breakdown="жастар")],
                       entered_by="t")  # fmt: skip
    assert "G1.1-I1-b2" in str(caught.value) and "over 100" in str(caught.value)


def test_a_long_label_naming_a_row_is_not_a_long_label(loaded: Database) -> None:
    """A breakdown label is at most 100 characters; one naming a row is stored as the row."""
    label = "ұжымдық-шарттық қатынастар жүйесімен қамтылған,"  # G2.1-I1-b1, line 267
    padded = label + " " * 100
    record_actuals(loaded, "small", [one("G2.1-I1", "2012", "93", breakdown=padded)],
                   entered_by="t")  # fmt: skip
    assert revisions(loaded, "G2.1-I1-b1") == [("2012", 1, Decimal("93"), None)]
    with pytest.raises(ValidationError, match="at most 100 characters"):
        record_actuals(loaded, "small", [one("G2.1-I1", "2012", "93", breakdown="ы" * 101)],
                       entered_by="t")  # fmt: skip


def test_an_import_by_name_and_label_and_by_id_agree(loaded: Database, tmp_path: Path) -> None:
    by_name = tmp_path / "by-name.csv"
    by_name.write_text(
        "code,indicator,breakdown,year,value\n1.1,Жұмыссыздық деңгейі,әйелдер,2012,6.0\n",
        encoding="utf-8",
    )
    by_id = tmp_path / "by-id.csv"
    by_id.write_text("indicator_id,year,value\nG1.1-I1-b1,2012,6.0\n", encoding="utf-8")
    first = import_file(loaded, by_name, plan_key="small", entered_by="t")
    again = import_file(loaded, by_id, plan_key="small", entered_by="t")
    assert (first.added, again.unchanged) == (1, 1)
    record_actuals(loaded, "small", [one("G1.1-I1", "2012", "6.3", breakdown="әйелдер")],
                   entered_by="t")  # fmt: skip
    assert revisions(loaded, "G1.1-I1-b1") == [
        ("2012", 1, Decimal("6.0"), None),
        ("2012", 2, Decimal("6.3"), None),
    ]


def test_an_import_row_problem_about_a_label_names_its_row(loaded: Database) -> None:
    items = [
        one("G1.1-I1", "2012", "6.0", breakdown="әйелдер"),
        one("G1.1-I1", "2012", "140", breakdown="әйелдер"),
    ]
    items = [i.model_copy(update={"origin": Origin(file="f.csv", row=n)}) for n, i in
             zip((2, 3), items, strict=True)]  # fmt: skip
    with pytest.raises(ImportFileError) as caught:
        record_actuals(loaded, "small", items, entered_by="t")
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (3, "value")
    assert "G1.1-I1-b1" in problem.message


def _two_rows_with_one_label() -> Catalog:
    """As P002-Q1 of the bundled plan, whose breakdown rows b1 and b2 both read
    "ынтымақты зейнетақы;" (the text gives both the same label)."""
    info = IndicatorInfo("P002-Q1", "Зейнетақы алушылар саны", "адам", RangeRule.COUNT, None)
    rows = [
        IndicatorInfo(f"P002-Q1-b{n}", "ынтымақты зейнетақы;", "адам", RangeRule.COUNT, None,
                      parent="P002-Q1", label=("ынтымақты", "зейнетақы"))
        for n in (1, 2)
    ]  # fmt: skip
    indicators = {i.id: i for i in [info, *rows]}
    return Catalog("small", range(2008, 2015), indicators, {"P002-Q1": rows})


def test_a_label_naming_two_rows_is_refused_with_both() -> None:
    cat = _two_rows_with_one_label()
    with pytest.raises(ValidationError) as caught:
        cat.series("P002-Q1", "Ынтымақты зейнетақы")
    assert "P002-Q1-b1, P002-Q1-b2" in str(caught.value)
    assert cat.series("P002-Q1-b2", None) == ("P002-Q1-b2", "")
    assert cat.series("P002-Q1", "  ") == ("P002-Q1", "")
    assert cat.series("P002-Q1", "—") == ("P002-Q1", "—")  # no word in it: it names no row
