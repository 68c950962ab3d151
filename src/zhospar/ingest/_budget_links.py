"""What a program form serves: its strategic directions, goals and tasks.

The rows are labelled "Стратегиялық бағыты" (directions), "Мақсаты" (goals) and "Міндеттері"
(tasks); unlabelled rows below a label go on with it. Items carry their code: "1." is a
direction, "1.1." a goal, "1.1.2." a task. The conversion moved text between these rows (the
goals of program 001 stand under its direction label; a task list of the same form starts on the
row above its label), so an unlabelled row that starts with a code goes where that code's depth
says. A labelled row keeps its label; when its only codes are one level too deep ("Мақсаты
4.1.1. Зейнетақы төлемдері ...", the name of goal 4.1), they are read at the label's level.
Texts are kept whole, codes or not (some forms name their directions without numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhospar.i18n import Message

__all__ = ["LINK_LABELS", "Links", "link_depth"]

LINK_LABELS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^Стратегиялық\s+бағыт", re.IGNORECASE), 1),
    (re.compile(r"^Мақсат", re.IGNORECASE), 2),
    (re.compile(r"^Міндет", re.IGNORECASE), 3),
]
# "1.1.2." / "1.1" (goal and task codes) or "1." (a direction needs its dot).
_CODE = re.compile(
    r"(?<![\d.,])(\d{1,2}(?:\.\d{1,2}){1,2})\.?(?![\d,]|\.\d)|(?<![\d.,])(\d{1,2})\.(?=\s|$)"
)


def link_depth(label: str) -> int | None:
    """1, 2 or 3 for a direction, goal or task label; None for any other cell."""
    return next((depth for pattern, depth in LINK_LABELS if pattern.match(label)), None)


def _codes(text: str) -> list[tuple[str, int]]:
    found = ((m.group(1) or m.group(2), m.start()) for m in _CODE.finditer(text))
    return [(code, code.count(".") + 1) for code, _ in found]


@dataclass
class Links:
    codes: dict[int, list[str]] = field(default_factory=lambda: {1: [], 2: [], 3: []})
    texts: dict[int, list[str]] = field(default_factory=lambda: {1: [], 2: [], 3: []})
    depth: int | None = None  # where the last row went

    def add(self, text: str, label_depth: int | None) -> tuple[bool, Message | None]:
        """Take one row: (taken, a note for the reading report when a code was re-read)."""
        codes = _codes(text)
        depth = label_depth
        if depth is None:
            starts = _CODE.match(text)
            depth = codes[0][1] if starts and codes else self.depth
        if depth is None:
            return False, None
        self.depth = depth
        self.texts[depth].append(text)
        note = None
        if label_depth is not None and codes and all(d > depth for _, d in codes):
            cut = [".".join(code.split(".")[:depth]) for code, _ in codes]
            note = Message(
                "codes {codes} under a depth-{depth} label read as {cut}",
                codes=str([c for c, _ in codes]),
                depth=depth,
                cut=str(cut),
            )
            codes = [(c, depth) for c in cut]
        for code, code_depth in codes:
            if code not in self.codes[code_depth]:
                self.codes[code_depth].append(code)
        return True, note

    def text(self, depth: int) -> str | None:
        return " ".join(self.texts[depth]) or None

    @property
    def directions(self) -> list[int]:
        return [int(code) for code in self.codes[1]]
