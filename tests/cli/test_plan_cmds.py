"""The plan commands, run as a user runs them: exit codes, output, files written."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.export.plans import hand_plan
from zhospar._exceptions import PlanFormatError, ValidationError
from zhospar.cli import app, main
from zhospar.export import plan_to_json
from zhospar.ingest import bundled_plan_path
from zhospar.workbook import SHEETS

runner = CliRunner()
GARBAGE = "§§§\tqwerty\t12 ab 34"


def _broken_plan(tmp_path: Path) -> tuple[Path, int]:
    """The bundled plan with a line no reader can understand put after line 217."""
    lines = bundled_plan_path().read_text(encoding="utf-8").splitlines()
    lines.insert(217, GARBAGE)
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, 218


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run the installed entry point (with its error mapping) and return the exit status."""
    monkeypatch.setattr(sys, "argv", ["zhospar", *args])
    try:
        main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0


# summary


def test_summary_shows_title_act_period_and_counts() -> None:
    result = runner.invoke(app, ["summary"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "стратегиялық жоспары" in out  # the title (line 3)
    assert "№ 2342 of 2009-12-31" in out  # the approving resolution (line 5)
    assert "Period: 2010-2014" in out
    assert re.search(r"legal acts\s+35\b", out)  # the list of legal acts has 35 entries
    assert re.search(r"risks\s+5\b", out)  # the risk table has 5 numbered risks
    assert re.search(r"directions\s+5\b", out)
    assert re.search(r"Lines: \d+ read, \d+ explained, \d+ not understood", out)


# validate


def test_validate_lists_every_line_not_understood_and_exits_1(tmp_path: Path) -> None:
    path, garbage_line = _broken_plan(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert re.search(rf"^  line {garbage_line}  \[", result.output, re.MULTILINE)
    assert "FAILED" in result.output
    listed = re.findall(r"^  line (\d+)  \[", result.output, re.MULTILINE)
    count = re.search(r"Not understood \((\d+)\):", result.output)
    assert count is not None and int(count.group(1)) == len(listed)


def test_validate_bundled_plan_reads_every_line() -> None:
    result = runner.invoke(app, ["validate"])
    assert "Not understood (0):" in result.output
    assert result.exit_code == 0


def test_validate_reports_the_missing_direction_3_table() -> None:
    result = runner.invoke(app, ["validate"])
    gaps = result.output.split("Gaps in the plan")[1].split("Not understood")[0]
    assert "direction 3" in gaps


def test_validate_explained_lists_explained_lines() -> None:
    plain = runner.invoke(app, ["validate"]).output
    full = runner.invoke(app, ["validate", "--explained"]).output
    assert "Explained (" not in plain
    count = re.search(r"Explained \((\d+)\):", full)
    assert count is not None and int(count.group(1)) > 0


def test_validate_counts_the_elements(tmp_path: Path) -> None:
    path, _line = _broken_plan(tmp_path)
    out = runner.invoke(app, ["validate", str(path)]).output
    for element in ["directions", "goals", "tasks", "indicator values", "milestones", "risks"]:
        assert re.search(rf"^{element}\s+\d+$", out, re.MULTILINE), element


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        ("Миссиясы\nжоспар\n".encode("cp1251"), "is not UTF-8 text"),
        ("бұл жоспар емес\n".encode(), "is not a strategic plan"),
    ],
)
def test_bad_files_give_one_line_and_exit_3(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    expected: str,
) -> None:
    path = tmp_path / "plan.txt"
    if content is not None:
        path.write_bytes(content)
    assert _main(monkeypatch, "validate", str(path)) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"zhospar: error: {path}") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_truncated_plan_gives_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = bundled_plan_path().read_text(encoding="utf-8").splitlines()
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:400]), encoding="utf-8")  # stops inside the budget list
    assert _main(monkeypatch, "summary", str(path)) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"zhospar: error: {path}") and err.count("\n") == 1


# show


def test_show_tree_of_directions() -> None:
    result = runner.invoke(app, ["show", "--section", "directions"])
    assert result.exit_code == 0
    out = result.output
    assert "D1" in out and "G1.1" in out and "G1.1-I1" in out
    assert "Жұмыссыздық деңгейі" in out
    assert "2012=6.2" in out  # line 217
    assert "DELETED" in out  # line 269: "ә) Алынып тасталды - ... № 415"
    assert "Risks" not in out


def test_show_one_section_only() -> None:
    out = runner.invoke(app, ["show", "-s", "acts"]).output
    assert "L35" in out and "L1" in out
    assert "D1" not in out


def test_show_rejects_an_unknown_section() -> None:
    assert runner.invoke(app, ["show", "--section", "nonsense"]).exit_code == 2


# export and import-json


def test_export_json_import_json_export_is_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    assert runner.invoke(app, ["export", "--format", "json", "-o", str(first)]).exit_code == 0
    assert runner.invoke(app, ["import-json", str(first), "-o", str(second)]).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    stdout = runner.invoke(app, ["import-json", str(first)]).stdout_bytes
    assert stdout == first.read_bytes()


def test_export_defaults_to_json_on_stdout() -> None:
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["period_start"] == 2010 and data["period_end"] == 2014


def test_import_json_of_a_hand_built_plan(tmp_path: Path) -> None:
    source = tmp_path / "hand.json"
    source.write_text(plan_to_json(hand_plan()), encoding="utf-8")
    result = runner.invoke(app, ["import-json", str(source)])
    assert result.exit_code == 0
    assert result.stdout_bytes == source.read_bytes()


def test_import_json_refuses_what_is_not_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x"', encoding="utf-8")
    result = runner.invoke(app, ["import-json", str(bad)])
    assert isinstance(result.exception, PlanFormatError)
    assert _main(monkeypatch, "import-json", str(bad)) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"zhospar: error: {bad}, line 1") and err.count("\n") == 1


def test_export_xlsx_needs_an_output_file() -> None:
    result = runner.invoke(app, ["export", "--format", "xlsx"])
    assert isinstance(result.exception, ValidationError)
    assert "-o" in str(result.exception)


def test_export_tidy_and_format_together_are_refused() -> None:
    result = runner.invoke(app, ["export", "--tidy", "--format", "json"])
    assert isinstance(result.exception, ValidationError)


def test_export_xlsx_writes_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert "Values" in book.sheetnames and "Reading report" in book.sheetnames
    assert all(book[sheet.name].freeze_panes == "A2" for sheet in SHEETS)


def test_export_tidy_to_stdout_and_to_a_file_agree(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    to_stdout = runner.invoke(app, ["export", "--tidy"])
    assert to_stdout.exit_code == 0
    assert runner.invoke(app, ["export", "--tidy", "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == to_stdout.stdout_bytes
    header = to_stdout.stdout.splitlines()[0]
    assert header == (
        "indicator_id,section,direction,goal,task,program,name,breakdown,unit,year,phase,"
        "value,source_line"
    )


def test_export_tidy_has_the_unemployment_rate_of_2012() -> None:
    # Line 217: "%-бен 6,9 8,0 6,6 6,4 6,2 6,0 5,9" for 2008..2014.
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--tidy"]).stdout)))
    found = [(r["value"], r["source_line"]) for r in rows if r["indicator_id"] == "G1.1-I1"]
    assert ("6.2", "217") in found
    assert len(found) == 7  # 2008 .. 2014


def test_export_to_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "no" / "plan.json")])
    assert isinstance(result.exception, ValidationError)
    assert "cannot write" in str(result.exception)
