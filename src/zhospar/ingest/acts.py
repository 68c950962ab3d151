"""The list of legal acts the plan rests on (section 7).

Each entry starts "N. «...»" and its title may continue over several lines, sometimes with blank
lines between, sometimes letter-spaced ("З а ң ы"). Only the next number in sequence starts an
entry; a continuation line that happens to begin with a number ("23 қаңтардағы Заңын ...")
stays inside its entry, and an entry numbered out of sequence is reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhospar.i18n import Message
from zhospar.ingest._sections import Section, trailing_appendix_heading
from zhospar.ingest._text import SourceLine, clean
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import LegalAct

__all__ = ["parse_legal_acts"]

_S = "legal-acts"
_ENTRY = re.compile(r"^(\d+)\.\s+(.*)$")


@dataclass
class _Entry:
    number: int
    parts: list[str]
    lines: list[SourceLine] = field(default_factory=list)


def parse_legal_acts(section: Section, report: ReadingReport) -> list[LegalAct]:
    """One LegalAct per numbered entry, its title joined from all its lines."""
    if section.heading is not None:
        report.explain(section.heading, _S, Message("heading"))
    closing = trailing_appendix_heading(section)
    entries: list[_Entry] = []
    for line in section.lines:
        text = line.clean_text
        if not text or line is closing:
            continue  # a closing "N-қосымша" heads the next part; its reader marks it
        match = _ENTRY.match(text)
        expected = entries[-1].number + 1 if entries else 1
        if match and int(match.group(1)) == expected:
            entries.append(_Entry(expected, [match.group(2)], [line]))
        elif match:
            found = match.group(1)
            wrong = Message(
                "act number {found} out of sequence, {expected} next",
                found=found,
                expected=expected,
            )
            report.not_understood(line, _S, wrong)
        elif entries:
            entries[-1].parts.append(text)
            entries[-1].lines.append(line)
        else:
            report.not_understood(line, _S, Message('expected the first act, "1. «...»"'))
    for entry in entries:
        for line in entry.lines:
            report.read(line, _S)
    return [_model(entry) for entry in entries]


def _model(entry: _Entry) -> LegalAct:
    return LegalAct(
        id=f"L{entry.number}",
        number=entry.number,
        title=clean(" ".join(entry.parts)),
        line=entry.lines[0].no,
        end_line=entry.lines[-1].no,
    )
