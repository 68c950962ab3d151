"""Shared fixtures of the web and API tests: one app per backend, on a database holding the
bundled plan and the facts of ``tests/data/facts-2010-2014.csv`` (``web_client``), or the
plan alone (``empty_client``, one per module: the import tests fill it themselves).

The database is set up once per test package and backend (SQLite always, PostgreSQL when
``ZHOSPAR_TEST_POSTGRES_URL`` is set, as in ``tests/store``). Tests that record values use
indicators and periods the reading tests do not look at. Each backend has its own
package-scoped fixtures (``web_database_sqlite`` ...), which ``web_database`` and ``web_client``
choose from per module: one package-scoped fixture with both backends as parameters would be
torn down and set up again at every switch between them, twice per module.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FACTS, bundled_copy
from zhospar.imports import import_file
from zhospar.server import create_app
from zhospar.store import Database, Settings, open_database
from zhospar.store.people import add_person, find_person

with warnings.catch_warnings():  # starlette asks for httpx2 on import; httpx is what we have
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

__all__ = [
    "BASE_URL",
    "ENGLISH",
    "PASSWORD",
    "USER",
    "TestClient",
    "csrf_token",
    "empty_client",
    "empty_database",
    "new_client",
    "post_form",
    "sign_in",
    "table_row",
    "web_client",
    "web_client_postgres",
    "web_client_sqlite",
    "web_database",
    "web_database_postgres",
    "web_database_sqlite",
]

USER = "aigerim"  # the planner every client is signed in as, unless a test says otherwise
PASSWORD = "correct horse battery"
ENGLISH = {"Accept-Language": "en"}  # what the page tests' clients ask for: English words
BASE_URL = "http://localhost"  # a host name the app answers to (the Host allow-list)


@contextmanager
def _database(
    request: pytest.FixtureRequest, backend: str, folder: Path, *, facts: bool
) -> Iterator[Database]:
    """The bundled plan stored (a copy of the test process's), with the official statistics
    imported when ``facts``."""
    with bundled_copy(request, backend, folder) as url:
        db = open_database(url)
        try:
            if facts:
                import_file(db, FACTS, entered_by="statistics")
            yield db
        finally:
            db.close()


def sign_in(client: TestClient, name: str = USER, role: str = "planner", **scopes: str) -> None:
    """Sign ``client`` in as ``name`` through the login form, adding the person if new."""
    db = client.app.state.context.db  # type: ignore[attr-defined]
    if find_person(db, name) is None:
        codes = scopes.get("scope", "").split()
        add_person(db, name, role, PASSWORD, scopes=codes, by="tests")
    token = csrf_token(client, "/login")
    data = {"csrf_token": token, "name": name, "password": PASSWORD, "next": "/"}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


@contextmanager
def new_client(
    app: Any, name: str | None = USER, role: str = "planner", scope: str = ""
) -> Iterator[TestClient]:
    """A client of ``app`` signed in as ``name`` (None: nobody), asking for English pages
    (``Accept-Language: en``): the page tests read the English words; the language tests
    (``tests/web/test_languages.py``) ask for the others."""
    with TestClient(app, base_url=BASE_URL, headers=ENGLISH) as client:
        if name is not None:
            sign_in(client, name, role, scope=scope)
        yield client


@contextmanager
def _client(db: Database) -> Iterator[TestClient]:
    app = create_app(db, settings=Settings(db.url, "os-user"))
    with new_client(app) as client:
        yield client


def _web_database(backend: str) -> Any:
    @pytest.fixture(scope="package")
    def fixture(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[Database]:
        with _database(request, backend, tmp_path_factory.mktemp("web"), facts=True) as db:
            yield db

    fixture.__doc__ = f"The bundled plan with the official statistics imported, on {backend}."
    return fixture


web_database_sqlite = _web_database("sqlite")
web_database_postgres = _web_database("postgres")


@pytest.fixture(scope="package")
def web_client_sqlite(web_database_sqlite: Database) -> Iterator[TestClient]:
    with _client(web_database_sqlite) as client:
        yield client


@pytest.fixture(scope="package")
def web_client_postgres(web_database_postgres: Database) -> Iterator[TestClient]:
    with _client(web_database_postgres) as client:
        yield client


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def web_database(request: pytest.FixtureRequest) -> Database:
    """The bundled plan with the official statistics imported, on SQLite and PostgreSQL (one
    database per test package and backend)."""
    return request.getfixturevalue(f"web_database_{request.param}")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def web_client(request: pytest.FixtureRequest, web_database: Database) -> TestClient:
    """A client of the app on that database; values are recorded as ``USER``."""
    backend = "sqlite" if web_database.dialect == "sqlite" else "postgres"
    return request.getfixturevalue(f"web_client_{backend}")  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def empty_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The bundled plan with no fact at all, for a module that imports its own (one per
    module, so that what one module writes never shows in another)."""
    with _database(request, request.param, tmp_path_factory.mktemp("empty"), facts=False) as db:
        yield db


@pytest.fixture(scope="module")
def empty_client(empty_database: Database) -> Iterator[TestClient]:
    """A client of the app on the empty database; values are recorded as ``USER``."""
    with _client(empty_database) as client:
        yield client


# --- what the page tests share ----------------------------------------------------------------


def csrf_token(client: TestClient, page: str) -> str:
    """The CSRF token in the forms of ``page``, as a browser would read it from the page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found is not None, f"no form token on {page}"
    return found.group(1)


def post_form(client: TestClient, path: str, page: str, **fields: str) -> tuple[int, str]:
    """Post ``fields`` to ``path`` as htmx does from a form of ``page``: status and body."""
    data = {"csrf_token": csrf_token(client, page), **fields}
    response = client.post(path, data=data, headers={"HX-Request": "true"})
    return response.status_code, response.text


def table_row(html: str, marker: str) -> str:
    """The table row of ``html`` holding ``marker``."""
    start = html.rindex("<tr", 0, html.index(marker))
    return html[start : html.index("</tr>", start)]
