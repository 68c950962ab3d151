"""Budget program forms (Бюджеттік бағдарламаның нысаны)."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import ProgramForm


def parse_program_form(section: Section, report: ReadingReport) -> ProgramForm:
    return ProgramForm(id="P?", code="?", name="", line=section.first_line, end_line=0)  # STUB
