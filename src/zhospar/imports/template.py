"""The data-entry template: every indicator of a plan, one row each, ready to fill in.

A planning department fills the ``value`` column (and, where it has them, region, source and
comment) and imports the file back with ``zhospar import``: the ``indicator_id`` column ties each
row to the plan, the other columns are there for the person filling it in.

Text is written as text: in XLSX through ``write_string`` (never as a formula), and in CSV with
an apostrophe before text that starts with "=", "+", "-" or "@", so that a spreadsheet does not
run it as a formula (CSV injection). The importer takes the apostrophe off again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from zhospar._exceptions import ValidationError
from zhospar.imports.resolve import program_names
from zhospar.model.plan import MILESTONE_UNIT, Expenditure, ExpenditureKind, Indicator, Plan
from zhospar.model.walk import iter_indicators, iter_milestones
from zhospar.rules.catalog import EXPENDITURE_SUFFIX, EXPENDITURE_UNIT
from zhospar.rules.formula_guard import guard_text

__all__ = ["TEMPLATE_COLUMNS", "TemplateRow", "template_rows", "write_template"]

TEMPLATE_COLUMNS = (
    "indicator_id",
    "code",
    "indicator",
    "breakdown",
    "unit",
    "target",
    "year",
    "value",
    "region",
    "source",
    "comment",
)
INPUT_COLUMNS = frozenset({"year", "value", "region", "source", "comment"})
_WIDTHS = {
    "indicator_id": 14,
    "code": 8,
    "indicator": 70,
    "breakdown": 18,
    "unit": 16,
    "target": 12,
    "year": 8,
    "value": 12,
    "region": 14,
    "source": 40,
    "comment": 30,
}
# the plan's figure for a year, in order of preference
_TARGET_KINDS = (ExpenditureKind.PLANNED, ExpenditureKind.APPROVED)


@dataclass(frozen=True)
class TemplateRow:
    indicator_id: str
    code: str
    indicator: str
    breakdown: str | None
    unit: str | None
    target: Decimal | None
    year: int | None

    def cells(self) -> tuple[str | Decimal | int | None, ...]:
        """The row in TEMPLATE_COLUMNS order; the input columns after ``year`` are empty."""
        return (
            self.indicator_id,
            self.code,
            self.indicator,
            self.breakdown,
            self.unit,
            self.target,
            self.year,
            None,
            None,
            None,
            None,
        )


def template_rows(plan: Plan, year: int | None = None) -> Iterator[TemplateRow]:
    """Every indicator still in force (breakdown rows included), each milestone still in force
    (1 = done, 0 = not done), then each program's spending."""
    for place in iter_indicators(plan):
        ind = place.indicator
        if ind.deleted is not None or (place.parent is not None and place.parent.deleted):
            continue
        parent = place.parent
        yield TemplateRow(
            indicator_id=ind.id,
            code=place.code or "",
            indicator=parent.name if parent is not None else ind.name,
            breakdown=(ind.breakdown or ind.name) if parent is not None else None,
            unit=ind.unit or (parent.unit if parent is not None else None),
            target=_target(ind, year),
            year=year,
        )
    for task, milestone in iter_milestones(plan):
        if milestone.deleted is None:
            yield TemplateRow(
                milestone.id, task.code, milestone.name, None, MILESTONE_UNIT, None, year
            )
    spending = _program_spending(plan)
    for code, name in sorted(program_names(plan).items()):
        yield TemplateRow(
            f"P{code}{EXPENDITURE_SUFFIX}",
            code,
            name,
            None,
            EXPENDITURE_UNIT,
            _spending_target(spending.get(code, []), year),
            year,
        )


def write_template(plan: Plan, path: str | Path, year: int | None = None) -> int:
    """Write the template as XLSX or CSV (by the file's suffix); returns the number of rows."""
    target = Path(path)
    years = plan.years
    if year is not None and years and year not in years:
        raise ValidationError(
            f"the year {year} is outside the plan: expected {years[0]} to {years[-1]}"
        )
    rows = list(template_rows(plan, year))
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(target, rows)
    elif suffix == ".csv":
        _write_csv(target, rows)
    else:
        raise ValidationError(
            f'{path}: expected a file name ending in .xlsx or .csv; got "{suffix}"'
        )
    return len(rows)


def _target(ind: Indicator, year: int | None) -> Decimal | None:
    if year is None:
        return None
    return next((v.value for v in ind.values if v.year == year and v.value is not None), None)


def _program_spending(plan: Plan) -> dict[str, list[Expenditure]]:
    spending: dict[str, list[Expenditure]] = {}
    for program in plan.budget_programs:
        spending.setdefault(program.code, []).extend(program.expenditure)
    for form in plan.program_forms:
        spending.setdefault(form.code, []).extend(form.expenditure)
    return spending


def _spending_target(items: list[Expenditure], year: int | None) -> Decimal | None:
    for kind in _TARGET_KINDS:
        for item in items:
            if item.year == year and item.kind is kind and item.value is not None:
                return item.value
    return None


def _write_csv(path: Path, rows: list[TemplateRow]) -> None:
    # UTF-8 with a byte-order mark: Excel then opens Kazakh and Russian text correctly
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TEMPLATE_COLUMNS)
        for row in rows:
            writer.writerow(_csv_cell(cell) for cell in row.cells())


def _csv_cell(cell: str | Decimal | int | None) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return guard_text(cell)
    return str(cell)


def _write_xlsx(path: Path, rows: list[TemplateRow]) -> None:
    from zhospar._xlsx import new_workbook  # only the XLSX template pays for xlsxwriter

    book = new_workbook(path)
    try:
        sheet = book.add_worksheet("actuals")
        header = book.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True, "valign": "top"}
        )
        given = book.add_format({"text_wrap": True, "valign": "top"})
        number = book.add_format({"valign": "top", "num_format": "General"})
        entry = book.add_format(
            {"bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF", "valign": "top"}
        )
        for col, name in enumerate(TEMPLATE_COLUMNS):
            sheet.write_string(0, col, name, header)
            sheet.set_column(col, col, _WIDTHS[name])
        for r, row in enumerate(rows, start=1):
            for col, (name, cell) in enumerate(zip(TEMPLATE_COLUMNS, row.cells(), strict=True)):
                fmt = entry if name in INPUT_COLUMNS else given
                if cell is None:
                    sheet.write_blank(r, col, None, fmt)
                elif isinstance(cell, str):
                    sheet.write_string(r, col, cell, fmt)
                else:
                    sheet.write_number(r, col, float(cell), entry if name == "year" else number)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(TEMPLATE_COLUMNS) - 1)
    finally:
        book.close()
