"""The language switch: ``GET /language?lang=ru&next=/plan`` keeps the choice in a cookie and
goes back to the page it was made on.

A plain link, so that it works without JavaScript and on the login page (a public route: the
choice comes before signing in). ``next`` must be a path of this site (``same_site_path``):
the switch is no open redirect.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from zhospar.i18n import Language
from zhospar.web._language import LANGUAGE_COOKIE
from zhospar.web._security import same_site_path

router = APIRouter()

ONE_YEAR = 365 * 24 * 3600


@router.get("/language", response_model=None)
def switch_language(
    request: Request,
    lang: Language,
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> Response:
    """Speak ``lang`` on every page from now on, starting with the page it was chosen on."""
    response = RedirectResponse(same_site_path(next), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE, lang, max_age=ONE_YEAR, httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/",
    )  # fmt: skip
    return response
