"""Scoring 10,000,000 facts: Zhospar's columnar path against a plain DuckDB group-by.

Run with ``python3 -m uv run python bench/evaluate.py [--rows N] [--runs R]``. The facts are
synthetic and made by DuckDB itself: every indicator of a plan x 16 regions x 12 months x the
five planned years, written to a temporary Parquet file. The plan is the bundled one with its
indicators repeated (``G1.1-I1~7`` is the 8th copy of ``G1.1-I1``: same name, unit and targets)
until there are enough of them, so the mix of roll-up rules (SUM, LAST, refused rates) and
polarities is the real plan's.

Timed, taking turns over the same file:

* the floor: ``GROUP BY indicator_id, year`` with ``sum`` and ``arg_max``;
* the region floor: the same per region (``GROUP BY indicator_id, year, region``), the least any
  roll-up that takes each region's latest value before adding regions must do;
* Zhospar: ``score_facts`` end to end (check the rows, roll up by each indicator's rule, join
  the targets, score, status), leaving the scores in a DuckDB table as the floors leave theirs.
  The file is in order (indicator, year, region, month), so the roll-up takes the fast path
  (``zhospar.evaluate._columnar_sorted``): one pass by indicator and year whose sums prove each
  region's latest value and months, the scores made in the same statement; the count of
  indicator-years proven so is printed.

Building the plan's rule table (once per plan, reusable) and fetching the scores into Python are
timed apart. Peak memory is measured in a fresh process per side. The goal is within 2x of the
floor; the figures are printed, not asserted: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from zhospar.evaluate.columnar import plan_tables, score_facts
from zhospar.ingest import read_plan
from zhospar.model.plan import Indicator, Plan
from zhospar.model.walk import iter_indicators

GOAL = 2.0
REGIONS = 16
MONTHS = 12
YEARS = range(2010, 2015)
FLOOR_SQL = (
    "CREATE OR REPLACE TEMP TABLE floor AS SELECT indicator_id, year, sum(value) AS total, "
    "arg_max(value, month) AS latest FROM read_parquet(?) GROUP BY indicator_id, year"
)
# The least any roll-up "per region, then regions added" must do: the same, per region.
REGION_FLOOR_SQL = (
    "CREATE OR REPLACE TEMP TABLE region_floor AS SELECT indicator_id, year, region, "
    "sum(value) AS total, arg_max(value, month) AS latest FROM read_parquet(?) "
    "GROUP BY indicator_id, year, region"
)


def _copy(indicator: Indicator, k: int) -> Indicator:
    breakdowns = [_copy(b, k) for b in indicator.breakdowns]
    return indicator.model_copy(update={"id": f"{indicator.id}~{k}", "breakdowns": breakdowns})


def _copies(indicators: list[Indicator], copies: int) -> list[Indicator]:
    return [_copy(i, k) for k in range(copies) for i in indicators]


def scaled_plan(plan: Plan, copies: int) -> Plan:
    """The plan with every indicator repeated ``copies`` times (milestones stay as they are)."""
    directions = []
    for direction in plan.directions:
        goals = []
        for goal in direction.goals:
            tasks = [
                t.model_copy(update={"indicators": _copies(t.indicators, copies)})
                for t in goal.tasks
            ]
            targets = _copies(goal.target_indicators, copies)
            goals.append(goal.model_copy(update={"target_indicators": targets, "tasks": tasks}))
        directions.append(direction.model_copy(update={"goals": goals}))
    forms = [
        form.model_copy(
            update={
                "sections": [
                    s.model_copy(update={"indicators": _copies(s.indicators, copies)})
                    for s in form.sections
                ]
            }
        )
        for form in plan.program_forms
    ]
    return plan.model_copy(update={"directions": directions, "program_forms": forms})


def bench_plan(rows: int) -> Plan:
    plan = read_plan().plan
    per_indicator = REGIONS * MONTHS * len(YEARS)
    indicators = sum(1 for _ in iter_indicators(plan))
    return scaled_plan(plan, max(1, math.ceil(rows / (indicators * per_indicator))))


def generate(path: Path, plan: Plan, rows: int) -> None:
    """indicators x years x regions x months, each month a twelfth of a region's share of the
    target (x 0.6 to 1.4 at random), written by DuckDB as Parquet."""
    tables = plan_tables(plan, YEARS)
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE ind AS SELECT unnest(?::VARCHAR[]) AS indicator_id, "
        "generate_subscripts(?::VARCHAR[], 1) AS position",
        [tables.indicator_ids, tables.indicator_ids],
    )
    tgt = tables.tables["tgt"]
    con.execute(
        "CREATE TEMP TABLE tgt AS SELECT unnest(?::VARCHAR[]) AS indicator_id, "
        "unnest(?::INTEGER[]) AS year, unnest(?::DOUBLE[]) AS target",
        [tgt["indicator_id"], tgt["year"], tgt["target"]],
    )
    literal = str(path).replace("'", "''")
    con.execute(
        f"""COPY (
          SELECT i.indicator_id, y.year, 'R' || lpad(r.r::VARCHAR, 2, '0') AS region,
                 m.m::INTEGER AS month,
                 round(coalesce(t.target, 100) / {REGIONS * MONTHS} * (0.6 + 0.8 * random()), 3)
                   AS value
          FROM ind i
          CROSS JOIN (SELECT unnest(?::INTEGER[]) AS year) y
          CROSS JOIN range(1, {REGIONS + 1}) r(r)
          CROSS JOIN range(1, {MONTHS + 1}) m(m)
          LEFT JOIN tgt t ON t.indicator_id = i.indicator_id AND t.year = y.year
          ORDER BY i.position, y.year, r.r, m.m
          LIMIT {int(rows)}
        ) TO '{literal}' (FORMAT parquet)""",
        [list(YEARS)],
    )


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _peak_mib() -> float:
    """This process's peak resident memory. /proc's VmHWM is this process's own; getrusage's
    ru_maxrss is used where there is no /proc (on Linux it can carry the parent's over exec)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _sides(path: Path, rows: int) -> dict[str, Callable[[], object]]:
    con = duckdb.connect()
    tables = plan_tables(bench_plan(rows), YEARS)
    return {
        "floor": lambda: con.execute(FLOOR_SQL, [str(path)]),
        "region floor": lambda: con.execute(REGION_FLOOR_SQL, [str(path)]),
        "zhospar": lambda: score_facts(tables, path, connection=con),
    }


def measure(kind: str, path: Path, rows: int, runs: int) -> dict[str, object]:
    """In a child process: one side once, for its peak memory; or every side, interleaved."""
    if kind == "race":  # the sides take turns, so that a busy moment hurts them alike
        sides = _sides(path, rows)
        times: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(runs):
            for name, action in sides.items():
                times[name].append(_timed(action))
        return {"times": times}
    if kind == "zhospar":
        plan = bench_plan(rows)
        start = time.perf_counter()
        tables = plan_tables(plan, YEARS)
        built = time.perf_counter() - start
        scores = score_facts(tables, path)
        fetch = _timed(scores.rows)
        return {
            "peak_mib": _peak_mib(),
            "plan_tables": built,
            "indicators": len(tables.indicator_ids),
            "fetch": fetch,
            "scores": len(scores.rows()),
            "facts_read": scores.facts_read,
            "in_order": scores.in_order,
            "counts": {str(k): v for k, v in sorted(scores.counts().items())},
        }
    duckdb.connect().execute(FLOOR_SQL, [str(path)])
    return {"peak_mib": _peak_mib()}


def _child(kind: str, path: Path, rows: int, runs: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", kind, "--file", str(path)]
    command += ["--rows", str(rows), "--runs", str(runs)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _line(label: str, times: list[float], rows: int) -> str:
    best, median = min(times), statistics.median(times)
    rate = rows / median / 1e6
    return f"  {label:<13} best {best:6.3f} s  median {median:6.3f} s  {rate:6.1f} M facts/s"


def report(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.parquet"
        generated = _timed(lambda: generate(path, bench_plan(rows), rows))
        size = path.stat().st_size / 2**20
        print(
            f"{rows:,} synthetic facts (indicators x {REGIONS} regions x {MONTHS} months x "
            f"{len(YEARS)} years): generated in {generated:.1f} s, Parquet {size:.0f} MiB"
        )
        floor = _child("floor", path, rows, runs)
        ours = _child("zhospar", path, rows, runs)
        race = _child("race", path, rows, runs)["times"]
    print(
        f"plan: {ours['indicators']:,} indicators; rule/target tables built in "
        f"{ours['plan_tables']:.2f} s (once per plan, reused by every run below)"
    )
    print(f"{runs} runs of each side, taking turns, each reading the Parquet file:")
    for name in ("floor", "region floor", "zhospar"):
        print(_line(name, race[name], rows))
    for name in ("floor", "region floor"):
        ratio = statistics.median(race["zhospar"]) / statistics.median(race[name])
        best = min(race["zhospar"]) / min(race[name])
        goal = f" ({'within' if ratio <= GOAL else 'OVER'} the {GOAL:.0f}x goal)"
        line = f"  zhospar / {name}: {ratio:.2f}x median, {best:.2f}x best"
        print(line + (goal if name == "floor" else ""))
    print(
        f"peak RSS, each in a process of its own: floor {floor['peak_mib']:.0f} MiB, "
        f"zhospar {ours['peak_mib']:.0f} MiB"
    )
    print(
        f"then {ours['scores']:,} scores fetched into Python in {ours['fetch']:.3f} s; "
        f"{ours['facts_read']:,} facts read, {ours['in_order']:,} indicator-years rolled up in "
        f"order; statuses {ours['counts']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="how many facts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side")
    parser.add_argument("--measure", choices=["floor", "zhospar", "race"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    rows, runs = max(args.rows, 1), max(args.runs, 1)
    if args.measure:
        print(json.dumps(measure(args.measure, args.file, rows, runs)))
    else:
        report(rows, runs)


if __name__ == "__main__":
    main()
