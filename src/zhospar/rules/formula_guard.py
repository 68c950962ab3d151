"""Text a spreadsheet must not run as a formula, written out and read back.

A cell that starts with "=", "+", "-", "@", a tab or a carriage return is a formula to Excel and
LibreOffice: text from users and documents is untrusted, so every file Zhospar writes puts a
single quote before such text (``guard_text``), and every file it reads takes that quote off
again (``unguard``), so that a template filled in and imported gives back the text as typed.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "guard_text", "unguard"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"^'(?=[=+\-@\t\r])")


def guard_text(text: str) -> str:
    """Text a spreadsheet must not run as a formula gets a leading single quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """Text as typed, without the apostrophe a CSV export puts before "=", "+", "-" or "@"."""
    return _GUARDED.sub("", text) if text[:1] == "'" else text
