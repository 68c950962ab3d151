"""The web application: the pages (``zhospar.web``) and the JSON API (``zhospar.api``) in one app.

    from zhospar.server import create_app
    app = create_app(db)        # or create_app() to serve the configured database

The two are put together here, outside both, so that neither imports the other: both ask
``zhospar.services``. The pages' app brings the database, the security headers, static files
and error answers (JSON under ``/api``, pages elsewhere); the API adds its routes under ``/api``.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI

from zhospar.api import router as api_router
from zhospar.api.plan_routes import router as plan_api_router
from zhospar.store import Database, Settings
from zhospar.web import pages_app

__all__ = ["create_app"]


def create_app(
    db: Database | None = None,
    *,
    settings: Settings | None = None,
    plan_key: str | None = None,
    public: bool = False,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """The web app over ``db`` (or the database of ``settings``), showing plan ``plan_key``;
    ``public`` and ``allowed_hosts`` as ``zhospar.web.pages_app`` takes them."""
    app = pages_app(
        db, settings=settings, plan_key=plan_key, public=public, allowed_hosts=allowed_hosts
    )
    app.include_router(api_router)
    app.include_router(plan_api_router)
    return app
