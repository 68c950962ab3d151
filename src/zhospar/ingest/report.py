"""The reading report: what happened to every line of the text.

Nothing is dropped silently. Each section reader marks every line it looks at as *read* (its
content went into the model), *explained* (a heading, a column header, a separator: nothing to
extract, with the reason) or *not understood* (with the reason). Lines no reader claimed are
reported as not understood at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from zhospar.i18n import Message
from zhospar.ingest._text import SourceLine

# Why a line was explained or not understood: a ``Message``, shown in the language that asks
# (``str()``; written in English where it is kept: ``Message.render("en")``). A plain string is
# shown as it is.
Reason = Message | str


class LineStatus(StrEnum):
    READ = "read"
    EXPLAINED = "explained"
    NOT_UNDERSTOOD = "not-understood"


@dataclass(frozen=True)
class LineNote:
    """A line's fate. ``reason`` is in English, as it is kept, exported and compared;
    ``message`` is the same reason to be shown in the language that asks (``shown``)."""

    line: int
    status: LineStatus
    section: str
    reason: str = ""
    message: Reason = field(default="", compare=False, repr=False)

    @classmethod
    def of(cls, line: int, status: LineStatus, section: str, reason: Reason = "") -> LineNote:
        english = reason.render("en") if isinstance(reason, Message) else reason
        return cls(line, status, section, english, reason)

    @property
    def shown(self) -> str:
        """The reason in the language of the moment (the page's, the CLI's)."""
        return str(self.message) if self.message else self.reason


@dataclass
class ReadingReport:
    """Collects a note for each line; the first note for a line wins, later ones are kept too."""

    file: str = "<text>"
    notes: dict[int, LineNote] = field(default_factory=dict)
    extra: list[LineNote] = field(default_factory=list)

    def _add(self, note: LineNote) -> None:
        if note.line in self.notes:
            old = self.notes[note.line]
            # A line first found not understood and later read by another pass is read.
            if old.status is LineStatus.NOT_UNDERSTOOD and note.status is not old.status:
                self.notes[note.line] = note
                return
            self.extra.append(note)
            return
        self.notes[note.line] = note

    def read(self, line: SourceLine | int, section: str) -> None:
        self._add(LineNote.of(_no(line), LineStatus.READ, section))

    def explain(self, line: SourceLine | int, section: str, reason: Reason) -> None:
        self._add(LineNote.of(_no(line), LineStatus.EXPLAINED, section, reason))

    def not_understood(self, line: SourceLine | int, section: str, reason: Reason) -> None:
        self._add(LineNote.of(_no(line), LineStatus.NOT_UNDERSTOOD, section, reason))

    def notes_for(self, line: int) -> list[LineNote]:
        """Every note about a line: the first (its status) and the explanations after it."""
        first = [self.notes[line]] if line in self.notes else []
        return first + [n for n in self.extra if n.line == line]

    @property
    def remarks(self) -> list[LineNote]:
        """Explanations attached to lines that were read: partial rows, garbled cells..."""
        return sorted(
            (n for n in self.extra if n.status is LineStatus.EXPLAINED), key=lambda n: n.line
        )

    def status_of(self, line: int) -> LineStatus | None:
        note = self.notes.get(line)
        return note.status if note else None

    @property
    def problems(self) -> list[LineNote]:
        return sorted(
            (n for n in self.notes.values() if n.status is LineStatus.NOT_UNDERSTOOD),
            key=lambda n: n.line,
        )

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> Counter[LineStatus]:
        return Counter(n.status for n in self.notes.values())


_SEPARATOR = "; "  # between the reasons for one line, in every language


def joined(reasons: list[Reason]) -> Reason:
    """Several reasons for one line, each shown in the language that asks, joined by "; "."""
    if len(reasons) == 1:
        return reasons[0]
    fields = {f"r{n}": reason for n, reason in enumerate(reasons)}
    # The template is no message of its own (only fields): it is the same in every language.
    return Message(_SEPARATOR.join(f"{{{name}}}" for name in fields), **fields)


def _no(line: SourceLine | int) -> int:
    return line if isinstance(line, int) else line.no
