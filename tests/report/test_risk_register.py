"""The risk register in the annual report: each risk's state in the year from its signal
indicators, and the planners' assessment in force, in every format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from tests.report._read import xlsx_table
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.assessments import RiskAssessment
from zhospar.model.periods import Period
from zhospar.report import build_report, write_report
from zhospar.report.risks import RiskState, risk_state

AT = dt.datetime(2013, 3, 1, tzinfo=dt.UTC)
ASSESSED = RiskAssessment(1, "R1", 2013, 4, 5, "mass layoffs announced", "aigerim", AT)


@pytest.mark.parametrize(
    ("statuses", "state"),
    [
        (["achieved", "not_achieved", "no_data"], RiskState.MATERIALISING),
        (["achieved", "nearly"], RiskState.WATCH),
        (["achieved", "no_data"], RiskState.CALM),
        (["no_data"], RiskState.UNKNOWN),
        ([], RiskState.UNKNOWN),
    ],
)
def test_a_risks_state_follows_its_signals(statuses: list[str], state: RiskState) -> None:
    assert risk_state(statuses) is state


def test_a_missed_target_makes_the_risk_materialise(
    bundled: ReadResult, real_facts: list[ActualInput]
) -> None:
    # G1.1-I1 2013: target 6,0 (line 217), a decrease; 8.0 scores 6.0 / 8.0 = 75 %: not achieved
    missed = ActualInput(indicator_id="G1.1-I1", period=Period.parse("2013"), value=Decimal("8.0"))
    facts = [f for f in real_facts if not (f.indicator_id == "G1.1-I1" and f.period.year == 2013)]
    report = build_report(bundled.plan, [*facts, missed], 2013, assessments={"R1": ASSESSED})
    states = {r.id: r.state for r in report.risks}
    assert states["R1"] == "materialising"  # R1 is signalled by direction 1's indicators
    assert states["R2"] == "unknown"  # direction 2 has no fact
    assert report.risks[0].assessment == ASSESSED and report.risks[1].assessment is None
    # in 2012 the unemployment target is met (6.2 / 5.3 = 116.98 %)
    assert {r.id: r.state for r in build_report(bundled.plan, real_facts, 2012).risks}["R1"] == (
        "calm"
    )


def test_every_format_carries_the_state_and_the_assessment(
    bundled: ReadResult, real_facts: list[ActualInput], tmp_path: Path
) -> None:
    report = build_report(
        bundled.plan, real_facts, 2013, generated_at=AT, assessments={"R1": ASSESSED}
    )
    xlsx = write_report(report, tmp_path / "r.xlsx")
    risks = xlsx_table(xlsx, "Risks", key="No.")
    assert risks["1"]["State in the year"] == "calm"
    assessment = risks["1"]["Assessment (likelihood, impact 1-5)"]
    assert assessment.startswith("likelihood 4 (high), impact 5 (very high): mass layoffs")
    assert risks["2"]["Assessment (likelihood, impact 1-5)"] == "not assessed"
    document = docx.Document(str(write_report(report, tmp_path / "r.docx")))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(c.startswith("calm; likelihood 4 (high)") for c in cells)
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<td class="risk-calm">calm</td>' in html and "mass layoffs announced" in html


def test_a_risk_with_no_signal_says_so_in_the_reports_language(
    bundled: ReadResult, real_facts: list[ActualInput]
) -> None:
    """A risk whose directions have no target indicator (direction 3's table is missing from
    the published text) has no signal: every format says so in the report's language (the ru
    catalog's words), the HTML included, which once wrote it in English."""
    from dataclasses import replace

    from zhospar.i18n import use_language
    from zhospar.report._format import signal_text
    from zhospar.report.html import render_html

    with use_language("ru"):
        report = build_report(bundled.plan, real_facts, 2012)
        silent = replace(report.risks[0], signals=())
        report = replace(report, risks=(silent, *report.risks[1:]))
        html = render_html(report)
        words = signal_text(silent)
    assert words == "в связанных направлениях нет целевых индикаторов"
    assert words in html
    assert "no target indicators" not in html
