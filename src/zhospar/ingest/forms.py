"""Budget program forms (Бюджеттік бағдарламаның нысаны), one section each.

A form names its administrator, the program (code and name) and a description, then one or more
blocks (program 001's form has four, titled "1." to "4."), each with the directions, goals and
tasks it serves (``_budget_links``) and its indicators of four kinds (``_budget_indicators``),
and ends with the program's expenditure per year ("Бағдарламаны іске асыруға арналған
шығыстар"). Rows are told apart by their first cell, never by their place.

Damage this reader copes with, and how:

* A value wrapped onto the next line: form 002 prints "363 594" and, below it, "434"; the line
  below holds only three-digit groups, which are the low digits of the values above
  (``_budget_cells``). Form 002's first indicator rows are wrapped the same way, and the wrapped
  lines also carry the rest of the name cell ("- базалық зейнетақы төлемін;"): the name goes on
  with it and the digits complete the values above. Those rows then repeat the quantitative
  label, and once print the quality label on a "- ..." item while the quality row below says
  "X": an item row under an indicator that announces a list is read as its breakdown whatever
  label the conversion put beside it, and the report notes the stray label.
* Program 001's form holds its first indicator table as an HTML ``<table>`` inside a cell, and
  the conversion then printed the same rows again as tab text (on the same line and the lines
  below). The HTML table is read (it keeps its header); a tab row whose name is a row of that
  table is reported as a repeat and not counted twice.
* A row before any kind label (form 005 puts "Алушылардың орташа жылдық саны:" above its
  "Сандық көрсеткіштері" row) takes the kind of the label that follows.
* "X" rows mean the form has no indicator of that kind.
"""

from __future__ import annotations

import re
from collections import Counter

from zhospar.i18n import Message
from zhospar.ingest._budget_form_table import Block, FormState, table_row
from zhospar.ingest._budget_links import link_depth
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine, clean
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import PROGRAM_KIND_LETTER, FormSection, ProgramForm, ProgramIndicatorKind

__all__ = ["parse_program_form"]

_NO_PROGRAM_ROW = Message(
    'no "{label}" row: the form names no program', label="Бюджеттік бағдарлама"
)
_S = "program-form"
_ADMIN = re.compile(r"^Бюджеттік бағдарламаның\b", re.IGNORECASE)
_PROGRAM = re.compile(r"^Бюджеттік бағдарлама$", re.IGNORECASE)
_CODE_NAME = re.compile(r"^(\d{3})\s*(.*)$", re.DOTALL)
_DESCRIPTION = re.compile(r"^Сипаттамасы", re.IGNORECASE)
_BLOCK = re.compile(r"^\d+\.\s+\S")
_RULE = re.compile(r"^-+$")


def parse_program_form(section: Section, report: ReadingReport) -> ProgramForm:
    """One form; every non-blank line is marked in the report."""
    form = FormState(section)
    lines = [line for line in section.lines if not line.is_blank]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        _row(line, following, form, report)
    return _finish(form, report)


def _row(line: SourceLine, following: SourceLine | None, form: FormState, r: ReadingReport) -> None:
    cells = line.cells
    first = cells[0] if cells else ""
    if all(_RULE.match(c) or not c for c in cells):
        r.explain(line, _S, Message("rule line"))
    elif _PROGRAM.match(first):
        _program(line, cells, form, r)
    elif _ADMIN.match(first) and len(cells) == 1 and _is_heading(first):
        r.explain(line, _S, Message("heading"))
    elif _ADMIN.match(first):
        _administrator(line, cells, form, r)
    elif _DESCRIPTION.match(first):
        form.description = " ".join(c for c in cells[1:] if c) or None
        r.read(line, _S)
    elif _is_block_title(cells, following):
        form.blocks.append(Block(first, line.no))
        form.in_links = True
        r.read(line, _S)
    elif (depth := link_depth(first)) is not None or (form.in_links and not first):
        _link(line, cells, depth, form, r)
    else:
        form.in_links = False
        table_row(line, cells, form, r)


