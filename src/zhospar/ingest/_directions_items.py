"""The cells of a goal's or a task's indicators: items, units, values and breakdowns.

``ItemRows`` is the half of the directions reader that works inside one list of items (a goal's
target indicators or a task's indicators and deliverables). It keeps the item last opened
(``top``), the item or breakdown last opened (``cur``) and, for a cell holding several numbered
items, the items still waiting for their values (``queue``). What a row of text means follows
from that state:

* a row below a name that has no values gives its unit ("%-бен", "мың адам") or more of its
  name, and its values when it has any;
* "- ...", "а) ..." rows, and rows after "оның ішінде:" (of which), are breakdowns;
* a row with values under an item that already has its values is read as a breakdown too, and
  the decision is reported;
* a row of values without a name goes to the next item of a many-item cell.
"""

from __future__ import annotations

from zhospar.i18n import Message
from zhospar.ingest import _directions_cells as cells
from zhospar.ingest._directions_build import DraftGoal, DraftItem
from zhospar.ingest._directions_cells import Row
from zhospar.ingest._directions_lines import LineNotes
from zhospar.ingest._directions_values import YearColumns
from zhospar.model.plan import YearValue

__all__ = ["ItemRows"]

_OF_WHICH = "оның ішінде"  # the plan's words, quoted in the notes as printed


