"""Names and labels as matching sees them, the same for the import and the store.

People write an indicator's name or a breakdown label ("әйелдер", "- әйелдер", "а) Әйелдер,")
with item numbers, other case and other punctuation than the plan prints. Both the import
(naming an indicator by its code and name) and the store (a breakdown label naming a breakdown
row) compare names through ``name_words``, so that they agree on what a label means.
"""

from __future__ import annotations

import re

__all__ = ["name_words"]

_ITEM_NUMBER = re.compile(
    r"^\s*(?:\d+(?:\s*\.\s*\d+)*\s*[.)]|[^\W\d_]\s*\)|[-–—•*]|\(\s*\w\s*\))\s*", re.UNICODE
)
_WORD = re.compile(r"\w+", re.UNICODE)


def name_words(text: str) -> tuple[str, ...]:
    """A name as matching sees it: without item numbers ("1.", "а)", "-"), lower case, words only.

    "1. Жұмыссыздық деңгейі," -> ("жұмыссыздық", "деңгейі"); "а) Әйелдер" -> ("әйелдер",).
    """
    stripped = text.strip().lstrip("'")
    while True:
        shorter = _ITEM_NUMBER.sub("", stripped, count=1)
        if shorter == stripped:
            break
        stripped = shorter
    return tuple(_WORD.findall(stripped.casefold().replace("ё", "е")))
