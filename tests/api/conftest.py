"""Fixtures: the app on a database with the bundled plan and its facts (see tests/_webapp.py)."""

from tests._webapp import web_client, web_database

__all__ = ["web_client", "web_database"]
