"""Strategic directions: goals, target indicators, tasks, task indicators and milestones."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Direction, Gap


def parse_directions(section: Section, report: ReadingReport) -> tuple[list[Direction], list[Gap]]:
    return [], []  # STUB: to be written
