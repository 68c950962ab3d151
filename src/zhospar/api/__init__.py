"""The JSON API (``/api``): the same figures as the pages, from the same functions.

``router`` is included by ``zhospar.web.create_app``; ``queries`` gathers what both the API and
the pages show; ``errors`` maps Zhospar's exceptions to HTTP status codes. See ``docs/web.md``.
"""

from zhospar.api.context import AppContext, Context, get_context
from zhospar.api.errors import http_status
from zhospar.api.routes import router

__all__ = ["AppContext", "Context", "get_context", "http_status", "router"]
