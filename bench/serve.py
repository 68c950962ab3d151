"""Load on ``zhospar serve``: requests/s and latency per endpoint, beside ``/api/openapi.json``.

Starts the server with the real CLI (a subprocess: ``zhospar serve --workers N``) on SQLite
(a temporary file) and on PostgreSQL (a temporary database made on the server of
``ZHOSPAR_TEST_POSTGRES_URL``, else ``postgresql+psycopg://postgres@127.0.0.1:5432/test``, and
dropped afterwards), with the bundled plan and the facts of ``tests/data/facts-2010-2014.csv``.
A user ``bench`` (planner) and an API token are made with the CLI; every request sends the
token. A bounded load client (``bench/loadclient.py``: HTTP/1.1 keep-alive on asyncio streams,
a fixed number of concurrent clients over loopback, each answer's status checked and its body
read whole before its latency is taken) then drives, at 10 and at 50 clients, the dashboard, an
indicator page, the plan page and ``/api/plan``, each for a few seconds, after a second of
unmeasured load on each so that every worker has computed its evaluation, and prints
requests/s, p50/p95/p99 and the server's CPU per answer (all workers, from /proc on Linux)
beside the same server's ``/api/openapi.json`` (an answer with no database work: the server's
ceiling). The client is light (a fraction of a millisecond of CPU per request, where httpx took
several) because on a small machine it shares the cores with the server it measures.

What bounds the latency at 50 clients (Little's law): the mean latency is 50 / (answers/s), and
with ``cpu ms`` of server CPU per answer on C free cores answers/s <= C x 1000 / cpu ms, so the
mean is at least 50 x cpu ms / C: 250 ms for 10 ms per answer on 2 free cores. A machine whose
load average is well above its cores gives the server fewer than C and stretches every figure
(the load average is printed beside them).

A mixed run follows: 10 writers (``POST /api/actuals`` with the token, each value with its own
comment, so each accepted write is one new revision) beside 40 readers of the four pages; it
prints the write p99, then checks that every accepted write is present exactly once.

The goal (issue 13): each page at least a quarter of the openapi rate, p99 < 1 s at 50 clients;
write p99 < 1 s. The figures depend on the machine: the load average is printed with them.

    .venv/bin/python bench/serve.py                 # both backends, workers = cores
    .venv/bin/python bench/serve.py --backend sqlite --seconds 5 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from loadclient import Client, ClientError

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "tests" / "data" / "facts-2010-2014.csv"
ZHOSPAR = Path(sys.executable).parent / "zhospar"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CEILING = ("openapi", "/api/openapi.json")
PAGES = [
    ("dashboard", "/"),
    ("indicator page", "/indicators/G1.1-I1"),
    ("plan page", "/plan"),
    ("/api/plan", "/api/plan"),
]
SERVED: list[int] = []  # the process id of the server being measured
WRITTEN = ("G1.1-I1", "2013")  # the writers' indicator and period (a new revision each time)


@dataclass
class Run:
    """One endpoint driven by ``clients`` clients: each answer's time, and the failures."""

    name: str
    clients: int
    seconds: float = 0.0
    cpu: float = float("nan")  # seconds of CPU the server's processes spent in the run
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    codes: dict[str, int] = field(default_factory=dict)  # what the failures were

    def failed(self, what: str) -> None:
        self.failures += 1
        self.codes[what] = self.codes.get(what, 0) + 1

    @property
    def cpu_ms(self) -> float:
        """The server's CPU per answer, in milliseconds (all its workers together)."""
        return self.cpu * 1000 / len(self.latencies) if self.latencies else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(ZHOSPAR), *args], env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"zhospar {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A new database on the test server, dropped afterwards: its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(os.environ.get("ZHOSPAR_TEST_POSTGRES_URL") or PG_DEFAULT)
    name = f"zhospar_bench_{secrets.token_hex(4)}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _database(backend: str) -> Iterator[str]:
    if backend == "postgresql":
        with _postgres_database() as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="zhospar-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


def _prepare(env: dict[str, str]) -> str:
    """The bundled plan, the official facts, a planner and its token (the CLI, as a user would)."""
    _cli(env, "init")
    _cli(env, "import", str(FACTS))
    _cli(env, "user", "add", "bench", "--role", "planner", "--password-stdin",
         stdin="bench password, long enough\n")  # fmt: skip
    return _cli(env, "token", "create", "bench").strip().splitlines()[-1].strip()


