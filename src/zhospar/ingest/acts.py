"""The list of legal acts the plan rests on."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import LegalAct


def parse_legal_acts(section: Section, report: ReadingReport) -> list[LegalAct]:
    return []  # STUB: to be written
