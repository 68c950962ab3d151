"""Recording actuals: revisions, history, range checks, problems reported at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.store.plan_fixture import count, one
from zhospar._exceptions import ImportFileError, NotFoundError, ValidationError
from zhospar.model.actuals import Origin
from zhospar.store import Database, history, latest_actuals, record_actuals, set_actual


def test_a_correction_is_a_new_revision_and_history_keeps_both(loaded: Database) -> None:
    first = set_actual(loaded, "small", one("G1.1-I1", "2011", "5,4", source="Stat bulletin 1"),
                       entered_by="aigerim")  # fmt: skip
    second = set_actual(loaded, "small", one("G1.1-I1", "2011", "5,5", comment="revised"),
                        entered_by="nurlan")  # fmt: skip
    assert (first.status, first.actual.revision) == ("added", 1)
    assert (second.status, second.actual.revision) == ("revised", 2)
    found = history(loaded, "G1.1-I1", plan_key="small")
    assert [(a.revision, a.value, a.entered_by) for a in found] == [
        (1, Decimal("5.4"), "aigerim"),
        (2, Decimal("5.5"), "nurlan"),
    ]
    assert found[0].source == "Stat bulletin 1" and found[1].comment == "revised"
    assert found[0].entered_at <= found[1].entered_at
    assert found[0].entered_at.tzinfo is not None
    assert count(loaded) == 2


def test_the_same_value_again_is_unchanged_and_not_written(loaded: Database) -> None:
    set_actual(loaded, "small", one("G1.1-I1", "2011", "5,775"), entered_by="a")
    again = set_actual(loaded, "small", one("G1.1-I1", "2011", "5.775"), entered_by="b")
    assert again.status == "unchanged" and again.actual.revision == 1
    assert again.actual.value == Decimal("5.775")  # exact, also on SQLite
    assert count(loaded) == 1


def test_regions_periods_and_breakdowns_are_separate_series(loaded: Database) -> None:
    inputs = [
        one("G1.1-I1", "2011", "5.4"),
        one("G1.1-I1", "2011", "6.1", region="Алматы қаласы"),
        one("G1.1-I1", "2011", "6.2", region="75"),  # same series: a revision
        one("G1.1-I1", "2011-Q3", "5.1"),
        one("G1.1-I1", "2011", "6.0", breakdown="қала"),  # urban: a split the plan has not
    ]
    result = record_actuals(loaded, "small", inputs, entered_by="t")
    assert (result.added, result.revised, result.unchanged, result.rows) == (4, 1, 0, 5)
    almaty = history(loaded, "G1.1-I1", plan_key="small", region="75")
    assert [(a.region, a.revision, a.value) for a in almaty] == [
        ("75", 1, Decimal("6.1")),
        ("75", 2, Decimal("6.2")),
    ]
    country = history(loaded, "G1.1-I1", plan_key="small", region="")
    assert [(str(a.period), a.breakdown) for a in country] == [
        ("2011", None),
        ("2011", "қала"),
        ("2011-Q3", None),
    ]
    latest = {
        (str(a.period), a.region, a.breakdown): a.value for a in latest_actuals(loaded, "small")
    }
    assert latest[("2011", "75", None)] == Decimal("6.2")
    assert len(latest) == 4


def test_a_share_over_100_is_refused_with_indicator_unit_and_value(loaded: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        set_actual(loaded, "small", one("G2.1-I1-b1", "2011", "120"), entered_by="t")
    message = str(caught.value)
    assert "G2.1-I1-b1" in message
    assert "қызмет ететін ірі орта кәсіпорындардың санынан %" in message
    assert "120" in message and "over 100" in message
    assert count(loaded) == 0


def test_a_negative_count_is_refused(loaded: Database) -> None:
    with pytest.raises(ValidationError, match=r"T1\.3\.1-I1.*мың адам.*negative.*-3"):
        set_actual(loaded, "small", one("T1.3.1-I1", "2011", "-3"), entered_by="t")
    with pytest.raises(ValidationError, match="negative"):
        set_actual(loaded, "small", one("G1.1-I1", "2011", "-0.1"), entered_by="t")


def test_force_with_a_reason_accepts_it_and_keeps_the_reason(loaded: Database) -> None:
    forced = one("G2.1-I1-b1", "2011", "100.5", force_reason="bulletin counts new firms twice")
    done = set_actual(loaded, "small", forced, entered_by="t")
    assert done.actual.value == Decimal("100.5")
    assert done.actual.force_reason == "bulletin counts new firms twice"


def test_a_percent_of_the_previous_year_may_exceed_100(loaded: Database) -> None:
    # Line 315 plans 121 for 2008: "өткен жылға %-бен" is a growth index, not a share.
    done = set_actual(loaded, "small", one("G4.1-I2", "2011", "121"), entered_by="t")
    assert done.status == "added"


def test_program_expenditure_is_recorded_in_thousand_tenge(loaded: Database) -> None:
    done = set_actual(loaded, "small", one("P002-X", "2011", "724962585"), entered_by="t")
    assert done.actual.indicator_id == "P002-X" and done.actual.value == Decimal(724962585)
    with pytest.raises(ValidationError, match=r"P002-X.*мың теңге.*negative"):
        set_actual(loaded, "small", one("P002-X", "2012", "-1"), entered_by="t")


def test_an_unknown_indicator_names_the_closest_ids(loaded: Database) -> None:
    with pytest.raises(NotFoundError, match=r'no indicator "G1\.1-I9".*closest: G1\.1-I1'):
        set_actual(loaded, "small", one("G1.1-I9", "2011", "1"), entered_by="t")
    with pytest.raises(NotFoundError, match=r"G1\.1-I1"):
        history(loaded, "g1.1-i1x", plan_key="small")


def test_a_deleted_indicator_takes_no_values(loaded: Database) -> None:
    with pytest.raises(ValidationError, match=r"G2\.1-I3.*deleted.*1417"):
        set_actual(loaded, "small", one("G2.1-I3", "2011", "1"), entered_by="t")


def test_every_problem_of_an_import_is_listed_with_its_row(loaded: Database) -> None:
    def row(n: int, **kw: object) -> Origin:
        return Origin(file="facts.csv", row=n)

    inputs = [
        one("G1.1-I1", "2011", "5.4", origin=row(2)),
        one("X9", "2011", "1", origin=row(3)),
        one("G1.1-I1", "2011", "101", origin=row(4)),
        one("G1.1-I1", "2011", "5", region="Шымкент", origin=row(5)),
        one("G1.1-I1", "2020", "5", origin=row(6)),
    ]
    with pytest.raises(ImportFileError) as caught:
        record_actuals(loaded, "small", inputs, entered_by="t")
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (3, "indicator"),
        (4, "value"),
        (5, "region"),
        (6, "period"),
    ]
    assert 'facts.csv, row 5, column "region"' in str(caught.value)
    assert count(loaded) == 0


def test_dry_run_counts_and_writes_nothing(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "5.4")], entered_by="t")
    inputs = [
        one("G1.1-I1", "2011", "5.4"),
        one("G1.1-I1", "2011", "5.5"),
        one("G1.1-I1", "2012", "5"),
    ]
    result = record_actuals(loaded, "small", inputs, entered_by="t", dry_run=True)
    assert (result.added, result.revised, result.unchanged) == (1, 1, 1)
    assert count(loaded) == 1


def test_a_failure_half_way_leaves_the_database_as_it_was(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2010", "6.6")], entered_by="t")
    inputs = [one("G1.1-I1", str(2008 + i % 7), str(i % 50), region=f"{11 + 4 * (i % 14)}")
              for i in range(5_000)]  # fmt: skip
    calls: list[int] = []

    def explode(written: int) -> None:
        calls.append(written)
        if len(calls) == 2:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        record_actuals(loaded, "small", inputs, entered_by="t", progress=explode, batch_size=1000)
    assert calls == [1000, 2000]
    assert count(loaded) == 1
    result = record_actuals(loaded, "small", inputs, entered_by="t", batch_size=1000)
    assert result.rows == 5_000 and count(loaded) == 5_001


def test_who_entered_it_must_be_named(loaded: Database) -> None:
    with pytest.raises(ValidationError, match="entered_by"):
        record_actuals(loaded, "small", [one("G1.1-I1", "2011", "5")], entered_by=" ")
