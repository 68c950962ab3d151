"""``zhospar audit`` through Typer's test runner."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from zhospar._exceptions import PlanReadError
from zhospar.audit import Explanation, Finding, FindingKind, Place, Severity
from zhospar.cli import app
from zhospar.cli._audit_output import CSV_COLUMNS, to_csv
from zhospar.export import guard_text

runner = CliRunner()


def test_table_is_the_default_and_exit_is_0_with_findings() -> None:
    result = runner.invoke(app, ["audit"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "expenditure-list-form" in result.output
    assert "554 655 853" in result.output and "557 556 682" in result.output
    assert "Findings by kind:" in result.output


def test_a_narrow_terminal_gets_one_block_per_finding() -> None:
    # Program 002, 2010 (lines 629 and 785): 554 655 853 in the list, 557 556 682 in the form,
    # 2 900 829 apart. At 80 columns a seven-column table wraps every cell to a few letters.
    result = runner.invoke(app, ["audit", "--kind", "expenditure-list-form"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    first = lines.index("1. expenditure-list-form, medium, 2010 planned: difference 2 900 829")
    assert lines[first + 1 : first + 7] == [
        "   A list of budget programs, line 629:",
        "     554 655 853",
        "     002 Зейнетақы бағдарламасы",
        "   B form of program 002, line 785:",
        "     557 556 682",
        "     002 Зейнетақы бағдарламасы",
    ]
    assert lines[first + 7] == "     possibly explained by No. 415/1417"
    assert "┃" not in result.output and max(map(len, lines)) <= 80


def test_json_holds_both_places_and_the_skipped_comparisons() -> None:
    result = runner.invoke(app, ["audit", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    found = {f["id"]: f for f in data["findings"]}
    f = found["F-expenditure-list-form-002-2010"]
    assert (f["a"]["line"], f["a"]["value"], f["b"]["value"]) == (629, 554655853, 557556682)
    assert f["difference"] == 2900829 and f["year"] == 2010
    assert f["explanation_text"] == "possibly explained by No. 415/1417"
    assert data["counts"]["expenditure-list-form"] >= 1
    assert any(s["year"] == 2008 and "approved" in s["reason"] for s in data["skipped"])


def test_kind_filter_and_csv_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    args = ["audit", "--format", "csv", "-o", str(out), "--kind", "expenditure-list-form"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {r["kind"] for r in rows} == {"expenditure-list-form"}
    row = next(r for r in rows if r["id"] == "F-expenditure-list-form-002-2010")
    assert (row["a_line"], row["a_value"], row["b_value"]) == ("629", "554655853", "557556682")
    assert row["acts"] == "415;1417"


def test_table_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "audit.txt"
    result = runner.invoke(app, ["audit", "-o", str(out), "--kind", "breakdown"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "breakdown" in text and "654 563" in text and "\x1b[" not in text


def test_fail_on_findings_exits_1() -> None:
    result = runner.invoke(app, ["audit", "--format", "json", "--fail-on-findings"])
    assert result.exit_code == 1


def test_unknown_kind_or_format_is_a_usage_error() -> None:
    assert runner.invoke(app, ["audit", "--kind", "nonsense"]).exit_code == 2
    assert runner.invoke(app, ["audit", "--format", "xlsx"]).exit_code == 2


def test_a_missing_file_raises_the_plan_read_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(tmp_path / "nope.txt")])
    assert isinstance(result.exception, PlanReadError)
    assert "no such file" in str(result.exception)


def _finding(label: str) -> Finding:
    return Finding(
        id="F-breakdown-X-2010",
        kind=FindingKind.BREAKDOWN,
        severity=Severity.HIGH,
        explanation=Explanation.CONTRADICTION,
        year=2010,
        subject="X",
        a=Place(section="form of program 002", line=776, value=Decimal(-5), label=label),
        b=Place(
            section="form of program 002",
            line=777,
            lines=(777, 778),
            value=Decimal(3),
            label="@SUM(A1)",
        ),
        difference=Decimal(8),
        note="+1 row",
    )


def test_csv_text_cells_cannot_run_as_formulas() -> None:
    assert guard_text("=1+1") == "'=1+1"
    assert guard_text("- базалық зейнетақы төлемін;") == "'- базалық зейнетақы төлемін;"
    assert guard_text("РБ (002.102)") == "РБ (002.102)"
    assert guard_text("\t=1+1") == "'\t=1+1"  # a tab or a carriage return first, too
    rows = list(csv.DictReader(io.StringIO(to_csv([_finding("-2+3")]))))
    assert list(rows[0]) == CSV_COLUMNS
    assert rows[0]["a_label"] == "'-2+3"
    assert rows[0]["b_label"] == "'@SUM(A1)"
    assert rows[0]["note"] == "'+1 row"
    assert rows[0]["a_value"] == "-5"  # a number, not text: left as it is
    assert rows[0]["b_lines"] == "777;778"
