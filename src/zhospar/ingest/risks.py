"""The risk-management table (Қатер менеджменті)."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Risk


def parse_risks(section: Section, report: ReadingReport) -> list[Risk]:
    return []  # STUB: to be written
