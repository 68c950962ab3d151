"""The appendix allocating expenditure to directions, goals and tasks by program."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Allocation


def parse_allocations(section: Section, report: ReadingReport) -> list[Allocation]:
    return []  # STUB: to be written
