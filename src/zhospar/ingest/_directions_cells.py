"""What the cells of the strategic directions tables say.

Pure helpers for ``directions``: recognising the kinds of rows (direction headings, goal and
year headers, goal and task codes), splitting a cell that holds several numbered items, telling
a unit from a name, reading due years, co-executing bodies and deletion notes, and finding the
yearly values of a row.

The conversion lost or added cells at the start of many rows, so values are found from the text
(they follow the row's last text cell) rather than from fixed columns; only a row whose values
begin with blank cells is mapped on the table's usual value column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from zhospar.i18n import Message
from zhospar.ingest._text import SourceLine
from zhospar.ingest.numbers import is_no_value, looks_like_number
from zhospar.model.plan import ActRef, Deletion

CODE = re.compile(r"^(\d+(?:\.\d+)+)\.?$")  # "1.1." (goal) or "1.1.4." (task)
DIRECTION = re.compile(r"^(\d+)\s*-\s*стратегиялық\s+бағыт\w*\.?\s*(.*)$", re.I)
GOAL_HEADER = re.compile(r"^(\d+(?:\.\d+)+)\s*-\s*мақсат\w*$", re.I)
REPORTED = re.compile(r"^Есепті\s+кезең", re.I)
PLANNED = re.compile(r"^Жоспарлы\s+кезең", re.I)
TASKS_HEADER = re.compile(r"^(?:Міндеттер|Көрсеткіштер)$", re.I)
NOTE = re.compile(r"^Ескерту\b", re.I)
OF_WHICH_ALONE = re.compile(r"^оның\s+ішінде\s*:?$", re.I)
_OF_WHICH = re.compile(r"[,;]?\s*\bоның\s+ішінде\s*:?", re.I)
DELETED = re.compile(
    r"^(?:(?P<num>\d{1,2}\s?\.|[а-яәғқңөұүһі]\))\s*)?Алынып\s+тасталды\b(?P<rest>.*)$", re.I
)
_ACT_DATE = re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})")
_ACT_NUMBER = re.compile(r"[№N]\s*(\d+)")
_ITEM_MARK = re.compile(r"(?<!\S)(\d{1,2})\s?\.(?!\d)\s*")
LETTER = re.compile(r"^([а-яәғқңөұүһі])\)\s*(.*)$")
DASH = re.compile(r"^[-–—]\s*(\S.*)$")
_DUE = re.compile(r"\s*\(\s*(\d{4}(?:\s*[-–—,]\s*\d{4})*)\s*жж?\.?\s*\)\s*[.;,]?\s*$")
_CO_EXECUTORS = re.compile(r"\s*\(([^()]*?)\s+бірлесіп\s*\)\s*\.?$", re.I)

# Units as the plan prints them after a name: "коэффициенті, %", "саны, мың адам".
_UNIT_WORDS = (
    r"(?:%(?:\s?-\s?бен)?|мың\s+адам|адам|бірлік|1000\s+адамға|(?:мың\s+|млн\.?\s+)?теңге)"
)
_COMMA_UNIT = re.compile(rf",\s*({_UNIT_WORDS}|\S+\s+саны)$")
_TRAILING_UNIT = re.compile(rf"\s({_UNIT_WORDS})$")
_UNIT_ONLY = re.compile(rf"^(?:{_UNIT_WORDS}|\S+\s+саны)$")
# Population groups a breakdown row names ("оның ішінде: әйелдер, жастар").
_GROUPS = ("әйелдер", "ерлер", "жастар", "балалар")
_MAX_DUE_SPAN = 20


def value_like(cell: str) -> bool:
    """A cell that holds a number or a no-value mark ("-", "X"), as opposed to text."""
    return bool(cell) and (looks_like_number(cell) or is_no_value(cell))


@dataclass(frozen=True)
class Row:
    """One line of the table: its cells (every tab cell, cleaned) and what they hold."""

    line: SourceLine
    cells: list[str]
    code: str | None  # "1.1" or "1.1.4" when the first cell is a goal or task code
    texts: list[tuple[int, str]]  # (column, text) of the non-value cells, the code excluded
    last_text: int  # column of the last text cell (the code counts); -1 when there is none
    has_values: bool  # a value cell follows the last text cell


def analyse(line: SourceLine) -> Row:
    cells = list(line.tab_cells)
    code = None
    if cells and (match := CODE.match(cells[0])):
        code = match.group(1)
    start = 1 if code is not None else 0
    kinds = [(i, c, value_like(c)) for i, c in enumerate(cells) if c]
    texts = [(i, c) for i, c, is_value in kinds if i >= start and not is_value]
    last_text = max([i for i, _ in texts] + ([0] if code is not None else []), default=-1)
    has_values = any(is_value and i > last_text for i, _, is_value in kinds)
    return Row(line, cells, code, texts, last_text, has_values)


@dataclass(frozen=True)
class Located:
    """The value cells of a row: (year index, cell as printed) pairs, and what was decided."""

    cells: list[tuple[int, str]]
    note: Message | None = None  # a decision worth reporting
    error: Message | None = None  # the values could not be placed


def locate_values(row: Row, value_col: int, n_years: int) -> Located:
    """The year cells of a row.

    Values follow the row's last text cell, one per year. When the cell right after the text is
    blank the row kept its tab cells, so it is mapped on the table's value column (``value_col``),
    blanks included ("бірлік\\t\\t1\\t\\t..." has its 1 in the second year).
    """
    cells, start = row.cells, row.last_text + 1
    if start >= len(cells):
        return Located([])
    if not cells[start]:
        if start > value_col or any(cells[start:value_col]):
            return Located([], error=Message("the values do not line up with the year columns"))
        start = value_col
    window = cells[start : start + n_years]
    if any(cells[start + n_years :]):
        more = Message("the row holds more value cells than the {years} years", years=n_years)
        return Located([], error=more)
    note = None
    if len(window) < n_years:
        note = Message(
            "the row has only {count} of {years} year cells: read from the first year",
            count=len(window),
            years=n_years,
        )
    return Located(list(enumerate(window)), note=note)


def usual_value_column(rows: list[Row]) -> int | None:
    """The column where values usually start: the most common one among rows whose values
    follow their text directly."""
    starts = Counter(
        r.last_text + 1
        for r in rows
        if r.last_text + 1 < len(r.cells) and value_like(r.cells[r.last_text + 1])
    )
    return starts.most_common(1)[0][0] if starts else None


def split_items(text: str) -> list[tuple[int, str]]:
    """Numbered items of a cell ("1. ... 2. ..."), or [] when the cell does not open with one.

    Only marks numbered in sequence split the cell, so "7.02-тармағы" or a stray "5." inside a
    name stay text.
    """
    marks = list(_ITEM_MARK.finditer(text))
    if not marks or marks[0].start() != 0:
        return []
    chosen = [marks[0]]
    for mark in marks[1:]:
        if int(mark.group(1)) == int(chosen[-1].group(1)) + 1:
            chosen.append(mark)
    ends = [m.start() for m in chosen[1:]] + [len(text)]
    return [
        (int(m.group(1)), text[m.end() : end].strip()) for m, end in zip(chosen, ends, strict=True)
    ]


def split_of_which(text: str) -> tuple[str, list[str], bool]:
    """ "... саны, мың адам оның ішінде: әйелдер" -> (name part, breakdown labels, found)."""
    match = _OF_WHICH.search(text)
    if match is None:
        return text, [], False
    after = text[match.end() :].strip(" ,;:")
    return text[: match.start()].strip(), [after] if after else [], True


def due_years(text: str) -> tuple[str, list[int]]:
    """ "Заң жобасын әзірлеу (2011-2012 жж.)" -> ("Заң жобасын әзірлеу", [2011, 2012])."""
    match = _DUE.search(text)
    if match is None:
        return text, []
    years: set[int] = set()
    for part in re.split(r"\s*,\s*", match.group(1)):
        bounds = [int(y) for y in re.findall(r"\d{4}", part)]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_DUE_SPAN:
            years.update(range(bounds[0], bounds[1] + 1))
        else:
            years.update(bounds)
    return text[: match.start()].strip(), sorted(years)


def split_unit(text: str) -> tuple[str, str | None]:
    """A name printed with its unit -> (name, unit): "коэффициенті, %" -> ("коэффициенті", "%")."""
    text = text.strip().rstrip(" ,;:")
    match = _COMMA_UNIT.search(text) or _TRAILING_UNIT.search(text)
    if match is None or match.start() == 0:
        return text, None
    return text[: match.start()].strip().rstrip(" ,"), match.group(1)


def comma_unit(text: str) -> tuple[str, str] | None:
    """ "жастар практикасына, мың адам" -> ("жастар практикасына", "мың адам"), else None."""
    match = _COMMA_UNIT.search(text.strip())
    if match is None or match.start() == 0:
        return None
    return text[: match.start()].strip(), match.group(1)


def is_unit(text: str, *, with_values: bool) -> bool:
    """Whether a row's text is the unit of the indicator above rather than more of its name.

    A unit mentions "%" or is a known unit ("мың адам", "бірлік", "кәсіпорындардың саны"); on a
    row with values a short phrase ("алдыңғы жылғыға еселеп") is a unit too. Text ending in a
    comma continues a name.
    """
    text = text.strip()
    if not text or text.endswith(","):
        return False
    if "%" in text or _UNIT_ONLY.match(text):
        return True
    return with_values and len(text.split()) <= 3


def group_word(text: str) -> str | None:
    """The population group a breakdown row names ("әйелдер"), if exactly one is named."""
    found = [g for g in _GROUPS if re.search(rf"(?<!\w){g}(?!\w)", text, re.I)]
    return found[0] if len(found) == 1 else None


def without_word(text: str, word: str) -> str:
    """The text with one word taken out, spacing and brackets tidied."""
    out = re.sub(rf"(?<!\w){word}(?!\w)", " ", text, count=1, flags=re.I)
    out = re.sub(r"\(\s+", "(", out)
    out = re.sub(r"\s+\)", ")", out)
    return re.sub(r"\s+", " ", out).strip()


def co_executors(name: str) -> tuple[str, list[str]]:
    """ "... жақсарту (ЭБЖМ, ИСМ, СА бірлесіп)" -> ("... жақсарту", ["ЭБЖМ", "ИСМ", "СА"])."""
    match = _CO_EXECUTORS.search(name)
    if match is None:
        return name, []
    bodies = [b.strip() for b in re.split(r"[,;]", match.group(1)) if b.strip()]
    return name[: match.start()].strip(), bodies


def deletion(text: str, line: int) -> Deletion:
    """The act named by "Алынып тасталды - ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен."."""
    number = _ACT_NUMBER.search(text)
    date = None
    if found := _ACT_DATE.search(text):
        try:
            date = dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            date = None
    act = ActRef(number=number.group(1) if number else "", date=date, line=line)
    return Deletion(act=act, line=line)


def tidy(name: str) -> str:
    """A name without the list punctuation it was printed with."""
    name = re.sub(r"\s+", " ", name).strip()
    return name.rstrip(" ,;:").strip()
