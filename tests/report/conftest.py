"""Fixtures for the report tests: the real facts of tests/data, read by the import's reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FACTS
from zhospar.imports import parse_file
from zhospar.ingest import ReadResult
from zhospar.model.actuals import ActualInput


@pytest.fixture(scope="session")
def real_facts(bundled: ReadResult) -> list[ActualInput]:
    """The 9 values of facts-2010-2014.csv (unemployment 2010-2014, poverty 2012, pension)."""
    if not FACTS.is_file():
        pytest.fail(f"the facts file is missing: {FACTS}")
    return parse_file(FACTS, bundled.plan)


@pytest.fixture(scope="session")
def facts_file() -> Path:
    return FACTS
