"""The web application: the pages (``zhospar.web``) and the JSON API (``zhospar.api``) in one app.

    from zhospar.server import create_app
    app = create_app(db)        # or create_app() to serve the configured database

The two are put together here, outside both, so that neither imports the other: both ask
``zhospar.services``. The pages' app brings the database, the security headers, static files
and error answers (JSON under ``/api``, pages elsewhere); the API adds its routes under ``/api``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from fastapi import FastAPI

from zhospar.api import router as api_router
from zhospar.api.plan_routes import router as plan_api_router
from zhospar.store import Database, Settings
from zhospar.web import pages_app

__all__ = ["WORKER_OPTIONS", "WorkerOptions", "create_app", "worker_app"]

WORKER_OPTIONS = "ZHOSPAR_SERVE_OPTIONS"  # what `zhospar serve` hands its workers, as JSON

# How long a worker's thread runs before another may (Python's default: 5 ms). A write's
# transaction gives the processor up at each database call and waits up to this long to get it
# back from the reads being computed: at 5 ms, a few milliseconds of work held SQLite's write
# lock for tens of milliseconds, and every writer queued behind it waited as long.
SWITCH_INTERVAL = 0.0005


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


@dataclass(frozen=True)
class WorkerOptions:
    """The options of ``zhospar serve`` that each worker needs (the database is in
    ``ZHOSPAR_DATABASE_URL``)."""

    plan_key: str | None = None
    public: bool = False
    allowed_hosts: tuple[str, ...] = ()
    user: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> WorkerOptions:
        found = json.loads(text or "{}")
        return cls(
            found.get("plan_key"),
            bool(found.get("public")),
            tuple(found.get("allowed_hosts") or ()),
            found.get("user"),
        )


def worker_app() -> FastAPI:
    """The app of one worker of ``zhospar serve --workers N`` (uvicorn's factory): the database
    of ``ZHOSPAR_DATABASE_URL``, opened when the worker starts, and the options ``serve`` put in
    ``ZHOSPAR_SERVE_OPTIONS``. Workers share nothing but the database."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    options = WorkerOptions.from_json(os.environ.get(WORKER_OPTIONS, ""))
    settings = Settings.from_env()
    if options.user:
        settings = Settings(settings.database_url, options.user)
    return create_app(
        settings=settings,
        plan_key=options.plan_key,
        public=options.public,
        allowed_hosts=options.allowed_hosts,
    )
