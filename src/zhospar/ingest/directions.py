"""Strategic directions: goals, target indicators, tasks, task indicators and milestones.

The section "Қызметінің стратегиялық бағыттары, даму мақсаты және негізгі индикаторлары" is one
long table per direction: a heading row ("1-стратегиялық бағыты. ..."), a goal header
("1.1-мақсат | Нысаналы индикатор | Есепті кезең | Жоспарлы кезең") and a row of years, the goal
row ("1.1. | name | 1. indicator") with its target indicators, then "Міндеттер | Көрсеткіштер"
and one row per task ("1.1.4. | name | 1. indicator or deliverable (2010 - 2011 жж.)").
An indicator's name, unit and values may share a row or take one row each; "оның ішінде:",
"- ..." and "а) ..." rows are breakdowns of the indicator above.

The text is a conversion with rows out of place; the reader copes with what any plan converted
the same way shows, never with line numbers:

* items whose numbering restarts at 1 just above a task's row belong to that task (the
  conversion put them before it), and an unnumbered text in the task row continues them;
* a goal header may come before the goal's indicators and its code row after them;
* one cell may hold several numbered items whose values follow on rows without names;
* a row whose cells were shifted keeps its values in order after its text.

Section 3's list of direction names (``listing``) names the directions whose table is missing:
those become a Gap, never invented content. Every line of both sections gets a note in the
reading report: read, explained (with the decision taken) or not understood.
"""

from __future__ import annotations

from zhospar.i18n import Message
from zhospar.ingest import _directions_cells as cells
from zhospar.ingest._directions_build import (
    DraftDirection,
    DraftGoal,
    DraftItem,
    DraftTask,
    build,
)
from zhospar.ingest._directions_cells import Row
from zhospar.ingest._directions_items import ItemRows
from zhospar.ingest._directions_lines import LineNotes
from zhospar.ingest._directions_values import YearColumns
from zhospar.ingest._sections import Section
from zhospar.ingest._years import year_row
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Direction, Gap, YearValue

__all__ = ["parse_directions"]

_S = "directions"


def parse_directions(
    section: Section, report: ReadingReport, listing: Section | None = None
) -> tuple[list[Direction], list[Gap]]:
    """The directions with their goals, indicators and tasks; ``listing`` is section 3's list
    of direction names, which names directions whose table is missing."""
    notes = LineNotes()
    drafts = _read_listing(listing, notes) if listing is not None else {}
    reader = _TableReader(drafts, notes, [cells.analyse(x) for x in section.lines])
    if section.heading is not None:
        notes.explain(section.heading.no, Message("heading"))
    for line in section.lines:
        reader.line(line.no)
    reader.finish()
    heading = [section.heading.no] if section.heading is not None else []
    notes.write(report, _S, heading + [x.no for x in section.lines])
    if listing is not None:
        heading = [listing.heading.no] if listing.heading is not None else []
        notes.write(report, _S, heading + [x.no for x in listing.lines])
    return build(drafts)


def _read_listing(listing: Section, notes: LineNotes) -> dict[int, DraftDirection]:
    """Section 3: "1. Жұмысынан айрылу ... қатерін басқару", one direction per line."""
    if listing.heading is not None:
        notes.explain(listing.heading.no, Message("heading"))
    drafts: dict[int, DraftDirection] = {}
    for line in listing.lines:
        text = line.clean_text
        items = cells.split_items(text)
        if not text:
            notes.explain(line.no, Message("blank"))
        elif len(items) == 1 and items[0][0] not in drafts:
            number, name = items[0]
            drafts[number] = DraftDirection(number, name, line.no, listing_line=line.no)
            notes.read(line.no)
        elif text.endswith(":"):
            notes.explain(line.no, Message("introduction to the list of directions"))
        else:
            notes.explain(
                line.no, Message("running text of the section, not a direction of the list")
            )
    return drafts


