"""The plan workbook's typed rows tied together into a plan: ids, parents, units and acts checked.

Each check that fails adds a problem with the sheet, row and column (``SheetReader.problem``)
and the row is left out, so one pass reports everything; the caller raises them together.
"""

from __future__ import annotations

from typing import Any

from zhospar.model.plan import (
    ActRef,
    AlignmentRow,
    Deletion,
    Direction,
    Gap,
    Goal,
    Indicator,
    IndicatorSection,
    LegalAct,
    Milestone,
    Passage,
    Phase,
    Plan,
    ProgramForm,
    ProgramIndicatorKind,
    ProseSection,
    Risk,
    SourceDocument,
    Task,
    YearValue,
)
from zhospar.workbook._build_budget import BudgetBuilder, codes, line_of
from zhospar.workbook._cells import Row, SheetReader, _convert
from zhospar.workbook.layout import PLAN_FIELDS

__all__ = ["Builder"]


_line = line_of
_codes = codes


def _lines(text: str | None) -> list[str]:
    return [part for part in (text or "").split("\n") if part.strip()]


class Builder(BudgetBuilder):
    def __init__(self, reader: SheetReader) -> None:
        super().__init__(reader)
        self.acts: dict[str, ActRef] = {}

    # --- the Plan sheet ------------------------------------------------------------------

    def plan_fields(self, rows: list[Row]) -> dict[str, Any]:
        kinds = {name: (kind, required) for name, kind, required in PLAN_FIELDS}
        found: dict[str, Any] = {}
        seen: dict[str, Row] = {}
        for row in rows:
            name = (row.cells["field"] or "").strip()
            if name not in kinds:
                known = ", ".join(kinds)
                self.problem(row, "field", f'unknown field "{name[:80]}"; expected one of {known}')
                continue
            if name in seen:
                self.problem(
                    row, "field", f'"{name}" is given twice (first on row {seen[name].number})'
                )
                continue
            seen[name] = row
            value = row.cells["value"]
            if value is not None and kinds[name][0] != "text":
                try:
                    value = _convert(kinds[name][0], value, "General")
                except ValueError as exc:
                    self.problem(row, "value", str(exc))
                    continue
            found[name] = value
        for name, (_kind, required) in kinds.items():
            if not required or found.get(name) is not None:
                continue
            if name in seen:
                self.problem(seen[name], "value", f'is empty; the plan\'s "{name}" is required')
            else:
                self.reader.problem("Plan", None, "field", f'expected a row for "{name}"')
        return found

    # --- the whole plan ------------------------------------------------------------------

    def build(self, fields: dict[str, Any], rows: dict[str, list[Row]]) -> Plan:
        self.units = {r.cells["unit"] for r in rows["Units"]}
        approved, amended = self._acts(rows["Acts"])
        directions = self._directions(rows)
        programs = self._programs(rows)
        forms = self._forms(rows)
        allocations, totals = self._appendix(rows)
        self._expenditure(rows["Expenditure"], programs, forms, allocations, totals)
        self._indicators(rows, directions, forms)
        source = None
        if fields.get("source_name"):
            source = SourceDocument(
                name=fields["source_name"],
                sha256=fields.get("source_sha256") or "",
                lines=fields.get("source_lines") or 0,
            )
        return Plan(
            title=fields["title"],
            ministry=fields.get("ministry"),
            approved_by=approved,
            amended_by=amended,
            period_start=fields["period_start"],
            period_end=fields["period_end"],
            reported_years=fields.get("reported_years") or [],
            mission=fields.get("mission"),
            vision=fields.get("vision"),
            analysis=fields.get("analysis"),
            functional_capabilities=fields.get("functional_capabilities"),
            organisational_structure=fields.get("organisational_structure"),
            prose=self._prose(rows["Prose"]),
            directions=list(directions.values()),
            alignment=[self._alignment(r) for r in rows["Alignment"]],
            risks=[self._risk(r) for r in self._unique(rows["Risks"])],
            legal_acts=[self._legal_act(r) for r in self._unique(rows["Legal acts"])],
            budget_programs=list(programs.values()),
            program_forms=list(forms.values()),
            allocations=list(allocations.values()),
            totals=list(totals.values()),
            gaps=[
                Gap(where=r.cells["where"], what=r.cells["what"], line=r.cells["source_line"])
                for r in rows["Gaps"]
            ],
            source=source,
        )

    # --- acts ----------------------------------------------------------------------------

    def _acts(self, rows: list[Row]) -> tuple[ActRef | None, list[ActRef]]:
        approved: ActRef | None = None
        amended: list[ActRef] = []
        for row in rows:
            c = row.cells
            act = ActRef(
                number=c["number"],
                date=c["date"],
                kind=c["kind"] or "resolution",
                line=c["source_line"],
            )
            self.acts.setdefault(act.number, act)
            if c["role"] == "approved":
                if approved is not None:
                    self.problem(row, "role", "a plan has one approving act; this is a second")
                approved = act
            else:
                amended.append(act)
        return approved, amended

    def _deletion(self, row: Row) -> Deletion | None:
        number = row.cells["deleted_by"]
        if number is None:
            return None
        act = self.acts.get(number)
        if act is None:
            self.problem(row, "deleted_by", f"no act No. {number[:80]} in the Acts sheet")
            return None
        ref = act.model_copy(update={"line": row.cells["deleted_act_line"]})
        return Deletion(act=ref, line=_line(row, "deleted_line"))

    # --- directions, goals, tasks, milestones -------------------------------------------

    def _directions(self, rows: dict[str, list[Row]]) -> dict[int, Direction]:
        directions: dict[int, Direction] = {}
        for r in self._unique(rows["Directions"]):
            c = r.cells
            if c["number"] in directions:
                self.problem(r, "number", f"direction {c['number']} is given twice")
                continue
            directions[c["number"]] = Direction(
                id=c["id"], number=c["number"], name=c["name"], line=_line(r)
            )
        self.goals: dict[str, Goal] = {}
        for r in self._unique(rows["Goals"]):
            c = r.cells
            direction = directions.get(c["direction"])
            if direction is None:
                self.problem(r, "direction", f"no direction {c['direction']} in Directions")
            goal = Goal(
                id=c["id"],
                code=c["code"],
                name=c["name"],
                line=_line(r),
                only_in_alignment=bool(c["only_in_alignment"]),
            )
            self.goals[goal.code] = goal  # known even when refused: no knock-on problems
            if direction is not None:
                direction.goals.append(goal)
        self.tasks: dict[str, Task] = {}
        for r in self._unique(rows["Tasks"]):
            c = r.cells
            parent = self.goals.get(c["goal"])
            if parent is None:
                self.problem(r, "goal", f'no goal "{c["goal"][:80]}" in Goals')
            task = Task(
                id=c["id"],
                code=c["code"],
                name=c["name"] or "",
                line=_line(r),
                co_executors=_lines(c["co_executors"]),
            )
            self.tasks[task.code] = task
            if parent is not None:
                parent.tasks.append(task)
        for r in self._unique(rows["Milestones"]):
            c = r.cells
            owner = self.tasks.get(c["task"])
            if owner is None:
                self.problem(r, "task", f'no task "{c["task"][:80]}" in Tasks')
                continue
            owner.milestones.append(
                Milestone(
                    id=c["id"],
                    name=c["name"],
                    due_years=c["due_years"] or [],
                    deleted=self._deletion(r),
                    line=_line(r),
                )
            )
        return directions

    # --- indicators and their values ------------------------------------------------------

    def _indicators(
        self,
        rows: dict[str, list[Row]],
        directions: dict[int, Direction],
        forms: dict[str, ProgramForm],
    ) -> None:
        found: dict[str, Indicator] = {}
        for r in self._unique(rows["Indicators"]):
            indicator = self._indicator(r, found, forms)
            found[indicator.id] = indicator
        for r in rows["Values"]:
            self._value(r, found)

    def _indicator(
        self, r: Row, found: dict[str, Indicator], forms: dict[str, ProgramForm]
    ) -> Indicator:
        c = r.cells
        if c["unit"] is not None and c["unit"] not in self.units:  # kept, so no knock-on problems
            self.problem(r, "unit", f'unknown unit "{c["unit"][:80]}": add it to the Units sheet')
        section = IndicatorSection(c["section"])
        kind = ProgramIndicatorKind(c["kind"]) if c["kind"] else None
        ind = Indicator(
            id=c["id"],
            section=section,
            number=c["number"],
            name=c["name"],
            unit=c["unit"],
            breakdown=c["breakdown"],
            kind=kind,
            deleted=self._deletion(r),
            line=_line(r),
        )
        if c["breakdown_of"] is not None:
            parent = found.get(c["breakdown_of"])
            if parent is None:
                self.problem(r, "breakdown_of", f'no indicator "{c["breakdown_of"][:80]}" above')
            else:
                parent.breakdowns.append(ind)
            return ind
        holder = self._holder(r, section, c["of"], forms)
        if holder is not None:
            holder.append(ind)
        return ind  # known even when refused: its values raise no knock-on problems

    def _holder(
        self, r: Row, section: IndicatorSection, of: str, forms: dict[str, ProgramForm]
    ) -> list[Indicator] | None:
        if section is IndicatorSection.TARGET and of in self.goals:
            return self.goals[of].target_indicators
        if section is IndicatorSection.TASK and of in self.tasks:
            return self.tasks[of].indicators
        if section is IndicatorSection.PROGRAM:
            code, _, block = of.partition("/")
            form = forms.get(code)
            number = int(block) if block.isdigit() else 1
            if form is not None and 1 <= number <= len(form.sections):
                return form.sections[number - 1].indicators
        where = {
            "target": "Goals (a goal code)",
            "task": "Tasks (a task code)",
            "program": "Form blocks (a program code, CODE/BLOCK)",
        }[section.value]
        self.problem(r, "of", f'"{of[:80]}" is not in {where}')
        return None

    def _value(self, r: Row, found: dict[str, Indicator]) -> None:
        c = r.cells
        ind = found.get(c["indicator"])
        if ind is None:
            self.problem(r, "indicator", f'no indicator "{c["indicator"][:80]}" in Indicators')
            return
        value = c["value"]
        raw = (
            c["raw"] if c["raw"] is not None else (format(value, "f") if value is not None else "")
        )
        source = c["source"]
        if c["source_line"] is None and source is None:
            source = f"{r.sheet}, row {r.number}"
        ind.values.append(
            YearValue(
                year=c["year"],
                phase=Phase(c["phase"]),
                value=value,
                raw=raw,
                line=_line(r),
                note=c["note"],
                source=source,
            )
        )

    # --- text sections ----------------------------------------------------------------------

    def _alignment(self, r: Row) -> AlignmentRow:
        c = r.cells
        return AlignmentRow(
            id=c["id"],
            direction=c["direction"],
            direction_name=c["direction_name"],
            goal=c["goal"],
            goal_name=c["goal_name"],
            state_goal=c["state_goal"],
            source_document=c["source_document"],
            line=_line(r),
        )

    def _risk(self, r: Row) -> Risk:
        c = r.cells
        line = _line(r)
        return Risk(
            id=c["id"],
            number=c["number"],
            risks=_lines(c["risks"]),
            consequences=_lines(c["consequences"]),
            measures=_lines(c["measures"]),
            line=line,
            end_line=c["end_line"] if c["end_line"] is not None else line,
        )

    def _legal_act(self, r: Row) -> LegalAct:
        c = r.cells
        line = _line(r)
        return LegalAct(
            id=c["id"],
            number=c["number"],
            title=c["title"],
            line=line,
            end_line=c["end_line"] if c["end_line"] is not None else line,
        )

    def _prose(self, rows: list[Row]) -> list[ProseSection]:
        sections: list[ProseSection] = []
        for r in rows:
            c = r.cells
            last = sections[-1] if sections else None
            if last is None or (last.kind, last.heading, last.line) != (
                c["section"],
                c["heading"],
                c["heading_line"],
            ):
                last = ProseSection(kind=c["section"], heading=c["heading"], line=c["heading_line"])
                sections.append(last)
            if c["text"] is not None:
                line = _line(r)
                end = c["end_line"] if c["end_line"] is not None else line
                last.paragraphs.append(Passage(text=c["text"], line=line, end_line=end))
        return sections
