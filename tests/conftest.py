"""Shared fixtures: the bundled plan, read once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhospar.ingest import ReadResult, read_plan

ROOT = Path(__file__).resolve().parent.parent
# The official statistics of /work/shared/data, copied here so that a clone tests on its own.
DATA = ROOT / "tests" / "data"
FACTS = DATA / "facts-2010-2014.csv"


@pytest.fixture(scope="session")
def bundled() -> ReadResult:
    return read_plan()


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seed text's lines (index 0 is line 1), for checking values against the document."""
    from zhospar.ingest.reader import bundled_plan_path

    return bundled_plan_path().read_text(encoding="utf-8").splitlines()
