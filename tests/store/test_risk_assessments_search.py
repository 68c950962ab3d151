"""Risk assessments kept with their history, and the search index of a stored plan, on SQLite
and PostgreSQL (with the bundled plan)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.store import BUNDLED_PLAN_KEY, Database
from zhospar.store.risk_assessments import (
    assessment_history,
    assessments_in_force,
    record_assessment,
)
from zhospar.store.search import search_plan

KEY = BUNDLED_PLAN_KEY


@pytest.fixture
def stored(bundled_database: Database) -> Database:
    """The bundled plan as ``zhospar init`` stores it (a copy of one made once per process)."""
    return bundled_database


def test_assessments_keep_their_history(stored: Database) -> None:
    first = record_assessment(
        stored, KEY, "r1", 2012, likelihood="4", impact=5, note=" layoffs ", user="aigerim"
    )
    assert (first.risk_id, first.likelihood, first.impact, first.note) == ("R1", 4, 5, "layoffs")
    assert first.level == 20
    second = record_assessment(stored, KEY, "R1", 2012, likelihood=2, impact=5, note="eased",
                               user="dana")  # fmt: skip
    other = record_assessment(stored, KEY, "R1", 2013, likelihood=1, impact=1, note="calm",
                              user="dana")  # fmt: skip
    history = assessment_history(stored, KEY)
    assert [a.id for a in history] == [first.id, second.id, other.id]
    assert assessments_in_force(history, 2012) == {"R1": second}
    assert assessments_in_force(history, 2014) == {}
    assert history[0].entered_at.tzinfo is not None
    with pytest.raises(DBAPIError, match="append-only"), stored.engine.begin() as conn:
        conn.execute(text("UPDATE risk_assessments SET likelihood = 5"))
    with pytest.raises(DBAPIError, match="append-only"), stored.engine.begin() as conn:
        conn.execute(text("DELETE FROM risk_assessments"))
    assert len(assessment_history(stored, KEY, risk_id="R1")) == 3


@pytest.mark.parametrize(
    ("risk", "year", "likelihood", "impact", "note", "message"),
    [
        ("R1", 2012, "6", "1", "x", "likelihood must be a whole number from 1 to 5"),
        ("R1", 2012, "1", "zero", "x", 'impact must be a whole number from 1 to 5.*"zero"'),
        ("R1", 2009, "1", "1", "x", "year 2009 is outside the plan's period"),
        ("R1", 2012, "1", "1", "  ", "needs a note"),
        ("R1", 2012, "1", "1", "a\x00b", "NUL"),
        ("R1", 2012, "1", "1", "x" * 2001, "longer than 2000"),
    ],
)
def test_a_wrong_assessment_is_refused(
    stored: Database, risk: str, year: int, likelihood: str, impact: str, note: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        record_assessment(stored, KEY, risk, year, likelihood=likelihood, impact=impact,
                          note=note, user="u")  # fmt: skip
    assert assessment_history(stored, KEY) == []


def test_an_unknown_risk_is_not_found(stored: Database) -> None:
    with pytest.raises(NotFoundError, match="R1, R2, R3, R4, R5"):
        record_assessment(stored, KEY, "R6", 2012, likelihood=1, impact=1, note="x", user="u")


def test_search_finds_by_words_and_code(stored: Database) -> None:
    found = search_plan(stored, KEY, "жұмыссыздық")
    assert found[0].ref == "G1.1-I1" and found[0].title == "Жұмыссыздық деңгейі"
    assert search_plan(stored, KEY, "ЖҰМЫССЫЗДЫҚ")[0].ref == "G1.1-I1"  # letters folded
    assert search_plan(stored, KEY, "жұмыссыз")[0].ref == "G1.1-I1"  # a word's beginning
    code = [h.ref for h in search_plan(stored, KEY, "G1.1")]
    assert code[:4] == ["G1.1", "G1.1-I1", "G1.1-I1-b1", "G1.1-I1-b2"]
    assert search_plan(stored, KEY, "1.1.4")[0].ref == "T1.1.4"  # a task's code
    assert [h.kind for h in search_plan(stored, KEY, "кодекс")] == ["legal-act"]
    assert search_plan(stored, KEY, "R1", limit=1)[0].kind == "risk"
    for odd in ['"*', "a OR b NEAR(", "%_\\", "'; DROP TABLE plans; --", ""]:
        assert isinstance(search_plan(stored, KEY, odd), list)


def test_a_plan_stored_before_the_index_is_indexed_at_its_first_search(stored: Database) -> None:
    with stored.engine.begin() as conn:
        if stored.dialect == "sqlite":
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
        conn.execute(text("DELETE FROM search_entries"))
    assert search_plan(stored, KEY, "жұмыссыздық")[0].ref == "G1.1-I1"
    with stored.reading() as conn:
        entries = conn.execute(text("SELECT count(*) FROM search_entries")).scalar_one()
    search_plan(stored, KEY, "G1.1")
    with stored.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_entries")).scalar_one() == entries
