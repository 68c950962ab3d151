"""The rows of ``zhospar score`` are the report's row model laid flat: every column is a field
of ``IndicatorLine``, ``MilestoneLine``, ``Score`` or ``BudgetLine``, read from the same report
the API and the pages show.

Expected figures come from the plan text and tests/data/facts-2010-2014.csv: G1.1-I1
(unemployment, a decrease) has the 2012 target 6,2 on line 217 and the fact 5.3 (row 4 of the
file): 6.2 / 5.3 = 116.98 %; in a roll-up each counts at most 100 (the cap), as does G5.1-I1, so
the plan's score is (100 + 100) / 2 = 100. Milestone 2 of task 1.1.1 is due "2011-2012 жж."
(line 223) and nobody has reported on it.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from tests.conftest import FACTS
from zhospar.cli._score import (
    BUDGET_FIELDS,
    INDICATOR_FIELDS,
    ScoreLevel,
    columns_of,
    plan_row,
    rows_of,
)
from zhospar.imports import parse_file
from zhospar.ingest import ReadResult
from zhospar.report import BudgetLine, IndicatorLine, build_report


def test_every_column_is_a_field_of_the_row_model() -> None:
    # the one derived column: whether the polarity awaits confirmation (its note is a field)
    derived = set(INDICATOR_FIELDS) - {f.name for f in fields(IndicatorLine)}
    assert derived == {"polarity_to_confirm"}
    assert set(BUDGET_FIELDS) - {f.name for f in fields(BudgetLine)} == {"year"}
    indicator = columns_of(ScoreLevel.INDICATOR)
    assert indicator[7:11] == ("fact", "fact_note", "fact_source", "achievement")  # own names
    assert indicator[-2:] == ("chance", "forecast")
    assert columns_of(ScoreLevel.GOAL) == (
        "level", "id", "code", "name", "score", "status", "achieved", "nearly",
        "not_achieved", "no_data", "stands_on",
    )  # fmt: skip


def test_rows_are_read_from_the_report_of_the_year(bundled: ReadResult) -> None:
    report = build_report(bundled.plan, parse_file(FACTS, bundled.plan), 2012)
    rows = {r["id"]: r for r in rows_of(report, ScoreLevel.INDICATOR)}

    unemployment = rows["G1.1-I1"]
    assert unemployment["place"] == "goal 1.1"
    assert (unemployment["target"], unemployment["target_raw"]) == (Decimal("6.2"), "6,2")
    assert (unemployment["target_line"], unemployment["fact"]) == (217, Decimal("5.3"))
    assert unemployment["achievement"] == Decimal("116.98")
    assert (unemployment["status"], unemployment["polarity"]) == ("achieved", "decrease")
    assert unemployment["fact_source"].startswith("2012: facts-2010-2014.csv, row 4; ")

    milestone = rows["T1.1.1-M2"]
    assert (milestone["place"], milestone["target_raw"]) == ("task 1.1.1", "due 2011-2012")
    assert (milestone["status"], milestone["no_score"]) == ("no_data", "no_fact")
    assert (milestone["polarity"], milestone["rollup_overridden"]) == ("milestone", False)
    assert milestone["chance"] is None

    plan = plan_row(report)
    assert (plan["level"], plan["id"], plan["score"]) == ("plan", "plan", Decimal("100.00"))
    assert (plan["status"], plan["achieved"], plan["no_data"] > 0) == ("achieved", 2, True)
