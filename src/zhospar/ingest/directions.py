"""Strategic directions: goals, target indicators, tasks, task indicators and milestones."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Direction, Gap


def parse_directions(
    section: Section, report: ReadingReport, listing: Section | None = None
) -> tuple[list[Direction], list[Gap]]:
    """The directions with their goals, indicators and tasks; ``listing`` is section 3's list
    of direction names, which names directions whose table is missing."""
    return [], []  # STUB: to be written
