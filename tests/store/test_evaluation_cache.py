"""What a server keeps between requests (issue 13): the parts inferred from the plan's text,
kept across recorded values and made anew by an amendment; and, under a stream of writes, one
newer state read at a time, after the pages of the state being computed, still holding every
write committed before the request began (read-your-writes across workers: here a second
engine on the same database)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from tests.store.plan_fixture import one
from zhospar.model.amendments import AddIndicator
from zhospar.services.amendments import amend
from zhospar.store import Database, open_database, record_actuals
from zhospar.store import evaluation as evaluation_module
from zhospar.store.data_version import plan_states
from zhospar.store.evaluation import _Kept, cached_evaluation


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _values(db: Database) -> list[tuple[str, str, Decimal]]:
    stored = cached_evaluation(db, "small")
    return sorted((f.indicator_id, str(f.period), f.value) for f in stored.facts)


def test_the_plan_parts_outlive_a_fact_and_not_an_amendment(loaded: Database) -> None:
    first = cached_evaluation(loaded, "small")
    parts = first.parts
    assert parts is not None and parts.plan is first.plan
    assert first.options().parts is parts

    with open_database(_url(loaded)) as other:  # another worker records line 217's 2011 value
        record_actuals(other, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")
    second = cached_evaluation(loaded, "small")
    assert second is not first and second.parts is parts  # the text did not change
    assert _values(loaded) == [("G1.1-I1", "2011", Decimal("6.4"))]

    with open_database(_url(loaded)) as other:  # another worker amends the plan
        change = AddIndicator(parent_id="G1.1", name="Youth in work", unit="%",
                              targets={2014: Decimal("60")})  # fmt: skip
        amend(other, "small", "95", "2014-01-15", "a new measure", [change], by="aigerim")
    third = cached_evaluation(loaded, "small")
    assert third.parts is not None and third.parts is not parts
    assert third.parts.plan is third.plan and third.plan is not first.plan
    added = set(third.parts.polarities) - set(parts.polarities)
    assert len(added) == 1 and added <= {p.indicator.id for p in third.parts.places}


def test_kept_state_serves_its_version_and_older_of_the_same_text(loaded: Database) -> None:
    stored = cached_evaluation(loaded, "small")
    kept = _Kept(kept=(((1, "t", 1), 7), stored))
    assert kept.serves((1, "t", 1), 7) is stored
    assert kept.serves((1, "t", 1), 5) is stored  # read later than the request began: newer
    assert kept.serves((1, "t", 1), 8) is None  # a write the request must see is missing
    assert kept.serves((1, "t", 2), 7) is None  # an amendment: another text
    assert _Kept().serves((1, "t", 1), 0) is None


def test_a_newer_state_waits_for_the_pages_being_computed_then_holds_the_write(
    loaded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evaluation_module, "QUIET_WAIT_SECONDS", 30.0)
    first = cached_evaluation(loaded, "small")
    computing, release = threading.Event(), threading.Event()

    def slow_page() -> str:
        computing.set()
        release.wait(30)
        return "page"

    page = threading.Thread(target=lambda: first.memo.get("page", slow_page))
    page.start()
    assert computing.wait(30)
    with open_database(_url(loaded)) as other:
        record_actuals(other, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(cached_evaluation(loaded, "small")))
    reader.start()
    reader.join(0.5)
    assert reader.is_alive() and not got  # it waits for the page of the state it replaces
    release.set()
    page.join(30)
    reader.join(30)
    assert len(got) == 1 and got[0] is not first
    assert _values(loaded) == [("G1.1-I1", "2011", Decimal("6.4"))]  # the write is seen
    assert first.memo.get("page", lambda: "again") == "page"


def test_requests_queued_behind_a_read_share_it(
    loaded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several requests that find the kept state too old read the newer one once, not each."""
    cached_evaluation(loaded, "small")
    with open_database(_url(loaded)) as other:
        record_actuals(other, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="dana")
    reads: list[int] = []
    real = evaluation_module.evaluation_inputs

    def counted(*args: object, **kw: object) -> object:
        reads.append(1)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(evaluation_module, "evaluation_inputs", counted)
    found: list[object] = []
    threads = [
        threading.Thread(target=lambda: found.append(cached_evaluation(loaded, "small")))
        for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(found) == 6 and len({id(s) for s in found}) == 1
    assert reads == [1]
    version = {s.key: s.data_version for s in plan_states(loaded)}["small"]
    kept = loaded._cache[("evaluation", "small")].kept
    assert kept is not None and kept[0][1] == version and kept[1] is found[0]
