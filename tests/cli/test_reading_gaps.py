"""The plan commands are loud about a reading that cannot be trusted.

A line not understood or a section not found makes ``validate`` fail, and ``summary``, ``show``
and ``export`` exit 1 unless --allow-gaps (then a warning on standard error). Gaps of the
document itself (direction 3's missing table, task 2.2.4's missing name) are reported but do not
fail: the bundled plan exits 0 everywhere.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest import _variants as v
from zhospar.cli import app, main

runner = CliRunner()
RISKS_CUT = v.cut(v.TEXT, "6. Қатер менеджменті", "1-қосымша")  # lines 479-494


def _file(tmp_path: Path, text: str, name: str = "copy.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken(tmp_path: Path) -> Path:
    """The bundled plan with a line no reader understands after line 217."""
    lines = v.TEXT.split("\n")
    lines.insert(217, "§§§\tqwerty\t12 ab 34")
    return _file(tmp_path, "\n".join(lines), "broken.txt")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_finding_pipe_cells_export_the_same_1208_tidy_rows(tmp_path: Path) -> None:
    bundled = runner.invoke(app, ["export", "--tidy"])
    copy = runner.invoke(app, ["export", "--tidy", str(_file(tmp_path, v.pipes()))])
    assert copy.exit_code == 0, copy.output
    assert len(_rows(copy.stdout)) == 1208
    assert copy.stdout == bundled.stdout


@pytest.mark.parametrize("command", [["summary"], ["export", "--tidy"], ["show"], ["validate"]])
def test_the_bundled_plan_exits_0_with_no_warning(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_validate_lists_a_section_not_found_and_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_file(tmp_path, RISKS_CUT))])
    assert result.exit_code == 1
    assert "Sections not found (1):" in result.stdout
    assert "section risks: not found" in result.stdout
    assert "FAILED: 1 section(s) not found (section risks)" in result.stdout


def test_validate_keeps_the_documents_own_gaps_apart() -> None:
    out = runner.invoke(app, ["validate"]).stdout
    assert "Sections not found (0):" in out
    gaps = out.split("Gaps in the plan")[1].split("Not understood")[0]
    assert "direction 3: table of goals, target indicators and tasks (line 203)" in gaps


@pytest.mark.parametrize("command", [["summary"], ["export", "--tidy"], ["show"]])
def test_a_section_not_found_exits_1_unless_allow_gaps(tmp_path: Path, command: list[str]) -> None:
    path = str(_file(tmp_path, RISKS_CUT))
    refused = runner.invoke(app, [*command, path])
    assert refused.exit_code == 1
    assert "section risks" in refused.stderr
    assert "--allow-gaps" in refused.stderr
    allowed = runner.invoke(app, [*command, path, "--allow-gaps"])
    assert allowed.exit_code == 0, allowed.output
    assert allowed.stderr.startswith("zhospar: warning: ")
    assert "1 section(s) not found (section risks)" in allowed.stderr


def test_export_with_a_line_not_understood_writes_nothing(tmp_path: Path) -> None:
    path, out = str(_broken(tmp_path)), tmp_path / "plan.csv"
    refused = runner.invoke(app, ["export", "--tidy", path, "-o", str(out)])
    assert refused.exit_code == 1
    assert "1 line(s) not understood" in refused.stderr
    assert not out.exists()
    allowed = runner.invoke(app, ["export", "--tidy", path, "-o", str(out), "--allow-gaps"])
    assert allowed.exit_code == 0
    assert len(_rows(out.read_text(encoding="utf-8"))) == 1208


def test_export_xlsx_of_a_plan_with_a_section_not_found_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    path = str(_file(tmp_path, RISKS_CUT))
    result = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(out), path])
    assert result.exit_code == 1
    assert not out.exists()


def test_summary_prints_then_fails_on_a_line_not_understood(tmp_path: Path) -> None:
    result = runner.invoke(app, ["summary", str(_broken(tmp_path))])
    assert result.exit_code == 1
    assert "Lines: " in result.stdout and "1 not understood" in result.stdout
    assert "1 line(s) not understood" in result.stderr


def test_title_period_mismatch_exits_3_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, v.TEXT.replace("2010 - 2014 жылдарға", "2011 - 2015 жылдарға"))
    monkeypatch.setattr(sys, "argv", ["zhospar", "summary", str(path)])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 3
    err = capsys.readouterr().err
    assert "2011-2015" in err and "2010-2014" in err
