"""Every workbook Zhospar writes is opened by ``new_workbook``: untrusted text stays text."""

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from zhospar._xlsx import new_workbook


def test_text_that_looks_like_a_formula_a_link_or_a_number_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = new_workbook(path)
    sheet = book.add_worksheet("s")
    texts = ['=HYPERLINK("http://evil","x")', "http://example.org", "1e5", "=1+1"]
    for row, text in enumerate(texts):
        sheet.write(row, 0, text)  # write() converts strings unless told not to
    book.close()
    cells = [row[0] for row in openpyxl.load_workbook(path).active.iter_rows()]
    assert [c.value for c in cells] == texts
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.hyperlink is None for c in cells)
