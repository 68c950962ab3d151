"""One year's reports in each format: the annual report (XLSX, DOCX, HTML, PDF) and the official
form (XLSX, DOCX, HTML, PDF), each against the annual XLSX's time in the same run.

Run with ``python3 -m uv run python bench/report.py [--year Y] [--runs R]``. A temporary SQLite
database holds the bundled plan and the official statistics of ``tests/data`` (as after
``zhospar init`` and ``zhospar import``). Timed, the formats taking turns in each run so that
a busy moment hurts them alike (the order rotates from run to run):

* the command as a user runs it: ``zhospar report --year Y [--form official] -o FILE.EXT`` in a
  fresh process (start-up, imports, reading the database, evaluating the year, writing the file);
* the writers alone: ``write_report`` / ``write_official`` of one report built beforehand in
  this process, after a first untimed write of each format has imported what it needs.

The annual XLSX is the baseline; the goal is every other format within 1.5x of it (medians).
Each is printed twice: wall-clock time, and CPU time (user + system of the child process, or of
this process for the writers alone). On a shared machine the wall-clock time of a run depends on
what else runs; the CPU time much less, so its ratios are the steadier figure. The load average
is printed before and after. The PDF is drawn by ReportLab (``report/pdf.py``). Printed, not
asserted: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zhospar.imports import import_file, parse_file
from zhospar.ingest import read_plan
from zhospar.report import (
    FORMATS,
    OFFICIAL_FORMATS,
    AnnualReport,
    OfficialReport,
    build_report,
    official_form,
    write_official,
    write_report,
)
from zhospar.store import initialize, open_database

GOAL = 1.5
BASELINE = ".xlsx"
OFFICIAL = "official"  # the official form's entries are named "official .xlsx" and so on
KINDS = [*FORMATS, *(f"{OFFICIAL} {s}" for s in OFFICIAL_FORMATS)]
FACTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "facts-2010-2014.csv"


def _turns(runs: int) -> list[list[str]]:
    """The kinds' order in each run: rotated by one each time."""
    kinds = list(KINDS)
    return [kinds[k % len(kinds) :] + kinds[: k % len(kinds)] for k in range(runs)]


def _suffix(kind: str) -> str:
    return kind.removeprefix(f"{OFFICIAL} ")


def _database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    with open_database(url) as db:
        initialize(db)
        import_file(db, FACTS, entered_by="bench")
    return url


Times = dict[str, list[float]]


def _children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_times(folder: Path, url: str, year: int, runs: int) -> tuple[Times, Times]:
    """``zhospar report`` of each kind in a fresh process, ``runs`` times, taking turns: the
    wall-clock and the CPU seconds of each."""
    env = {**os.environ, "ZHOSPAR_DATABASE_URL": url}
    times: Times = {k: [] for k in KINDS}
    cpu: Times = {k: [] for k in KINDS}
    for turn in _turns(runs):
        for suffix in turn:
            out = folder / f"command{_suffix(suffix)}"
            command = [sys.executable, "-m", "zhospar", "report", "--year", str(year), "-o", out]
            if suffix.startswith(OFFICIAL):
                command += ["--form", OFFICIAL]
            start, start_cpu = time.perf_counter(), _children_cpu()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times[suffix].append(time.perf_counter() - start)
            cpu[suffix].append(_children_cpu() - start_cpu)
    return times, cpu


def _write(report: AnnualReport, form: OfficialReport, kind: str, path: Path) -> None:
    if kind.startswith(OFFICIAL):
        write_official(form, path.with_suffix(_suffix(kind)))
    else:
        write_report(report, path.with_suffix(kind))


def writer_times(
    folder: Path, report: AnnualReport, form: OfficialReport, runs: int
) -> tuple[Times, Times]:
    """Each kind written, ``runs`` times, taking turns (after one untimed write of each): the
    wall-clock and the CPU seconds of each."""
    for kind in KINDS:
        _write(report, form, kind, folder / "warm")
    times: Times = {k: [] for k in KINDS}
    cpu: Times = {k: [] for k in KINDS}
    for turn in _turns(runs):
        for kind in turn:
            start, start_cpu = time.perf_counter(), time.process_time()
            _write(report, form, kind, folder / "w")
            times[kind].append(time.perf_counter() - start)
            cpu[kind].append(time.process_time() - start_cpu)
    return times, cpu


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _print(title: str, times: Times, cpu: Times) -> None:
    print(f"{title} ({_load()})")
    base, base_cpu = statistics.median(times[BASELINE]), statistics.median(cpu[BASELINE])
    for suffix, values in times.items():
        median, median_cpu = statistics.median(values), statistics.median(cpu[suffix])
        line = (
            f"  {suffix.replace('.', ''):<14} median {median:6.3f} s (best {min(values):6.3f})"
            f"  cpu {median_cpu:6.3f} s"
        )
        if suffix != BASELINE:
            ratio, ratio_cpu = median / base, median_cpu / base_cpu
            verdict = "within" if max(ratio, ratio_cpu) <= GOAL else "OVER"
            line += f"  {ratio:.2f}x / cpu {ratio_cpu:.2f}x ({verdict} the {GOAL}x goal)"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2012, help="the year to report on")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each format")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = _database(folder)
        plan = read_plan().plan
        report = build_report(plan, parse_file(FACTS, plan), args.year)
        charts = sum(c.has_data for c in report.charts)
        print(
            f"report {args.year} of the bundled plan: {len(report.indicators)} indicators, "
            f"{charts} charts; {runs} runs of each format, taking turns"
        )
        if sys.flags.dont_write_bytecode:
            print("  (PYTHONDONTWRITEBYTECODE is set: every fresh process compiles its imports)")
        _print("zhospar report, a fresh process each", *command_times(folder, url, args.year, runs))
        form = official_form(plan, report)
        print(f"  official form: {len(form.rows)} rows, {len(form.indicators)} indicators")
        _print("writers alone, in this process", *writer_times(folder, report, form, runs))
        print(f"done ({_load()})")


if __name__ == "__main__":
    main()
