"""schemathesis against the app's own OpenAPI document, with a planner's Bearer token, on SQLite:
no request it makes, however odd, gets a 5xx answer. Bounded: a few examples per operation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests._webapp import TestClient
from tests.conftest import bundled_copy
from zhospar.server import create_app
from zhospar.store import Settings, open_database
from zhospar.store.credentials import create_token
from zhospar.store.people import add_person

BASE_URL = "http://localhost"  # a host name the app answers to


@pytest.fixture(scope="module")
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Any, str]]:
    """The app on a copy of the bundled plan's SQLite database, and a planner's token."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    with bundled_copy(request, "sqlite", folder) as url, open_database(url) as db:
        add_person(db, "fuzzer", "planner", "fuzzer's password", by="tests")
        token = create_token(db, "fuzzer", days=1, by="tests")
        yield create_app(db, settings=Settings(db.url, "os-user")), token


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_request_gets_a_server_error(fuzzed: tuple[Any, str]) -> None:
    app, token = fuzzed
    with TestClient(app, base_url=BASE_URL) as client:  # the Host allow-list: not "testserver"
        document = client.get("/api/openapi.json", headers=_auth(token)).json()
    schema = schemathesis.openapi.from_dict(document)
    failures: list[str] = []
    seen: set[int] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # every route of the API is fuzzed, the new ones too
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=3, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def call(case: Any) -> None:
            response = case.call(base_url=BASE_URL, headers=_auth(token), app=app)
            seen.add(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:200]}")

        call()
    assert failures == []
    # the planner's token counted: answers came, and none asked to sign in (a 403 is an Origin
    # the fuzzer made up, or an upload without X-Requested-With)
    assert 200 in seen and 401 not in seen
