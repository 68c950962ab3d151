"""The plan's front matter: title, approving and amending acts, mission, vision, prose sections.

The preamble holds the Government resolution that approved the plan (its title, its text naming
the act, its clauses and signature), the approval stamp printed letter-spaced
("Қ а з а қ с т а н ... № 2 3 4 2 қ а у л ы с ы м е н бекітілген"), the plan's own title and
the table of contents (Мазмұны). Amendments are noted anywhere in the text, in notes such as
"Ескерту. ... ҚР Үкіметінің 2010.05.14 № 415 ... Қаулыларымен." and in deleted rows
("Алынып тасталды - ... № 415 ..."); the whole text is scanned for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from zhospar._exceptions import PlanReadError
from zhospar.i18n import Message
from zhospar.ingest._sections import Section, SectionKind
from zhospar.ingest._text import SourceLine, clean
from zhospar.ingest.report import LineStatus, ReadingReport
from zhospar.model.plan import ActRef, Passage, Plan, ProseSection

__all__ = ["find_amendments", "parse_act_refs", "parse_front"]

_S = "front"

# Kazakh month names as they begin in "31 желтоқсандағы", "14 сәуірдегі", "2 қарашадағы".
_MONTHS = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}
_KINDS = {"қаулы": "resolution", "жарлы": "decree", "заң": "law", "бұйры": "order"}
_NO = r"(?:№|N)\s*(\d+)"
# "2009 жылғы 31 желтоқсандағы № 2342 Қаулысы"
_LONG_REF = re.compile(
    rf"(\d{{4}})\s*жылғы\s+(\d{{1,2}})\s+(\w+)\s*{_NO}\s*(қаулы|жарлы|заң|бұйры)?", re.I
)
# "2010.05.14 № 415" and "14.05.2010 № 415"
_DOTTED_REF = re.compile(
    rf"(?:(\d{{4}})\.(\d{{2}})\.(\d{{2}})|(\d{{2}})\.(\d{{2}})\.(\d{{4}}))\s*{_NO}"
)
# Where the text records an amendment: a note, a deleted row, "өзгерту енгізілді".
_AMENDMENT = re.compile(
    r"^Ескерту|Алынып тасталды|(?:өзгерту|өзгеріс|өзгерістер)\s+енгізілді", re.I
)
_NOTE = re.compile(r"^Ескерту\b", re.I)
_AMENDMENT_HINT = re.compile(r"Ескерту|Алынып|енгізілді", re.I)
# A piece of each word of _AMENDMENT_HINT, in lower case and without the letters (с, т, д) that
# a case-blind pattern also matches in other forms: a line whose lower case holds none of them
# cannot match the hint. Looking for them is cheaper than the case-blind search over every line.
_AMENDMENT_HINT_PIECES = ("кер", "алынып", "енгізіл")
_PLAN_TITLE = re.compile(r"стратегиялық жоспары\.?$", re.I)
_RESOLUTION_TITLE = re.compile(r"^(.*стратегиялық жоспар)ын бекіту туралы\.?$", re.I)
_PERIOD = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})\s*жылдарға")
_MINISTRY = re.compile(r"^(.*?(?:министрлігі|агенттігі|комитеті))(?:нің|ның)\s", re.I)
_CLAUSE = re.compile(r"^\d+\.\s")
_CONTENTS = re.compile(r"^Мазмұны$", re.I)
_SPACED_LINE = re.compile(r"^\*?(?:\S ){1,}\S\*?$")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_APPENDIX = re.compile(r"^\d+-қосымша$", re.I)


def parse_front(sections: list[Section], report: ReadingReport) -> Plan:
    """A Plan holding the front matter and prose sections; the tables are filled in later."""
    first = _first_of_each_kind(sections)
    all_lines = [line for s in sections for line in _with_heading(s)]
    title, title_line = _read_preamble(first.get(SectionKind.PREAMBLE), report)
    if title is None:
        title, title_line = _title_anywhere(all_lines)
    period = _PERIOD.search(title or "")
    if title is None or period is None:
        raise PlanReadError(
            'no plan title with its period (such as "... 2010 - 2014 жылдарға арналған '
            'стратегиялық жоспары") was found',
            file=report.file,
        )
    start, end = int(period.group(1)), int(period.group(2))
    if title_line is not None:
        report.read(title_line, _S)
    ministry = _MINISTRY.search(title)
    amended_by = find_amendments(all_lines, report)  # before the prose, which skips the notes
    prose = {k: _prose(first.get(k), report) for k in _PROSE_KINDS}
    return Plan(
        title=title,
        ministry=ministry.group(1) if ministry else None,
        approved_by=_approving_act(first.get(SectionKind.PREAMBLE)),
        amended_by=amended_by,
        period_start=start,
        period_end=end,
        reported_years=_reported_years(all_lines, start),
        mission=_joined(prose[SectionKind.MISSION]),
        vision=_joined(prose[SectionKind.VISION]),
        analysis=_joined(prose[SectionKind.ANALYSIS]),
        functional_capabilities=_joined(prose[SectionKind.FUNCTIONAL]),
        organisational_structure=_org_structure(first.get(SectionKind.ORG_STRUCTURE), report),
        prose=[p for p in prose.values() if p is not None],
    )


def _first_of_each_kind(sections: list[Section]) -> dict[SectionKind, Section]:
    first: dict[SectionKind, Section] = {}
    for section in sections:
        first.setdefault(section.kind, section)
    return first


def _with_heading(section: Section) -> list[SourceLine]:
    return [section.heading, *section.lines] if section.heading else list(section.lines)


# --- the preamble ---------------------------------------------------------------------------


def _read_preamble(
    section: Section | None, report: ReadingReport
) -> tuple[str | None, SourceLine | None]:
    """The plan's title (from the approval stamp, else from the resolution's title).

    Every line of the preamble is marked: the title line by the caller, the others here.
    """
    if section is None:
        return None, None
    lines = [line for line in section.lines if not line.is_blank]
    title_line = next((ln for ln in lines if _PLAN_TITLE.search(ln.clean_text)), None)
    seen_title = in_contents = False
    for line in lines:
        text = line.clean_text
        if line is title_line:
            seen_title = True
            continue
        in_contents = in_contents or bool(_CONTENTS.match(text))
        if in_contents:
            heading = _CONTENTS.match(text)
            report.explain(
                line, _S, Message("heading") if heading else Message("table of contents")
            )
        elif not _is_amendment_note(text):  # notes are read by find_amendments
            _explain_resolution_line(line, text, seen_title, report)
    if title_line is not None:
        return title_line.clean_text, title_line
    for line in lines:
        if match := _RESOLUTION_TITLE.match(line.clean_text):
            return match.group(1) + "ы", line
    return None, None


def _explain_resolution_line(
    line: SourceLine, text: str, after_title: bool, report: ReadingReport
) -> None:
    """Mark a line of the approving resolution or of its stamp."""
    if _LONG_REF.search(text):
        report.read(line, _S)  # the resolution naming the approving act
    elif _RESOLUTION_TITLE.match(text):
        report.explain(line, _S, Message("title of the approving resolution"))
    elif _CLAUSE.match(text):
        report.explain(line, _S, Message("clause of the approving resolution"))
    elif _SPACED_LINE.match(line.text.strip()) or text.lower() == "бекітілген":
        report.explain(line, _S, Message("approval stamp (letter-spaced)"))
    elif not after_title and len(text) <= 60 and "\t" not in line.text:
        report.explain(line, _S, Message("signature of the approving resolution"))
    else:
        report.not_understood(
            line, _S, Message("not part of the resolution, its stamp or the contents")
        )


def _title_anywhere(lines: list[SourceLine]) -> tuple[str | None, SourceLine | None]:
    """A title line wherever it stands, for a text whose preamble is out of place."""
    for line in lines:
        text = line.clean_text
        if _PLAN_TITLE.search(text) and _PERIOD.search(text):
            return text, line
    return None, None


def _approving_act(section: Section | None) -> ActRef | None:
    """The act named in the resolution; the letter-spaced stamp when the resolution lacks it."""
    if section is None:
        return None
    for line in section.lines:
        refs = parse_act_refs(line.clean_text, line.no)
        if refs:
            return refs[0]
    stamp = [ln for ln in section.lines if _SPACED_LINE.match(ln.text.strip())]
    if not stamp:
        return None
    text = " ".join(ln.text.strip().strip("*").replace(" ", "") for ln in stamp)
    refs = parse_act_refs(text, stamp[0].no)
    return refs[0] if refs else None


# --- acts named in the text -------------------------------------------------------------------


def parse_act_refs(text: str, line: int | None = None) -> list[ActRef]:
    """The acts named in a piece of text, in both of the plan's date styles.

    "2009 жылғы 31 желтоқсандағы № 2342 Қаулысы" and "2010.05.14 № 415, 2010.12.27 N 1417
    Қаулыларымен" both name acts; a date that is not a real date leaves ``date`` empty.
    """
    kind = _kind_of(text)
    refs = [
        ActRef(number=m.group(4), date=_long_date(m), kind=_kind_of(m.group(5) or text), line=line)
        for m in _LONG_REF.finditer(text)
        if _month(m.group(3)) is not None
    ]
    for m in _DOTTED_REF.finditer(text):
        year, month, day = (m.group(1), m.group(2), m.group(3))
        if year is None:
            year, month, day = m.group(6), m.group(5), m.group(4)
        refs.append(ActRef(number=m.group(7), date=_date(year, month, day), kind=kind, line=line))
    return refs


def _kind_of(text: str) -> str:
    lowered = text.lower()
    found = [(lowered.find(stem), kind) for stem, kind in _KINDS.items() if stem in lowered]
    return min(found)[1] if found else "resolution"


def _month(word: str) -> int | None:
    lowered = word.lower()
    return next((n for stem, n in _MONTHS.items() if lowered.startswith(stem)), None)


def _long_date(match: re.Match[str]) -> dt.date | None:
    month = _month(match.group(3))
    return _date(match.group(1), str(month), match.group(2)) if month else None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_amendments(lines: Iterable[SourceLine], report: ReadingReport) -> list[ActRef]:
    """Every act named in an amendment note or a deleted row, once each, in date order.

    A note ("Ескерту. ...") is marked read here; a deleted row of a table belongs to that
    table's reader, which marks it.
    """
    found: dict[tuple[str, dt.date | None], ActRef] = {}
    for line in lines:
        if not _may_note_amendment(line.text):
            continue  # a cheap look first: most lines of the plan name no act
        text = line.clean_text
        if not _AMENDMENT.search(text):
            continue
        for ref in parse_act_refs(text, line.no):
            found.setdefault((ref.number, ref.date), ref)
        if _is_amendment_note(text):
            report.read(line, _S)
    return sorted(found.values(), key=lambda r: (r.date or dt.date.max, r.number.zfill(12)))


def _may_note_amendment(text: str) -> bool:
    lowered = text.lower()
    if not any(piece in lowered for piece in _AMENDMENT_HINT_PIECES):
        return False
    return _AMENDMENT_HINT.search(text) is not None


def _is_amendment_note(text: str) -> bool:
    return bool(_NOTE.match(text)) and bool(parse_act_refs(text))


def _reported_years(lines: list[SourceLine], start: int) -> list[int]:
    """The years of the first "Есепті кезең" (reported period) header before the plan's start."""
    for i, line in enumerate(lines):
        if "Есепті кезең" not in line.text:
            continue
        following = [ln for ln in lines[i : i + 3] if not ln.is_blank]
        years = sorted({int(y) for ln in following for y in _YEAR.findall(ln.text)})
        reported = [y for y in years if y < start]
        if reported:
            return reported
        break
    return [start - 2, start - 1]


