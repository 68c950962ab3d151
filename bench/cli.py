"""How long ``zhospar --help`` and ``zhospar --version`` take, against importing Typer alone.

Run with ``python3 -m uv run python bench/cli.py [--runs R]``. Each run starts a fresh Python
process (as a user's shell does) for the baseline, ``python -c "import typer"``, and for each
command, taking turns so that a change in the machine's load touches all of them alike; the
median wall time of each is printed with its ratio to the baseline. The goal is within 1.5x of
the baseline; the figures are printed, not asserted: timings depend on the machine and its load.

The commands run as the ``zhospar`` script installed beside this Python (as a user types them),
else as ``python -m zhospar`` (the same code).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.5
_SCRIPT = Path(sys.executable).with_name("zhospar")
ZHOSPAR = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "zhospar"]
BASELINE = ("import typer", [sys.executable, "-c", "import typer"])
COMMANDS = (
    ("zhospar --help", [*ZHOSPAR, "--help"]),
    ("zhospar --version", [*ZHOSPAR, "--version"]),
)


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    """Wall times of every command, the baseline and the commands interleaved run by run."""
    times: dict[str, list[float]] = {name: [] for name, _ in (BASELINE, *COMMANDS)}
    for _name, argv in (BASELINE, *COMMANDS):  # warm the file cache and the .pyc files
        _seconds(argv)
    for _ in range(runs):
        for name, argv in (BASELINE, *COMMANDS):
            times[name].append(_seconds(argv))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default 15)")
    args = parser.parse_args()
    times = measure(args.runs)
    base = statistics.median(times[BASELINE[0]])
    print(f"{args.runs} runs each, interleaved; median wall time of a fresh process")
    print(f"  {BASELINE[0]:<20} {base * 1000:7.0f} ms")
    for name, _ in COMMANDS:
        median = statistics.median(times[name])
        ratio = median / base
        verdict = "within" if ratio <= GOAL else "over"
        print(f"  {name:<20} {median * 1000:7.0f} ms  {ratio:4.2f}x ({verdict} the {GOAL}x goal)")


if __name__ == "__main__":
    main()
