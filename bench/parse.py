"""How long reading the bundled plan takes, and how much memory it needs at its peak.

Run with ``python3 -m uv run python bench/parse.py [--runs N]``. The goal is under 100 ms per
read; the figures are printed, not asserted, because timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from zhospar.ingest import read_plan

GOAL_MS = 100.0


def _time_once() -> float:
    start = time.perf_counter()
    read_plan()
    return (time.perf_counter() - start) * 1000


def _peak_memory_mib() -> float:
    tracemalloc.start()
    try:
        read_plan()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs after the first")
    runs = max(parser.parse_args().runs, 1)
    first = _time_once()  # includes the imports' lazy work and cold caches
    times = [_time_once() for _ in range(runs)]
    median = statistics.median(times)
    peak = _peak_memory_mib()
    verdict = "within" if median < GOAL_MS else "OVER"
    print("read_plan() on the bundled plan")
    print(f"  first run:       {first:8.1f} ms")
    print(f"  median of {runs:<4}  {median:8.1f} ms  ({verdict} the {GOAL_MS:.0f} ms goal)")
    print(f"  fastest / slowest {min(times):7.1f} / {max(times):.1f} ms")
    print(f"  peak memory:     {peak:8.1f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
