"""Rendering the pages: one Jinja environment with autoescape, and whole page or fragment.

A page ``NAME`` is ``NAME.html.j2`` (the layout around ``NAME_body.html.j2``). A request made
by htmx to update part of a page (the year selector, the entry form) gets only the body; a
normal request, or htmx restoring its history, gets the whole page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Mapping
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from zhospar.audit import finding_kind_word, kind_word, section_words, severity_word
from zhospar.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, gettext, ngettext
from zhospar.ingest.words import gap_shown, section_word
from zhospar.report import (
    format_amount,
    format_display,
    format_number,
    format_percent,
    status_class,
)
from zhospar.rules.facts import fact_label
from zhospar.store import Database, find_region
from zhospar.store.activity_words import action_word
from zhospar.store.activity_words import shown as activity_shown
from zhospar.store.data_version import plan_states
from zhospar.store.evaluation import Memo
from zhospar.web._security import CSRF_FIELD, csrf_token
from zhospar.web._words import (
    act_word,
    chance_word,
    change_word,
    line_status_word,
    risk_state_words,
    role_words,
    search_kind,
    series_word,
    setting_word,
    status_word,
)

__all__ = [
    "after_post",
    "attachment",
    "environment",
    "here",
    "is_fragment",
    "plan_bar",
    "render",
    "render_shared",
    "safe_file_name",
]


def _region_name(code: str | None) -> str:
    """A region's name for a code kept with a value; the whole country when there is none."""
    if not code:
        return gettext("whole country")
    region = find_region(code)
    return f"{region.name_kk} ({code})" if region is not None else code


