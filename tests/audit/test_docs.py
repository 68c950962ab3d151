"""Every example in docs/audit.md runs, and prints what the page says it prints."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhospar.cli import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "audit.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def test_python_examples_print_what_the_page_shows() -> None:
    blocks = _blocks()
    pairs = [
        (code, blocks[i + 1][1])
        for i, (lang, code) in enumerate(blocks)
        if lang == "python" and i + 1 < len(blocks) and blocks[i + 1][0] == "text"
    ]
    assert pairs, "docs/audit.md has a Python example with its output"
    for code, expected in pairs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(DOC), "exec"), {})
        assert out.getvalue() == expected


def test_console_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    commands = [
        line[2:]
        for lang, body in _blocks()
        if lang == "console"
        for line in body.splitlines()
        if line.startswith("$ zhospar ")
    ]
    assert commands
    for command in commands:
        args = shlex.split(command)[1:]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "findings.csv").read_text(encoding="utf-8").startswith("id,kind,")
