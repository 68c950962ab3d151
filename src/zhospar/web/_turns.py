"""Reads take turns; writes go straight through.

A worker serves each request in a thread of its own, and Python runs one thread at a time: with
forty pages being computed at once, a person saving a value got a fortieth of the processor and
waited seconds for a write that costs milliseconds. Here at most ``READ_TURNS`` reads (GET, and
HEAD, which runs as GET) of a worker run at once; the others wait their turn in the order they
came, costing nothing while they wait. A write (POST, PUT, PATCH, DELETE) never waits for a
turn, so it shares the processor with a few reads, not with all of them. Reads lose little:
they were bound by the processor anyway, and first come, first served keeps the earliest from
waiting longest.
"""

from __future__ import annotations

import asyncio
from weakref import WeakKeyDictionary

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["READ_TURNS", "ReadTurns"]

# Reads of one worker at once: enough to overlap one read's database round-trips with another's
# work, few enough that a write is not one thread among dozens.
READ_TURNS = 4


class ReadTurns:
    """ASGI middleware: this worker's GET requests run at most ``turns`` at a time."""

    def __init__(self, app: ASGIApp, turns: int = READ_TURNS) -> None:
        self.app = app
        self.turns = turns
        # one gate per event loop (a worker has one; tests may run several in turn)
        self._gates: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates.setdefault(loop, asyncio.Semaphore(self.turns))
        async with gate:
            await self.app(scope, receive, send)
