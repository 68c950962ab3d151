"""Fixtures: the app on a database with the bundled plan and its facts, or with the plan alone
(see tests/_webapp.py)."""

from tests._webapp import (
    empty_client,
    empty_database,
    web_client,
    web_client_postgres,
    web_client_sqlite,
    web_database,
    web_database_postgres,
    web_database_sqlite,
)

__all__ = [
    "empty_client",
    "empty_database",
    "web_client",
    "web_client_postgres",
    "web_client_sqlite",
    "web_database",
    "web_database_postgres",
    "web_database_sqlite",
]
