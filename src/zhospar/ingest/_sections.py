"""Cutting the published text into the sections the state planning format prescribes.

Sections are found by their headings, as any plan in this format prints them, never by line
numbers. Headings are matched after cleaning (so "6. Қ а т е р м е н е д ж м е н т і" matches
"6. Қатер менеджменті"). The table of contents (Мазмұны) repeats the headings; it ends where the
mission begins, and headings are only looked for after it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from zhospar.ingest._text import SourceLine


class SectionKind(StrEnum):
    PREAMBLE = "preamble"  # the resolution, the approval stamp and the contents
    MISSION = "mission"
    VISION = "vision"
    ANALYSIS = "analysis"
    DIRECTIONS_LIST = "directions-list"  # "3. Қызметінің стратегиялық бағыттары" (names only)
    DIRECTIONS = "directions"  # the tables of goals, indicators and tasks
    ALIGNMENT = "alignment"
    FUNCTIONAL = "functional-capabilities"
    RISKS = "risks"
    ORG_STRUCTURE = "organisational-structure"  # appendices 1 and 2 (charts)
    LEGAL_ACTS = "legal-acts"
    BUDGET_LIST = "budget-list"
    PROGRAM_FORM = "program-form"
    ALLOCATION = "allocation"  # the appendix that allocates money to goals and tasks


@dataclass
class Section:
    kind: SectionKind
    heading: SourceLine | None
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        if self.heading is not None:
            return self.heading.no
        return self.lines[0].no if self.lines else 0


def _h(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Ordered as the format prescribes; each heading is searched for after the previous one.
_HEADINGS: list[tuple[SectionKind, re.Pattern[str]]] = [
    (SectionKind.MISSION, _h(r"^Миссиясы$")),
    (SectionKind.VISION, _h(r"^Пайымдауы$")),
    (SectionKind.ANALYSIS, _h(r"^\d+\.\s*Ағымдағы ахуалды талдау$")),
    (SectionKind.DIRECTIONS_LIST, _h(r"^\d+\.\s*Қызметінің стратегиялық бағыттары$")),
    (SectionKind.DIRECTIONS, _h(r"^Қызметінің стратегиялық бағыттары, даму мақсаты")),
    (SectionKind.ALIGNMENT, _h(r"^\d+\.\s.*стратегиялық мақсаттарына сәйкестігі$")),
    (SectionKind.FUNCTIONAL, _h(r"^\d+\.\s*Функционалдық мүмкіндіктері")),
    (SectionKind.RISKS, _h(r"^\d+\.\s*Қатер менеджменті$")),
    (SectionKind.ORG_STRUCTURE, _h(r"^\d+-қосымша$")),
    (SectionKind.LEGAL_ACTS, _h(r"^\d+\.\s*Негізінде Стратегиялық жоспар әзірленген")),
]
_BUDGET_LIST = _h(r"^(?:\d+\.\s*Бюджеттік бағдарламалар тізбесі|I\.\s)")
_FORM = _h(r"^Бюджеттік бағдарламаның нысаны$")
_APPENDIX = _h(r"^\d+-қосымша$")
_ALLOCATION_ROW = _h(r"^\d+(?:\.\d+)+-(?:мақсат|міндет)|^\d+-стратегиялық бағыт")
_FORM_ADMIN = _h(r"^Бюджеттік бағдарламаның әкімшісі")


def split_sections(lines: list[SourceLine]) -> list[Section]:
    """The sections of the text in order; lines before the mission form the preamble."""
    starts = _find_starts(lines)
    sections: list[Section] = []
    bounds = [*starts, (len(lines), SectionKind.PREAMBLE)]
    first = bounds[0][0] if starts else len(lines)
    sections.append(Section(SectionKind.PREAMBLE, None, lines[:first]))
    for (start, kind), (end, _next) in itertools.pairwise(bounds):
        sections.append(Section(kind, lines[start], lines[start + 1 : end]))
    return [_reclassify(s) for s in sections]


def _find_starts(lines: list[SourceLine]) -> list[tuple[int, SectionKind]]:
    cleaned = [line.clean_text for line in lines]
    starts: list[tuple[int, SectionKind]] = []
    pos = 0
    for kind, pattern in _HEADINGS:
        for i in range(pos, len(lines)):
            if pattern.search(cleaned[i]):
                starts.append((i, kind))
                pos = i + 1
                break
    # After the legal acts: the budget list, then one form after another.
    for i in range(pos, len(lines)):
        if _BUDGET_LIST.search(cleaned[i]):
            starts.append((i, SectionKind.BUDGET_LIST))
            pos = i
            break
    for i in range(pos, len(lines)):
        if _FORM.search(cleaned[i]):
            starts.append((i, SectionKind.PROGRAM_FORM))
    starts.sort()
    return starts


def _reclassify(section: Section) -> Section:
    """A "form" without an administrator whose rows name goals and tasks is the appendix."""
    if section.kind is not SectionKind.PROGRAM_FORM:
        return section
    texts = [line.clean_text for line in section.lines if not line.is_blank]
    if any(_FORM_ADMIN.search(t) for t in texts):
        return section
    if sum(1 for t in texts if _ALLOCATION_ROW.search(t)) >= 2:
        section.kind = SectionKind.ALLOCATION
    return section


def trailing_appendix_heading(section: Section) -> SourceLine | None:
    """The "N-қосымша" line that closes a section, if any (it heads the next part)."""
    for line in reversed(section.lines):
        if line.is_blank:
            continue
        return line if _APPENDIX.search(line.clean_text) else None
    return None
