"""``zhospar serve`` sets up the embedded default database, then hands the app to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from tests._webapp import TestClient
from zhospar.cli import app


def test_serve_initializes_the_embedded_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("ZHOSPAR_DATABASE_URL", raising=False)
    served: dict[str, Any] = {}

    def fake_run(asgi: Any, host: str, port: int) -> None:
        served.update(host=host, port=port)
        with TestClient(asgi) as client:  # the database is still open while serving
            served["dashboard"] = client.get("/?year=2012").status_code
            served["plans"] = client.get("/api/plans").json()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "zhospar" / "zhospar.sqlite3").exists()
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert served["dashboard"] == 200
    assert [p["key"] for p in served["plans"]] == ["mlsp-2010-2014"]
