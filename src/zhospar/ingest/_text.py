"""Cleaning the cells of the converted text.

The conversion left HTML fragments in cells (``<p>``, ``<u>``, whole ``<table>`` elements),
letter-spaced words (``З а ң ы``, ``С а п а``) and runs of tabs. These helpers turn a cell into
plain text without losing words.

Cells are separated by tabs in the published conversion. A copy from a web page prints them
otherwise, and ``to_lines`` reads those alike: a line without a tab whose cells are separated by
" | " (an empty cell is " |  | "), or by runs of two or more spaces (no-break spaces count), is
turned into the tab form before any reader sees it. A run of spaces stands for as many
separators as it is long in the text's own unit (the shortest common run length): a copy that
printed each tab as two spaces keeps its empty cells ("    %-бен" is two empty cells, then
"%-бен"). Lines with a tab, and prose (single spaces), are left as they are.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, overload

_TAG = re.compile(r"<[^>]{0,2000}>")
# Three or more single letters separated by single spaces: "З а ң ы", "С а п а".
_SPACED = re.compile(r"(?<!\S)(?:\w ){2,}\w(?!\S)")
# What any match of _SPACED shows in a text with single spaces and a space added at both ends:
# two one-letter words in a row. Its literal first space lets the search skip ahead, so looking
# for it first is several times cheaper than running _SPACED over every cell.
_SPACED_HINT = re.compile(r" \w \w ")

_T = TypeVar("_T")


class _Once(Generic[_T]):
    """A value of a line worked out on first use and then kept on the line.

    ``functools.cached_property`` without its lock (Python 3.12 dropped it too): the lock made
    the first use of each value cost more than cleaning a short cell. The value is stored in the
    instance's ``__dict__``, which then answers every later lookup before this descriptor does,
    so a frozen dataclass keeps its equality and hash (they look at the fields only).
    """

    def __init__(self, compute: Callable[[SourceLine], _T]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, line: None, owner: type | None = None) -> _Once[_T]: ...
    @overload
    def __get__(self, line: SourceLine, owner: type | None = None) -> _T: ...
    def __get__(self, line: SourceLine | None, owner: type | None = None) -> _T | _Once[_T]:
        if line is None:
            return self
        value = self._compute(line)
        line.__dict__[self._name] = value
        return value


@dataclass(frozen=True)
class SourceLine:
    """A line of the published text with its 1-based number.

    The readers look at a line's cleaned forms many times (to classify it, then to read it), so
    each is worked out once, on first use, and kept with the line (the text never changes).
    """

    no: int
    text: str

    @property
    def cells(self) -> list[str]:
        """The tab-separated cells, each cleaned, trailing empty cells dropped (a fresh list)."""
        cells = self.tab_cells
        end = len(cells)
        while end and not cells[end - 1]:
            end -= 1
        return list(cells[:end])

    @_Once
    def tab_cells(self) -> tuple[str, ...]:
        """Every tab-separated cell, cleaned; blank cells kept, so a cell's place is its column."""
        if "\t" not in self.text:
            return (self.clean_text,)
        return tuple(clean(c) if c else "" for c in self.text.split("\t"))

    @_Once
    def clean_text(self) -> str:
        """The whole line cleaned (tabs become spaces): what headings are matched against."""
        return clean(self.text)

    @_Once
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
    text = " ".join(text.split())  # str.split and re's \s agree on what is white space
    if _SPACED_HINT.search(f" {text} ") is None:
        return text  # no letter-spaced run possible: most cells, and the cheap way to know it
    return join_spaced_letters(text)


_PIPES = re.compile(r" *\| *")
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")  # no-break spaces count: web pages print them


def to_lines(text: str) -> list[SourceLine]:
    """The numbered lines of a text (any line ends, a byte-order mark dropped), cells as tabs."""
    raw = text.removeprefix("\ufeff").splitlines()
    lines = [SourceLine(i, t) for i, t in enumerate(raw, start=1)]
    # Lines without a tab that may separate cells otherwise (none in the published conversion).
    other = [
        i for i, t in enumerate(raw) if "\t" not in t and (" | " in t or "  " in t or "\u00a0" in t)
    ]
    if other:
        unit = _space_unit([raw[i] for i in other])
        for i in other:
            lines[i] = SourceLine(i + 1, _tabbed(raw[i], unit))
    return lines


def _tabbed(text: str, unit: int) -> str:
    """A line without a tab, with its cells separated by tabs (see the module's note)."""
    if " | " in text:
        return _PIPES.sub("\t", text)
    if unit and _has_run(text) and text.strip():
        return _SPACE_RUN.sub(lambda m: "\t" * max(1, (len(m.group(0)) + unit // 2) // unit), text)
    return text


def _has_run(text: str) -> bool:
    """A cheap look for two spaces in a row (no-break ones too) before the pattern's search."""
    if "  " in text:
        return True
    return "\u00a0" in text and _SPACE_RUN.search(text) is not None


def _space_unit(lines: list[str]) -> int:
    """How many spaces one separator takes in a text whose cells are runs of spaces (0: none).

    The shortest length that is common (a tenth of the runs or more) among the runs of two or more
    spaces on lines without a tab or a " | ": two empty cells in a row make runs twice as long,
    so the most common length need not be the unit.
    """
    counts: Counter[int] = Counter()
    for line in lines:
        if "\t" not in line and " | " not in line and _has_run(line):
            counts.update(len(run) for run in _SPACE_RUN.findall(line))
    total = counts.total()
    return min((n for n, c in counts.items() if c * 10 >= total), default=0)
