"""Reads take turns; writes go straight through.

A worker serves each request in a thread of its own, and Python runs one thread at a time: with
forty pages being computed at once, a person saving a value got a fortieth of the processor and
waited seconds for a write that costs milliseconds. Here at most ``READ_TURNS`` reads (GET, and
HEAD, which runs as GET) of a worker run at once; the others wait their turn in the order they
came, costing nothing while they wait. A write (POST, PUT, PATCH, DELETE) never waits for a
turn, so it shares the processor with a few reads, not with all of them. Reads lose little:
they were bound by the processor anyway, and first come, first served keeps the earliest from
waiting longest.

A report file (``GET /report?format=...``) takes a second or two to build where a page takes
milliseconds: four people downloading reports would hold every turn and leave the pages waiting
behind them. Files take turns of their own, ``FILE_TURNS`` at a time, beside the pages' turns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from weakref import WeakKeyDictionary

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["FILE_TURNS", "READ_TURNS", "ReadTurns", "builds_a_file"]

# Reads of one worker at once: enough to overlap one read's database round-trips with another's
# work, few enough that a write is not one thread among dozens.
READ_TURNS = 4
# Report files one worker builds at once, beside the reads.
FILE_TURNS = 1


def builds_a_file(scope: Scope) -> bool:
    """A request for a report file (``zhospar.web.report_pages``: ``/report`` with a format),
    not a page."""
    return scope["path"] == "/report" and b"format=" in scope.get("query_string", b"")


class _Gates:
    """One semaphore per event loop (a worker has one; tests may run several in turn)."""

    def __init__(self, turns: int) -> None:
        self.turns = turns
        self._by_loop: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            WeakKeyDictionary()
        )

    def here(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._by_loop.get(loop)
        if gate is None:
            gate = self._by_loop.setdefault(loop, asyncio.Semaphore(self.turns))
        return gate


class ReadTurns:
    """ASGI middleware: this worker's GET requests run at most ``turns`` at a time, report files
    at most ``files`` at a time beside them."""

    def __init__(
        self,
        app: ASGIApp,
        turns: int = READ_TURNS,
        files: int = FILE_TURNS,
        is_file: Callable[[Scope], bool] = builds_a_file,
    ) -> None:
        self.app = app
        self._pages, self._files = _Gates(turns), _Gates(files)
        self._is_file = is_file

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        gates = self._files if self._is_file(scope) else self._pages
        async with gates.here():
            await self.app(scope, receive, send)
