"""The gettext catalogs: ``.po`` files in the package, compiled in memory once per language."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING

from zhospar.i18n._language import Language

if TYPE_CHECKING:  # imported where a catalog is first read: the CLI starts without them
    import gettext as _gettext
    from importlib.resources.abc import Traversable

    from babel.messages.catalog import Catalog

__all__ = ["DOMAINS", "catalog_path", "translations"]

DOMAINS: tuple[str, ...] = ("core", "web")
"""``core``: the library, the reports and the CLI; ``web``: the pages (they may use both)."""


def catalog_path(language: str, domain: str) -> Traversable:
    from importlib import resources

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
    import gettext as _gettext

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
