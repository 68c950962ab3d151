"""Cutting the published text into the sections the state planning format prescribes.

Sections are found by their headings, as any plan in this format prints them, never by line
numbers. Headings are matched after cleaning (so "6. Қ а т е р м е н е д ж м е н т і" matches
"6. Қатер менеджменті"), against every wording of the era in ``HEADING_WORDINGS``. A section
whose heading is worded otherwise is still found by what it holds (the risk and alignment
tables by their columns, the legal acts by their first act) or by the heading the plan's own
table of contents gives for its number; one that cannot be found is missing, and the reader
reports it as a gap (``EXPECTED``). The table of contents (Мазмұны) repeats the headings; it
ends where the mission begins, and headings are only looked for after it.
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
    # How the section was found: by its "heading", by its table's "columns", by its
    # "first-item", or by the heading its table of "contents" gives for its number.
    found_by: str = "heading"

    @property
    def first_line(self) -> int:
        if self.heading is not None:
            return self.heading.no
        return self.lines[0].no if self.lines else 0


def _h(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# How a heading may open: the section's number ("6. ", "6) ", "VI. ", "6 "), required or
# optional; it may close with a full stop or a colon.
_NUMBER = r"(?:\d{1,2}|[IVX]{1,4})(?:\s*[.)]\s*|\s+)"
_NUMBERED, _MAYBE_NUMBERED, _BARE = _NUMBER, rf"(?:{_NUMBER})?", ""


@dataclass(frozen=True)
class Heading:
    """How one section's heading may be printed."""

    kind: SectionKind
    example: str  # as the bundled plan prints it (for messages)
    number: str  # the pattern of its number: required, optional or none
    wordings: tuple[str, ...]  # regular expressions, matched case-blind on the cleaned line
    format_number: int | None = None  # its number in the format, to find it in the contents


# The headings of the era, one row per section, in the order the format prescribes; each is
# searched for after the previous one. A heading is the whole cleaned line: its number, then one
# of the wordings. Plans of those years word the same section differently (қатер / тәуекел,
# менеджменті / басқару, ахуал / жағдай); every wording known is here and nowhere else.
_AGYM = r"(?:Ағымдағы|Қазіргі)\s+(?:ахуал|жағдай)\w*"
_RISK = r"(?:Қатер|Тәуекел)\w*\s+(?:менеджмент|басқару)\w*"
HEADING_WORDINGS: tuple[Heading, ...] = (
    Heading(SectionKind.MISSION, "Миссиясы", _MAYBE_NUMBERED, (r"Миссиясы", r"Миссия")),
    Heading(SectionKind.VISION, "Пайымдауы", _MAYBE_NUMBERED, (r"Пайымдауы", r"Пайымдау")),
    Heading(
        SectionKind.ANALYSIS,
        "2. Ағымдағы ахуалды талдау",
        _NUMBERED,
        (rf"{_AGYM}\s+талдау\w*", rf"{_AGYM}\s+талдамасы"),
        2,
    ),
    Heading(
        SectionKind.DIRECTIONS_LIST,
        "3. Қызметінің стратегиялық бағыттары",
        _NUMBERED,
        (r"Қызметінің\s+стратегиялық\s+бағыттары",),
        3,
    ),
    Heading(
        SectionKind.DIRECTIONS,
        "Қызметінің стратегиялық бағыттары, даму мақсаты және негізгі индикаторлары",
        _BARE,
        (r"Қызметінің\s+стратегиялық\s+бағыттары,\s*даму\s+мақсаты.*",),
    ),
    Heading(
        SectionKind.ALIGNMENT,
        "4. ... мемлекеттің стратегиялық мақсаттарына сәйкестігі",
        _NUMBERED,
        (r"\S.*стратегиялық\s+мақсаттарына\s+сәйкестігі",),
        4,
    ),
    Heading(
        SectionKind.FUNCTIONAL,
        "5. Функционалдық мүмкіндіктері және ықтимал қатерлері",
        _NUMBERED,
        (r"Функционалдық\s+мүмкіндіктері.*",),
        5,
    ),
    Heading(
        SectionKind.RISKS,
        "6. Қатер менеджменті",
        _NUMBERED,
        (_RISK, rf"{_RISK}\s+жүйесі"),  # Қатер менеджменті, Тәуекелдерді басқару (жүйесі) ...
        6,
    ),
    Heading(SectionKind.ORG_STRUCTURE, "1-қосымша", _BARE, (r"\d+-қосымша",)),
    Heading(
        SectionKind.LEGAL_ACTS,
        "7. Негізінде Стратегиялық жоспар әзірленген нормативтік құқықтық актілер",
        _NUMBERED,
        (r"Негізінде\s+Стратегиялық\s+жоспар\s+әзірленген.*",),
        7,
    ),
)
_HEADINGS: list[tuple[SectionKind, re.Pattern[str]]] = [
    (h.kind, _h(rf"^{h.number}(?:{'|'.join(h.wordings)})[.:]?$")) for h in HEADING_WORDINGS
]
_FORMAT_NUMBER = {h.kind: h.format_number for h in HEADING_WORDINGS if h.format_number}
# Sections every plan of the format has after its preamble: one that cannot be found is a gap.
EXPECTED = tuple(h.kind for h in HEADING_WORDINGS)

