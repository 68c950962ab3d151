"""Plans and versions: stored once, read back, versions from the deletion marks, diff."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhospar._exceptions import NotFoundError, StoreError
from zhospar.model.plan import Plan
from zhospar.model.walk import find_indicator
from zhospar.store import Database, diff_versions, list_plans, load_plan, store_plan
from zhospar.store.diff import TargetChange

# From the text: goal 2.1 lines 269-271 and task 4.1.1 line 319.
BY_415 = ["G2.1-I1-b2", "G2.1-I2"]
BY_1417 = ["G2.1-I3"]
MILESTONE_BY_1417 = ["T4.1.1-M3"]


def test_three_versions_from_the_acts(loaded: Database) -> None:
    [info] = list_plans(loaded)
    assert [v.key for v in info.versions] == ["small@2342", "small@415", "small@1417"]
    assert [v.is_current for v in info.versions] == [False, False, True]
    # Present indicators: 1.1-I1 + 2 breakdowns, 1.3.1-I1, 2.1-I1, b1, b2, I2, I3, I4, 4.1-I2 = 11
    assert [v.indicators for v in info.versions] == [11, 9, 8]
    assert [v.milestones for v in info.versions] == [4, 4, 3]
    # 2342: b2, I2, I3 and M3 are put back without their wording; 415: I3 and M3.
    assert [v.placeholders for v in info.versions] == [4, 2, 0]


def test_the_plan_and_its_current_version_read_back_as_stored(
    loaded: Database, small_plan: Plan
) -> None:
    assert load_plan(loaded, "small") == small_plan
    assert loaded.load_plan("small@1417") == small_plan


def test_an_earlier_version_has_the_deleted_rows_as_placeholders(loaded: Database) -> None:
    approved = load_plan(loaded, "small@2342")
    for indicator_id in BY_415 + BY_1417:
        place = find_indicator(approved, indicator_id)
        assert place is not None and place.indicator.deleted is None
        assert "deleted by resolution No." in place.indicator.name
        assert place.indicator.values == []
    after_415 = load_plan(loaded, "small@415")
    i2 = find_indicator(after_415, "G2.1-I2")
    i3 = find_indicator(after_415, "G2.1-I3")
    assert i2 is not None and i2.indicator.deleted is not None
    assert i3 is not None and i3.indicator.deleted is None
    assert "No. 1417 of 27.12.2010" in i3.indicator.name


def test_diff_names_what_each_amendment_deleted(loaded: Database) -> None:
    first = diff_versions(loaded, "small@2342", "small@415")
    assert [i.id for i in first.deleted] == BY_415
    assert {i.deleted_by for i in first.deleted} == {"415"}
    assert first.milestones_deleted == [] and first.added == []
    second = diff_versions(loaded, "small@415", "small")
    assert [i.id for i in second.deleted] == BY_1417
    assert [m.id for m in second.milestones_deleted] == MILESTONE_BY_1417
    assert second.targets_changed == []
    whole = diff_versions(loaded, "small@2342", "small@1417")
    assert [i.id for i in whole.deleted] == BY_415 + BY_1417
    back = diff_versions(loaded, "small@1417", "small@2342")
    assert [i.id for i in back.added] == BY_415 + BY_1417
    assert [m.id for m in back.milestones_added] == MILESTONE_BY_1417
    assert diff_versions(loaded, "small", "small@1417").empty


def test_diff_between_plans_shows_targets_changed(loaded: Database, small_plan: Plan) -> None:
    other = small_plan.model_copy(deep=True)
    other.source = other.source.model_copy(update={"sha256": "1" * 64})  # type: ignore[union-attr]
    unemployment = other.directions[0].goals[0].target_indicators[0]
    unemployment.values[-1].value = Decimal("5.5")  # 2014: 5,9 in line 217
    other.directions[1].goals[0].target_indicators.pop()  # G2.1-I4
    store_plan(loaded, other, "other")
    d = diff_versions(loaded, "small", "other")
    assert d.targets_changed == [
        TargetChange("G1.1-I1", "Жұмыссыздық деңгейі", 2014, Decimal("5.9"), Decimal("5.5"))
    ]
    assert [i.id for i in d.deleted] == ["G2.1-I4"] and d.added == []
    assert [p.key for p in list_plans(loaded)] == ["small", "other"]
    assert loaded.plan_keys() == ["small", "other"]


def test_storing_again_changes_nothing_but_another_text_is_refused(
    loaded: Database, small_plan: Plan
) -> None:
    again = store_plan(loaded, small_plan, "small")
    assert not again.created and again.versions == ["2342", "415", "1417"]
    changed = small_plan.model_copy(update={"source": small_plan.source.model_copy(
        update={"sha256": "f" * 64})})  # type: ignore[union-attr]  # fmt: skip
    with pytest.raises(StoreError, match="already stored from another text"):
        store_plan(loaded, changed, "small")


def test_unknown_plans_and_versions_name_what_exists(loaded: Database) -> None:
    with pytest.raises(NotFoundError, match="plans stored: small"):
        load_plan(loaded, "nope")
    with pytest.raises(NotFoundError, match="small@2342, small@415, small@1417"):
        diff_versions(loaded, "small@999", "small")


def test_targets_are_rows_with_their_source_line(loaded: Database) -> None:
    from sqlalchemy import text

    query = text(
        "SELECT t.year, t.value, t.line FROM targets t JOIN indicators i "
        "ON i.id = t.indicator_row_id JOIN plan_versions v ON v.id = i.version_id "
        "WHERE v.is_current AND i.indicator_id = 'G1.1-I1-b1' ORDER BY t.year"
    )
    with loaded.reading() as conn:
        rows = [(y, Decimal(str(v)), line) for y, v, line in conn.execute(query)]
    assert rows[0] == (2008, Decimal("7.9"), 220) and rows[-1] == (2014, Decimal("6.1"), 220)