# --- prose sections ---------------------------------------------------------------------------


_PROSE_KINDS = (
    SectionKind.MISSION,
    SectionKind.VISION,
    SectionKind.ANALYSIS,
    SectionKind.FUNCTIONAL,
)


def _prose(section: Section | None, report: ReadingReport) -> ProseSection | None:
    """The section's paragraphs (a paragraph's lines joined by newlines), each with its lines."""
    if section is None:
        return None
    if section.heading is not None:
        report.explain(section.heading, _S, Message("heading"))
    paragraphs: list[list[SourceLine]] = [[]]
    for line in section.lines:
        if not line.clean_text:
            paragraphs.append([])
            continue
        if report.status_of(line.no) is not None:
            continue  # an amendment note, already read
        report.read(line, _S)
        paragraphs[-1].append(line)
    passages = [
        Passage(text="\n".join(ln.clean_text for ln in p), line=p[0].no, end_line=p[-1].no)
        for p in paragraphs
        if p
    ]
    heading = section.heading
    return ProseSection(
        kind=section.kind.value,
        heading=heading.clean_text if heading else None,
        line=heading.no if heading else None,
        paragraphs=passages,
    )


def _joined(section: ProseSection | None) -> str | None:
    """The section's text: its paragraphs separated by a blank line."""
    if section is None:
        return None
    return "\n\n".join(p.text for p in section.paragraphs) or None


def _org_structure(section: Section | None, report: ReadingReport) -> str | None:
    """The readable text of the organisational charts (appendices 1 and 2).

    Each appendix gives a block: its heading, its title and the names printed as plain lines
    (a name broken over adjacent lines is joined). Lines cut into tab-separated cells
    ("департа-", "-----") are chart debris with nothing to read.
    """
    if section is None:
        return None
    blocks: list[list[str]] = []
    joining = False  # the previous line was read and the next continues it
    for line in _with_heading(section):
        text = clean(line.text.replace("|", " "))
        if _APPENDIX.match(text):
            report.explain(line, _S, Message("heading"))
            blocks.append([text])
        elif "\t" in line.text or "---" in text:
            report.explain(line, _S, Message("organisational chart fragment"))
        elif text:
            report.read(line, _S)
            if not blocks:
                blocks.append([])
            if joining:
                blocks[-1][-1] += f" {text}"
            else:
                blocks[-1].append(text)
        joining = bool(text) and report.status_of(line.no) is LineStatus.READ
    return "\n\n".join("\n".join(b) for b in blocks if b) or None
