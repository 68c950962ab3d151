"""The annual report shows a fact's status and coverage beside its value, in XLSX, DOCX and HTML.

From the published text (line 217): unemployment (G1.1-I1) is planned at 6,2 % for 2012. A fact
of 5.3 recorded as operational and covering January to May 2012 is shown "5.3 (operational,
January–May 2012)"; a final fact of the whole year shows nothing beside it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.report._read import docx_rows, xlsx_table
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.report import build_report, write_report

NOTE = "operational, January–May 2012"


def test_the_report_shows_status_and_coverage_beside_the_fact(
    bundled: ReadResult, tmp_path: Path
) -> None:
    facts = [
        ActualInput(indicator_id="G1.1-I1", period=Period.parse("2012"), value=Decimal("5.3"),
                    status="operational", coverage="2012-01..2012-05"),
        ActualInput(indicator_id="G1.1-I1-b1", period=Period.parse("2012"), value=Decimal("6.0")),
    ]  # fmt: skip
    report = build_report(bundled.plan, facts, 2012)
    line = next(i for i in report.indicators if i.id == "G1.1-I1")
    assert (line.fact, line.fact_note) == (Decimal("5.3"), NOTE)
    assert next(i for i in report.indicators if i.id == "G1.1-I1-b1").fact_note == ""
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert f'5.3 <span class="fact-note">({NOTE})</span>' in html
    sheet = xlsx_table(write_report(report, tmp_path / "r.xlsx"), "Indicators")
    assert sheet["G1.1-I1"]["Fact source"].startswith(f"[{NOTE}]")
    assert not str(sheet["G1.1-I1-b1"]["Fact source"] or "").startswith("[")
    rows = docx_rows(write_report(report, tmp_path / "r.docx"))
    assert f"5.3 ({NOTE})" in rows["G1.1-I1"]
