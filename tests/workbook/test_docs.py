"""docs/workbook.md says what the layout is: its generated part is the layout's own tables."""

from __future__ import annotations

from pathlib import Path

from zhospar.workbook import LISTS
from zhospar.workbook.layout import layout_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "workbook.md"


def test_the_sheets_and_columns_are_the_layout_s() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- generated from zhospar/workbook/layout.py: layout_markdown() -->\n")
    end = text.index("<!-- end of generated part -->")
    assert text[text.index("\n", start) + 1 : end] == layout_markdown()


def test_every_list_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, words in LISTS.items():
        assert f"| `{name}` | {', '.join(words)} |" in text
