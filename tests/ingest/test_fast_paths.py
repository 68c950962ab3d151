"""The shortcuts taken to read a plan quickly agree with the plain definitions they replace.

Reading the bundled plan once took most of its time cleaning cells with regular expressions;
``clean`` now skips the letter-spacing pattern when a cheap look shows it cannot match, lines
keep their cleaned forms, numbers lose their spaces with ``str.split`` and the amendment scan
looks for plain lower-case pieces before its case-blind pattern. Each test below states the
plain definition and checks the shortcut against it.
"""

from __future__ import annotations

import dataclasses
import re
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from zhospar.ingest._text import SourceLine, clean, join_spaced_letters, strip_html
from zhospar.ingest.front import _AMENDMENT_HINT, _AMENDMENT_HINT_PIECES, find_amendments
from zhospar.ingest.numbers import _without_spaces
from zhospar.ingest.report import LineStatus, ReadingReport


def _plain_clean(text: str) -> str:
    """``clean`` as first written: tags out, white space runs to one space, letters joined."""
    text = strip_html(text) if "<" in text else text
    return join_spaced_letters(re.sub(r"\s+", " ", text).strip())


# Cells like the plan's: single letters and spaces (letter-spaced words), tabs, odd spaces, tags.
_CELLISH = st.text(alphabet=st.sampled_from(list("аЗңIб1 2 \t\u00a0\u2003\u202f_<p>/-.№ ")))


@given(st.one_of(_CELLISH, st.text()))
@example("а б в")  # a letter-spaced word that is the whole cell: no space before or after it
@example("х а б в")
@example("а б в х")
@example("З а ң ы")
@example("№ 2 3 4 2 қ а у л ы с ы")
@example("а\u00a0б\u2003в")
def test_clean_agrees_with_its_plain_definition(text: str) -> None:
    assert clean(text) == _plain_clean(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("а б в", "абв"),
        ("С а п а көрсеткіштері", "Сапа көрсеткіштері"),
        ("көрсеткіштері С а п а", "көрсеткіштері Сапа"),
        ("а б", "а б"),  # two letters are not a letter-spaced word
        ("  6,9\u00a0 ", "6,9"),
    ],
)
def test_clean_examples(text: str, expected: str) -> None:
    assert clean(text) == expected


@given(st.one_of(_CELLISH, st.text()))
def test_without_spaces_agrees_with_the_pattern(text: str) -> None:
    assert _without_spaces(text) == re.sub(r"[\s\u00a0\u202f]+", "", text)


def test_line_keeps_its_cleaned_forms_without_sharing_them() -> None:
    line = SourceLine(7, "1.1.\t<p>Мақсат</p>\t\t6,9\t\t")
    assert line.tab_cells == ("1.1.", "Мақсат", "", "6,9", "", "")
    cells = line.cells
    assert cells == ["1.1.", "Мақсат", "", "6,9"]
    cells.append("changed")
    cells[0] = "changed"
    assert line.cells == ["1.1.", "Мақсат", "", "6,9"]  # each caller gets its own list
    assert line.clean_text == "1.1. Мақсат 6,9"


def test_line_without_tabs_is_one_cell() -> None:
    line = SourceLine(3, "  З а ң ы  ")
    assert line.tab_cells == ("Заңы",)
    assert line.cells == ["Заңы"]
    assert not line.is_blank
    assert SourceLine(4, " \t ").is_blank
    assert SourceLine(5, " \t ").cells == []


def test_kept_forms_leave_equality_hash_and_freezing_alone() -> None:
    used = SourceLine(2, "а\tб")
    _ = used.cells, used.clean_text, used.is_blank
    fresh = SourceLine(2, "а\tб")
    assert used == fresh
    assert hash(used) == hash(fresh)
    assert dataclasses.asdict(used) == {"no": 2, "text": "а\tб"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        used.text = "в"  # type: ignore[misc]


def test_amendment_pieces_come_from_the_hint_words() -> None:
    words = _AMENDMENT_HINT.pattern.lower().split("|")
    assert len(words) == len(_AMENDMENT_HINT_PIECES)
    assert all(any(piece in word for piece in _AMENDMENT_HINT_PIECES) for word in words)


def test_amendment_pieces_miss_no_case_form() -> None:
    """A letter of the pieces matches, case-blind, only characters whose lower case it is.

    (Not true of с, т and д, which also match rare Cyrillic forms such as U+1C83; that is why
    the pieces leave them out.) So a line the hint matches holds a piece in its lower case.
    """
    letters = sorted(set("".join(_AMENDMENT_HINT_PIECES)))
    blind = re.compile(f"[{''.join(letters)}]", re.IGNORECASE)
    odd = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if blind.fullmatch(chr(cp)) and chr(cp).lower() not in letters
    ]
    assert odd == []
    assert re.fullmatch("[с]", "\u1c83", re.IGNORECASE)  # the check can see such forms


def test_amendment_scan_finds_notes_in_any_case() -> None:
    lines = [
        SourceLine(1, "ЕСКЕРТУ. ҚР Үкіметінің 2010.05.14 № 415 Қаулысымен."),
        SourceLine(2, "\tАЛЫНЫП ТАСТАЛДЫ - ҚР Үкіметінің 2010.12.27 № 1417 Қаулысымен."),
        SourceLine(3, "Жұмыссыздық деңгейі 2010.05.14 № 9 төмендеді."),  # names an act, no note
    ]
    report = ReadingReport()
    refs = find_amendments(lines, report)
    assert [r.number for r in refs] == ["415", "1417"]
    assert report.status_of(1) is LineStatus.READ
