"""The budget sheets of the plan workbook tied together: programs, forms and their blocks, the
allocation appendix, the plan's totals and the money of each (``Builder``'s base)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhospar.model.plan import (
    Allocation,
    BudgetProgram,
    Expenditure,
    ExpenditureKind,
    FormSection,
    PlanTotal,
    ProgramForm,
    ProgramType,
)
from zhospar.workbook._cells import Row, SheetReader

__all__ = ["BudgetBuilder", "codes", "line_of"]


def line_of(row: Row, column: str = "source_line") -> int:
    """The row's line of the published text; a row typed into the workbook: its row number."""
    line = row.cells.get(column)
    return int(line) if line is not None else row.number


def codes(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class BudgetBuilder:
    """What every part of the builder shares (problems, unique ids), and the budget sheets."""

    def __init__(self, reader: SheetReader) -> None:
        self.reader = reader

    def problem(self, row: Row, column: str | None, message: str) -> None:
        self.reader.problem(row.sheet, row.number, column, message)

    def _unique(self, rows: Iterable[Row], column: str = "id") -> list[Row]:
        """The rows whose id no earlier row has; a duplicate is a problem."""
        seen: dict[str, int] = {}
        kept = []
        for row in rows:
            key = row.cells[column]
            if key in seen:
                self.problem(row, column, f'"{key[:80]}" is given twice (first on row {seen[key]})')
                continue
            seen[key] = row.number
            kept.append(row)
        return kept

    # --- budget ----------------------------------------------------------------------------

    def _programs(self, rows: dict[str, list[Row]]) -> dict[str, BudgetProgram]:
        programs: dict[str, BudgetProgram] = {}
        for r in self._unique(self._unique(rows["Programs"]), "code"):
            c = r.cells
            programs[c["code"]] = BudgetProgram(
                id=c["id"],
                code=c["code"],
                name=c["name"],
                type=ProgramType(c["type"]),
                proposed=bool(c["proposed"]),
                functional_group=c["functional_group"],
                functional_subgroup=c["functional_subgroup"],
                line=line_of(r),
            )
        return programs

    def _forms(self, rows: dict[str, list[Row]]) -> dict[str, ProgramForm]:
        forms: dict[str, ProgramForm] = {}
        for r in self._unique(self._unique(rows["Forms"]), "code"):
            c = r.cells
            forms[c["code"]] = ProgramForm(
                id=c["id"],
                code=c["code"],
                name=c["name"],
                administrator=c["administrator"],
                description=c["description"],
                line=line_of(r),
                end_line=c["end_line"] if c["end_line"] is not None else line_of(r),
            )
        for r in rows["Form blocks"]:
            c = r.cells
            form = forms.get(c["form"])
            if form is None:
                self.problem(r, "form", f'no form "{c["form"][:80]}" in Forms')
                continue
            if c["block"] != len(form.sections) + 1:
                self.problem(
                    r,
                    "block",
                    f"expected block {len(form.sections) + 1} of form "
                    f"{form.code} here; got {c['block']}",
                )
                continue
            form.sections.append(
                FormSection(
                    title=c["title"],
                    directions=c["directions"] or [],
                    goals=codes(c["goals"]),
                    tasks=codes(c["tasks"]),
                    directions_text=c["directions_text"],
                    goals_text=c["goals_text"],
                    tasks_text=c["tasks_text"],
                    line=line_of(r),
                )
            )
        return forms

    def _appendix(
        self, rows: dict[str, list[Row]]
    ) -> tuple[dict[str, Allocation], dict[str, PlanTotal]]:
        allocations = {
            r.cells["id"]: Allocation(
                id=r.cells["id"],
                direction=r.cells["direction"],
                goal=r.cells["goal"],
                task=r.cells["task"],
                program=r.cells["program"],
                subprograms=codes(r.cells["subprograms"]),
                reference=r.cells["reference"],
                label=r.cells["label"],
                is_goal_total=bool(r.cells["is_goal_total"]),
                line=line_of(r),
            )
            for r in self._unique(rows["Allocation"])
        }
        totals = {
            r.cells["id"]: PlanTotal(
                id=r.cells["id"],
                label=r.cells["label"],
                programs=codes(r.cells["programs"]),
                line=line_of(r),
            )
            for r in self._unique(rows["Totals"])
        }
        return allocations, totals

    def _expenditure(
        self,
        rows: list[Row],
        programs: dict[str, BudgetProgram],
        forms: dict[str, ProgramForm],
        allocations: dict[str, Allocation],
        totals: dict[str, PlanTotal],
    ) -> None:
        tables: dict[str, dict[str, Any]] = {
            "program": programs,
            "form": forms,
            "allocation": allocations,
            "total": totals,
        }
        for r in rows:
            c = r.cells
            holder = tables[c["table"]].get(c["of"])
            if holder is None:
                self.problem(r, "of", f'no {c["table"]} "{c["of"][:80]}" in the plan')
                continue
            value = c["value"]
            raw = (
                c["raw"]
                if c["raw"] is not None
                else (format(value, "f") if value is not None else "")
            )
            source = c["source"]
            if c["source_line"] is None and source is None:
                source = f"{r.sheet}, row {r.number}"
            holder.expenditure.append(
                Expenditure(
                    year=c["year"],
                    kind=ExpenditureKind(c["kind"]),
                    value=value,
                    raw=raw,
                    line=line_of(r),
                    inferred=bool(c["inferred"]),
                    source=source,
                )
            )
