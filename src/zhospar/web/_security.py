"""Security of the pages: response headers and the CSRF token of forms.

* Every response carries a Content-Security-Policy that allows scripts, styles and images from
  this site only (``script-src 'self'``: no inline script, no CDN), plus ``nosniff``, no framing
  and no referrer. Untrusted text (the plan's own words, users' sources and comments) is escaped
  by the templates' autoescape; the policy is the second line of defence.
* Forms carry a CSRF token signed by the server: an HMAC, under a secret kept in the database,
  of the visitor's session id (or, before signing in, of a random value in a ``SameSite=Strict``
  HttpOnly cookie). A POST whose field is not the signature of its own session is refused with
  403. A page of another site, even one that set the cookie itself, cannot compute it.
  ``CsrfForm`` is the dependency every form route takes: it runs before the route's own fields
  are looked at, so a forged post gets 403, never 422.
* Only the host names the server is reached by are answered (``SiteGuard``): 127.0.0.1,
  localhost, [::1] and those given with ``--allowed-host``; any other ``Host`` gets 400, so a
  page whose domain is made to resolve to 127.0.0.1 (DNS rebinding) reaches nothing.
* A request body larger than the route allows is refused (413) from its ``Content-Length``
  before it is read: 64 KB for a form, the upload cap for an import file.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhospar.i18n import gettext
from zhospar.web._uploads import MAX_UPLOAD_BYTES

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "LOOPBACK_HOSTS",
    "CsrfForm",
    "SiteGuard",
    "check_csrf",
    "csrf_token",
    "same_site_path",
]

CSRF_COOKIE = "zhospar_csrf"
CSRF_FIELD = "csrf_token"
_TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _valid(token: str | None) -> bool:
    return token is not None and len(token) == _TOKEN_LENGTH and token.isascii()


def visitor_cookie(request: Request) -> str:
    """The visitor's random value: from the cookie, or a new one that the response will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if _valid(token):
        return token  # type: ignore[return-value]
    new = getattr(request.state, "csrf_new", None)
    if new is None:
        new = secrets.token_urlsafe(32)
        request.state.csrf_new = new
    return str(new)


def _secret(request: Request) -> bytes:
    """The server's signing key, read from the database once per app."""
    from zhospar.store.credentials import server_secret

    state = request.app.state
    if getattr(state, "secret", None) is None:
        state.secret = server_secret(state.context.db)
    return state.secret  # type: ignore[no-any-return]


def _sign(request: Request, binding: str) -> str:
    digest = hmac.new(_secret(request), binding.encode("ascii", "replace"), hashlib.sha256)
    return digest.hexdigest()


def _binding(request: Request) -> str | None:
    """What a token is bound to: the signed-in session, else the visitor's cookie."""
    session = getattr(request.state, "session_id", None)
    if session:
        return f"session:{session}"
    cookie = request.cookies.get(CSRF_COOKIE)
    return f"visitor:{cookie}" if _valid(cookie) else None


def csrf_token(request: Request) -> str:
    """The token of this visitor's forms (setting their cookie first when they have none)."""
    visitor = visitor_cookie(request)  # kept even when signed in: uploads are bound to it
    return _sign(request, _binding(request) or f"visitor:{visitor}")


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a form whose token is missing or is not the signature of its session."""
    binding = _binding(request)
    expected = _sign(request, binding) if binding is not None else ""
    if not (expected and submitted and hmac.compare_digest(expected, submitted)):
        raise HTTPException(
            403,
            gettext(
                "the form's security token is missing or out of date: reload the page and retry"
            ),
        )


def _csrf_form(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    check_csrf(request, csrf_token)


CsrfForm = Depends(_csrf_form)

MAX_FORM_BYTES = 64 * 1024
_LIMITS = {  # path -> largest body
    "/import/preview": MAX_UPLOAD_BYTES + MAX_FORM_BYTES,
    "/api/imports": MAX_UPLOAD_BYTES + MAX_FORM_BYTES,
}


def same_site_path(target: str) -> str:
    """``target`` when it is a path of this site, else ``/``: never ``//evil.example``,
    ``/\\evil.example`` nor a full URL (an open redirect), nor a control character."""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    ):
        return target
    return "/"


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port: ``[::1]:8000`` -> ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SiteGuard:
    """ASGI middleware around the sign-in and the routes: the security headers (and the CSRF
    cookie a page made) on every answer, 400 for a host name not allowed (DNS rebinding), 413
    for a body over the path's limit, refused from its ``Content-Length`` before it is read (a
    chunked body has no length; the upload route caps it again while copying).

    Plain ASGI rather than ``@app.middleware("http")``: each of those runs the rest of the app
    in a task of its own and streams the answer through a queue, a cost every request paid."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(scope, message)
            await send(message)

        refusal = _refusal(HTTPConnection(scope), scope["method"])
        if refusal is not None:
            await refusal(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def _refusal(connection: HTTPConnection, method: str) -> Response | None:
    """400 for a host name not allowed, 413 for a body known to be too large, else None."""
    allowed = getattr(connection.app.state, "allowed_hosts", LOOPBACK_HOSTS)
    name = host_name(connection.headers.get("host", ""))
    if name not in allowed:
        shown = name[:80] or "(none)"
        return PlainTextResponse(
            f"this server does not answer to the host name {shown}: start it with "
            "--allowed-host NAME to reach it by that name",
            400,
        )
    length = connection.headers.get("content-length", "")
    limit = _LIMITS.get(connection.url.path, MAX_FORM_BYTES)
    if method == "POST" and length.isdigit() and int(length) > limit:
        return PlainTextResponse(f"the request is larger than {limit // 1024} KB", 413)
    return None


def _add_headers(scope: Scope, message: Message) -> None:
    """The security headers (unless the answer set its own) and a CSRF cookie made for it."""
    headers = MutableHeaders(scope=message)
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    new = scope.get("state", {}).get("csrf_new")
    if new is not None:
        cookie = Response()
        cookie.set_cookie(
            CSRF_COOKIE,
            new,
            httponly=True,
            samesite="strict",
            path="/",
            secure=scope.get("scheme") == "https",
        )
        headers.append("set-cookie", cookie.headers["set-cookie"])
