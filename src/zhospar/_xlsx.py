"""The one way Zhospar opens an XLSX workbook to write: text from the plan or users stays text.

Such text is untrusted. Left to its defaults, xlsxwriter would turn a string that starts with
"=" into a formula that runs when the file is opened, a URL into a link, and (if asked) "1e5"
into a number. Every workbook Zhospar writes (the plan export, the data-entry template, the
reports) is opened here, with all three conversions off; numbers are written as numbers by
the writers themselves.
"""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.workbook import Workbook

__all__ = ["SAFE_OPTIONS", "new_workbook"]

SAFE_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def new_workbook(path: str | Path) -> Workbook:
    """A workbook to be written at ``path`` (on ``close()``), strings never converted."""
    return Workbook(str(path), SAFE_OPTIONS)
