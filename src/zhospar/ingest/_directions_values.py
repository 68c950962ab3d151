"""The years of the directions tables and the yearly values of their rows.

Each table opens with a goal header ("Есепті кезең | | Жоспарлы кезең") above a row of years
("2008 ж | 2009 ж | ... | 2014 ж"). The header's two period cells are as far apart as there are
reported years, which stays true when the conversion shifted the header row, so the phase of
each year is worked out from that distance rather than from fixed columns. A table without its
own header rows (direction 4 in the bundled plan) goes on with the years read last.
"""

from __future__ import annotations

from zhospar.i18n import Message
from zhospar.ingest._directions_cells import PLANNED, REPORTED, Row, locate_values
from zhospar.ingest._directions_lines import LineNotes
from zhospar.ingest.numbers import parse_number
from zhospar.model.plan import Phase, YearValue


class YearColumns:
    def __init__(self, usual_value_column: int | None) -> None:
        self.usual_col = usual_value_column
        self.header_col: int | None = None
        self.years: list[int] = []
        self.phases: list[Phase] = []
        self.n_reported: int | None = None

    def read_periods(self, row: Row) -> None:
        """The "Есепті кезең" / "Жоспарлы кезең" cells of a goal header, when it has them."""
        reported = next((c for c, t in row.texts if REPORTED.match(t)), None)
        planned = next((c for c, t in row.texts if PLANNED.match(t)), None)
        if planned is not None:
            self.n_reported = planned - reported if reported is not None else 0
            self.n_reported = max(self.n_reported, 0)

    def read_header(self, row: Row, years: list[tuple[int, int]], notes: LineNotes) -> None:
        """A row of years ("2008 ж", "2008 жыл", "2008" ...): (column, year) of each cell."""
        self.years = [year for _, year in years]
        self.header_col = years[0][0]
        no = row.line.no
        if self.n_reported is None:
            self.phases = [Phase.PLANNED] * len(self.years)
            notes.explain(
                no,
                Message(
                    "column header (years); no '{reported}' / '{planned}' header above it: "
                    "every year read as planned",
                    reported="Есепті кезең",
                    planned="Жоспарлы кезең",
                ),
            )
            return
        n = min(self.n_reported, len(self.years))
        self.phases = [Phase.REPORTED] * n + [Phase.PLANNED] * (len(self.years) - n)
        notes.explain(no, Message("column header (years)"))

    def values(self, row: Row, notes: LineNotes) -> list[YearValue] | None:
        """The row's yearly values, or None (and a note) when they cannot be placed."""
        no = row.line.no
        if not self.years:
            notes.problem(no, Message("values before the row of years"))
            return None
        column = self.usual_col if self.usual_col is not None else self.header_col or 0
        located = locate_values(row, column, len(self.years))
        if located.error is not None:
            notes.problem(no, located.error)
            return None
        if located.note is not None:
            notes.explain(no, located.note)
        return [
            YearValue(
                year=self.years[i], phase=self.phases[i], value=parse_number(raw), raw=raw, line=no
            )
            for i, raw in located.cells
        ]
