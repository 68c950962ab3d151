"""Alignment of the ministry's goals with the state's strategic goals."""

from __future__ import annotations

from zhospar.ingest._sections import Section
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import AlignmentRow, Plan


def parse_alignment(section: Section, report: ReadingReport) -> list[AlignmentRow]:
    return []  # STUB: to be written


def add_alignment_only_goals(plan: Plan) -> None:
    """Goals named only in the alignment section (3.1, 3.2) join their direction."""
    return None  # STUB: to be written
