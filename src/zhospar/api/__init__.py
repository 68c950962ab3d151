"""The JSON API (``/api``): routes, response models, and errors as JSON.

``router`` is included by ``zhospar.server.create_app``. Its routes ask ``zhospar.services``
(the same queries and commands as the pages and the CLI) and lay the answers out in the
response models of ``models``; an error's status code comes from ``zhospar.services.http``,
shared with the pages. See ``docs/web.md``.
"""

from zhospar.api.routes import router

__all__ = ["router"]
