"""Which language speaks now: the three languages, the choice for a request, the context."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

__all__ = [
    "CLI_DEFAULT",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "WEB_DEFAULT",
    "Language",
    "cli_language",
    "current_language",
    "negotiate",
    "parse_language",
    "use_language",
]

Language = Literal["kk", "ru", "en"]

LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")
"""In the order the language switch shows them: the state language first."""

LANGUAGE_NAMES: dict[Language, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
"""Each language's name in itself, as the switch shows it."""

WEB_DEFAULT: Language = "kk"
"""The pages speak Kazakh when nothing else is asked for: it is the state language."""

CLI_DEFAULT: Language = "en"
"""The CLI speaks English unless ``ZHOSPAR_LANG`` says otherwise (scripts parse its output)."""

_current: ContextVar[Language] = ContextVar("zhospar_language", default=CLI_DEFAULT)


def parse_language(value: str | None) -> Language | None:
    """A language code as users write it (``ru``, ``RU``, ``ru-RU``, ``kk_KZ``), or None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    for language in LANGUAGES:
        if code == language:
            return language
    return None


def current_language() -> Language:
    return _current.get()


@contextmanager
def use_language(language: Language) -> Iterator[Language]:
    """Speak ``language`` inside the block (a request, a report), then what spoke before."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def cli_language() -> Language:
    """``ZHOSPAR_LANG`` when it names one of the languages, else English."""
    return parse_language(os.environ.get("ZHOSPAR_LANG")) or CLI_DEFAULT


def negotiate(
    *, cookie: str | None = None, query: str | None = None, accept_language: str | None = None
) -> Language:
    """The page's language: the switch's cookie, else ``?lang=``, else the browser's
    ``Accept-Language`` (by its q-values), else Kazakh."""
    chosen = parse_language(cookie) or parse_language(query)
    if chosen is not None:
        return chosen
    for code in _by_preference(accept_language or ""):
        found = parse_language(code)
        if found is not None:
            return found
    return WEB_DEFAULT


def _by_preference(header: str) -> list[str]:
    """Language ranges of an Accept-Language header, most wanted first (q=0 left out)."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:32]):
        code, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if code and quality > 0:
            weighted.append((-quality, position, code))
    return [code for _, _, code in sorted(weighted)]