class _TableReader(ItemRows):
    """Reads the rows in order, keeping where it is: direction, goal, task, the items open."""

    def __init__(self, drafts: dict[int, DraftDirection], notes: LineNotes, rows: list[Row]):
        super().__init__()
        self.drafts = drafts
        self.notes = notes
        self.rows = {r.line.no: r for r in rows}
        self.years = YearColumns(cells.usual_value_column(rows))
        self.direction: DraftDirection | None = None
        self.goal: DraftGoal | None = None
        self.task: DraftTask | None = None
        self.in_tasks = False  # below "Міндеттер | Көрсеткіштер": items belong to tasks
        self.pending: list[DraftItem] | None = None  # items waiting for the next task row
        self.pending_lines: list[int] = []

    # -- dispatch -------------------------------------------------------------------------
    def line(self, no: int) -> None:
        row = self.rows[no]
        texts = [t for _, t in row.texts]
        first = texts[0] if texts else ""
        if row.line.is_blank:
            self.notes.explain(no, Message("blank"))
        elif not texts and row.code is None and not row.has_values:
            self.notes.explain(no, Message("empty row (cells without text)"))
        elif cells.NOTE.match(first) and len(texts) == 1:
            self.notes.explain(no, Message("amendment note"))
        elif match := cells.DIRECTION.match(first):
            self._direction_heading(int(match.group(1)), match.group(2), no)
        elif any(cells.GOAL_HEADER.match(t) for t in texts):
            self._goal_header(row)
        elif (years := year_row(row.cells)) is not None:
            self.years.read_header(row, [(column, year) for column, year, _ in years], self.notes)
        elif texts and all(cells.TASKS_HEADER.match(t) for t in texts):
            self._tasks_header(no)
        elif row.code is not None:
            self._code_row(row, row.code)
        else:
            self._continuation_row(row)
        self.notes.read(no)  # lowest rank: only lines no handler noted otherwise

    def finish(self) -> None:
        self._flush_pending(Message("the section ends"))

    # -- structure rows ----------------------------------------------------------------
    def _direction_heading(self, number: int, name: str, no: int) -> None:
        self._flush_pending(Message("a new direction begins"))
        draft = self.drafts.get(number)
        if draft is None:
            draft = self.drafts[number] = DraftDirection(number, name, no)
        draft.name = name or draft.name
        draft.line = draft.heading_line = no
        self.direction, self.goal, self.task, self.in_tasks = draft, None, None, False
        self._close_items()

    def _goal_header(self, row: Row) -> None:
        code = next(m.group(1) for _, t in row.texts if (m := cells.GOAL_HEADER.match(t)))
        self.years.read_periods(row)
        self._open_goal(code, row.line.no)
        header = Message("column header of goal {code}'s target indicators", code=code)
        self.notes.explain(row.line.no, header)

    def _tasks_header(self, no: int) -> None:
        self.in_tasks, self.task = True, None
        self._close_items()
        self.notes.explain(no, Message("column header (tasks, indicators)"))

    def _open_goal(self, code: str, no: int) -> DraftGoal:
        """The goal with this code, announced by a header or opened by its code row."""
        direction = self._open_direction(int(code.split(".")[0]), no)
        goal = next((g for g in direction.goals if g.code == code), None)
        if goal is None:
            self._flush_pending(Message("goal {code} begins", code=code))
            goal = DraftGoal(code, "", no)
            direction.goals.append(goal)
        if goal is not self.goal or self.in_tasks:
            self._close_items()
        self.goal, self.task, self.in_tasks = goal, None, False
        return goal

    def _open_direction(self, number: int, no: int) -> DraftDirection:
        """A goal code names its direction; one without a heading row takes the listing's name."""
        if self.direction is not None and self.direction.number == number:
            return self.direction
        self._flush_pending(Message("a new direction begins"))
        draft = self.drafts.get(number)
        if draft is None:
            draft = self.drafts[number] = DraftDirection(number, "", no)
        self.direction = draft
        return draft

    def _code_row(self, row: Row, code: str) -> None:
        """A goal's ("1.1.") or a task's ("1.1.4.") row: code, name, then its first items."""
        no = row.line.no
        name = " ".join(t for c, t in row.texts if c == 1)
        content = " ".join(t for c, t in row.texts if c >= 2)
        if code.count(".") == 1:
            goal = self._open_goal(code, no)
            if name:
                goal.name = f"{goal.name} {name}".strip()
            if not goal.coded:  # the goal's line is its code row, not the header announcing it
                goal.line, goal.coded = no, True
        else:
            self._start_task(code, name, no)
        self._content(content, row, code_row=True, subpart=False)

    def _start_task(self, code: str, name: str, no: int) -> None:
        goal_code = ".".join(code.split(".")[:2])
        goal = self.goal
        if goal is None or goal.code != goal_code:
            goal = self._open_goal(goal_code, no)
        task = DraftTask(code, name, no)
        goal.tasks.append(task)
        self.task, self.in_tasks = task, True
        self._close_items()
        if self.pending:
            task.items.extend(self.pending)
            for line in self.pending_lines:
                self.notes.explain(
                    line,
                    Message(
                        "items numbered from 1 again above the row of task {code}: read as that "
                        "task's items (the conversion put them before the task's row)",
                        code=code,
                    ),
                )
            self.top = self.cur = self.pending[-1]
        self.pending, self.pending_lines = None, []

    def _flush_pending(self, why: Message) -> None:
        if not self.pending:
            self.pending, self.pending_lines = None, []
            return
        for line in self.pending_lines:
            if self.task is not None:
                self.notes.explain(
                    line,
                    Message(
                        "item numbering restarts at 1 but no task row follows ({why}): kept "
                        "under task {code}",
                        why=why,
                        code=self.task.code,
                    ),
                )
            else:
                self.notes.problem(line, Message("item outside any task ({why})", why=why))
        if self.task is not None:
            self.task.items.extend(self.pending)
        self.pending, self.pending_lines = None, []

    def _continuation_row(self, row: Row) -> None:
        """A row without a code: more of a name, a unit, values, items or breakdowns."""
        texts = row.texts
        subpart = len(texts) > 1 and texts[0][0] == 1
        if subpart:
            # Text in the name column with more beside it continues the task's (or goal's) name,
            # e.g. "ә) жұмысынан айрылу қатерін ..." heading the second part of a task.
            owner = self.task if self.in_tasks else self.goal
            if owner is None:
                self.notes.problem(row.line.no, Message("name text outside any goal or task"))
            else:
                owner.name = f"{owner.name} {texts[0][1]}".strip()
            texts = texts[1:]
        self._content(" ".join(t for _, t in texts), row, code_row=False, subpart=subpart)

    # -- indicator cells: where items go ----------------------------------------------
    def _items(self, no: int) -> list[DraftItem] | None:
        """Where a new item goes: the waiting list, the task's items or the goal's targets."""
        if self.pending is not None:
            return self.pending
        if self.in_tasks:
            if self.task is not None:
                return self.task.items
            self.pending = []
            return self.pending
        return self.goal.targets if self.goal is not None else None

    def _numbered(
        self,
        items: list[tuple[int, str]],
        values: list[YearValue] | None,
        no: int,
        *,
        restart_allowed: bool,
    ) -> None:
        scope = self._items(no)
        if scope is None:
            self.notes.problem(no, Message("indicator before any goal"))
            return
        # "1." after numbered items of the current task opens the list of the next task, whose
        # row the conversion put below it (a sub-part row such as "ә) ..." restarts legitimately).
        restarts = items[0][0] == 1 and any(_number_of(i) for i in scope)
        if restart_allowed and self.in_tasks and self.pending is None and restarts:
            self.pending = scope = []
        if scope is self.pending:
            self.pending_lines.append(no)
        self._add_items(scope, items, values, no)


def _number_of(item: DraftItem) -> int:
    digits = (item.number or "").rstrip(".")
    return int(digits) if digits.isdigit() else 0
