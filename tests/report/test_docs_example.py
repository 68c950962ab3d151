"""The Python example of docs/report.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "report.md"


def test_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    shared = tmp_path / "work" / "shared"
    shared.parent.mkdir()
    shared.symlink_to(ROOT.parent / "shared")
    run_in = tmp_path / "work" / "repo"
    run_in.mkdir()
    monkeypatch.chdir(run_in)
    exec(compile(code, str(DOC), "exec"), {})
    assert (run_in / "mlsp-2012.html").stat().st_size > 0
