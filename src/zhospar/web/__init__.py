"""The web pages: server-rendered with htmx, served with the JSON API in one FastAPI app.

    from zhospar.server import create_app
    app = create_app(db)        # or create_app() to serve the configured database

Pages call ``zhospar.services`` (queries and commands), as the API and the CLI do, so a figure
is the same in the report, the API and the pages; no page imports ``zhospar.api``. See
``docs/web.md``.
"""

from zhospar.web.app import pages_app

__all__ = ["pages_app"]
