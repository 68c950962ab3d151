"""A small HTTP/1.1 keep-alive client on asyncio streams, for ``bench/serve.py``'s load.

httpx costs the bench process some milliseconds of CPU per request, and on a small machine the
load client shares the cores with the server it measures: its cost shows up as the server's
latency. This client does only what the bench needs, at a fraction of the cost: ``GET`` and
``POST`` (JSON) on keep-alive connections to one server, each answer read whole (by its
``Content-Length``, or chunk by chunk) before the call returns, so that a latency measured
around a call runs from sending the request to receiving the last byte of the body. A
connection is taken from the idle ones (or opened: the time to connect counts) and given back
only after a complete answer that does not close it; any error closes it. There are never more
connections than calls in flight, so the caller's number of concurrent clients bounds them. An
idle connection the server may have closed (its keep-alive is 5 s) is not reused.
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

__all__ = [
    "Answer",
    "Client",
    "ClientError",
    "ConnectError",
    "ProtocolError",
    "ReadError",
    "Timeout",
]


class ClientError(Exception):
    """A request that got no complete answer (its class name is what the bench reports)."""


class ConnectError(ClientError):
    pass


class ReadError(ClientError):
    pass


class ProtocolError(ClientError):
    pass


class Timeout(ClientError):
    pass


@dataclass
class Answer:
    """One complete answer: its status, its headers (names in lower case), its whole body."""

    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    def json(self) -> Any:
        return jsonlib.loads(self.content)


_Stream = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class Client:
    """Requests to one ``http://host:port`` server, each with ``headers`` (e.g. the token)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None, timeout: float = 120):
        parts = urlsplit(base)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"an http://host:port address, not {base!r}")
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        fixed = {"Host": parts.netloc, "Accept": "*/*", **(headers or {})}
        self._head = "".join(f"{name}: {value}\r\n" for name, value in fixed.items())
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        idle, self._idle = self._idle, []
        for _, writer, _ in idle:
            writer.close()

    async def get(self, path: str, params: dict[str, str] | None = None) -> Answer:
        target = f"{path}?{urlencode(params)}" if params else path
        return await self.request("GET", target)

    async def post(self, path: str, json: Any = None) -> Answer:
        body = jsonlib.dumps(json).encode("utf-8")
        return await self.request("POST", path, body, "application/json")

    async def request(
        self, method: str, target: str, body: bytes = b"", media_type: str | None = None
    ) -> Answer:
        """Send one request on an idle (or new) connection and read its whole answer."""
        head = f"{method} {target} HTTP/1.1\r\n{self._head}"
        if body or method == "POST":
            head += f"Content-Length: {len(body)}\r\n"
            if media_type:
                head += f"Content-Type: {media_type}\r\n"
        message = (head + "\r\n").encode("latin-1") + body
        try:
            async with asyncio.timeout(self.timeout):
                stream = self._reusable() or await self._connect()
                try:
                    stream[1].write(message)
                    answer, keep = await _read_answer(stream[0], method)
                except BaseException:
                    stream[1].close()
                    raise
        except TimeoutError as error:
            raise Timeout(f"no complete answer within {self.timeout:g} s") from error
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
            raise ReadError(str(error) or type(error).__name__) from error
        except ValueError as error:  # a length or a chunk size that is not a number
            raise ProtocolError(str(error)) from error
        if keep:
            self._idle.append((*stream, time.monotonic()))
        else:
            stream[1].close()
        return answer

    def _reusable(self) -> _Stream | None:
        """An idle connection the server has not closed: not at its end, and idle for less
        than uvicorn's keep-alive (5 s), after which the server closes it."""
        while self._idle:
            reader, writer, since = self._idle.pop()
            if not reader.at_eof() and not writer.is_closing() and time.monotonic() - since < 4:
                return reader, writer
            writer.close()
        return None

    async def _connect(self) -> _Stream:
        try:
            return await asyncio.open_connection(self.host, self.port)
        except OSError as error:
            raise ConnectError(str(error)) from error


async def _read_answer(reader: asyncio.StreamReader, method: str) -> tuple[Answer, bool]:
    """The answer on ``reader`` and whether its connection stays open for the next request."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    code = rest[:3]
    if not version.startswith("HTTP/1.") or not code.isdigit():
        raise ProtocolError(f"not an HTTP/1.x status line: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    status = int(code)
    keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _chunks(reader)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:  # the body runs to the end of the connection
        body, keep = await reader.read(), False
    return Answer(status, headers, body), keep


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                pass
            return b"".join(parts)
        parts.append((await reader.readexactly(size + 2))[:-2])
