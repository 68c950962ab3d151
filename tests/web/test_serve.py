"""``zhospar serve`` sets up the embedded default database, then hands the app to uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from tests._webapp import BASE_URL, TestClient, csrf_token
from zhospar.cli import app
from zhospar.server import WORKER_OPTIONS, worker_app


def _serve(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str
) -> tuple[str, dict[str, Any]]:
    """``zhospar serve ARGS`` on the embedded database of ``tmp_path``: its output, and what a
    client saw while it served (anonymously, then signed in as the printed admin)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    for name in ("ZHOSPAR_DATABASE_URL", WORKER_OPTIONS):  # serve sets them for its workers
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    served: dict[str, Any] = {}

    def fake_run(target: str, *, factory: bool, host: str, port: int, workers: int) -> None:
        assert (target, factory) == ("zhospar.server:worker_app", True)  # a worker's app
        asgi = worker_app()  # as each worker makes it, from what serve left in the environment
        served.update(host=host, port=port, app=asgi, workers=workers)
        with TestClient(asgi, base_url=BASE_URL) as client:  # the database is still open
            served["anonymous"] = client.get("/?year=2012", follow_redirects=False).status_code
            served["anonymous api"] = client.get("/api/plans").status_code

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(app, ["serve", "--port", "8123", *args])
    assert result.exit_code == 0, result.output
    return result.output, served


def test_serve_initializes_the_embedded_database_and_its_first_admin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    output, served = _serve(monkeypatch, tmp_path)
    assert (tmp_path / "zhospar" / "zhospar.sqlite3").exists()
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert served["workers"] == (os.cpu_count() or 1)  # by default, one per core
    assert (served["anonymous"], served["anonymous api"]) == (303, 401)  # sign in first
    lines = output.splitlines()
    shown = lines.index("Created the administrator 'admin'; its password, shown this once:")
    password = lines[shown + 1]
    assert "zhospar user passwd admin --password-stdin" in lines[shown + 2]
    assert "Warning" not in output  # loopback: no word about TLS
    with TestClient(served["app"], base_url=BASE_URL) as client:
        token = csrf_token(client, "/login")
        data = {"csrf_token": token, "name": "admin", "password": password, "next": "/plan"}
        assert client.post("/login", data=data).status_code == 200
        plans = client.get("/api/plans").json()
    assert [p["key"] for p in plans] == ["mlsp-2010-2014"]
    again, _ = _serve(monkeypatch, tmp_path)  # the admin exists: no new password
    assert "Created the administrator" not in again


def test_serve_public_on_every_address_warns_about_tls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = ("--host", "0.0.0.0", "--public", "--allowed-host", "zhospar.example")
    output, served = _serve(monkeypatch, tmp_path, *args)
    assert "Warning: listening on 0.0.0.0" in output and "TLS" in output
    assert (served["anonymous"], served["anonymous api"]) == (200, 200)  # public: anyone reads
    assert served["app"].state.allowed_hosts >= {"zhospar.example", "127.0.0.1"}


def test_serve_workers_share_the_database_and_the_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``--workers 3`` goes to uvicorn; each worker's app serves the same database with the
    same options (here --public and the allowed host)."""
    args = ("--workers", "3", "--public", "--allowed-host", "zhospar.example")
    output, served = _serve(monkeypatch, tmp_path, *args)
    assert served["workers"] == 3 and "3 worker(s)" in output
    assert (served["anonymous"], served["anonymous api"]) == (200, 200)
    assert "zhospar.example" in served["app"].state.allowed_hosts
    result = CliRunner().invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
