"""Milestones take actual values too: 1 in the year one was done, 0 for "not done" in a year.

The bundled plan's task 1.1.1 has the milestone "Қазақстан Республикасы халқын жұмыспен қамту
бағдарламасын әзірлеу" due in 2011 (line 223, T1.1.1-M1); task 5.1.4's contact centre is due
2009-2011 (line 393, T5.1.4-M1); T4.1.1-M3 was deleted by No. 1417 (line 319).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhospar._exceptions import ImportFileError, ValidationError
from zhospar.evaluate import MilestoneState, Status, evaluate_year
from zhospar.imports import import_file, template_rows
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.store import Database, evaluation_inputs, history, init_database, set_actual


@pytest.fixture
def database(bundled_database: Database) -> Database:
    """The bundled plan already stored (a copy: storing it takes seconds); ``init_database``
    finds it there and gives its key."""
    return bundled_database


def _done(ident: str, year: int, value: str = "1", force: str | None = None) -> ActualInput:
    return ActualInput(
        indicator_id=ident,
        period=Period.parse(str(year)),
        value=Decimal(value),
        source="Ministry's annual report",
        force_reason=force,
    )


def test_a_milestone_done_on_time_is_recorded_and_scored_done(database: Database) -> None:
    key = init_database(database)
    recorded = set_actual(database, key, _done("T1.1.1-M1", 2011), entered_by="aigerim")
    assert recorded.status == "added" and recorded.actual.value == 1
    stored = evaluation_inputs(database, key)
    result = evaluate_year(stored.plan, stored.facts, 2012, stored.options())
    score = result.achievements["T1.1.1-M1"]
    assert score.milestone is MilestoneState.DONE and score.status is Status.ACHIEVED
    assert score.message == "done in 2011 (due 2011)"


def test_a_milestone_done_after_its_due_years_is_late(database: Database) -> None:
    key = init_database(database)
    set_actual(database, key, _done("T5.1.4-M1", 2011, "0"), entered_by="aigerim")
    set_actual(database, key, _done("T5.1.4-M1", 2012), entered_by="aigerim")
    stored = evaluation_inputs(database, key)
    score = evaluate_year(stored.plan, stored.facts, 2012, stored.options())
    assert score.achievements["T5.1.4-M1"].milestone is MilestoneState.LATE
    assert score.achievements["T5.1.4-M1"].message == "done late: in 2012, due 2009-2011"
    assert [a.value for a in history(database, "T5.1.4-M1", plan_key=key)] == [0, 1]


@pytest.mark.parametrize("value", ["0.5", "2", "-1"])
def test_a_milestone_takes_only_1_or_0_even_when_forced(database: Database, value: str) -> None:
    key = init_database(database)
    for force in (None, "the ministry says so"):
        with pytest.raises(ValidationError, match=r"1 \(done\) or 0 \(not done\)"):
            set_actual(database, key, _done("T1.1.1-M1", 2011, value, force), entered_by="a")
    assert history(database, "T1.1.1-M1", plan_key=key) == []


def test_a_deleted_milestone_takes_no_value(database: Database) -> None:
    key = init_database(database)
    with pytest.raises(ValidationError, match=r"T4\.1\.1-M3.*deleted"):
        set_actual(database, key, _done("T4.1.1-M3", 2011), entered_by="aigerim")


def test_milestones_import_by_id_or_by_task_code_and_name(
    database: Database, tmp_path: Path
) -> None:
    key = init_database(database)
    path = tmp_path / "milestones.csv"
    path.write_text(
        "indicator_id,code,indicator,year,value\n"
        "T1.1.1-M1,,,2011,1\n"
        ",5.1.4,Халықты жұмыспен қамту және әлеуметтік қолдау мәселелері,2010,0\n",
        encoding="utf-8",
    )
    result = import_file(database, path, plan_key=key, entered_by="aigerim")
    assert (result.rows, result.added) == (2, 2)
    assert [a.value for a in history(database, "T5.1.4-M1", plan_key=key)] == [0]


def test_an_imported_milestone_value_other_than_1_or_0_is_named_by_its_row(
    database: Database, tmp_path: Path
) -> None:
    key = init_database(database)
    path = tmp_path / "milestones.csv"
    path.write_text("indicator_id,year,value\nT1.1.1-M1,2011,1\nT1.1.1-M2,2012,50\n", "utf-8")
    with pytest.raises(ImportFileError) as error:
        import_file(database, path, plan_key=key, entered_by="aigerim")
    assert [(p.row, p.column) for p in error.value.problems] == [(3, "value")]
    assert history(database, "T1.1.1-M1", plan_key=key) == []


def test_the_template_lists_the_milestones_in_force(database: Database) -> None:
    plan = database.load_plan(init_database(database))
    rows = {r.indicator_id: r for r in template_rows(plan, 2011)}
    assert rows["T1.1.1-M1"].unit == "1 = done, 0 = not done"
    assert rows["T1.1.1-M1"].code == "1.1.1"
    assert "T4.1.1-M3" not in rows  # deleted by No. 1417
    milestones = [i for i in rows if "-M" in i]
    assert len(milestones) == 16  # 17 milestones in the text, one deleted
