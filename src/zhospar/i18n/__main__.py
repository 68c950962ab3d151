"""Extract the messages and update the catalogs: ``python -m zhospar.i18n extract|check [DOMAIN]``.

``extract`` reads the source (Python everywhere, the Jinja templates of the web app), writes one
template per domain (``zhospar/locale/<domain>.pot``) and merges it into each language's ``.po``:
new messages arrive untranslated, vanished ones are kept as obsolete, changed ones are marked
fuzzy for a translator to confirm. ``check`` exits non-zero when a message of the source is not in
the catalogs or a Kazakh or Russian translation is missing or fuzzy (the test suite runs it).
Both take the domains to work on (``web``, ``core``); without any, every domain.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = PACKAGE / "locale"
TRANSLATED = ("kk", "ru")
KEYWORDS: dict[str, Any] = {
    **DEFAULT_KEYWORDS,
    "lazy_gettext": None,
    "Message": None,
    "Col": {None: None, 4: ((4, "c"), 1)},  # Col(header, width, kind, context)
    "Table": None,
    "_heading": (2,),
}

# Which source files feed which domain: the pages' own words go to ``web``, the rest to ``core``.
METHODS: dict[str, list[tuple[str, str]]] = {
    "web": [
        ("web/templates/**.j2", "jinja2.ext:babel_extract"),
        ("web/**.py", "python"),
    ],
    "core": [
        ("web/**", "ignore"),
        ("report/templates/**.j2", "jinja2.ext:babel_extract"),
        ("locale/**", "ignore"),
        ("**.py", "python"),
    ],
}
_JINJA = {"trim_blocks": "True", "lstrip_blocks": "True"}
OPTIONS = {"web/templates/**.j2": _JINJA, "report/templates/**.j2": _JINJA}


def template(domain: str) -> Catalog:
    catalog = Catalog(project="zhospar", domain=domain, charset="utf-8")
    found = extract_from_dir(
        PACKAGE, METHODS[domain], options_map=OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def _read(language: str, domain: str) -> Catalog:
    path = _po_path(language, domain)
    if not path.exists():
        return Catalog(locale=language, domain=domain, project="zhospar", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def _domains(names: list[str] | None) -> list[str]:
    if not names:
        return list(METHODS)
    unknown = [name for name in names if name not in METHODS]
    if unknown:
        raise SystemExit(f"unknown domain {unknown[0]!r}: the domains are {', '.join(METHODS)}")
    return names


def extract(domains: list[str] | None = None) -> None:
    for domain in _domains(domains):
        pot = template(domain)
        LOCALE.mkdir(parents=True, exist_ok=True)
        with (LOCALE / f"{domain}.pot").open("wb") as handle:
            write_po(handle, pot, omit_header=False, width=100, sort_by_file=True)
        for language in TRANSLATED:
            catalog = _read(language, domain)
            catalog.update(pot, update_header_comment=False)
            path = _po_path(language, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, sort_by_file=True, ignore_obsolete=False)
            print(f"{path.relative_to(PACKAGE.parent)}: {len(catalog)} messages")


def _translated(string: str | tuple[str, ...] | None) -> bool:
    """A translation, every plural form of it filled in."""
    if isinstance(string, tuple):
        return all(string)
    return bool(string)


def problems(domains: list[str] | None = None) -> list[str]:
    """Every message of the source that Kazakh or Russian lacks, or holds only as a guess
    (in ``domains``, else in every domain)."""
    found: list[str] = []
    for domain in _domains(domains):
        wanted = {
            (message.id if isinstance(message.id, str) else message.id[0], message.context)
            for message in template(domain)
            if message.id
        }
        for language in TRANSLATED:
            catalog = _read(language, domain)
            for label, context in sorted(wanted, key=lambda pair: (pair[0], pair[1] or "")):
                message = catalog.get(label, context=context)
                if message is None:
                    found.append(f"{language}/{domain}: not in the catalog: {label!r}")
                elif message.fuzzy:
                    found.append(f"{language}/{domain}: fuzzy: {label!r}")
                elif not _translated(message.string):  # type: ignore[arg-type]
                    found.append(f"{language}/{domain}: untranslated: {label!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        extract(argv[1:])
        return 0
    if command == "check":
        found = problems(argv[1:])
        for line in found:
            print(line)
        print(f"{len(found)} problems")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
