"""The web app: server-rendered pages with htmx, and the JSON API, in one FastAPI app.

    from zhospar.web import create_app
    app = create_app(db)        # or create_app() to serve the configured database

Pages call ``zhospar.api.queries``, as the API does, so a figure is the same in the report, the
API and the pages. See ``docs/web.md``.
"""

from zhospar.web.app import create_app

__all__ = ["create_app"]
