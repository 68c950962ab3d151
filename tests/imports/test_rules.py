"""A file is checked against the plan alone: the file's rules and those of every recorded value.

The plan is the store tests' hand-made ``small`` one (tests/store/plan_fixture.py): G1.1-I1 is a
share ("%-бен", line 216), T1.3.1-I1 a count ("мың адам", line 250), T4.1.1-M1 a milestone
(line 317). The check runs in a fresh interpreter, to show that no database library is loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.store.plan_fixture import make_small_plan

CHECK = """
import json, sys
from zhospar.imports import check_file, rule_problems
from zhospar.model.plan import Plan
from zhospar.rules import catalog_of

plan = Plan.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
checked = check_file(sys.argv[2], plan)
cat = catalog_of(plan, "small")
found = checked.problems + rule_problems(cat, checked.batch, "aigerim")
found += rule_problems(cat, checked.partly_good, "aigerim")
loaded = {name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "psycopg", "duckdb"}
print(json.dumps({
    "problems": [[p.row, p.column, p.message] for p in sorted(found, key=lambda p: p.row)],
    "good": len(checked.batch),
    "loaded": sorted(loaded),
}))
"""


def test_a_file_is_checked_against_every_rule_with_no_database(tmp_path: Path) -> None:
    plan = tmp_path / "small.json"
    plan.write_text(make_small_plan().model_dump_json(), encoding="utf-8")
    facts = tmp_path / "facts.csv"
    facts.write_text(
        "indicator_id,period,region,value\n"
        "G1.1-I1,2011,,5.4\n"  # row 2: good
        "G1.1-I1,2012,,150\n"  # row 3: a share over 100
        "T4.1.1-M1,2010,,2\n"  # row 4: a milestone is 0 or 1
        "T1.3.1-I1,2011,Атлантида,-3\n"  # row 5: unknown region (the file's rule), and negative
        "T4.1.1-M2,2010,,1\n",  # row 6: good
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(plan), str(facts)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    result = json.loads(run.stdout)
    assert result["loaded"] == [] and result["good"] == 4  # rows 2, 3, 4 and 6 read well
    rows = [(row, column) for row, column, _ in result["problems"]]
    assert rows == [(3, "value"), (4, "value"), (5, "region"), (5, "value")]
    messages = [message for *_, message in result["problems"]]
    assert messages[0] == (
        'indicator G1.1-I1 "Жұмыссыздық деңгейі" has unit "%-бен": a share cannot be over 100 %; '
        "got 150. Give a reason to force it if it is right (--force REASON on the command line)"
    )
    assert messages[1].startswith('milestone T4.1.1-M1 "Зейнетақы')
    assert messages[1].endswith(": a milestone is 1 (done) or 0 (not done); got 2")
    assert "Атлантида" in messages[2]
    assert messages[3].startswith(
        'indicator T1.3.1-I1 "жұмысқа орналастырылған адамдардың саны" has unit "мың адам": '
        "a count cannot be negative; got -3."
    )
