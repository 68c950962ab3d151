"""``zhospar plan load``, ``plan template`` and ``export --plan``, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.cli._main import run_main as _main
from zhospar.cli import app
from zhospar.export import plan_to_json
from zhospar.ingest import bundled_plan_path, read_plan
from zhospar.workbook import SHEETS

runner = CliRunner()


@pytest.fixture
def database_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "zhospar.sqlite3"
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{path}")
    return path


def test_template_has_instructions_lists_and_every_sheet(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    result = runner.invoke(app, ["plan", "template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Instructions", *(s.name for s in SHEETS), "Lists"]
    fields = [r[0] for r in book["Plan"].iter_rows(min_row=2, values_only=True)]
    assert fields[:4] == ["title", "ministry", "period_start", "period_end"]
    kinds = {str(v.sqref): v.formula1 for v in book["Indicators"].data_validations.dataValidation}
    assert "Lists!$C$2:$C$5" in kinds.values()  # kind: quantitative, quality, efficiency, result
    assert [c.value for c in book["Lists"]["C"]][:5] == [
        "kind", "quantitative", "quality", "efficiency", "result",
    ]  # fmt: skip


def test_template_must_be_an_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _main(monkeypatch, "plan", "template", "-o", str(tmp_path / "t.csv")) == 5


def test_load_a_text_a_workbook_and_a_json_export_then_export_each_back(
    tmp_path: Path, database_env: Path
) -> None:
    book, text_plan = tmp_path / "plan.xlsx", read_plan(None).plan
    assert runner.invoke(app, ["export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    json_file = tmp_path / "plan.json"
    json_file.write_text(plan_to_json(text_plan), encoding="utf-8")
    for key, file in (("t", bundled_plan_path()), ("w", book), ("j", json_file)):
        result = runner.invoke(app, ["plan", "load", str(file), "--key", key])
        assert result.exit_code == 0, result.output
        assert f"stored {key} (" in result.output.replace("\n", " ")
        exported = runner.invoke(app, ["export", "--plan", key])
        assert exported.exit_code == 0
        assert exported.stdout == plan_to_json(text_plan), key
    out = tmp_path / "again.xlsx"
    result = runner.invoke(app, ["export", "--plan", "w", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    tidy = runner.invoke(app, ["export", "--plan", "w", "--tidy"])
    # Line 217: the unemployment rate's target for 2012 is 6,2 %.
    assert "G1.1-I1,target,1,1.1,,,Жұмыссыздық деңгейі,,%-бен,2012,planned,6.2,217" in tidy.stdout


def test_load_refuses_a_broken_workbook_listing_every_problem(
    tmp_path: Path,
    database_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["export", "-f", "xlsx", "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    book["Values"]["D2"] = "=1/0"
    book["Values"]["C3"] = "forecast"
    book.save(path)
    assert _main(monkeypatch, "plan", "load", str(path), "--key", "w") == 4
    err = capsys.readouterr().err
    assert f'{path}, sheet "Values", row 2, column "value": holds a formula' in err
    assert f'{path}, sheet "Values", row 3, column "phase": expected one of reported' in err
    assert runner.invoke(app, ["plans"]).output.startswith("No plan is stored yet")


def test_export_plan_and_a_file_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_env: Path
) -> None:
    assert _main(monkeypatch, "export", str(bundled_plan_path()), "--plan", "x") == 5
    assert _main(monkeypatch, "export", "--plan", "nothing-here") == 6


def test_load_names_a_file_that_only_looks_like_a_workbook(
    tmp_path: Path, database_env: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    fake = tmp_path / "plan.xlsx"
    fake.write_text("title\n", encoding="utf-8")
    assert _main(monkeypatch, "plan", "load", str(fake), "--key", "x") == 4
    assert "is named as a workbook but is not an XLSX workbook" in capsys.readouterr().err
    assert _main(monkeypatch, "plan", "load", str(tmp_path / "none.json"), "--key", "x") == 3
