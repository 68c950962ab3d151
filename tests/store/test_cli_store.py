"""The store commands, end to end through the CLI on a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.store.plan_fixture import make_small_plan
from zhospar.cli import app
from zhospar.cli._errors import exit_code
from zhospar.store import open_database, store_plan


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ZHOSPAR_DATABASE_URL at a tmp file that holds the small plan; the user is "aigerim"."""
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("ZHOSPAR_USER", "aigerim")
    monkeypatch.setenv("COLUMNS", "200")
    with open_database(f"sqlite:///{path}") as db:
        store_plan(db, make_small_plan(), "small")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        from zhospar._exceptions import ZhosparError

        if isinstance(result.exception, ZhosparError):
            return exit_code(result.exception), str(result.exception)
        raise result.exception
    return result.exit_code, result.output


def test_set_then_correct_then_history(env: Path) -> None:
    assert run("actual", "set", "G1.1-I1", "2011", "5,4", "--source", "bulletin 1") == (
        0,
        "G1.1-I1 2011 = 5.4: added, revision 1\n",
    )
    code, out = run("actual", "set", "G1.1-I1", "2011", "5.5", "--comment", "corrected",
                    "--user", "nurlan")  # fmt: skip
    assert (code, out) == (0, "G1.1-I1 2011 = 5.5: revised, revision 2\n")
    code, out = run("history", "G1.1-I1")
    assert code == 0
    lines = [line for line in out.splitlines() if "2011" in line]
    assert len(lines) == 2
    assert "5.4" in lines[0] and "aigerim" in lines[0] and "bulletin 1" in lines[0]
    assert "5.5" in lines[1] and "nurlan" in lines[1] and "corrected" in lines[1]


def test_refused_value_exits_with_the_validation_code_and_force_records_it(env: Path) -> None:
    code, message = run("actual", "set", "G1.1-I1", "2011", "140", "--region", "Алматы қаласы")
    assert code == 5 and "over 100" in message and "%-бен" in message and "140" in message
    code, out = run("actual", "set", "G1.1-I1", "2011", "140", "--region", "75",
                    "--force", "typo in bulletin, kept as printed")  # fmt: skip
    assert (code, out) == (0, "G1.1-I1 2011 75 = 140: added, revision 1\n")


def test_unknown_indicator_and_bad_value(env: Path) -> None:
    code, message = run("actual", "set", "G1.1-I7", "2011", "1")
    assert code == 6 and "closest: G1.1-I1" in message
    code, message = run("actual", "set", "G1.1-I1", "2011", "abc")
    assert code == 5 and 'got "abc"' in message


def test_plans_and_diff(env: Path) -> None:
    code, out = run("plans")
    assert code == 0 and "small@2342" in out and "small@1417" in out and "current" in out
    code, out = run("diff", "small@2342", "small@415")
    assert code == 0
    assert "Indicators deleted (2):" in out
    assert "G2.1-I2" in out and "(deleted by No. 415)" in out


def test_backup_and_restore(env: Path, tmp_path: Path) -> None:
    run("actual", "set", "G1.1-I1", "2011", "5,4")
    code, out = run("backup", str(tmp_path / "b.sqlite3"))
    assert code == 0 and "Backed up" in out
    run("actual", "set", "G1.1-I1", "2012", "5,3")
    code, out = run("restore", str(tmp_path / "b.sqlite3"))
    assert code == 0 and "Restored" in out
    code, out = run("history", "G1.1-I1")
    assert "2011" in out and "2012" not in out
    (tmp_path / "junk.txt").write_text("junk")
    code, message = run("restore", str(tmp_path / "junk.txt"))
    assert code == 7 and "is not a Zhospar database" in message


def test_init_on_a_new_database_says_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    code, out = run("init")
    assert code == 0 and "schema created" in out and "stored with 3 version(s)" in out
    code, out = run("init")
    assert code == 0 and "Nothing changed." in out and "already stored" in out


def test_a_breakdown_label_and_the_rows_id_show_in_one_history(env: Path) -> None:
    code, out = run("actual", "set", "G1.1-I1", "2012", "6.2", "--breakdown", "әйелдер")
    assert (code, out) == (0, "G1.1-I1-b1 2012 = 6.2: added, revision 1\n")
    code, out = run("actual", "set", "G1.1-I1-b1", "2012", "6.1")
    assert (code, out) == (0, "G1.1-I1-b1 2012 = 6.1: revised, revision 2\n")
    code, out = run("history", "G1.1-I1-b1")
    lines = [line for line in out.splitlines() if "2012" in line]
    assert code == 0 and len(lines) == 2
    assert "6.2" in lines[0] and "6.1" in lines[1]
    assert run("history", "G1.1-I1")[1] == "No actual value recorded for G1.1-I1 yet.\n"


def test_a_negative_value_is_the_value_argument_and_the_unit_decides(env: Path) -> None:
    # G2.1-I4 (a position in an index) has no unit: nothing bounds it, so -5 is recorded.
    assert run("actual", "set", "G2.1-I4", "2011", "-5") == (
        0,
        "G2.1-I4 2011 = -5: added, revision 1\n",
    )
    assert run("actual", "set", "G2.1-I4", "2012", "-0,5", "--source", "bulletin 2") == (
        0,
        "G2.1-I4 2012 = -0.5: added, revision 1\n",
    )
    # G1.1-I1 is a share ("%-бен"): the range rule refuses a negative one, naming the rule.
    code, message = run("actual", "set", "G1.1-I1", "2011", "-5")
    assert code == 5 and "cannot be negative" in message and "-5" in message


def test_plans_and_history_fit_80_columns_with_every_id_whole(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out = run("plans")
    assert code == 0 and "[bold]" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for key, act, date in (
        ("small@2342", "2342", "31.12.2009"),
        ("small@415", "415", "14.05.2010"),
        ("small@1417", "1417", "27.12.2010"),
    ):
        line = next(line for line in out.splitlines() if key in line)
        assert date in line and act in out
    assert "current" in out
    run("actual", "set", "G1.1-I1-b2", "2011", "7,1", "--source", "Statistics agency bulletin 5",
        "--comment", "the youth rate as printed in the bulletin's second table")  # fmt: skip
    code, out = run("history", "G1.1-I1-b2")
    lines = out.splitlines()
    assert code == 0 and max(len(line) for line in lines) <= 80
    assert lines[0].strip() == "History of G1.1-I1-b2"
    row = next(line for line in lines if "2011" in line)
    assert " 7.1 " in row and "Statistic" in row and "the youth" in row
    assert "second" in out and "table" in out
