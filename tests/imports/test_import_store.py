"""Importing files into a database: all rows in one transaction or none (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhospar._exceptions import ImportFileError
from zhospar.cli import app
from zhospar.imports import import_file
from zhospar.model.plan import Plan
from zhospar.store import Database, history, latest_actuals, open_database, store_plan

from ..conftest import FACTS
from ..store.conftest import postgres_schema

KEY = "small"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a temporary SQLite file, or a fresh schema of the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'zhospar.sqlite3'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def db(database_url: str, small_plan: Plan) -> Iterator[Database]:
    """A database holding the hand-built plan of conftest.py under the key "small"."""
    database = open_database(database_url)
    store_plan(database, small_plan, KEY)
    try:
        yield database
    finally:
        database.close()


def test_shared_facts_file_is_recorded_once(db: Database) -> None:
    result = import_file(db, FACTS, plan_key=KEY, entered_by="aigerim")
    assert (result.rows, result.added, result.revised, result.unchanged) == (9, 9, 0, 0)
    [first] = [a for a in history(db, "G1.1-I1", plan_key=KEY) if str(a.period) == "2010"]
    assert (first.value, first.revision, first.entered_by) == (Decimal("5.775"), 1, "aigerim")
    assert (first.origin.file, first.origin.row) == ("facts-2010-2014.csv", 2)
    again = import_file(db, FACTS, plan_key=KEY, entered_by="aigerim")
    assert (again.added, again.revised, again.unchanged) == (0, 0, 9)


def test_a_corrected_file_makes_new_revisions(db: Database, write) -> None:  # type: ignore[no-untyped-def]
    import_file(db, FACTS, plan_key=KEY, entered_by="aigerim")
    fix = write("fix.csv", "code,indicator,year,value\n1.1,Жұмыссыздық деңгейі,2010,5.8\n")
    result = import_file(db, fix, plan_key=KEY, entered_by="dana")
    assert (result.added, result.revised) == (0, 1)
    revisions = [a for a in history(db, "G1.1-I1", plan_key=KEY) if str(a.period) == "2010"]
    assert [(a.revision, a.value) for a in revisions] == [
        (1, Decimal("5.775")),
        (2, Decimal("5.8")),
    ]


def test_dry_run_counts_and_writes_nothing(db: Database) -> None:
    result = import_file(db, FACTS, plan_key=KEY, entered_by="aigerim", dry_run=True)
    assert (result.rows, result.added) == (9, 9)
    assert latest_actuals(db, KEY) == []


def test_problems_of_the_file_and_of_the_store_come_together(db: Database, write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "bad.csv",
        "code,indicator,year,value\n"
        "1.1,Жұмыссыздық деңгейі,2011,5.4\n"  # row 2: good
        "5.1,Табысы ең төмен,2012,150\n"  # row 3: a share over 100 (the store's rule)
        "1.1,Жұмыссыздық деңгейі,2011,abc\n",  # row 4: not a number (the file's rule)
    )
    with pytest.raises(ImportFileError) as error:
        import_file(db, path, plan_key=KEY, entered_by="aigerim")
    found = [(p.row, p.column) for p in error.value.problems]
    assert found == [(3, "value"), (4, "value")]
    assert "over 100" in error.value.problems[0].message
    assert latest_actuals(db, KEY) == []


def test_a_row_with_a_bad_region_and_a_share_over_100_gets_both(db: Database, write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "bad.csv",
        "code,indicator,year,region,value\n"
        "5.1,Табысы ең төмен,2012,Атлантида,150\n"  # row 2: unknown region (file), share > 100
        "5.1,Табысы ең төмен,2012,75,140\n"  # row 3: a share over 100 only
        "5.1,Табысы ең төмен,2012,75,12\n",  # row 4: same key as row 3 (file): nothing else
    )
    with pytest.raises(ImportFileError) as error:
        import_file(db, path, plan_key=KEY, entered_by="aigerim")
    found = [(p.row, p.column) for p in error.value.problems]
    assert found == [(2, "region"), (2, "value"), (3, "value"), (4, "indicator")]
    assert "Атлантида" in error.value.problems[0].message
    over = error.value.problems[1].message
    assert "over 100" in over and "150" in over
    assert "row 3" in error.value.problems[3].message
    assert latest_actuals(db, KEY) == []


def test_failure_half_way_leaves_the_database_as_it_was(db: Database, write) -> None:  # type: ignore[no-untyped-def]
    import_file(db, FACTS, plan_key=KEY, entered_by="aigerim")
    before = latest_actuals(db, KEY)
    path = write("more.csv", "indicator_id,year,value\nG1.1-I1,2011,5.5\nG1.3-I1,2011,88\n")
    calls: list[tuple[str, int, int | None]] = []

    def stop_while_writing(stage: str, done: int, total: int | None) -> None:
        calls.append((stage, done, total))
        if stage == "writing":
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C after the rows were sent

    with pytest.raises(KeyboardInterrupt):
        import_file(db, path, plan_key=KEY, entered_by="aigerim", progress=stop_while_writing)
    assert calls[-1] == ("writing", 2, 2)
    assert sorted(map(repr, latest_actuals(db, KEY))) == sorted(map(repr, before))


def test_cli_template_then_import(db: Database, database_url: str, tmp_path: Path) -> None:
    env = {"ZHOSPAR_DATABASE_URL": database_url, "ZHOSPAR_USER": "aigerim"}
    runner = CliRunner()
    template = tmp_path / "template.csv"
    made = runner.invoke(app, ["template", "--plan", KEY, "--year", "2011", "-o", str(template)],
                         env=env)  # fmt: skip
    assert made.exit_code == 0, made.output
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    filled = [lines[0], lines[1].replace(",2011,,", ",2011,5.4,")]  # G1.1-I1 only
    template.write_text("\n".join(filled) + "\n", encoding="utf-8")
    dry = runner.invoke(app, ["import", str(template), "--plan", KEY, "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert "1 added" in dry.output and "nothing written" in dry.output
    assert latest_actuals(db, KEY) == []
    done = runner.invoke(app, ["import", str(template), "--plan", KEY], env=env)
    assert done.exit_code == 0, done.output
    [actual] = latest_actuals(db, KEY)
    assert (actual.indicator_id, actual.value, actual.entered_by) == (
        "G1.1-I1",
        Decimal("5.4"),
        "aigerim",
    )


def test_cli_reports_every_problem_and_exits_non_zero(
    db: Database,
    database_url: str,
    write,  # type: ignore[no-untyped-def]
) -> None:
    path = write("bad.csv", "indicator_id,year,value\nG1.1-I9,2011,5\nG1.1-I1,2020,abc\n")
    env = {"ZHOSPAR_DATABASE_URL": database_url}
    result = CliRunner().invoke(app, ["import", str(path), "--plan", KEY], env=env)
    assert isinstance(result.exception, ImportFileError)
    assert [(p.row, p.column) for p in result.exception.problems] == [
        (2, "indicator_id"),
        (3, "year"),
        (3, "value"),
    ]
    assert latest_actuals(db, KEY) == []
