"""The data version: bumped by every write that can change a score, in the same transaction;
the evaluation a process keeps is reused while it stands still and dropped when any process
(here: a second engine on the same database) writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.store.plan_fixture import one
from zhospar._exceptions import ZhosparError
from zhospar.services import queries
from zhospar.store import (
    Database,
    backup_database,
    open_database,
    record_actuals,
    restore_database,
    set_polarity,
)
from zhospar.store import evaluation as evaluation_module
from zhospar.store.data_version import plan_states
from zhospar.store.evaluation import cached_evaluation, cached_plan
from zhospar.store.plan_settings import set_cap
from zhospar.store.signoff import approve_year


def _version(db: Database) -> int:
    return {s.key: s.data_version for s in plan_states(db)}["small"]


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_each_write_that_can_change_a_score_bumps_the_version(loaded: Database) -> None:
    start = _version(loaded)
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")
    assert _version(loaded) == start + 1
    set_polarity(loaded, "small", "G1.1-I1", "decrease", "unemployment falls", "dana")
    assert _version(loaded) == start + 2
    set_cap(loaded, "small", "120", "the ministry's method", "dana")
    assert _version(loaded) == start + 3
    approve_year(loaded, "small", 2011, by="dana")
    assert _version(loaded) == start + 4


def test_a_write_refused_in_its_transaction_leaves_the_version(loaded: Database) -> None:
    approve_year(loaded, "small", 2012, by="dana")
    start = _version(loaded)
    with pytest.raises(ZhosparError, match="2012"):  # an approved year takes no new fact
        record_actuals(loaded, "small", [one("G1.1-I1", "2012", "6,2")], entered_by="dana")
    assert _version(loaded) == start


def test_the_evaluation_is_reused_until_another_engine_writes(
    loaded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    builds: list[int] = []
    real_inputs, real_build = evaluation_module.evaluation_inputs, queries.build_report

    def counted_inputs(db: Database, key: str | None = None, **kw: Any) -> Any:
        reads.append(str(key))
        return real_inputs(db, key, **kw)

    def counted_build(*args: Any, **kw: Any) -> Any:
        builds.append(args[2])
        return real_build(*args, **kw)

    monkeypatch.setattr(evaluation_module, "evaluation_inputs", counted_inputs)
    monkeypatch.setattr(queries, "build_report", counted_build)

    first = cached_evaluation(loaded, "small")
    assert cached_evaluation(loaded, "small") is first and reads == ["small"]
    report = queries.year_report(first, 2011)
    assert queries.year_report(cached_evaluation(loaded, "small"), 2011) is report
    assert builds == [2011]  # computed once for this state of the data
    assert cached_plan(loaded, "small") is first.plan  # the text is read once

    # another process (its own engine) records line 217's 2011 value, 6,4
    with open_database(_url(loaded)) as other:
        record_actuals(other, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")

    second = cached_evaluation(loaded, "small")
    assert second is not first and reads == ["small", "small"]
    assert [(f.indicator_id, f.value) for f in second.facts] == [("G1.1-I1", Decimal("6.4"))]
    line = queries.year_report(second, 2011).indicator("G1.1-I1")
    assert builds == [2011, 2011]
    # line 217: 6,4 planned for 2011 and 6,4 recorded: a decreasing rate met exactly, 100 %
    assert line is not None and line.fact == Decimal("6.4") and line.percent == 100
    assert second.plan is first.plan  # the plan's text did not change: not read again


def test_a_restore_moves_the_version_past_what_servers_may_keep(
    loaded: Database, tmp_path: Path
) -> None:
    """A server that kept the evaluation of version v must not take the restored data (whose
    own counter may be lower, or equal to v) for what it kept."""
    if loaded.sqlite_path is None:
        pytest.skip("backup and restore are SQLite's (PostgreSQL has pg_dump)")
    saved = backup_database(loaded, tmp_path / "before.sqlite3")
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,3")], entered_by="dana")
    kept = _version(loaded)
    restore_database(loaded, saved)
    assert _version(loaded) == kept + 1
    assert cached_evaluation(loaded, "small").facts == []  # the backup had no fact
