"""The examples of docs/store.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from zhospar.store import open_database

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", f"sqlite:///{tmp_path / 'doc.sqlite3'}")
    [example] = _blocks("python")
    exec(compile(example, str(DOC), "exec"), {})


def test_the_sql_example_joins_actuals_in_force_to_their_targets(tmp_path: Path) -> None:
    from tests.store.plan_fixture import one
    from zhospar.store import init_database, record_actuals

    with open_database(f"sqlite:///{tmp_path / 'sql.sqlite3'}") as db:
        key = init_database(db)
        record_actuals(db, key, [one("P002-X", "2011", "700000000")], entered_by="t")
        record_actuals(db, key, [one("P002-X", "2011", "724962585")], entered_by="t")
        [query] = _blocks("sql")
        with db.reading() as conn:
            rows = conn.execute(text(query)).all()
    # Program 002's 2011 money in its form: "724 962" on line 785 and "585" on line 786.
    assert [(r.indicator_id, r.period, int(r.value), int(r.target), r.line) for r in rows] == [
        ("P002-X", "2011", 724962585, 724962585, 785)
    ]
