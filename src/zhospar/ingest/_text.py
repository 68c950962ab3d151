"""Cleaning the cells of the converted text.

The conversion left HTML fragments in cells (``<p>``, ``<u>``, whole ``<table>`` elements),
letter-spaced words (``З а ң ы``, ``С а п а``) and runs of tabs. These helpers turn a cell into
plain text without losing words.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

_TAG = re.compile(r"<[^>]{0,2000}>")
_WS = re.compile(r"\s+")
# Three or more single letters separated by single spaces: "З а ң ы", "С а п а".
_SPACED = re.compile(r"(?<!\S)(?:\w ){2,}\w(?!\S)")


@dataclass(frozen=True)
class SourceLine:
    """A line of the published text with its 1-based number."""

    no: int
    text: str

    @property
    def cells(self) -> list[str]:
        """The tab-separated cells, each cleaned, trailing empty cells dropped."""
        out = [clean(c) for c in self.text.split("\t")]
        while out and not out[-1]:
            out.pop()
        return out

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def strip_html(text: str) -> str:
    """Text without tags; block tags become spaces so words do not run together."""
    return html.unescape(_TAG.sub(" ", text))


def join_spaced_letters(text: str) -> str:
    """Close up letter-spaced words: "З а ң ы" -> "Заңы", "№ 2 3 4 2" -> "№ 2342".

    A run that passes from digits to letters or from Latin to Cyrillic letters holds two words
    ("№ 1 1 3 2 қ а у л ы с ы" -> "№ 1132 қаулысы", "I I б ө л і м" -> "II бөлім").
    """
    return _SPACED.sub(_join_run, text)


def _join_run(match: re.Match[str]) -> str:
    chars = match.group(0).split(" ")
    out = chars[0]
    for prev, char in itertools.pairwise(chars):
        out += ("" if _script(prev) == _script(char) else " ") + char
    return out


def _script(char: str) -> str:
    if char.isdigit():
        return "digit"
    return "latin" if char.isascii() else "other"


def clean(text: str) -> str:
    """A cell as plain text: no tags, no letter-spacing, single spaces, no ends."""
    text = strip_html(text) if "<" in text else text
    text = _WS.sub(" ", text).strip()
    return join_spaced_letters(text)


def to_lines(text: str) -> list[SourceLine]:
    return [SourceLine(i, t) for i, t in enumerate(text.splitlines(), start=1)]
