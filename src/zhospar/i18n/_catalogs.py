"""The gettext catalogs: ``.po`` files in the package, compiled in memory once per language."""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from importlib import resources
from io import BytesIO
from typing import TYPE_CHECKING

from zhospar.i18n._language import Language

if TYPE_CHECKING:  # Babel is imported where a catalog is compiled: the CLI starts without it
    from babel.messages.catalog import Catalog

__all__ = ["DOMAINS", "catalog_path", "translations"]

DOMAINS: tuple[str, ...] = ("core", "web")
"""``core``: the library, the reports and the CLI; ``web``: the pages (they may use both)."""


def catalog_path(language: str, domain: str) -> resources.abc.Traversable:
    return resources.files("zhospar") / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def _read(language: str, domain: str) -> Catalog | None:
    path = catalog_path(language, domain)
    if not path.is_file():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


@cache
def translations(language: Language) -> _gettext.NullTranslations:
    """Every domain of ``language`` as one gettext object (a page may show a core message).

    Fuzzy entries are left out, as gettext's own compiler leaves them: a guess is not a
    translation. English, the source language, gets the messages themselves."""
    merged: _gettext.NullTranslations = _gettext.NullTranslations()
    for domain in DOMAINS:
        catalog = _read(language, domain)
        if catalog is None:
            continue
        from babel.messages.mofile import write_mo
        from babel.support import Translations

        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        compiled = Translations(buffer, domain=domain)
        if isinstance(merged, Translations):
            merged.merge(compiled)
        else:
            merged = compiled
    return merged
