"""Zhospar in its users' languages: Kazakh (the state language), Russian and English.

Everything Zhospar itself writes goes through gettext; the plan's own texts stay as published.
Two catalogs (gettext domains) live in the repository as ``.po`` files under
``zhospar/locale/<lang>/LC_MESSAGES/``:

* ``core``: the library's messages, shared by every front end (import problems, range checks,
  status and method sentences), the reports and the CLI;
* ``web``: the pages.

They are compiled in memory the first time a language is used, so there is no build step and a
fresh checkout speaks every language. English is the source language: its "translation" is the
message itself.

The language is a context variable: the web sets it per request (cookie, ``?lang=``,
``Accept-Language``, else Kazakh), a report is written inside ``use_language(lang)``, the CLI
speaks ``ZHOSPAR_LANG`` (default English). ``Message`` is a translatable message with its
parameters, made once where the rule lives and shown in whichever language asks for it.

Message extraction and catalog update: ``python -m zhospar.i18n extract`` (docs/i18n.md).
"""

from __future__ import annotations

from zhospar.i18n._catalogs import DOMAINS, translations
from zhospar.i18n._language import (
    CLI_DEFAULT,
    LANGUAGE_NAMES,
    LANGUAGES,
    WEB_DEFAULT,
    Language,
    cli_language,
    current_language,
    negotiate,
    parse_language,
    use_language,
)
from zhospar.i18n._messages import (
    N_,
    Message,
    gettext,
    lazy_gettext,
    message_values,
    ngettext,
    npgettext,
    pgettext,
)
from zhospar.i18n._numbers import (
    format_amount,
    format_date,
    format_decimal,
    format_figure,
    format_grouped,
    format_moment,
    format_number,
    format_percent,
)

_ = gettext

__all__ = [
    "CLI_DEFAULT",
    "DOMAINS",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "WEB_DEFAULT",
    "Language",
    "Message",
    "_",
    "cli_language",
    "current_language",
    "format_amount",
    "format_date",
    "format_decimal",
    "format_figure",
    "format_grouped",
    "format_moment",
    "format_number",
    "format_percent",
    "gettext",
    "lazy_gettext",
    "message_values",
    "negotiate",
    "ngettext",
    "npgettext",
    "parse_language",
    "pgettext",
    "translations",
    "use_language",
]
