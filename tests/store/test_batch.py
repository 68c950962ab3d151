"""A batch (the import's columns) and a list of values are checked and written alike.

``record_actuals`` checks whole columns at once and looks row by row only when that finds a
fault; these tests hold it to what each value on its own gives (SQLite and PostgreSQL).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.store.plan_fixture import one
from zhospar._exceptions import ImportFileError, Problem
from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.batch import ActualBatch
from zhospar.model.periods import Period, PeriodKind
from zhospar.model.plan import Plan
from zhospar.store import Database, history, record_actuals, store_plan


def from_file(row: int, item: ActualInput) -> ActualInput:
    return item.model_copy(update={"origin": Origin(file="mixed.csv", row=row)})


MIXED = [
    one("G1.1-I1", "2011", "5.4"),  # 2: good
    one("G1.1-I1", "2011", "140"),  # 3: a share over 100
    one("G1.1-I1", "2011", "140", force_reason="as printed"),  # 4: forced: good
    one("T1.3.1-I1", "2012", "-1"),  # 5: a negative count (мың адам)
    one("G9.9-I9", "2012", "1"),  # 6: unknown
    one("G2.1-I2", "2012", "1"),  # 7: deleted by No. 415
    one("G1.1-I1", "2015", "5", region="Марс"),  # 8: region, then period
    one("G4.1-I2", "2012", "121.5"),  # 9: a percentage of the previous year: good
    one("G1.1-I1", "2012", "6", breakdown="ы" * 101),  # 10: label too long
    one("P002-X", "2011", "-5"),  # 11: negative money
    one("G1.1-I1-b2", "2011", "6.8", region="75"),  # 12: good
]
EXPECTED = [
    (3, "value"), (5, "value"), (6, "indicator"), (7, "indicator"), (8, "region"),
    (8, "period"), (10, "breakdown"), (11, "value"),
]  # fmt: skip


def problems_of(db: Database, inputs: list[ActualInput] | ActualBatch) -> list[Problem]:
    with pytest.raises(ImportFileError) as caught:
        record_actuals(db, "small", inputs, entered_by="t")
    return caught.value.problems


def test_a_batch_has_the_problems_of_its_values_each_on_its_own(loaded: Database) -> None:
    inputs = [from_file(row, item) for row, item in enumerate(MIXED, start=2)]
    as_list = problems_of(loaded, inputs)
    as_batch = problems_of(loaded, ActualBatch.of(inputs))
    each: list[Problem] = []
    for item in inputs:
        try:
            record_actuals(loaded, "small", [item], entered_by="t", dry_run=True)
        except ImportFileError as error:
            each.extend(error.problems)
    assert as_list == as_batch == each
    assert [(p.row, p.column) for p in as_batch] == EXPECTED


def test_a_value_that_is_not_a_number_is_refused_in_a_batch(loaded: Database) -> None:
    """ActualInput refuses NaN itself; a batch is plain columns, so the store checks it."""
    batch = ActualBatch.of([from_file(2, one("G1.1-I1", "2011", "5"))])
    batch.value[0] = Decimal("NaN")
    [problem] = problems_of(loaded, batch)
    assert (problem.row, problem.column) == (2, "value")
    assert problem.message == "expected a number; got NaN"


def test_revisions_in_one_batch_are_those_of_one_value_at_a_time(
    loaded: Database, small_plan: Plan
) -> None:
    store_plan(loaded, small_plan, "twin")
    inputs = [
        one("G1.1-I1", "2011", "5.4"),
        one("G1.1-I1", "2011", "5.5"),  # revision 2
        one("G1.1-I1", "2011", "5.5"),  # unchanged
        one("G1.1-I1", "2011", "5.4", region="75"),
        one("G1.1-I1-b1", "2011", "7.0"),
        one("G1.1-I1", "2011", "7.1", breakdown="әйелдер"),  # the series of G1.1-I1-b1: revision 2
        one("G1.1-I1", "2011", "5.6"),  # revision 3
    ]
    batch = record_actuals(loaded, "small", ActualBatch.of(inputs), entered_by="t")
    for item in inputs:
        record_actuals(loaded, "twin", [item], entered_by="t")
    assert (batch.added, batch.revised, batch.unchanged) == (3, 3, 1)

    def series(key: str) -> list[tuple[str, str | None, int, Decimal]]:
        return [
            (a.indicator_id, a.region, a.revision, a.value)
            for ident in ("G1.1-I1", "G1.1-I1-b1")
            for a in history(loaded, ident, plan_key=key, period=Period.parse("2011"))
        ]

    assert (
        series("small")
        == series("twin")
        == [
            ("G1.1-I1", None, 1, Decimal("5.4")),
            ("G1.1-I1", None, 2, Decimal("5.5")),
            ("G1.1-I1", None, 3, Decimal("5.6")),
            ("G1.1-I1", "75", 1, Decimal("5.4")),
            ("G1.1-I1-b1", None, 1, Decimal("7.0")),
            ("G1.1-I1-b1", None, 2, Decimal("7.1")),
        ]
    )


def test_a_first_import_of_new_series_is_all_first_revisions(loaded: Database) -> None:
    months = [Period.of(2012, PeriodKind.MONTH, m) for m in range(1, 13)]
    batch = ActualBatch.of(
        ActualInput(indicator_id=ident, period=p, value=Decimal(m), region=region)
        for m, p in enumerate(months, start=1)
        for ident in ("G1.1-I1", "G1.1-I1-b1")
        for region in (None, "71", "75")
    )
    result = record_actuals(loaded, "small", batch, entered_by="t")
    assert (result.added, result.revised, result.rows) == (72, 0, 72)
    july = history(loaded, "G1.1-I1-b1", plan_key="small", period=months[6], region="71")
    assert [(a.revision, a.value) for a in july] == [(1, Decimal(7))]
