"""The CLI reference in docs/ is generated from --help and must match the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhospar.cli._docs import render_cli_docs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_committed_cli_reference_is_up_to_date() -> None:
    expected = render_cli_docs()
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run `python3 -m uv run python -m zhospar.cli._docs > docs/cli.md`"
    )


def test_reference_covers_every_command() -> None:
    text = render_cli_docs()
    for command in ["summary", "validate", "show", "export", "import-json"]:
        assert f"## zhospar {command}\n" in text
        assert f"Usage: zhospar {command} [OPTIONS]" in text


def test_rendering_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_cli_docs()
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERMINAL_WIDTH", "40")
    assert render_cli_docs() == first