@contextmanager
def _server(env: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """(Its process id is kept in ``SERVED``, for the CPU its workers spend: ``_cpu``.)"""
    """``zhospar serve`` on a free port, until the block ends: its base URL."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(ZHOSPAR), "serve", "--port", str(port), "--workers", str(workers)],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    SERVED[:] = [process.pid]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        SERVED.clear()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _wait_ready(client: Client, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await client.get(CEILING[1])).status_code == 200:
                return
        except ClientError:
            pass
        await asyncio.sleep(0.5)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s:\n{log.read_text()}")


async def _get(client: Client, path: str) -> str:
    """The answer's status code, or the name of the error that stopped it."""
    try:
        return str((await client.get(path)).status_code)
    except ClientError as error:
        return type(error).__name__


async def _drive(client: Client, run: Run, path: str, seconds: float) -> Run:
    """``run.clients`` clients, each asking ``path`` again as soon as it is answered."""
    deadline = time.perf_counter() + seconds

    async def one() -> None:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            what = await _get(client, path)
            if what == "200":
                run.latencies.append(time.perf_counter() - start)
            else:
                run.failed(what)

    began, cpu = time.perf_counter(), _cpu()
    await asyncio.gather(*(one() for _ in range(run.clients)))
    run.seconds, run.cpu = time.perf_counter() - began, _cpu() - cpu
    return run


def _cpu() -> float:
    """Seconds of CPU spent so far by the server's process and its workers (Linux: /proc; nan
    elsewhere)."""
    if not SERVED or not Path(f"/proc/{SERVED[0]}").exists():
        return float("nan")
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in [SERVED[0], *_children(SERVED[0])]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that just ended
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(x) for x in task.read_text().split()]
        except OSError:
            continue
    return found


@dataclass
class Mixed:
    reads: Run
    writes: Run
    accepted: list[str]
    present: dict[str, int]


async def _mixed(client: Client, seconds: float, writers: int = 10, readers: int = 40) -> Mixed:
    """Writers beside readers; then every accepted write is looked for in the history."""
    reads, writes = Run("reads", readers), Run("writes", writers)
    accepted: list[str] = []
    tag = secrets.token_hex(3)
    deadline = time.perf_counter() + seconds

    async def reader(i: int) -> None:
        n = i
        while time.perf_counter() < deadline:
            path = PAGES[n % len(PAGES)][1]
            n += 1
            start = time.perf_counter()
            what = await _get(client, path)
            if what == "200":
                reads.latencies.append(time.perf_counter() - start)
            else:
                reads.failed(what)

    async def writer(w: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            comment = f"bench {tag} writer {w} write {n}"
            body = {"indicator_id": WRITTEN[0], "period": WRITTEN[1],
                    "value": f"5.{w}{n % 10}", "comment": comment}  # fmt: skip
            start = time.perf_counter()
            try:
                what = str((await client.post("/api/actuals", json=body)).status_code)
            except ClientError as error:
                what = type(error).__name__
            if what == "201":
                writes.latencies.append(time.perf_counter() - start)
                accepted.append(comment)
            else:
                writes.failed(what)

    began = time.perf_counter()
    await asyncio.gather(*(reader(i) for i in range(readers)), *(writer(w) for w in range(writers)))
    reads.seconds = writes.seconds = time.perf_counter() - began
    query = {"indicator": WRITTEN[0], "period": WRITTEN[1], "revisions": "true"}
    history = (await client.get("/api/actuals", params=query)).json()
    present: dict[str, int] = {}
    for row in history:
        if (row.get("comment") or "").startswith(f"bench {tag} "):
            present[row["comment"]] = present.get(row["comment"], 0) + 1
    return Mixed(reads, writes, accepted, present)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f}"


