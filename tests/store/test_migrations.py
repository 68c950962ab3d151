"""Migrations from an empty database, and the schema they build matches the ORM tables."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from tests.store.plan_fixture import one
from zhospar._exceptions import StoreError
from zhospar.store import Database, open_database, record_actuals
from zhospar.store.db import head_revision, migrate, schema_revision
from zhospar.store.schema import Base, include_name

TABLES = {
    "activity",
    "actuals",
    "api_tokens",
    "alembic_version",
    "indicator_overrides",
    "indicator_reasons",
    "indicators",
    "login_throttle",
    "milestones",
    "name_translations",
    "people",
    "period_signoffs",
    "plan_amendments",
    "plan_versions",
    "plans",
    "staged_uploads",
    "plan_settings",
    "regions",
    "risk_assessments",
    "search_entries",
    "sessions",
    "targets",
    "zhospar_meta",
}


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An empty database migrated here (elsewhere SQLite tests copy a migrated file)."""
    with open_database(database_url) as db:
        yield db


def _tables(db: Database) -> set[str]:
    """The tables, without the full-text index's own (SQLite's FTS5 table and its shadows)."""
    return {t for t in inspect(db.engine).get_table_names() if include_name(t, "table", {})}


def test_empty_database_is_migrated_to_head(database: Database) -> None:
    assert database.created is True
    assert schema_revision(database.engine) == head_revision() == "0011_plan_amendments"
    assert _tables(database) == TABLES


def test_downgrade_to_base_then_upgrade_again(database: Database) -> None:
    migrate(database.engine, "base", down=True)
    assert schema_revision(database.engine) is None
    assert _tables(database) <= {"alembic_version"}
    migrate(database.engine, "head")
    assert _tables(database) == TABLES
    with database.reading() as conn:
        marker = conn.execute(text("SELECT value FROM zhospar_meta WHERE key = 'schema'"))
        assert marker.scalar_one() == "zhospar"


def test_migrated_schema_matches_the_orm_tables(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_opening_again_changes_nothing(database_url: str) -> None:
    with open_database(database_url) as first:
        assert first.created
    with open_database(database_url) as second:
        assert not second.created
        assert second.migrated_from == "0011_plan_amendments"


@pytest.mark.parametrize("statement", ["UPDATE actuals SET value = 1", "DELETE FROM actuals"])
def test_triggers_refuse_rewriting_history(loaded: Database, statement: str) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="t")
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text(statement))
    with loaded.reading() as conn:
        n, value = conn.execute(text("SELECT count(*), max(value) FROM actuals")).one()
    assert (n, Decimal(str(value))) == (1, Decimal("6.4"))


def test_a_url_that_is_no_database_is_refused() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        open_database("no such thing")
    with pytest.raises(StoreError, match="mysql is not supported"):
        open_database("mysql://u@localhost/x")


def test_binary_copy_types_match_the_actuals_table(pg_schema_url: str) -> None:
    from zhospar.store._bulk import _PG_TYPES
    from zhospar.store.schema import ACTUAL_COLUMNS

    query = text(
        "SELECT column_name, udt_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = 'actuals'"
    )
    with open_database(pg_schema_url) as db, db.reading() as conn:
        found = {name: udt for name, udt in conn.execute(query)}
    assert {name: found[name] for name in ACTUAL_COLUMNS} == _PG_TYPES
