"""Variants of the bundled plan text, as other copies of the same era print it, and the model's
values to compare them by.

Each generator takes the bundled text and returns a variant; ``values`` projects a reading onto
what must not change (every id, name, unit, phase, year and value), so a test can assert that a
variant reads the same as the bundled text, or else is refused loudly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from zhospar.ingest import ReadResult
from zhospar.ingest.numbers import looks_like_number
from zhospar.ingest.reader import bundled_plan_path

TEXT = bundled_plan_path().read_text(encoding="utf-8")
LINES = TEXT.split("\n")

# Keys of the model whose difference is expected between two printings of the same plan: the
# source file, the raw cell as printed (the value read from it is compared) and prose headings.
_IGNORED = frozenset({"source", "raw", "heading"})
_YEAR_KEYS = frozenset({"year", "period_start", "period_end", "reported_years", "due_years"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def values(result: ReadResult, shift: int = 0) -> Any:
    """The plan as plain data without what may differ; years moved back by ``shift``."""
    return _walk(result.plan.model_dump(mode="json"), shift, year=False)


def _walk(data: Any, shift: int, *, year: bool) -> Any:
    if isinstance(data, dict):
        return {
            k: _walk(v, shift, year=k in _YEAR_KEYS) for k, v in data.items() if k not in _IGNORED
        }
    if isinstance(data, list):
        return [_walk(v, shift, year=year) for v in data]
    if isinstance(data, bool) or not shift:
        return data
    if isinstance(data, int) and year:
        return data - shift
    if isinstance(data, str):
        return _YEAR.sub(lambda m: str(int(m.group(0)) - shift), data)
    return data


def lines_map(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


def pipes(text: str = TEXT) -> str:
    """Cells separated by " | " (a web page's table copied as text)."""
    return text.replace("\t", " | ")


def spaces(text: str = TEXT, width: int = 2) -> str:
    """Every tab printed as ``width`` spaces."""
    return text.replace("\t", " " * width)


def crlf(text: str = TEXT) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str = TEXT) -> str:
    return "\ufeff" + text


def decimal_points(text: str = TEXT) -> str:
    """Decimal commas in value cells printed as points ("6,9" -> "6.9")."""

    def cell(c: str) -> str:
        return c.replace(",", ".") if "," in c and looks_like_number(c) else c

    return lines_map(text, lambda line: "\t".join(cell(c) for c in line.split("\t")))


_YEAR_CELL = re.compile(r"^((?:19|20)\d\d) ж\.?$")


def year_headers(text: str = TEXT, style: str = "{} жыл") -> str:
    """The directions tables' year headers ("2008 ж") printed another way ("2008 жыл")."""

    def cell(c: str) -> str:
        m = _YEAR_CELL.match(c.strip())
        return style.format(m.group(1)) if m else c

    return lines_map(text, lambda line: "\t".join(cell(c) for c in line.split("\t")))


def shift_years(text: str = TEXT, by: int = 4) -> str:
    """Every year of the text moved by ``by`` (the title, the headers, the dates alike)."""
    return _YEAR.sub(lambda m: str(int(m.group(0)) + by), text)


def replace_line(text: str, old: str, new: str) -> str:
    """The text with every line equal to ``old`` (all of it) replaced by ``new``."""
    assert old in text.split("\n"), old
    return "\n".join(new if line == old else line for line in text.split("\n"))


def cut(text: str, first: str, until: str) -> str:
    """The text without the lines from the (body) line ``first`` up to the line ``until``."""
    lines = text.split("\n")
    start = max(i for i, line in enumerate(lines) if line == first)
    end = next(i for i in range(start + 1, len(lines)) if lines[i] == until)
    return "\n".join(lines[:start] + lines[end:])
