"""Two marks on a score that a reader must not miss, the same in every view of it.

* A mean of too few facts is not called: with under half of its indicators and milestones
  scored, a score's shown status is "too few facts", never a green "achieved"
  (``scoring_rules.CONCLUSIVE``, docs/method.md section 4).
* A value forced outside its sensible range (recorded with a reason to accept it) is scored as
  recorded and marked as forced wherever the score is shown: the report's XLSX, DOCX and HTML,
  and ``zhospar score``'s table and CSV.

The forced case, by hand: the base pension T4.1.2-I1 has the unit "ЕТҚД шамасына %" (a share,
0..100) and the 2013 target 50 (line 322: "40 40 40 50 50 50 50" under 2008 ... 2014). A forced
fact of 150 scores 150 / 50 × 100 = 300.00 %, achieved (increase), counting 100 in a mean.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report._read import docx_rows, read_page, xlsx_table
from zhospar.cli import app
from zhospar.evaluate.scoring_rules import CONCLUSIVE
from zhospar.evaluate.scoring_rules import Status as S
from zhospar.report import Score

REASON = "two payments of the year counted together"
FORCED = f"forced outside its sensible range: {REASON}"


def _score(achieved: int, no_data: int, score: str | None = "100") -> Score:
    value = Decimal(score) if score is not None else None
    return Score(value, score, S.ACHIEVED if value else S.NO_DATA, achieved, 0, 0, no_data)


@pytest.mark.parametrize(
    ("achieved", "no_data", "verdict"),
    [
        (2, 61, "too_few_facts"),  # the bundled plan's 2012 headline: 2 of 63
        (1, 8, "too_few_facts"),  # goal 5.1 in 2012: 1 of 9
        (1, 2, "too_few_facts"),  # 1 of 3: under half
        (1, 1, "achieved"),  # 1 of 2: half is enough
        (3, 0, "achieved"),
    ],
)
def test_a_score_is_called_only_on_half_its_items(
    achieved: int, no_data: int, verdict: str
) -> None:
    score = _score(achieved, no_data)
    assert score.verdict == verdict
    assert score.verdict_label == verdict.replace("_", " ")
    assert score.conclusive is (verdict == "achieved")


def test_no_score_stays_no_data_and_the_rule_needs_a_scored_item() -> None:
    assert _score(0, 5, None).verdict == "no_data"
    assert CONCLUSIVE.value(scored=0, total=0) is False
    assert CONCLUSIVE.value(scored=31, total=63) is False and CONCLUSIVE.value(scored=32, total=63)


@pytest.fixture
def forced_env(bundled_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The bundled plan with one fact: 150 for T4.1.2-I1 in 2013, forced with a reason."""
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", bundled_url)
    monkeypatch.setenv("ZHOSPAR_USER", "aigerim")
    monkeypatch.setenv("COLUMNS", "200")
    refused = CliRunner().invoke(app, ["actual", "set", "T4.1.2-I1", "2013", "150"])
    assert refused.exit_code != 0  # a share over 100 needs a reason
    result = CliRunner().invoke(
        app, ["actual", "set", "T4.1.2-I1", "2013", "150", "--force", REASON]
    )
    assert result.exit_code == 0, result.output
    return bundled_url


def test_score_marks_the_forced_value_in_its_table_and_csv(forced_env: str) -> None:
    table = CliRunner().invoke(app, ["score", "--year", "2013"]).output
    [row] = [line for line in table.splitlines() if line.startswith("│ T4.1.2-I1 ")]
    assert "300.00" in row and "forced outside" in row
    # one fact of 63 items: the plan's mean (100, capped) is too few facts to call
    assert "Plan score: 100.00 %, too few facts, on the 1 of" in table
    out = CliRunner().invoke(app, ["score", "--year", "2013", "--format", "csv"]).output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["T4.1.2-I1"]["forced"] == FORCED
    assert rows["T4.1.2-I1"]["achievement"] == "300.00"
    assert rows["G1.1-I1"]["forced"] == ""


def test_the_reports_mark_the_forced_value(forced_env: str, tmp_path: Path) -> None:
    files = {f: tmp_path / f"report-2013.{f}" for f in ("xlsx", "docx", "html")}
    for path in files.values():
        args = ["report", "--year", "2013", "--lang", "en", "-o", str(path)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    row = xlsx_table(files["xlsx"], "Indicators")["T4.1.2-I1"]
    assert row["Status"].endswith(f"; {FORCED}") and row["Status"].startswith("achieved")
    assert FORCED in " ".join(docx_rows(files["docx"])["T4.1.2-I1"])
    page = read_page(files["html"])
    assert FORCED in page.cell("ind-T4.1.2-I1", "status")
    assert "forced: " + REASON in page.cell("ind-T4.1.2-I1", "source")
