"""Reading the report files back, as a user's tools would: openpyxl, python-docx, an HTML parser.

The tests then look up cells by what a reader sees (an indicator's ID in the first column, a
row's id in the page), never by asking the code under test.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl


def xlsx_table(path: Path, sheet: str, key: str = "ID") -> dict[str, dict[str, Any]]:
    """The rows of a sheet with a header in row 1, by the value of the ``key`` column."""
    book = openpyxl.load_workbook(path)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(h) for h in rows[0]]
    index = header.index(key)
    return {
        str(row[index]): dict(zip(header, row, strict=False))
        for row in rows[1:]
        if row[index] is not None
    }


def xlsx_sheet_xml(path: Path, name_part: str) -> list[str]:
    """The raw XML of the workbook's parts whose names contain ``name_part``."""
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n).decode("utf-8") for n in archive.namelist() if name_part in n]


def docx_rows(path: Path) -> dict[str, list[str]]:
    """Every table row of the document by the text of its first cell (first occurrence)."""
    document = docx.Document(str(path))
    rows: dict[str, list[str]] = {}
    for table in document.tables:
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            rows.setdefault(texts[0], texts)
    return rows


def docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@dataclass
class Page(HTMLParser):
    """A parsed page: rows with an id -> [(cell classes, cell text)], tags and attributes seen."""

    rows: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    _row: str | None = None
    _cell: list[str] | None = None
    _class: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        attr = {k: v or "" for k, v in attrs}
        for name in ("src", "href", "xlink:href"):
            if name in attr and not attr[name].startswith("#"):
                self.urls.append(attr[name])
        if tag == "tr" and "id" in attr:
            self._row = attr["id"]
            self.rows[self._row] = []
        elif tag == "td" and self._row is not None:
            self._cell, self._class = [], attr.get("class", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row is not None and self._cell is not None:
            self.rows[self._row].append((self._class, "".join(self._cell).strip()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def cell(self, row: str, css: str, index: int = 0) -> str:
        """The text of the ``index``-th cell of ``row`` whose class list holds ``css``."""
        found = [text for classes, text in self.rows[row] if css in classes.split()]
        return found[index]


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page
