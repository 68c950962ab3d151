"""The risk-management table (Қатер менеджменті, section 6).

Columns: number, risks (Қатерлердің атауы), possible consequences (Ықтимал салдары), management
measures (Басқару тетіктері мен шаралары). A risk spans several lines: the lines after its
numbered line have an empty first cell and add a risk, a consequence and a measure each.

The conversion printed a risk's number on the middle line of its block when the block is tall,
so a block can begin before its numbered line. The measures show where: they are numbered
"1.", "2.", ... within each risk, so a continuation line whose measures start again at "1."
opens the next risk, and the numbered line that follows belongs to that risk. In this text,
risk 4 ("демографиялық жүктеме") begins two lines above its number: its measures run 1., 2.
on those lines and 3., 4. on the numbered line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhospar.i18n import Message
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import Risk

__all__ = ["parse_risks", "split_numbered"]

_S = "risks"
_NUMBER = re.compile(r"^(\d+)\.?$")
_ITEM = re.compile(r"(?:^|(?<=\s))(\d+)\.\s")


@dataclass
class _Block:
    number: int | None
    lines: list[SourceLine] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)

    def add(self, line: SourceLine, cells: list[str]) -> None:
        _, risk, consequence, measure = [*cells, "", "", "", ""][:4]
        self.lines.append(line)
        self.risks += [risk] if risk else []
        self.consequences += [consequence] if consequence else []
        self.measures += [measure] if measure else []


def parse_risks(section: Section, report: ReadingReport) -> list[Risk]:
    """One Risk per numbered row of the table, with every line of its block."""
    if section.heading is not None:
        report.explain(section.heading, _S, Message("heading"))
    blocks: list[_Block] = []
    for line in section.lines:
        if line.is_blank:
            continue
        cells = line.cells
        number = _NUMBER.match(cells[0]) if cells else None
        current = blocks[-1] if blocks else None
        if number is not None and not _in_sequence(blocks, int(number.group(1))):
            wrong = Message("risk number {number} out of sequence", number=number.group(1))
            report.not_understood(line, _S, wrong)
            continue
        if number is not None:
            if current is None or current.number is not None:
                current = _Block(None)
                blocks.append(current)
            current.number = int(number.group(1))
        elif current is None:
            report.explain(line, _S, Message("column header"))
            continue
        elif _restarts_measures(current, cells):
            current = _Block(None)
            blocks.append(current)
        current.add(line, cells)
    return [risk for block in blocks if (risk := _finish(block, report)) is not None]


def _in_sequence(blocks: list[_Block], number: int) -> bool:
    last = max((b.number for b in blocks if b.number is not None), default=0)
    return number == last + 1


def _restarts_measures(block: _Block, cells: list[str]) -> bool:
    """A continuation line whose measures start again at "1." opens the next risk."""
    measure = cells[3] if len(cells) > 3 else ""
    return bool(block.measures) and measure.startswith("1.")


def _finish(block: _Block, report: ReadingReport) -> Risk | None:
    if block.number is None:
        for line in block.lines:
            report.not_understood(line, _S, Message("risk rows without a risk number"))
        return None
    for line in block.lines:
        report.read(line, _S)
    return Risk(
        id=f"R{block.number}",
        number=block.number,
        risks=block.risks,
        consequences=block.consequences,
        measures=split_numbered(block.measures),
        line=block.lines[0].no,
        end_line=block.lines[-1].no,
    )


def split_numbered(texts: list[str]) -> list[str]:
    """Items numbered "1. ...", "2. ..." across cells, without their numbers.

    Only the next number in sequence starts an item, so "2009 ж. 5. ..." inside an item does not
    cut it; text before the first number continues the item above (or is an item of its own).
    """
    items: list[str] = []
    expected = 1
    for text in texts:
        numbered = expected > 1  # numbering is in use: unnumbered text continues an item
        cuts: list[tuple[int, int]] = []
        for match in _ITEM.finditer(text):
            if int(match.group(1)) == expected:
                cuts.append((match.start(), match.end()))
                expected += 1
        head = text[: cuts[0][0]] if cuts else text
        if head.strip() and numbered and items:
            items[-1] = f"{items[-1]} {head.strip()}"
        elif head.strip():
            items.append(head.strip())
        ends = [start for start, _ in cuts[1:]] + [len(text)] if cuts else []
        items += [text[body:end].strip() for (_, body), end in zip(cuts, ends, strict=True)]
    return [item for item in items if item]