_BUDGET_LIST = _h(r"^(?:\d+\.\s*Бюджеттік бағдарламалар тізбесі|I\.\s)")
_FORM = _h(r"^Бюджеттік бағдарламаның нысаны$")
_APPENDIX = _h(r"^\d+-қосымша$")
_ALLOCATION_ROW = _h(r"^\d+(?:\.\d+)+-(?:мақсат|міндет)|^\d+-стратегиялық бағыт")
_FORM_ADMIN = _h(r"^Бюджеттік бағдарламаның әкімшісі")
_CONTENTS = _h(r"^Мазмұны$")
_CONTENTS_ENTRY = _h(r"^(\d+)\.\s*\S")
# What a section holds, whatever its heading says: the column header of its table (every pattern
# matches one of the row's cells), or its first item. The risk table: risk, possible
# consequences, measures; the alignment table: the body's directions and goals, the state's
# goals, the document that states them; the legal acts: "1. «...»".
_COLUMNS = {
    SectionKind.RISKS: (
        _h(r"^(?:Қатер|Тәуекел)\w*\s+атау"),
        _h(r"салдар"),
        _h(r"шара|тетік"),
    ),
    SectionKind.ALIGNMENT: (
        _h(r"органның\s+стратегиялық\s+бағыт"),
        _h(r"мемлекеттің\s+стратегиялық\s+мақсат"),
        _h(r"атауы$"),
    ),
}
_FIRST_ITEM = {SectionKind.LEGAL_ACTS: _h(r"^1\.\s*«")}
# A heading of a wording not known: a short numbered line without cells.
_HEADING_LIKE = _h(rf"^{_NUMBER}\S.{{0,150}}$")


def split_sections(lines: list[SourceLine]) -> list[Section]:
    """The sections of the text in order; lines before the mission form the preamble."""
    starts = _find_starts(lines)
    sections: list[Section] = []
    bounds = [*[(i, k) for i, k, _ in starts], (len(lines), SectionKind.PREAMBLE)]
    found_by = {i: how for i, _k, how in starts}
    first = bounds[0][0] if starts else len(lines)
    sections.append(Section(SectionKind.PREAMBLE, None, lines[:first]))
    for (start, kind), (end, _next) in itertools.pairwise(bounds):
        section = Section(kind, lines[start], lines[start + 1 : end], found_by[start])
        sections.append(section)
    return [_reclassify(s) for s in sections]


def _find_starts(lines: list[SourceLine]) -> list[tuple[int, SectionKind, str]]:
    cleaned = [line.clean_text for line in lines]
    starts: list[tuple[int, SectionKind, str]] = []
    pos = 0
    for kind, pattern in _HEADINGS:
        for i in range(pos, len(lines)):
            if pattern.search(cleaned[i]):
                starts.append((i, kind, "heading"))
                pos = i + 1
                break
    # After the legal acts: the budget list, then one form after another.
    for i in range(pos, len(lines)):
        if _BUDGET_LIST.search(cleaned[i]):
            starts.append((i, SectionKind.BUDGET_LIST, "heading"))
            pos = i
            break
    for i in range(pos, len(lines)):
        if _FORM.search(cleaned[i]):
            starts.append((i, SectionKind.PROGRAM_FORM, "heading"))
    starts.sort()
    if len({kind for _i, kind, _h in starts} & set(EXPECTED)) < len(EXPECTED):
        starts = _find_unheaded(lines, cleaned, starts)
    return starts


def _find_unheaded(
    lines: list[SourceLine], cleaned: list[str], starts: list[tuple[int, SectionKind, str]]
) -> list[tuple[int, SectionKind, str]]:
    """Sections whose heading is worded as no row of HEADING_WORDINGS says, found otherwise.

    Each is looked for only between the sections found before and after it in the format's
    order: the risk and alignment tables by their columns, the legal acts by their first act, any
    numbered section by the wording its own table of contents gives for its number.
    """
    order = {kind: n for n, kind in enumerate(EXPECTED)}
    contents = _contents(cleaned, starts[0][0] if starts else len(lines))
    found = {kind: i for i, kind, _how in starts}
    for kind in EXPECTED:
        if kind in found:
            continue
        before = [i for k, i in found.items() if k in order and order[k] < order[kind]]
        after = [i for i, k, _how in starts if k not in order or order[k] > order[kind]]
        low, high = max(before, default=-1) + 1, min(after, default=len(lines))
        start, how = _by_content(kind, lines, cleaned, low, high), "columns"
        if start is not None and kind in _FIRST_ITEM:
            how = "first-item"
        entry = contents.get(_FORMAT_NUMBER.get(kind, -1))
        if start is None and entry is not None:
            start = next((i for i in range(low, high) if cleaned[i].casefold() == entry), None)
            how = "contents"
        if start is not None:
            found[kind] = start
            starts.append((start, kind, how))
            starts.sort()
    return starts


def _contents(cleaned: list[str], end: int) -> dict[int, str]:
    """The table of contents before the first section: number -> entry as printed (casefolded)."""
    begin = next((i for i in range(end) if _CONTENTS.match(cleaned[i])), None)
    if begin is None:
        return {}
    entries: dict[int, str] = {}
    for text in cleaned[begin + 1 : end]:
        if match := _CONTENTS_ENTRY.match(text):
            entries.setdefault(int(match.group(1)), text.casefold())
    return entries


def _by_content(
    kind: SectionKind, lines: list[SourceLine], cleaned: list[str], low: int, high: int
) -> int | None:
    """The section's first line, found by its table's column header or its first item.

    The section begins at the numbered line just above that row (its heading, however it is
    worded) or, when there is none, at the row itself.
    """
    columns, item = _COLUMNS.get(kind), _FIRST_ITEM.get(kind)
    for i in range(low, high):
        if columns is not None and "\t" in lines[i].text:
            cells = lines[i].tab_cells
            hit = all(any(p.search(c) for c in cells) for p in columns)
        else:
            hit = item is not None and item.match(cleaned[i]) is not None
        if hit:
            above = next((j for j in range(i - 1, low - 1, -1) if cleaned[j]), None)
            if above is None or "\t" in lines[above].text:
                return i
            return above if _HEADING_LIKE.match(cleaned[above]) else i
    return None


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
