"""``zhospar score-file`` end to end: a file of facts scored at scale, on SQLite and PostgreSQL.

The plan and its overrides come from the database; the facts only from the file. Expected
figures by hand from the plan text: the unemployment rate G1.1-I1 has the 2012 target 6,2
(line 217), a decrease: 6.2 / 5.3 = 116.98 %; T1.2.3-I1, sent to training, has the 2012
target 210 (lines 239-240): two regions report 1.0 a month, 24 of 210 = 11.43 %.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from tests.cli.test_evaluate_cmds import env, run  # noqa: F401  (fixture)
from tests.evaluate.test_columnar_sorted import _parquet
from tests.store.conftest import database_url, pg_schema_url  # noqa: F401  (fixtures)
from zhospar.cli.score_file_cmds import _csv_row
from zhospar.evaluate import ColumnarScore, Polarity, Status

RATE, COUNT = "G1.1-I1", "T1.2.3-I1"


def _facts(path: Path) -> Path:
    """The facts in order: the country's rate, a budget id the plan does not know, and two
    regions' months of the count (26 facts)."""
    rows = [(RATE, 2012, None, None, 5.3), ("P002-X", 2010, None, None, 557556682.0)]
    rows += [(COUNT, 2012, r, m, 1.0) for r in ("R01", "R02") for m in range(1, 13)]
    return _parquet(rows, path)


def test_a_file_is_scored_and_written_as_csv(env: str, tmp_path: Path) -> None:  # noqa: F811
    facts, out = _facts(tmp_path / "facts.parquet"), tmp_path / "scores.csv"
    code, text = run("score-file", str(facts), "--year", "2012", "-o", str(out))
    assert code == 0, text
    lines = text.splitlines()
    assert lines[0].startswith("facts.parquet: 26 facts read for plan mlsp-2010-2014 in ")
    assert lines[0].endswith(" s (3 indicator-years proven in one pass over the file)")
    assert lines[2] == "ids the plan does not know (not scored): P002-X"
    with out.open(encoding="utf-8", newline="") as file:
        rows = {(r["indicator_id"], r["year"]): r for r in csv.DictReader(file)}
    assert lines[-1] == f"{len(rows):,} scores written to {out}"
    rate, count = rows[(RATE, "2012")], rows[(COUNT, "2012")]
    assert (rate["status"], rate["polarity"], rate["fact"]) == ("achieved", "decrease", "5.3")
    assert round(float(rate["percent"]), 2) == 116.98
    assert (count["status"], count["rule"], count["fact"], count["facts"]) == (
        "not_achieved",
        "sum",
        "24.0",
        "24",
    )
    assert round(float(count["percent"]), 2) == 11.43
    assert {year for _, year in rows} == {"2012"}


@pytest.mark.parametrize(
    ("language", "read", "unknown"),
    [
        (
            "ru",
            "facts.parquet: прочитано фактов: 26, план mlsp-2010-2014, за ",
            "идентификаторы, которых нет в плане (не оценены): P002-X",
        ),
        (
            "kk",
            "facts.parquet: mlsp-2010-2014 жоспары үшін 26 дерек ",
            "жоспарда жоқ сәйкестендіргіштер (бағаланбады): P002-X",
        ),
    ],
)
def test_the_summary_speaks_zhospar_lang(
    env: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    read: str,
    unknown: str,
) -> None:
    monkeypatch.setenv("ZHOSPAR_LANG", language)
    code, text = run("score-file", str(_facts(tmp_path / "facts.parquet")), "--year", "2012")
    assert code == 0, text
    lines = text.splitlines()
    assert lines[0].startswith(read)
    assert re.search(r" \d+,\d\d с ", lines[0]), lines[0]  # seconds with a decimal comma
    assert lines[2] == unknown


def test_scores_are_written_as_parquet_over_the_planned_period(
    env: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    facts, out = _facts(tmp_path / "facts.parquet"), tmp_path / "scores.parquet"
    code, text = run("score-file", str(facts), "-o", str(out))
    assert code == 0, text
    con = duckdb.connect()
    years = con.execute(f"SELECT DISTINCT year FROM '{out}' ORDER BY 1").fetchall()
    assert [y for (y,) in years] == [2010, 2011, 2012, 2013, 2014]
    found = con.execute(
        f"SELECT status, no_score, note FROM '{out}' WHERE indicator_id = ? AND year = 2013",
        [RATE],
    ).fetchone()
    assert found == ("no_data", "no_fact", "no fact yet for 2013")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2020"], "--year 2020 is outside the plan's period: expected 2010 to 2014"),
        (["-o", "scores.txt"], "scores.txt: expected a .csv or .parquet file to write"),
    ],
)
def test_wrong_options_are_refused(
    env: str,  # noqa: F811
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    code, text = run("score-file", str(_facts(tmp_path / "facts.parquet")), *args)
    assert (code, text.endswith(message)) == (5, True), text


def test_a_bad_file_is_named(env: str, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "facts.csv"
    path.write_text("indicator_id,year,value\nG1.1-I1,2012,abc\n", encoding="utf-8")
    code, text = run("score-file", str(path))
    assert code == 5
    assert text == (
        'facts.csv, row 1 (line 2), column "value": expected a finite number such as 5.3 or '
        '5,3; got "abc"'
    )


def test_text_a_spreadsheet_would_run_is_written_as_text() -> None:
    score = ColumnarScore(
        "=HYPERLINK(1)", 2012, Polarity.INCREASE, Status.NO_DATA, None, None, None, None,
        None, None, None, 0, None, "+1",
    )  # fmt: skip
    row = _csv_row(score)
    assert (row[0], row[-1]) == ("'=HYPERLINK(1)", "'+1")


def test_a_sum_of_decimals_is_written_as_the_decimal_it_is(
    env: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    # Two regions' yearly counts, 178.48 + 0.14: as doubles the sum is 178.61999999999998.
    rows = [(COUNT, 2012, "R01", None, 178.48), (COUNT, 2012, "R02", None, 0.14)]
    facts, out = _parquet(rows, tmp_path / "facts.parquet"), tmp_path / "scores.csv"
    code, text = run("score-file", str(facts), "--year", "2012", "-o", str(out))
    assert code == 0, text
    with out.open(encoding="utf-8", newline="") as file:
        count = next(r for r in csv.DictReader(file) if r["indicator_id"] == COUNT)
    # 178.62 of the target 210 (line 240): 85.057142... %.
    assert count["fact"] == "178.62"
    assert round(float(count["percent"]), 2) == 85.06


def test_large_and_whole_doubles_are_written_without_an_exponent() -> None:
    score = ColumnarScore(
        RATE, 2012, Polarity.INCREASE, Status.NO_DATA, None, None, None, 1e16, 24.0, None,
        None, 0, None, "",
    )  # fmt: skip
    row = _csv_row(score)
    assert (row[7], row[8]) == ("10000000000000000", "24.0")
