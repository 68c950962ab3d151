"""Facts: the latest revision counts; breakdown values go to their breakdown row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.evaluate._build import fact, small_plan
from zhospar.evaluate import FactRef, group_facts, latest
from zhospar.model.actuals import Actual
from zhospar.model.periods import Period


def _actual(value: str, revision: int, region: str | None = None) -> Actual:
    return Actual(
        id=revision,
        plan_id=1,
        revision=revision,
        entered_by="aigerim",
        entered_at=dt.datetime(2013, 1, revision),
        indicator_id="G1.1-I1",
        period=Period.of(2012),
        value=Decimal(value),
        region=region,
    )


def test_latest_keeps_the_highest_revision_per_key() -> None:
    kept = latest([_actual("5.4", 2), _actual("5.3", 3), _actual("5.9", 1), _actual("7", 1, "AKM")])
    assert [(a.value, a.revision, a.region) for a in kept] == [
        (Decimal("5.3"), 3, None),
        (Decimal(7), 1, "AKM"),
    ]


def test_latest_without_revisions_keeps_the_later_input() -> None:
    kept = latest([fact("X", "2012", "1"), fact("X", "2012", "2"), fact("X", "2011", "3")])
    assert [f.value for f in kept] == [2, 3]


def test_fact_ref_keeps_who_and_where() -> None:
    ref = FactRef.of(_actual("5.3", 2))
    assert (ref.entered_by, ref.revision) == ("aigerim", 2)
    assert ref.describe() == "entered by aigerim; revision 2"
    assert FactRef.of(fact("X", "2012", "1", row=7, source="IMF")).describe() == (
        "facts.csv, row 7; source: IMF"
    )


def test_breakdown_label_goes_to_its_row() -> None:
    groups = group_facts(
        small_plan(),
        [
            fact("G1.1-I1", "2012", "5.3"),
            fact("G1.1-I1", "2012", "6.1", breakdown="жастар"),
            fact("G1.1-I1-b1", "2012", "6.0", breakdown="әйелдер"),
            fact("G1.1-I1", "2012", "9", breakdown="ауыл"),
            fact("T1.1.1-I1", "2012", "9", breakdown="әйелдер"),
        ],
    )
    assert [f.value for f in groups.of("G1.1-I1")] == [Decimal("5.3")]
    assert [f.value for f in groups.of("G1.1-I1-b2")] == [Decimal("6.1")]
    assert [f.value for f in groups.of("G1.1-I1-b1")] == [Decimal("6.0")]
    reasons = [u.reason for u in groups.unmatched]
    assert reasons == [
        'breakdown "ауыл" is not one of the rows of G1.1-I1 ("әйелдер", "жастар")',
        'T1.1.1-I1 has no breakdown rows, so the value for breakdown "әйелдер" has nowhere to go '
        "(it is not the total)",
    ]