class ItemRows:
    """Mixin of the directions reader; the reader decides where items go (``_items``,
    ``_numbered``) and which goal is open."""

    notes: LineNotes
    years: YearColumns
    goal: DraftGoal | None
    in_tasks: bool

    def __init__(self) -> None:
        self.top: DraftItem | None = None  # the last item of a goal or task
        self.cur: DraftItem | None = None  # the last item or breakdown opened
        self.queue: list[DraftItem] = []  # items of a many-item cell still waiting for values

    def _items(self, no: int) -> list[DraftItem] | None:
        raise NotImplementedError

    def _numbered(
        self,
        items: list[tuple[int, str]],
        values: list[YearValue] | None,
        no: int,
        *,
        restart_allowed: bool,
    ) -> None:
        raise NotImplementedError

    def _content(self, text: str, row: Row, *, code_row: bool, subpart: bool) -> None:
        no = row.line.no
        values = self.years.values(row, self.notes) if row.has_values else None
        if not text:
            if values is not None:
                self._values_only(values, no)
            return
        deleted = cells.DELETED.match(text)
        if deleted is not None or cells.OF_WHICH_ALONE.match(text):
            if deleted is not None:
                self._deleted(deleted.group("num"), text, no)
            else:
                self._of_which(no)
            if values is not None:
                self.notes.problem(no, Message("values on a row that names no indicator: not read"))
            return
        if items := cells.split_items(text):
            self._numbered(items, values, no, restart_allowed=not (code_row or subpart))
        else:
            self._plain(text, values, no, code_row=code_row)

    def _add_items(
        self,
        scope: list[DraftItem],
        items: list[tuple[int, str]],
        values: list[YearValue] | None,
        no: int,
    ) -> None:
        """Numbered items of one cell; with several, rows of values without names follow for
        them (and their "оның ішінде" breakdowns) in order."""
        created = [self._new_item(number, body, no) for number, body in items]
        scope.extend(created)
        self.top = created[-1]
        self.cur = created[-1].breakdowns[-1] if created[-1].breakdowns else created[-1]
        slots = [s for item in created if item.awaiting for s in (item, *item.breakdowns)]
        self.queue = slots if len(created) > 1 else []
        if values is not None:
            if not slots:
                self.notes.problem(no, Message("values on a row whose items are all deliverables"))
                return
            self._give(slots[0], values)

    def _new_item(self, number: int, body: str, no: int) -> DraftItem:
        body, labels, of_which = cells.split_of_which(body)
        due: list[int] = []
        if self.in_tasks:
            body, due = cells.due_years(body)
        item = DraftItem(no, f"{number}.", body, head=body, due_years=due)
        item.expects_breakdowns = of_which or body.endswith(":")
        for label in labels:
            item.breakdowns.append(DraftItem(no, None, label, head=label, label=label))
        return item

    def _deleted(self, label: str | None, text: str, no: int) -> None:
        deletion = cells.deletion(text, no)
        if not deletion.act.number:
            self.notes.explain(no, Message("deleted item whose deleting act has no number"))
        number = label.replace(" ", "") if label else None
        item = DraftItem(no, number, "", head="", deleted=deletion)
        if number is not None and number.endswith(")"):
            if self.top is None:
                self.notes.problem(no, Message("deleted sub-item with no indicator above"))
                return
            item.label = ""
            self.top.breakdowns.append(item)
        else:
            scope = self._items(no)
            if scope is None:
                self.notes.problem(no, Message("deleted item before any goal"))
                return
            scope.append(item)
            self.top = item
        self.cur = item

    def _of_which(self, no: int) -> None:
        if self.top is None:
            self.notes.problem(
                no, Message("'{words}' (of which) with no indicator above", words=_OF_WHICH)
            )
            return
        self.top.expects_breakdowns = True
        self.notes.explain(
            no, Message("'{words}' (of which): the breakdown rows follow", words=_OF_WHICH)
        )

    def _plain(self, text: str, values: list[YearValue] | None, no: int, *, code_row: bool) -> None:
        """Unnumbered text: a dash or lettered breakdown, more of a name, a unit, a breakdown."""
        if match := cells.DASH.match(text):
            self._add_breakdown(match.group(1), values, no, number="-", dash=True)
            return
        if match := cells.LETTER.match(text):
            self._add_breakdown(match.group(2), values, no, number=f"{match.group(1)})")
            return
        cur = self.cur
        continues = cur is not None and cur.awaiting and cur.unit is None
        if cur is not None and continues and (code_row or not cur.expects_breakdowns):
            self._continue(cur, text, values, no, code_row=code_row)
            return
        top = self.top
        if top is not None and not top.due_years and (values is not None or top.expects_breakdowns):
            self._plain_breakdown(top, text, values, no)
            return
        scope = self._items(no)
        if top is None and scope is not None:
            item = DraftItem(no, None, text, head=text)
            scope.append(item)
            self.top = self.cur = item
            if values is not None:
                self._give(item, values)
            return
        self.notes.problem(
            no, Message("text that continues no indicator and is not a breakdown row")
        )

    def _continue(
        self, cur: DraftItem, text: str, values: list[YearValue] | None, no: int, *, code_row: bool
    ) -> None:
        """The row below a name without values: its unit, or more of its name."""
        if code_row:  # a task's row whose indicator cell goes on with the item above it
            name, unit = cells.split_unit(text) if values is not None else (text, None)
            cur.name, cur.unit = f"{cur.name} {name}", unit
        elif cells.is_unit(text, with_values=values is not None):
            cur.unit = text
        elif values is not None and (split := cells.comma_unit(text)):
            cur.name, cur.unit = f"{cur.name} {split[0]}", split[1]
        elif values is not None:
            name, cur.unit = cells.split_unit(text)
            cur.name = f"{cur.name} {name}"
        else:
            cur.name = f"{cur.name} {text}"
        if values is not None:
            self._give(cur, values)

    def _plain_breakdown(
        self, top: DraftItem, text: str, values: list[YearValue] | None, no: int
    ) -> None:
        """A breakdown row without a dash or letter under the current item."""
        label = text
        group = cells.group_word(text)
        if group is not None and group.lower() != text.lower():
            # The goal's name cell merged with a breakdown row ("Жұмысынан айрылу (әйелдер
            # жұмысының болмауы) қатерінің алдын алу | 7,9 ..."): the group word is the row's
            # label and takes the values; the rest is the goal's name when the goal has none.
            rest = cells.without_word(text, group)
            goal = self.goal
            if not self.in_tasks and goal is not None and not goal.name:
                goal.name = rest
                self.notes.explain(
                    no,
                    Message(
                        "goal {code}'s name cell is merged with the '{group}' breakdown row: "
                        "the name read as the goal's, the values as the '{group}' breakdown",
                        code=goal.code,
                        group=group,
                    ),
                )
            else:
                longer = Message("breakdown label '{group}' taken from a longer cell", group=group)
                self.notes.explain(no, longer)
            label = group
        elif not top.expects_breakdowns:
            self.notes.explain(
                no,
                Message(
                    "row with values but no number under an indicator that has its own values: "
                    "read as a breakdown of it, labelled as printed"
                ),
            )
        self._add_breakdown(label, values, no, number=None)

    def _add_breakdown(
        self,
        label: str,
        values: list[YearValue] | None,
        no: int,
        *,
        number: str | None,
        dash: bool = False,
    ) -> None:
        top = self.top
        if top is None or top.due_years or top.deleted is not None:
            self.notes.problem(no, Message("breakdown row with no indicator above"))
            return
        if dash and top.values is not None and not top.breakdowns and " - " in top.head:
            self._split_first_breakdown(top)
        item = DraftItem(no, number, label, head=label, label=label)
        top.breakdowns.append(item)
        self.cur = item
        if values is not None:
            self._give(item, values)

    def _split_first_breakdown(self, top: DraftItem) -> None:
        """ "2. Рейтингтік көрсеткіштер - жалақыны белгілеудің икемділігі" above "- ..." rows:
        the part after " - " is the first of the dash-listed sub-items, so the values read
        with it are that sub-item's, and the part before names the parent."""
        parent, first = top.head.split(" - ", 1)
        rest = top.name[len(top.head) :].strip()
        sub = DraftItem(top.line, "-", f"{first} {rest}".strip(), head=first, label=first)
        sub.unit, sub.values = top.unit, top.values
        top.name = top.head = parent
        top.unit, top.values = None, None
        top.breakdowns.append(sub)
        self.notes.explain(
            top.line,
            Message(
                "'{parent} - {first}': '{first}' is the first of the dash-listed sub-items below; "
                "read as a breakdown with the values of its row",
                parent=parent,
                first=first,
            ),
        )

    def _values_only(self, values: list[YearValue], no: int) -> None:
        """A row of values without a name: for the next item of a many-item cell, or the item
        above waiting for its values."""
        slot = next((s for s in self.queue if s.values is None), None)
        if slot is not None:
            self._give(slot, values)
            self.notes.explain(
                no,
                Message(
                    "values without a name: assigned in order to the next item of the cell on line "
                    "{line} ('{name}')",
                    line=slot.line,
                    name=_short(slot.name),
                ),
            )
        elif self.cur is not None and self.cur.awaiting:
            self._give(self.cur, values)
        else:
            self.notes.problem(
                no, Message("values without a name, and no indicator above awaits values")
            )

    def _give(self, item: DraftItem, values: list[YearValue]) -> None:
        item.values = values
        if item in self.queue:
            self.queue.remove(item)
        if item.unit is None:
            name, unit = cells.split_unit(item.name)
            if unit is not None:
                if item.label == item.name:
                    item.label = name
                item.name, item.unit = name, unit

    def _close_items(self) -> None:
        self.top = self.cur = None
        self.queue = []


def _short(name: str, limit: int = 60) -> str:
    name = cells.tidy(name)
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
