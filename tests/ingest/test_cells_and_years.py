"""Cells however a copy separates them, and year headers however a copy spells them."""

from __future__ import annotations

import pytest

from zhospar.ingest._text import to_lines
from zhospar.ingest._years import header_years, year_cell, year_row


@pytest.mark.parametrize("cell", ["2008 ж", "2008 ж.", "2008 жыл", "2008 жылы", "2008 Ж"])
def test_year_words_read_alike(cell: str) -> None:
    assert year_cell(cell) == (2008, None)


def test_a_year_keeps_its_note() -> None:
    assert year_cell("2009 жыл (жоспар)") == (2009, "жоспар")


@pytest.mark.parametrize("cell", ["2008", "2008 жылғы 1 қаңтар", "6,9", "1.1-мақсат"])
def test_a_bare_year_or_other_text_is_not_a_year_cell(cell: str) -> None:
    assert year_cell(cell) is None


def test_a_row_of_bare_years_one_after_another_is_a_header() -> None:
    row = year_row(["", "", "2008", "2009", "2010"])
    assert row == [(2, 2008, None), (3, 2009, None), (4, 2010, None)]


@pytest.mark.parametrize(
    "cells",
    [
        ["", "2010", "2012", "2015"],  # values that happen to be years: not one after another
        ["", "2008 ж", "2008 ж"],  # not increasing
        ["", "2008 ж"],  # one year is not a row of them
        ["%-бен", "2008 ж", "2009 ж"],  # another cell beside the years
    ],
)
def test_other_rows_are_not_year_rows(cells: list[str]) -> None:
    assert year_row(cells) is None


def test_a_header_row_takes_bare_years_beside_its_labels() -> None:
    cells = ["Көрсеткіш атауы", "Өлшем бірлігі", "2008 жыл (нақты)", "2009", "2010"]
    assert header_years(cells) == [(2008, "нақты"), (2009, None), (2010, None)]


def test_cells_separated_by_pipes_become_tab_cells() -> None:
    (line,) = to_lines(" |  | %-бен | 6,9 | 8,0")
    assert line.tab_cells == ("", "", "%-бен", "6,9", "8,0")


def test_runs_of_spaces_count_in_the_texts_own_unit() -> None:
    lines = to_lines(
        "1.1.    1. Жұмыссыздық деңгейі\n    %-бен  6,9  8,0\nЖай мәтін, бір бос орынмен."
    )
    assert lines[0].tab_cells == ("1.1.", "", "1. Жұмыссыздық деңгейі")
    assert lines[1].tab_cells == ("", "", "%-бен", "6,9", "8,0")
    assert lines[2].text == "Жай мәтін, бір бос орынмен."  # prose is left alone


def test_a_line_with_tabs_is_left_alone() -> None:
    (line,) = to_lines("a  b\tc | d")
    assert line.tab_cells == ("a b", "c | d")


def test_an_org_chart_line_opening_with_a_bar_is_left_alone() -> None:
    (line,) = to_lines("| Жұмыспен қамтуды үйлестіру")  # line 512 of the bundled plan
    assert line.text == "| Жұмыспен қамтуды үйлестіру"


def test_crlf_and_a_byte_order_mark() -> None:
    lines = to_lines("\ufeffМиссиясы\r\n\r\nмәтін\r\n")
    assert [(x.no, x.text) for x in lines] == [(1, "Миссиясы"), (2, ""), (3, "мәтін")]
