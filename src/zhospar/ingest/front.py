"""The plan's front matter: title, approving and amending acts, mission, vision, prose sections."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Plan


def parse_front(sections: list[Section], report: ReadingReport) -> Plan:
    """A Plan holding the front matter and prose sections; the tables are filled in later."""
    return Plan(title="", period_start=0, period_end=0)  # STUB: to be written
