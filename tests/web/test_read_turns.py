"""Reads take turns, writes go straight through (``zhospar.web._turns``), and the workers of
``zhospar serve`` hand the processor on quickly."""

from __future__ import annotations

import asyncio
import sys

import pytest
from starlette.types import Message, Receive, Scope, Send

from zhospar.web._turns import FILE_TURNS, READ_TURNS, ReadTurns, builds_a_file


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


def _request(method: str, path: str = "/", query: bytes = b"") -> Scope:
    return {"type": "http", "method": method, "path": path, "query_string": query, "headers": []}


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


def test_report_files_take_turns_of_their_own_and_leave_the_pages_theirs() -> None:
    async def run() -> None:
        app = _Held()
        turns = ReadTurns(app)
        report = _request("GET", "/report", b"year=2012&format=pdf")
        files = [asyncio.create_task(turns(report, _nothing, _drop)) for _ in range(3)]
        await asyncio.sleep(0.05)
        assert app.inside == ["GET"] * FILE_TURNS  # one file is built, the others wait
        pages = [
            asyncio.create_task(turns(_request("GET", "/report", b"year=2012"), _nothing, _drop))
            for _ in range(READ_TURNS)
        ]
        await asyncio.sleep(0.05)
        assert len(app.inside) == FILE_TURNS + READ_TURNS  # the pages did not wait for files
        app.release.set()
        await asyncio.gather(*files, *pages)
        assert len(app.inside) == 3 + READ_TURNS

    asyncio.run(run())


def test_a_report_file_is_told_from_the_report_page() -> None:
    assert builds_a_file(_request("GET", "/report", b"year=2012&format=xlsx"))
    assert builds_a_file(_request("GET", "/report", b"format=pdf&form=official"))
    assert not builds_a_file(_request("GET", "/report", b"year=2012"))
    assert not builds_a_file(_request("GET", "/reports", b"format=pdf"))
    assert not builds_a_file(_request("GET", "/", b""))


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
