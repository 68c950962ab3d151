"""The hand-made plan ``small`` (tests/store/plan_fixture.py), copied from the bundled text."""

from __future__ import annotations

import pytest

from zhospar.model.plan import Plan


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    from tests.store.plan_fixture import make_small_plan

    return make_small_plan()
