"""An import's "reason", "status" and "coverage" columns, and an editor's scope, on the bundled
plan, on SQLite and PostgreSQL: every row checked, then everything written or nothing.

From the published text (line 217): unemployment (G1.1-I1) is planned at 6,2 % for 2012, to
decrease; a fact of 7.0 scores 6.2 / 7.0 = 88.57 %: not achieved. In tests/data's facts file,
rows 2-6 are unemployment (goal 1.1), row 7 goal 5.1's indicator, rows 8-10 the basic pension
(task 4.1.2).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FACTS
from zhospar._exceptions import ImportFileError
from zhospar.imports import import_file
from zhospar.rules.access import Person, Role
from zhospar.store import Database, history
from zhospar.store.reasons import reasons_in_year
from zhospar.store.signoff import approve_year

HEADER = "indicator_id,year,value,status,coverage,reason\n"


def _file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "facts.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_reasons_statuses_and_coverages_are_recorded_with_the_values(
    bundled_database: Database, tmp_path: Path
) -> None:
    path = _file(tmp_path, (
        "G1.1-I1,2012,7.0,operational,2012-01..2012-05,the survey moved to the ILO method\n"
        "G1.1-I1,2011,5.4,,,\n"
    ))  # fmt: skip
    done = import_file(bundled_database, path, entered_by="dana")
    assert (done.added, done.reasons) == (2, 1)
    values = {str(a.period): a for a in history(bundled_database, "G1.1-I1")}
    assert (values["2012"].status, values["2012"].coverage) == ("operational", "2012-01..2012-05")
    assert (values["2011"].status, values["2011"].coverage) == ("final", None)  # the default
    reason = reasons_in_year(bundled_database, None, 2012)["G1.1-I1"]
    assert (reason.text, reason.entered_by) == ("the survey moved to the ILO method", "dana")
    # the same number confirmed as final is a new revision, not "unchanged"
    again = import_file(bundled_database, _file(tmp_path, "G1.1-I1,2012,7.0,final,,\n"),
                        entered_by="dana")  # fmt: skip
    assert (again.revised, again.unchanged) == (1, 0)


def test_a_bad_status_coverage_or_reason_refuses_the_whole_file(
    bundled_database: Database, tmp_path: Path
) -> None:
    path = _file(tmp_path, (
        "G1.1-I1,2011,5.4,,,\n"
        "G1.1-I1,2012,7.0,draft,2013-Q1,\n"
        "G1.1-I1-b1,2012,8.0,,," + "x" * 2001 + "\n"
    ))  # fmt: skip
    with pytest.raises(ImportFileError) as refused:
        import_file(bundled_database, path, entered_by="dana")
    found = {(p.row, p.column) for p in refused.value.problems}
    assert found == {(3, "status"), (3, "coverage"), (4, "reason")}
    assert history(bundled_database, "G1.1-I1") == []
    assert reasons_in_year(bundled_database, None, 2012) == {}


def test_an_approved_year_takes_no_reason_from_a_file(
    bundled_database: Database, tmp_path: Path
) -> None:
    approve_year(bundled_database, None, 2012, by="planner")
    path = _file(tmp_path, "G1.1-I1,2011,5.4,,,\nG1.1-I1,2012,7.0,,,why\n")
    with pytest.raises(Exception, match="2012 approved by planner"):
        import_file(bundled_database, path, entered_by="dana")
    assert history(bundled_database, "G1.1-I1") == []


def test_an_editor_imports_only_within_their_scope(bundled_database: Database) -> None:
    direction_1 = Person("aru", Role.EDITOR, ("1",))
    goal_5_1 = Person("bek", Role.EDITOR, ("5.1",))
    with pytest.raises(ImportFileError) as refused:
        import_file(bundled_database, FACTS, entered_by="bek", person=goal_5_1)
    rows = [p.row for p in refused.value.problems]
    # rows 2-6 are unemployment (goal 1.1), rows 8-10 the basic pension (task 4.1.2); row 7 is
    # goal 5.1's and is in scope
    assert rows == [2, 3, 4, 5, 6, 8, 9, 10]
    assert "lies outside your scope (5.1)" in refused.value.problems[0].message
    assert history(bundled_database, "G1.1-I1") == []
    with pytest.raises(ImportFileError):
        import_file(bundled_database, FACTS, entered_by="aru", person=direction_1)
    planner = Person("aigerim", Role.PLANNER)
    assert import_file(bundled_database, FACTS, entered_by="aigerim", person=planner).added == 9