def _print_runs(runs: list[Run], ceiling: Run) -> None:
    print(f"  {'endpoint':<16}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'p99 ms':>9}{'fail':>6}{'cpu ms':>8}  of openapi")  # fmt: skip
    for run in [ceiling, *runs]:
        share = run.rate / ceiling.rate if ceiling.rate else float("nan")
        goal = share >= 0.25 and (run.clients < 50 or run.quantile(0.99) < 1.0)
        mark = "" if run is ceiling else f"  {share:6.0%} {'ok' if goal else 'below goal'}"
        times = "".join(_ms(run.quantile(q)) for q in (0.5, 0.95, 0.99))
        print(
            f"  {run.name:<16}{run.clients:>8}{run.rate:>9.1f}{times}{run.failures:>6}"
            f"{run.cpu_ms:>8.1f}{mark}"
        )


async def _bench(base: str, token: str, log: Path, seconds: float, mixed_only: bool) -> bool:
    headers = {"Authorization": f"Bearer {token}"}
    async with Client(base, headers, timeout=120) as client:
        await _wait_ready(client, log)
        for _, path in PAGES:  # the first answer computes the evaluation: not measured
            if (answer := await client.get(path)).status_code != 200:
                raise SystemExit(f"{path}: {answer.status_code}\n{answer.content[:500]!r}")
        for _, path in PAGES:  # every worker computes its own: warm them all, unmeasured
            await _drive(client, Run("warm-up", 50), path, 1.0)
        met = True
        every: list[Run] = []
        for clients in () if mixed_only else (10, 50):
            ceiling = await _drive(client, Run(CEILING[0], clients), CEILING[1], seconds)
            runs = [await _drive(client, Run(n, clients), p, seconds) for n, p in PAGES]
            print(f" {clients} clients (load average {_load()}):")
            _print_runs(runs, ceiling)
            every += [ceiling, *runs]
            for run in runs:
                met &= run.rate >= ceiling.rate / 4 and run.failures == 0
                met &= clients < 50 or run.quantile(0.99) < 1.0
        mixed = await _mixed(client, seconds * 2)
    w, r = mixed.writes, mixed.reads
    once = all(mixed.present.get(c) == 1 for c in mixed.accepted)
    extra = set(mixed.present) - set(mixed.accepted)
    print(f" mixed, 10 writers beside 40 readers (load average {_load()}):")
    print(
        f"  writes: {len(w.latencies)} accepted ({w.rate:.1f}/s), {w.failures} refused or "
        f"failed; p50 {w.quantile(0.5) * 1000:.0f} ms, p95 {w.quantile(0.95) * 1000:.0f} ms, "
        f"p99 {w.quantile(0.99) * 1000:.0f} ms {'ok' if w.quantile(0.99) < 1 else 'below goal'}"
    )
    print(
        f"  reads: {r.rate:.1f}/s, p50 {r.quantile(0.5) * 1000:.0f} ms, "
        f"p99 {r.quantile(0.99) * 1000:.0f} ms, {r.failures} failed"
    )
    print(f"  every accepted write present exactly once: {'yes' if once and not extra else 'NO'}"
          f" ({len(mixed.accepted)} accepted, {sum(mixed.present.values())} found)")  # fmt: skip
    _print_failures(log, [*every, r, w])
    return met and once and not extra and w.quantile(0.99) < 1.0


def _print_failures(log: Path, runs: list[Run]) -> None:
    """What failed, and the server's own lines about it."""
    failed = [f"{r.name} at {r.clients}: {r.codes}" for r in runs if r.failures]
    if not failed:
        return
    print("  failures: " + "; ".join(failed))
    errors = [x for x in log.read_text(errors="replace").splitlines() if "error" in x.lower()]
    for line in errors[:10]:
        print(f"  server: {line[:160]}")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=float, default=8.0, help="per endpoint and level")
    parser.add_argument("--mixed", action="store_true", help="only the mixed run (writers)")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    met = True
    for backend in backends:
        with _database(backend) as url, tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "ZHOSPAR_DATABASE_URL": url, "ZHOSPAR_USER": "bench"}
            token = _prepare(env)
            log = Path(folder) / "serve.log"
            print(f"{backend}: zhospar serve --workers {args.workers}, {args.seconds:g} s a run")
            with _server(env, args.workers, log) as base:
                met &= asyncio.run(_bench(base, token, log, args.seconds, args.mixed))
    print("goal met" if met else "goal NOT met (see the marks above)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
