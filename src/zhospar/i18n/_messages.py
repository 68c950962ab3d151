"""gettext in the language of the moment, and ``Message``: a translatable message with values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from zhospar.i18n._catalogs import translations
from zhospar.i18n._language import Language, current_language

if TYPE_CHECKING:  # imported where a lazy message is made (the web), not at the CLI's start
    from babel.support import LazyProxy

__all__ = [
    "N_",
    "Message",
    "gettext",
    "lazy_gettext",
    "message_values",
    "ngettext",
    "npgettext",
    "pgettext",
]


@cache
def _pattern(message: str) -> re.Pattern[str]:
    """``message`` as a pattern that gives back its values (each a non-empty run of text)."""
    parts = re.split(r"\{(\w+)\}", message)
    pattern = "".join(
        re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+?)" for n, part in enumerate(parts)
    )
    return re.compile(pattern, re.DOTALL)


def message_values(message: str, text: str) -> dict[str, str] | None:
    """The values of ``text`` if it is ``message`` filled in (in English), else None: what was
    stored in English (an activity line, a reading gap) is shown again in the reader's
    language by matching it against the message that wrote it."""
    found = _pattern(message).fullmatch(text)
    return None if found is None else found.groupdict()


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


def gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``n`` in the language of the moment (Russian has three, Kazakh two)."""
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands (e.g. a status vs a verb)."""
    return str(translations(current_language()).pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return str(translations(current_language()).npgettext(context, singular, plural, n))


def lazy_gettext(message: str) -> LazyProxy:
    """A message translated when it is shown, in the language speaking then (for constants)."""
    from babel.support import LazyProxy

    return LazyProxy(gettext, message, enable_cache=False)


@dataclass(frozen=True)
class Message:
    """A message made once where its rule lives and shown in whichever language asks.

    ``template`` is the English source with ``{name}`` fields; ``values`` fill them. Values
    that are themselves ``Message`` objects are shown in the same language. ``str()`` gives
    the language of the moment (the CLI's ``ZHOSPAR_LANG``, the page's language).
    """

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, template: str, /, **values: Any) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "values", dict(values))

    def render(self, language: Language | None = None) -> str:
        chosen = language or current_language()
        translated = translations(chosen).gettext(self.template)
        shown = {
            key: value.render(chosen) if isinstance(value, Message) else value
            for key, value in self.values.items()
        }
        return translated.format(**shown)

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted((k, repr(v)) for k, v in self.values.items()))))
