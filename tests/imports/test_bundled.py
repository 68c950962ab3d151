"""Resolving and importing against the bundled plan as the reader reads it.

Expected ids come from the published text (line numbers of
src/zhospar/data/mlsp-strategic-plan-2010-2014.kk.txt) and the id scheme of model/plan.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhospar.imports import IndicatorIndex, Unresolved, parse_file, template_rows, write_template
from zhospar.ingest import ReadResult

from ..conftest import FACTS


@pytest.fixture(scope="module")
def index(bundled: ReadResult) -> IndicatorIndex:
    return IndicatorIndex.from_plan(bundled.plan)


def test_shared_facts_file_imports_as_it_is(bundled: ReadResult) -> None:
    inputs = parse_file(FACTS, bundled.plan)
    by_row = {a.origin.row: (a.indicator_id, str(a.period), a.value) for a in inputs}
    assert by_row == {
        # line 216: goal 1.1's first target indicator "1. Жұмыссыздық деңгейі"
        2: ("G1.1-I1", "2010", Decimal("5.775")),
        3: ("G1.1-I1", "2011", Decimal("5.4")),
        4: ("G1.1-I1", "2012", Decimal("5.3")),
        5: ("G1.1-I1", "2013", Decimal("5.25")),
        6: ("G1.1-I1", "2014", Decimal("5.0")),
        # line 371: goal 5.1's "1. Табысы ең төмен күнкөріс деңгейінен төмен халықтың үлесі,"
        7: ("G5.1-I1", "2012", Decimal("3.8")),
        # line 321: task 4.1.2's "1.Базалық зейнетақы төлемдерінің мөлшері,"
        8: ("T4.1.2-I1", "2010", Decimal("40.0")),
        9: ("T4.1.2-I1", "2011", Decimal("50.0")),
        10: ("T4.1.2-I1", "2014", Decimal("50.0")),
    }


def test_goal_indicator_with_its_item_number_and_unit(index: IndicatorIndex) -> None:
    found = index.resolve_name("1.1", "1. Жұмыссыздық деңгейі", "")
    assert (found.indicator_id, found.unit) == ("G1.1-I1", "%-бен")  # lines 216-217


def test_breakdowns_of_the_unemployment_rate(index: IndicatorIndex) -> None:
    # lines 219-222: "оның ішінде:" women, then youth
    assert index.resolve_name("1.1", "Жұмыссыздық деңгейі", "әйелдер").indicator_id == "G1.1-I1-b1"
    assert index.resolve_name("1.1", "Жұмыссыздық деңгейі", "жастар").indicator_id == "G1.1-I1-b2"


def test_ambiguous_leading_word_in_program_001(index: IndicatorIndex) -> None:
    # line 696: "Әзірленген стратегиялық құжаттардың ..." and "Әзірленген және енгізілген ..."
    with pytest.raises(Unresolved) as error:
        index.resolve_name("001", "Әзірленген", "")
    assert "P001-Q1" in error.value.message and "P001-Q2" in error.value.message
    found = index.resolve_name("001", "Әзірленген стратегиялық құжаттардың", "")
    assert found.indicator_id == "P001-Q1"


def test_program_expenditure(index: IndicatorIndex) -> None:
    assert index.resolve_name("002", "шығыстар", "").indicator_id == "P002-X"
    assert index.resolve_id("P002-X", "").unit == "мың теңге"


def test_template_lists_targets_from_the_text(bundled: ReadResult) -> None:
    rows = {row.indicator_id: row for row in template_rows(bundled.plan, 2011)}
    assert rows["G1.1-I1"].target == Decimal("6.4")  # line 217: 6,9 8,0 6,6 6,4 ...
    assert rows["T4.1.2-I1"].target == Decimal("50")  # line 322: 40 40 40 50 ...
    assert rows["T4.1.2-I1"].unit == "ЕТҚД шамасына %"
    assert "P002-X" in rows


def test_bundled_template_imports_back(bundled: ReadResult, tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    count = write_template(bundled.plan, path, 2012)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == count + 1
    header, *rows = lines
    filled = [header] + [line.replace(",2012,,", ",2012,1,", 1) for line in rows]
    path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    inputs = parse_file(path, bundled.plan)
    assert len(inputs) == count
    assert {str(a.period) for a in inputs} == {"2012"}
