"""An amended workbook loaded under the same key is an amendment: a new version of the plan, or
a refusal, never a silent replacement nor a silent no-op (issue 12, item 3).

The bundled plan's G1.1-I1 (unemployment rate) has the 2013 target 6,0 (line 217); the amended
workbook says 5,5. A fact of 5.3 for 2013 then scores 5.5 / 5.3 x 100 = 103.77 % under the
amendment dated 01.03.2013, and 2012 keeps its target 6,2: 6.2 / 5.3 x 100 = 116.98 %.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.cli._main import run_main as _main
from zhospar.cli import app
from zhospar.export.xlsx import write_workbook
from zhospar.ingest import read_plan

KEY = "mlsp-2010-2014"


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{tmp_path / 'z.sqlite3'}")
    monkeypatch.setenv("ZHOSPAR_USER", "dana")
    assert CliRunner().invoke(app, ["init"]).exit_code == 0
    return tmp_path


def _amended_workbook(folder: Path) -> Path:
    """The bundled plan's workbook with G1.1-I1's 2013 target changed from 6,0 to 5,5."""
    path = folder / "amended.xlsx"
    write_workbook(read_plan().plan, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Values"]
    head = [c.value for c in sheet[1]]
    col = {name: head.index(name) for name in ("indicator", "year", "value", "raw")}
    changed = 0
    for row in sheet.iter_rows(min_row=2):
        if row[col["indicator"]].value == "G1.1-I1" and row[col["year"]].value == 2013:
            assert str(row[col["raw"]].value) == "6,0"  # line 217 of the text
            row[col["value"]].value = 5.5
            row[col["raw"]].value = "5,5"
            changed += 1
    assert changed == 1
    book.save(path)
    return path


def test_an_amended_workbook_without_an_act_is_refused(
    stored: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _amended_workbook(stored)
    assert _main(monkeypatch, "plan", "load", str(path), "--key", KEY) == 8
    assert "give --act NUMBER --act-date DATE --reason TEXT" in capsys.readouterr().err
    assert _main(monkeypatch, "plan", "load", str(path), "--key", KEY, "--act", "77") != 0


def test_an_amended_workbook_with_its_act_makes_a_version_scored_in_its_years(
    stored: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _amended_workbook(stored)
    code = _main(monkeypatch, "plan", "load", str(path), "--key", KEY, "--act", "77",
                 "--act-date", "2013-03-01", "--reason", "unemployment fell faster")  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and f"{KEY}@77 made from {KEY}@1417" in out
    assert _main(monkeypatch, "diff", f"{KEY}@1417", f"{KEY}@77") == 0
    assert "G1.1-I1 2013: 6 -> 5.5" in capsys.readouterr().out
    assert _main(monkeypatch, "amend", "list") == 0
    listed = capsys.readouterr().out
    assert "@77" in listed and "unemployment" in listed and "dana" in listed
    for period in ("2012", "2013"):
        assert _main(monkeypatch, "actual", "set", "G1.1-I1", period, "5.3") == 0
    capsys.readouterr()
    assert _main(monkeypatch, "score", "--year", "2013", "--format", "csv") == 0
    row = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("G1.1-I1,"))
    assert "103.77" in row
    assert _main(monkeypatch, "score", "--year", "2012", "--format", "csv") == 0
    row = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("G1.1-I1,"))
    assert "116.98" in row
    # the same file again: it changes nothing now, so there is nothing to amend
    assert _main(monkeypatch, "plan", "load", str(path), "--key", KEY) == 0
    assert "unchanged" in capsys.readouterr().out
