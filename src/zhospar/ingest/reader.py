"""Reading a published plan text into a ``Plan`` and a ``ReadingReport``.

This is the one entry point of ``ingest``: it checks the file, cuts the text into sections and
hands each to its own reader module, then ties the parts together (goals named only in the
alignment section, the budget list's columns, the gaps). Each section reader marks the lines it
consumed in the report; whatever no reader claimed is reported at the end.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from zhospar._exceptions import PlanReadError
from zhospar.i18n import Message
from zhospar.ingest import acts, alignment, appendix, budget, directions, forms, front, risks, words
from zhospar.ingest._sections import (
    EXPECTED,
    HEADING_WORDINGS,
    Section,
    SectionKind,
    split_sections,
)
from zhospar.ingest._text import SourceLine, to_lines
from zhospar.ingest._years import year_row
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Gap, GapKind, Indicator, Phase, Plan, SourceDocument

BUNDLED_PLAN = "mlsp-strategic-plan-2010-2014.kk.txt"
# Sections every plan in this format has; a text without them is not a plan, or is cut short.
_REQUIRED = (SectionKind.MISSION, SectionKind.DIRECTIONS, SectionKind.BUDGET_LIST)


@dataclass
class ReadResult:
    plan: Plan
    report: ReadingReport

    @property
    def missing_sections(self) -> list[Gap]:
        """The sections the format prescribes that were not found (the reader's gaps)."""
        return [g for g in self.plan.gaps if g.kind is GapKind.SECTION_NOT_FOUND]

    @property
    def incomplete(self) -> str | None:
        """Why the reading cannot be trusted (lines not understood, sections not found), or None.

        Gaps of the document itself (direction 3's missing table) are not among them: the text
        was read whole, it just lacks that part. Commands refuse an incomplete reading unless
        told to go on (``--allow-gaps``); anything else that stores or exports a plan read from
        a text should do the same.
        """
        problems = len(self.report.problems)
        missing = [g.where for g in self.missing_sections]
        parts = [f"{problems} line(s) not understood"] if problems else []
        if missing:
            parts.append(f"{len(missing)} section(s) not found ({', '.join(missing)})")
        return "; ".join(parts) if parts else None


def bundled_plan_path() -> Path:
    """The plan text shipped inside the package."""
    return Path(str(resources.files("zhospar.data").joinpath(BUNDLED_PLAN)))


def read_plan(path: str | Path | None = None) -> ReadResult:
    """Read a plan text file (the bundled plan when no path is given).

    Every way a file can fail to be a plan ends in one PlanReadError naming the file.
    """
    file = Path(path) if path is not None else bundled_plan_path()
    name = str(path) if path is not None else BUNDLED_PLAN
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise PlanReadError("no such file", file=name) from None
    except IsADirectoryError:
        raise PlanReadError("is a folder, not a plan text file", file=name) from None
    except OSError as exc:
        raise PlanReadError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    return read_plan_bytes(data, name)


def read_plan_bytes(data: bytes, name: str) -> ReadResult:
    """Read a plan from the bytes of a UTF-8 text file (a UTF-8 byte-order mark is allowed).

    A failure inside a section reader is a bug, but the user still gets one line naming the
    file rather than a traceback; the original exception stays chained for debugging.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise PlanReadError(
            "the file is empty" if not data else "holds only blank space", file=name
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise PlanReadError("is UTF-16 text; the plan must be saved as UTF-8", file=name)
    if b"\x00" in data:
        raise PlanReadError("is a binary file, not a plan text", file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanReadError(
            "is not UTF-8 text (the plan must be saved as UTF-8)", file=name, line=line
        ) from None
    try:
        return read_plan_text(text, name, sha256=hashlib.sha256(data).hexdigest())
    except PlanReadError as exc:
        if exc.file:
            raise
        raise PlanReadError(exc.reason, file=name, line=exc.line) from exc
    except Exception as exc:  # the one boundary where an unexpected failure becomes a message
        detail = (str(exc).splitlines() or [""])[0]
        raise PlanReadError(
            f"the reader failed unexpectedly ({type(exc).__name__}: {detail}); please report it",
            file=name,
        ) from exc


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: NULs on every other byte, decoding to readable text."""
    head = data[: 4000 - 4000 % 2] if len(data) >= 4000 else data[: len(data) - len(data) % 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) <= len(head) // 50 or min(even, odd) * 10 >= max(even, odd):
        return False
    text = head.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
    readable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return readable >= 0.95 * len(text)


def read_plan_text(text: str, name: str = "<text>", *, sha256: str | None = None) -> ReadResult:
    """Read a plan from its text; raises PlanReadError when it is not a whole plan."""
    lines = to_lines(text)
    sections = split_sections(lines)
    _check_complete(sections, name, len(lines))
    report = ReadingReport(file=name)
    plan = _assemble(sections, report)
    _check_period(plan, sections, report.file)
    plan.gaps[:0] = _missing_sections(sections, report)
    plan.source = SourceDocument(
        name=Path(name).name,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        lines=len(lines),
    )
    _claim_leftovers(lines, report)
    return ReadResult(plan, report)


def _check_complete(sections: list[Section], name: str, n_lines: int) -> None:
    """Refuse a text that is not a plan, or a plan cut short (its last parts missing)."""
    kinds = {s.kind for s in sections}
    if SectionKind.MISSION not in kinds and SectionKind.DIRECTIONS not in kinds:
        raise PlanReadError(
            "is not a strategic plan: none of its sections (Миссиясы, стратегиялық бағыттары, "
            "бюджеттік бағдарламалар) was found",
            file=name,
        )
    # The format ends with the budget list, the program forms and the allocation appendix.
    required = [*_REQUIRED, SectionKind.PROGRAM_FORM, SectionKind.ALLOCATION]
    missing = [k.value for k in required if k not in kinds]
    if missing:
        raise PlanReadError(
            f"is not a whole plan: no {', '.join(missing)} section in its {n_lines} lines "
            "(cut short, or its parts out of order?)",
            file=name,
        )


# How a section was found when its heading is worded otherwise (a value of the note below).
_BY_COLUMNS = Message("its table's columns")
_BY_FIRST_ITEM = Message("its first item")
_BY_CONTENTS = Message("the contents")


def _missing_sections(sections: list[Section], report: ReadingReport) -> list[Gap]:
    """A gap for each section the format prescribes that was not found (the reader's gap, not
    the document's: its text may have been read as part of the section before it); a note for
    each section found by what it holds rather than by its heading."""
    found = {s.kind for s in sections}
    for section in sections:
        if section.found_by != "heading" and section.heading is not None:
            how = {"columns": _BY_COLUMNS, "first-item": _BY_FIRST_ITEM}.get(
                section.found_by, _BY_CONTENTS
            )
            report.explain(
                section.heading,
                section.kind.value,
                Message(
                    "{kind} section found by {how}: its heading is worded otherwise",
                    kind=words.section_message(section.kind.value),
                    how=how,
                ),
            )
    examples = {h.kind: h.example for h in HEADING_WORDINGS}
    return [
        Gap(
            where=words.GAP_SECTION.format(kind=kind.value),
            what=words.GAP_NOT_FOUND.format(example=examples[kind]),
            kind=GapKind.SECTION_NOT_FOUND,
        )
        for kind in EXPECTED
        if kind not in found
    ]


def _check_period(plan: Plan, sections: list[Section], name: str) -> None:
    """The title's period must agree with the tables' year headers.

    The directions tables plan exactly the title's years; a program form plans some of them
    (three budget years) and reports years before them. A title that disagrees with the headers
    would date every reported value and expenditure wrongly: the reader refuses it, naming both.
    """
    title = range(plan.period_start, plan.period_end + 1)
    said = f"the title's period {plan.period_start}-{plan.period_end} disagrees with the"
    planned = {
        value.year
        for indicator in _direction_indicators(plan)
        for value in indicator.values
        if value.phase is Phase.PLANNED
    }
    if planned and planned != set(title):
        header = next(
            (
                line.no
                for s in sections
                if s.kind is SectionKind.DIRECTIONS
                for line in s.lines
                if "\t" in line.text and year_row(line.tab_cells) is not None
            ),
            None,
        )
        where = f" (line {header})" if header is not None else ""
        raise PlanReadError(
            f"{said} tables' year headers{where}, which plan {min(planned)}-{max(planned)}",
            file=name,
        )
    for form in plan.program_forms:
        for section in form.sections:
            for indicator in (i for top in section.indicators for i in (top, *top.breakdowns)):
                values = indicator.values
                if all((v.year in title) is (v.phase is Phase.PLANNED) for v in values):
                    continue
                years = sorted({v.year for v in values if v.phase is Phase.PLANNED})
                shown = f"{years[0]}-{years[-1]}" if years else "none of its years"
                raise PlanReadError(
                    f"{said} year headers of program {form.code}'s form (values on line "
                    f"{values[0].line}), which plan {shown}",
                    file=name,
                )


def _direction_indicators(plan: Plan) -> Iterator[Indicator]:
    """The target and task indicators of the directions tables, breakdown rows included."""
    for direction in plan.directions:
        for goal in direction.goals:
            for indicator in goal.target_indicators:
                yield indicator
                yield from indicator.breakdowns
            for task in goal.tasks:
                for indicator in task.indicators:
                    yield indicator
                    yield from indicator.breakdowns


def _assemble(sections: list[Section], report: ReadingReport) -> Plan:
    by_kind: dict[SectionKind, list[Section]] = {}
    for section in sections:
        by_kind.setdefault(section.kind, []).append(section)

    def one(kind: SectionKind) -> Section | None:
        found = by_kind.get(kind)
        return found[0] if found else None

    plan = front.parse_front(sections, report)
    directions_section = one(SectionKind.DIRECTIONS)
    if directions_section is not None:
        plan.directions, gaps = directions.parse_directions(
            directions_section, report, listing=one(SectionKind.DIRECTIONS_LIST)
        )
        plan.gaps.extend(gaps)
    if (part := one(SectionKind.ALIGNMENT)) is not None:
        plan.alignment = alignment.parse_alignment(part, report)
        alignment.add_alignment_only_goals(plan)
    if (part := one(SectionKind.RISKS)) is not None:
        plan.risks = risks.parse_risks(part, report)
    if (part := one(SectionKind.LEGAL_ACTS)) is not None:
        plan.legal_acts = acts.parse_legal_acts(part, report)
    plan.program_forms = [
        forms.parse_program_form(s, report) for s in by_kind.get(SectionKind.PROGRAM_FORM, [])
    ]
    if (part := one(SectionKind.BUDGET_LIST)) is not None:
        plan.budget_programs, plan.totals = budget.parse_budget_list(part, report)
        budget.infer_list_columns(plan)
    if (part := one(SectionKind.ALLOCATION)) is not None:
        plan.allocations = appendix.parse_allocations(part, report)
        appendix.infer_allocation_columns(plan)
    return plan


def _claim_leftovers(lines: list[SourceLine], report: ReadingReport) -> None:
    for line in lines:
        if line.is_blank or report.status_of(line.no) is not None:
            continue
        report.not_understood(line, "?", Message("no section reader took this line"))
