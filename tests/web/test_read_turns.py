"""Reads take turns, writes go straight through (``zhospar.web._turns``), and the workers of
``zhospar serve`` hand the processor on quickly."""

from __future__ import annotations

import asyncio
import sys

import pytest
from starlette.types import Message, Receive, Scope, Send

from zhospar.web._turns import READ_TURNS, ReadTurns


class _Held:
    """An app whose requests wait until released, counting how many are inside at once."""

    def __init__(self) -> None:
        self.inside: list[str] = []
        self.release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.inside.append(scope["method"])
        await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _request(method: str) -> Scope:
    return {"type": "http", "method": method, "path": "/", "headers": []}


async def _nothing() -> Message:
    return {"type": "http.request", "body": b""}


async def _drop(message: Message) -> None:
    return None


def test_at_most_the_turns_of_reads_run_at_once_and_a_write_does_not_wait() -> None:
    async def run() -> None:
        app = _Held()
        turns = ReadTurns(app)
        reads = [
            asyncio.create_task(turns(_request("GET"), _nothing, _drop))
            for _ in range(READ_TURNS + 3)
        ]
        await asyncio.sleep(0.05)
        assert app.inside == ["GET"] * READ_TURNS  # three reads wait for a turn
        write = asyncio.create_task(turns(_request("POST"), _nothing, _drop))
        await asyncio.sleep(0.05)
        assert app.inside == ["GET"] * READ_TURNS + ["POST"]  # the write went straight in
        app.release.set()
        await asyncio.gather(*reads, write)
        assert app.inside.count("GET") == READ_TURNS + 3  # every read had its turn

    asyncio.run(run())


def test_the_turns_are_kept_per_event_loop() -> None:
    """A gate used in one event loop (a test client's) serves the next loop too."""
    turns = ReadTurns(_Held(), turns=1)

    async def crowd() -> None:
        app = turns.app
        assert isinstance(app, _Held)
        app.release = asyncio.Event()
        tasks = [asyncio.create_task(turns(_request("GET"), _nothing, _drop)) for _ in range(3)]
        await asyncio.sleep(0.01)
        app.release.set()
        await asyncio.gather(*tasks)

    asyncio.run(crowd())
    asyncio.run(crowd())  # another loop: no "bound to a different event loop"


def test_a_worker_hands_the_processor_on_within_half_a_millisecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zhospar import server

    monkeypatch.setattr(server, "create_app", lambda **_: None)
    before = sys.getswitchinterval()
    try:
        server.worker_app()
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    finally:
        sys.setswitchinterval(before)
