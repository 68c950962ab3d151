"""Every example in docs/import.md runs, and prints what the page says it prints."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhospar.cli import app
from zhospar.store import init_database, open_database

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "import.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def test_python_examples_print_what_the_page_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name tests/data/... from the project folder
    blocks = _blocks()
    pairs = [
        (code, blocks[i + 1][1])
        for i, (lang, code) in enumerate(blocks)
        if lang == "python" and i + 1 < len(blocks) and blocks[i + 1][0] == "text"
    ]
    assert len(pairs) == 2
    for code, expected in pairs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(DOC), "exec"), {})
        assert out.getvalue() == expected


def test_console_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'zhospar.sqlite3'}"
    with open_database(url) as db:
        init_database(db)
    monkeypatch.chdir(ROOT)
    commands = [
        line[2:]
        for lang, body in _blocks()
        if lang == "console"
        for line in body.splitlines()
        if line.startswith("$ zhospar ")
    ]
    assert len(commands) == 3
    for command in commands:
        args = [a if a != "actuals-2011.xlsx" else str(tmp_path / a) for a in shlex.split(command)]
        result = CliRunner().invoke(app, args[1:], env={"ZHOSPAR_DATABASE_URL": url})
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "actuals-2011.xlsx").stat().st_size > 0
