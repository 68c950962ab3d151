"""The language of each page: negotiated per request and spoken while the request runs.

The switch's cookie (``zhospar_lang``), else ``?lang=kk|ru|en``, else the browser's
``Accept-Language``, else Kazakh (``zhospar.i18n.negotiate``). The request runs inside
``use_language``, so every ``_()`` of a template or a route, and every ``Message`` shown,
speaks it. The answer says which language it is in (``Content-Language``) and that it depends
on the cookie and the browser's languages (``Vary``), so that no cache serves one user's
language to another. The JSON API is left alone: it speaks English, the library's source
language, whatever the browser asks for.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhospar.i18n import Language, negotiate, use_language

__all__ = ["LANGUAGE_COOKIE", "RequestLanguage", "request_language"]

LANGUAGE_COOKIE = "zhospar_lang"
_UNTOUCHED = ("/api/", "/static/")


def request_language(connection: HTTPConnection) -> Language:
    """The language a request asks for (see the module's description)."""
    return negotiate(
        cookie=connection.cookies.get(LANGUAGE_COOKIE),
        query=connection.query_params.get("lang"),
        accept_language=connection.headers.get("accept-language"),
    )


class RequestLanguage:
    """ASGI middleware: the pages' requests run in their language; the answer names it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if scope["type"] != "http" or path == "/api" or path.startswith(_UNTOUCHED):
            await self.app(scope, receive, send)
            return
        language = request_language(HTTPConnection(scope))

        async def with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Language"] = language
                headers.add_vary_header("Cookie")
                headers.add_vary_header("Accept-Language")
            await send(message)

        with use_language(language):
            await self.app(scope, receive, with_language)
