"""A plan of any layout and language comes in through the plan workbook, all or nothing.

The template is filled in with openpyxl as a planning department would fill it in Excel (a plan
of the statistics agency, in Russian), loaded into the database and scored; and the bundled text
goes text -> workbook -> database -> export with the same values, ids, units, phases and lines.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from zhospar._exceptions import ImportFileError
from zhospar.evaluate.scoring_rules import Status
from zhospar.evaluate.service import evaluate_year
from zhospar.export import plan_to_json
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import Phase
from zhospar.model.walk import find_indicator
from zhospar.services.plan_files import load_plan_file
from zhospar.store import Database, evaluation_inputs, list_plans, load_plan, set_actual
from zhospar.store.schema import PlanRow
from zhospar.workbook import write_plan_workbook, write_template

# A small plan of its own, in Russian: what each sheet gets, row by row, by column name.
_SMALL: dict[str, list[dict[str, object]]] = {
    "Acts": [{"role": "approved", "number": "123", "date": "2010-12-31", "kind": "постановление"}],
    "Directions": [{"id": "D1", "number": 1, "name": "Развитие государственной статистики"}],
    "Goals": [{"id": "G1.1", "direction": 1, "code": "1.1", "name": "Доверие к статистике"}],
    "Tasks": [{"id": "T1.1.1", "goal": "1.1", "code": "1.1.1", "name": "Провести перепись"}],
    "Units": [{"unit": "%"}, {"unit": "тыс. человек"}],
    "Indicators": [
        {"id": "G1.1-I1", "section": "target", "of": "1.1", "name": "Уровень доверия", "unit": "%"},
        {
            "id": "T1.1.1-I1",
            "section": "task",
            "of": "1.1.1",
            "name": "Охват переписью",
            "unit": "тыс. человек",
        },
    ],
    "Values": [
        {"indicator": "G1.1-I1", "year": 2010, "phase": "reported", "value": 50},
        {"indicator": "G1.1-I1", "year": 2012, "phase": "planned", "value": 60},
        {"indicator": "G1.1-I1", "year": 2013, "phase": "planned", "value": 62.5},
        {"indicator": "T1.1.1-I1", "year": 2012, "phase": "planned", "value": 16000},
    ],
    "Milestones": [
        {"id": "T1.1.1-M1", "task": "1.1.1", "name": "Итоги переписи", "due_years": "2012"}
    ],
}
_FIELDS = {
    "title": "Стратегический план Агентства по статистике на 2011-2015 годы",
    "ministry": "Агентство Республики Казахстан по статистике",
    "period_start": 2011,
    "period_end": 2015,
    "reported_years": "2009, 2010",
}


def _fill_template(path: Path) -> Path:
    write_template(path)
    book = openpyxl.load_workbook(path)
    for row in book["Plan"].iter_rows(min_row=2):
        if row[0].value in _FIELDS:
            row[1].value = _FIELDS[row[0].value]
    for sheet, rows in _SMALL.items():
        ws = book[sheet]
        header = [c.value for c in ws[1]]
        for r, cells in enumerate(rows, start=2):
            for name, value in cells.items():
                ws.cell(r, header.index(name) + 1).value = value
    book.save(path)
    return path


def test_a_filled_template_loads_and_is_scored(database: Database, tmp_path: Path) -> None:
    done = load_plan_file(database, _fill_template(tmp_path / "stat.xlsx"), "stat-2011")
    assert (done.kind, done.stored.created, done.stored.versions) == ("workbook", True, ["123"])
    plan = load_plan(database, "stat-2011")
    assert (plan.period_start, plan.period_end, plan.reported_years) == (2011, 2015, [2009, 2010])
    assert plan.approved_by is not None and plan.approved_by.kind == "постановление"
    place = find_indicator(plan, "G1.1-I1")
    assert place is not None and place.indicator.unit == "%"
    values = {v.year: v for v in place.indicator.values}
    assert (values[2010].phase, values[2012].phase) == (Phase.REPORTED, Phase.PLANNED)
    assert values[2013].value == Decimal("62.5")
    # Typed in, not read from a text: the source is the sheet and row the value stands on.
    assert (values[2012].source, values[2012].line) == ("Values, row 3", 3)
    milestone = plan.directions[0].goals[0].tasks[0].milestones[0]
    assert (milestone.name, milestone.due_years) == ("Итоги переписи", [2012])

    fact = ActualInput(indicator_id="G1.1-I1", period=Period.parse("2012"), value=Decimal("57"))
    set_actual(database, "stat-2011", fact, entered_by="test")
    stored = evaluation_inputs(database, "stat-2011")
    scored = evaluate_year(stored.plan, stored.facts, 2012, stored.options()).achievements
    # 57 of a target of 60, more is better: 57 / 60 x 100 = 95 %.
    assert scored["G1.1-I1"].percent == Decimal("95")
    assert scored["G1.1-I1"].status in (Status.ACHIEVED, Status.NEARLY)


def test_a_broken_workbook_stores_nothing(database: Database, tmp_path: Path) -> None:
    path = _fill_template(tmp_path / "stat.xlsx")
    book = openpyxl.load_workbook(path)
    book["Values"]["D3"] = "шестьдесят"
    book["Indicators"]["G3"] = "км"
    book.save(path)
    with pytest.raises(ImportFileError) as caught:
        load_plan_file(database, path, "stat-2011")
    where = [(p.sheet, p.row, p.column) for p in caught.value.problems]
    assert where == [("Values", 3, "value")]  # cells first; the unit is checked once they read
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(PlanRow)) == 0
    assert list_plans(database) == []


def test_text_to_workbook_to_database_to_export_is_the_same_plan(
    database: Database, bundled: ReadResult, tmp_path: Path
) -> None:
    path = tmp_path / "bundled.xlsx"
    write_plan_workbook(bundled.plan, path, bundled.report)
    done = load_plan_file(database, path, "mlsp-wb")
    assert done.stored.versions == ["2342", "415", "1417"]
    stored = load_plan(database, "mlsp-wb")
    assert plan_to_json(stored) == plan_to_json(bundled.plan)  # values, ids, units, phases, lines
    again = tmp_path / "again.xlsx"
    write_plan_workbook(stored, again)
    from zhospar.workbook import read_plan_workbook

    assert read_plan_workbook(again) == bundled.plan
    # Loading the same plan again under its key changes nothing.
    assert load_plan_file(database, again, "mlsp-wb").stored.created is False
