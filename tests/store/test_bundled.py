"""The bundled plan in the database: `init` is idempotent; versions follow the text's marks."""

from __future__ import annotations

from zhospar.store import BUNDLED_PLAN_KEY, Database, diff_versions, init_database, initialize


def test_init_stores_the_bundled_plan_once(database: Database) -> None:
    first = initialize(database)
    assert first.changed and first.regions_added == 16
    assert first.plans[0].created and first.plans[0].versions == ["2342", "415", "1417"]
    second = initialize(database)
    assert not second.changed and not second.plans[0].created
    assert "Nothing changed." in second.lines()
    assert init_database(database) == BUNDLED_PLAN_KEY
    assert database.plan_keys() == [BUNDLED_PLAN_KEY]


def test_amendments_of_the_bundled_plan(database: Database) -> None:
    """Lines 269-271 (goal 2.1) and 319 (task 4.1.1) name what No. 415 and No. 1417 deleted."""
    init_database(database)
    key = BUNDLED_PLAN_KEY
    d415 = diff_versions(database, f"{key}@2342", f"{key}@415")
    assert [i.id for i in d415.deleted] == ["G2.1-I1-b2", "G2.1-I2"]
    assert d415.milestones_deleted == []
    d1417 = diff_versions(database, f"{key}@415", f"{key}@1417")
    assert [i.id for i in d1417.deleted] == ["G2.1-I3"]
    assert [m.id for m in d1417.milestones_deleted] == ["T4.1.1-M3"]
    assert d1417.targets_changed == [] and d1417.added == []
