"""``zhospar amend``: the commands amend the stored bundled plan, each a new version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhospar.cli import app


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{tmp_path / 'z.db'}")
    monkeypatch.setenv("ZHOSPAR_USER", "aigerim")
    assert CliRunner().invoke(app, ["init"]).exit_code == 0
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    """Exit code and what was printed; a refusal is the exception ``zhospar`` prints as
    "zhospar: error: ..." (``cli._errors.run``) and exits with its code."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output + (str(result.exception) if result.exception else "")


def test_amend_a_target_then_list_and_diff(database: Path) -> None:
    code, out = _run("amend", "target", "G1.1-I1", "2013", "5,5", "--act", "77",
                     "--act-date", "2013-03-01", "--reason", "faster fall")  # fmt: skip
    assert code == 0 and "mlsp-2010-2014@77 made from mlsp-2010-2014@1417" in out
    code, out = _run("amend", "list")
    assert code == 0 and "faster fall" in out and "aigerim" in out
    code, out = _run("diff", "mlsp-2010-2014@1417", "mlsp-2010-2014@77")
    assert code == 0 and "G1.1-I1 2013: 6 -> 5.5" in out  # 6,0 on line 217


def test_refusals_exit_non_zero_with_a_sentence(database: Path) -> None:
    code, out = _run("amend", "delete", "X9", "--act", "5", "--act-date", "2013-01-01",
                     "--reason", "r")  # fmt: skip
    assert code != 0 and 'no indicator, task or milestone "X9"' in out
    code, out = _run("amend", "target", "G1.1-I1", "2013", "5", "--act", "5",
                     "--act-date", "soon", "--reason", "r")  # fmt: skip
    assert code != 0 and "act date" in out


def test_apply_several_changes_from_a_json_file(database: Path) -> None:
    amendment = {
        "act": {"number": "88", "date": "2012-11-30"},
        "reason": "budget cut",
        "changes": [
            {"kind": "set-target", "indicator_id": "G1.1-I1", "year": 2014, "value": "5.8"},
            {"kind": "add-milestone", "task_id": "T1.1.1", "name": "A new step",
             "due_years": [2013]},
        ],
    }  # fmt: skip
    file = database / "amendment.json"
    file.write_text(json.dumps(amendment), encoding="utf-8")
    code, out = _run("amend", "apply", str(file))
    assert code == 0 and "(2 change(s))" in out
    file.write_text('{"act": {"number": "89"}, "reason": "r", "changes": []}', encoding="utf-8")
    code, out = _run("amend", "apply", str(file))
    assert code != 0 and "changes" in out