def _is_heading(cell: str) -> bool:
    return clean(cell).lower().endswith("нысаны")


def _is_block_title(cells: list[str], following: SourceLine | None) -> bool:
    """A numbered title alone on its line, right above a "Стратегиялық бағыты" row."""
    if len([c for c in cells if c]) != 1 or not _BLOCK.match(cells[0]) or following is None:
        return False
    nxt = following.cells
    return bool(nxt) and link_depth(nxt[0]) == 1


def _program(line: SourceLine, cells: list[str], form: FormState, r: ReadingReport) -> None:
    text = " ".join(c for c in cells[1:] if c)
    match = _CODE_NAME.match(text)
    if match is None:
        r.not_understood(
            line,
            _S,
            Message(
                'expected a program code and name such as "002 «...»"; got "{text}"', text=text
            ),
        )
        return
    form.code, form.name = match.group(1), match.group(2).strip("«»\"' ")
    r.read(line, _S)


def _administrator(line: SourceLine, cells: list[str], form: FormState, r: ReadingReport) -> None:
    form.administrator = " ".join(c for c in cells[1:] if c) or None
    r.read(line, _S)
    if "әкімшісі" not in cells[0].lower():
        r.explain(
            line,
            _S,
            Message(
                'read as the administrator: "{cell}" stands where its label belongs', cell=cells[0]
            ),
        )


def _link(
    line: SourceLine, cells: list[str], depth: int | None, form: FormState, r: ReadingReport
) -> None:
    if depth is not None and not form.in_links and form.blocks and form.blocks[-1].indicators:
        form.blocks.append(Block(None, line.no))  # a second block without a title
    form.in_links = True
    block = form.block(line)
    text = " ".join(c for c in cells[1:] if c)
    taken, note = block.links.add(text, depth)
    if not taken:
        r.not_understood(line, _S, Message("text before any direction, goal or task label"))
        return
    r.read(line, _S)
    if note:
        r.explain(line, _S, note)


def _finish(form: FormState, r: ReadingReport) -> ProgramForm:
    section = form.section
    first = section.first_line
    ends = [line.no for line in section.lines if not line.is_blank]
    if not form.code:
        r.not_understood(first, _S, _NO_PROGRAM_ROW)
    elif section.heading is not None:
        r.explain(section.heading, _S, Message("heading"))
    form_id = f"P{form.code or '?'}"
    counts: Counter[ProgramIndicatorKind] = Counter()
    sections = [_section(block, form_id, counts, r) for block in form.blocks]
    return ProgramForm(
        id=form_id,
        code=form.code,
        administrator=form.administrator,
        name=form.name,
        description=form.description,
        sections=sections,
        expenditure=form.expenditure,
        line=first,
        end_line=ends[-1] if ends else first,
    )


def _section(
    block: Block, form_id: str, counts: Counter[ProgramIndicatorKind], r: ReadingReport
) -> FormSection:
    indicators = []
    for indicator in block.indicators:
        if indicator.kind is None:
            r.not_understood(
                indicator.line, _S, Message("an indicator with no kind label before or after it")
            )
            continue
        counts[indicator.kind] += 1
        indicator.id = f"{form_id}-{PROGRAM_KIND_LETTER[indicator.kind]}{counts[indicator.kind]}"
        for n, item in enumerate(indicator.breakdowns, start=1):
            item.id, item.kind = f"{indicator.id}-b{n}", indicator.kind
        indicators.append(indicator)
    links = block.links
    return FormSection(
        title=block.title,
        directions=links.directions,
        goals=links.codes[2],
        tasks=links.codes[3],
        directions_text=links.text(1),
        goals_text=links.text(2),
        tasks_text=links.text(3),
        indicators=indicators,
        line=block.line,
    )
