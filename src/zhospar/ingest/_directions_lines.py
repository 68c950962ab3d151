"""What happened to each line of the directions sections, gathered before it is reported.

A line may be seen more than once (a row is read, then found to belong to the task whose row
follows it), so notes are collected first and the strongest kept: not understood over explained
over read. Explanations of one line are joined, so every decision taken on it is shown.
"""

from __future__ import annotations

from zhospar.i18n import Message
from zhospar.ingest.report import LineStatus, ReadingReport, Reason, joined

_UNKNOWN = Message("not recognised")
_RANK = {LineStatus.READ: 0, LineStatus.EXPLAINED: 1, LineStatus.NOT_UNDERSTOOD: 2}


class LineNotes:
    def __init__(self) -> None:
        self._notes: dict[int, tuple[LineStatus, list[Reason]]] = {}

    def read(self, no: int) -> None:
        self._note(no, LineStatus.READ, "")

    def explain(self, no: int, reason: Reason) -> None:
        self._note(no, LineStatus.EXPLAINED, reason)

    def problem(self, no: int, reason: Reason) -> None:
        self._note(no, LineStatus.NOT_UNDERSTOOD, reason)

    def _note(self, no: int, status: LineStatus, reason: Reason) -> None:
        old = self._notes.get(no)
        if old is None or _RANK[status] > _RANK[old[0]]:
            self._notes[no] = (status, [reason] if reason else [])
        elif status is old[0] and reason and reason not in old[1]:
            old[1].append(reason)

    def write(self, report: ReadingReport, section: str, lines: list[int]) -> None:
        """Hand every line's note to the report; a line no rule noted is not understood."""
        for no in lines:
            status, reasons = self._notes.get(no, (LineStatus.NOT_UNDERSTOOD, [_UNKNOWN]))
            reason = joined(reasons) if reasons else ""
            if status is LineStatus.READ:
                report.read(no, section)
            elif status is LineStatus.EXPLAINED:
                report.explain(no, section, reason)
            else:
                report.not_understood(no, section, reason)
