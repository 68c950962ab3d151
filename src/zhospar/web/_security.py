"""Security of the pages: response headers and the CSRF token of forms.

* Every response carries a Content-Security-Policy that allows scripts, styles and images from
  this site only (``script-src 'self'``: no inline script, no CDN), plus ``nosniff``, no framing
  and no referrer. Untrusted text (the plan's own words, users' sources and comments) is escaped
  by the templates' autoescape; the policy is the second line of defence.
* Forms are protected by a double-submit token: a random value in a ``SameSite=Strict``,
  HttpOnly cookie, echoed in a hidden field of every form. A POST whose field does not match its
  cookie is refused with 403. Another site can neither read the cookie nor the page holding the
  field, so it cannot forge the pair. ``CsrfForm`` is the dependency every form route takes:
  it runs before the route's own fields are looked at, so a forged post gets 403, never 422.
* A request body larger than the route allows is refused (413) from its ``Content-Length``
  before it is read: 64 KB for a form, the upload cap for an import file.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse

from zhospar.web._uploads import MAX_UPLOAD_BYTES

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CsrfForm",
    "check_csrf",
    "csrf_token",
    "limit_body",
    "security_headers",
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


def csrf_token(request: Request) -> str:
    """The visitor's token: from the cookie, or a new one that the response will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if _valid(token):
        return token  # type: ignore[return-value]
    new = getattr(request.state, "csrf_new", None)
    if new is None:
        new = secrets.token_urlsafe(32)
        request.state.csrf_new = new
    return str(new)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a form whose token is missing or differs from the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (_valid(cookie) and submitted and secrets.compare_digest(cookie or "", submitted)):
        raise HTTPException(
            403, "the form's security token is missing or out of date: reload the page and retry"
        )


def _csrf_form(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    check_csrf(request, csrf_token)


CsrfForm = Depends(_csrf_form)

MAX_FORM_BYTES = 64 * 1024
_LIMITS = {  # path -> largest body
    "/import/preview": MAX_UPLOAD_BYTES + MAX_FORM_BYTES,
    "/api/imports": MAX_UPLOAD_BYTES + MAX_FORM_BYTES,
}


async def limit_body(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Refuse a body over the path's limit before reading it (a chunked body has no length;
    the upload route caps it again while copying)."""
    length = request.headers.get("content-length", "")
    limit = _LIMITS.get(request.url.path, MAX_FORM_BYTES)
    if request.method == "POST" and length.isdigit() and int(length) > limit:
        return PlainTextResponse(f"the request is larger than {limit // 1024} KB", 413)
    return await call_next(request)


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Add the security headers to every response, and the CSRF cookie when one was made."""
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    new = getattr(request.state, "csrf_new", None)
    if new is not None:
        response.set_cookie(
            CSRF_COOKIE,
            new,
            httponly=True,
            samesite="strict",
            path="/",
            secure=request.url.scheme == "https",
        )
    return response
