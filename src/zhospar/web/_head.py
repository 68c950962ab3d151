"""HEAD answered as GET is (RFC 9110 §9.3.2): the same status and headers, no body.

FastAPI's routes answer only the methods they are declared with, so a ``HEAD`` of a page, a
download or an API GET got 405. Rather than declare HEAD beside every GET (which would also
put a HEAD operation per route into the OpenAPI description), the request is passed on as a
GET and the body of the answer dropped here, in one place; the ``Content-Length`` stays the
GET's, as a client checking a download's size expects.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as GET; only the answer's headers are sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: nothing to send until its end
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