@cache
def environment() -> Environment:
    """Autoescape on for every template (their names end in .j2, which Jinja's default
    extension-based choice would not escape), and undefined names are errors.

    The templates' words go through gettext in the language of the moment (the request's,
    ``zhospar.web._language``): ``_("...")``, ``ngettext(...)`` with named values, new-style
    (the values are escaped, the translation is not formatted twice)."""
    env = Environment(
        loader=PackageLoader("zhospar.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        current_language=current_language, languages=LANGUAGES, language_names=LANGUAGE_NAMES
    )
    env.filters.update(
        number=format_number,
        amount=format_amount,
        percent=format_percent,
        figure=format_display,
        status_class=status_class,
        region=_region_name,
        fact_note=_fact_note,
        status_word=status_word,
        chance_word=chance_word,
        search_kind=search_kind,
        setting_word=setting_word,
        series_word=series_word,
        action_word=action_word,
        act_word=act_word,
        line_status=line_status_word,
        change_word=change_word,
        activity_detail=_activity_detail,
        section_words=section_words,
        money_kind=kind_word,
        severity_word=severity_word,
        finding_kind=finding_kind_word,
        gap_shown=gap_shown,
        section_word=section_word,
    )
    return env


def _activity_detail(detail: str, action: str) -> str:
    """A line of the activity log in the page's language (``store.activity_words``)."""
    return activity_shown(action, detail)


def _fact_note(actual: Any) -> str:
    """A recorded value's status (unless final) and coverage, shown beside it."""
    return fact_label(getattr(actual, "status", None), getattr(actual, "coverage", None))


def plan_bar(request: Request) -> dict[str, Any] | None:
    """The plan this page shows, and the plans to switch to: every page names its plan.

    Only once the request's plan was worked out (``zhospar.services.http.chosen_plan_key``);
    an error page made before that shows no bar rather than asking a database that failed."""
    if not hasattr(request.state, "plan_key"):
        return None
    choices = _plan_titles(request.app.state.context.db)
    request.state.plan_titles = choices  # the Zhospar-Plan header reads the first, not again
    key = request.state.plan_key or (choices[0][0] if choices else None)
    if key is None:
        return None
    titles = dict(choices)
    return {"key": key, "title": titles.get(key.partition("@")[0], key), "choices": choices}


def _plan_titles(db: Database) -> list[tuple[str, str]]:
    """Each stored plan's key and title, read again only when the plans stored change.

    A plan's title never changes once stored, and which plans are stored is in their states,
    which a GET reads once anyway (``plan_states``): most pages then ask the database nothing
    more for their plan bar."""
    stored = tuple((s.key, s.identity) for s in plan_states(db))
    found = db._cache.get(_TITLES)
    if found is not None and found[0] == stored:
        return list(found[1])
    titles = db.plan_titles()  # read after the states: the stamp is never newer than the titles
    db._cache[_TITLES] = (stored, tuple(titles))
    return titles


_TITLES = ("plan-titles",)  # where ``_plan_titles`` keeps them, in the database's cache


def is_fragment(request: Request) -> bool:
    headers = request.headers
    return headers.get("hx-request") == "true" and "hx-history-restore-request" not in headers


def here(request: Request) -> str:
    """The page's path and query: where the language switch comes back to."""
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path


def render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    """The page ``name`` (or, for htmx, its body) with ``context`` and the CSRF token."""
    fragment = is_fragment(request)
    template = f"{name}_body.html.j2" if fragment else f"{name}.html.j2"
    values = {
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "signed_in": getattr(request.state, "person", None),
        "role_names": role_words(),
        "risk_states": risk_state_words(),
        "plan_bar": plan_bar(request),
        **context,
    }
    html = (
        environment()
        .get_template(template)
        .render(request_path=request.url.path, here=here(request), **values)
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Vary"] = "HX-Request"
    return response


# The most page bodies one state of a plan's data keeps (about 14 kB each): the pages people
# look at are kept; a crawler asking for every indicator, year and language gets the rest made
# per request rather than filling the memory (the next write drops them all anyway).
MAX_SHARED_BODIES = 1000


class _BodiesKept:
    """Which page bodies one state of the data keeps: the first ``limit`` asked for."""

    def __init__(self, limit: int) -> None:
        self._keys: set[Hashable] = set()
        self._guard = threading.Lock()
        self._limit = limit

    def admits(self, key: Hashable) -> bool:
        with self._guard:
            if key not in self._keys and len(self._keys) < self._limit:
                self._keys.add(key)
            return key in self._keys


_KEPT = ("pages-kept",)  # where the memo holds its ``_BodiesKept``


# What a shared body holds in place of what is the visitor's own: text that escaped output can
# never contain (every ``<`` of a value is ``&lt;``), so only these slots are ever filled in.
_SLOT = "<zhospar-slot {}>"
_CSRF_SLOT = "csrf_token"


def render_shared(
    request: Request,
    name: str,
    memo: Memo,
    key: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
    layout: dict[str, Any],
    personal: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The page ``name`` whose body is the same for everyone who sees it: the body is rendered
    once per state of the data (``memo``, the evaluation's: one plan), language and ``key``
    (e.g. the year, and what the visitor's role lets them do), then put in each visitor's
    layout (their name, their CSRF token).

    What of the visitor the body shows is rendered as a slot and filled per request, escaped:
    the forms' ``csrf_token``, and each value of ``personal`` (e.g. ``user``: the name values
    are recorded as). Anything else of the visitor that changes the body (their permissions)
    belongs in ``key``. ``context`` is computed only when the body is rendered; ``layout`` is
    what the layout needs around it (the title, the year selector).
    """
    personal = {**(personal or {}), _CSRF_SLOT: csrf_token(request)}

    def body() -> str:
        slots = {slot: Markup(_SLOT.format(slot)) for slot in personal}
        return (
            environment()
            .get_template(f"{name}_body.html.j2")
            .render(
                {"request_path": request.url.path, "csrf_field": CSRF_FIELD, **context(), **slots}
            )
        )

    language = current_language()  # one body per language the page is asked in
    kept_as = ("page", name, request.url.path, language, *key)
    kept = memo.get(_KEPT, lambda: _BodiesKept(MAX_SHARED_BODIES))
    shared = memo.get(kept_as, body) if kept.admits(kept_as) else body()
    for slot, value in personal.items():
        shared = shared.replace(_SLOT.format(slot), escape(value))
    filled = Markup(shared)  # rendered with autoescape, the slots filled escaped: safe as it is
    if is_fragment(request):
        response = HTMLResponse(str(filled))
        response.headers["Vary"] = "HX-Request"
        return response
    return render(request, name, {**layout, "shared_body": filled})


def after_post(request: Request, location: str, page: Callable[[], HTMLResponse]) -> Response:
    """What a form gets once its post succeeded: htmx the refreshed body (with its notice), a
    plain form post a redirect back (303), so that reloading the page does not post again."""
    if is_fragment(request):
        return page()
    return RedirectResponse(location, status_code=303)


def safe_file_name(name: str) -> str:
    """A name built from a plan key, reduced to characters safe in a header and a path."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", name)


def attachment(data: bytes, name: str, media_type: str) -> Response:
    """A file to download under ``name`` (made safe: it goes into a header)."""
    headers = {"Content-Disposition": f'attachment; filename="{safe_file_name(name)}"'}
    return Response(data, media_type=media_type, headers=headers)
