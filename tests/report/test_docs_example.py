"""The Python example of docs/report.md runs as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FACTS, ROOT

DOC = ROOT / "docs" / "report.md"


def test_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    run_in = tmp_path / "repo"  # a project folder that receives the example's report
    (run_in / "tests" / "data").mkdir(parents=True)
    shutil.copy(FACTS, run_in / "tests" / "data")
    monkeypatch.chdir(run_in)
    exec(compile(code, str(DOC), "exec"), {})
    assert (run_in / "mlsp-2012.html").stat().st_size > 0
    assert (run_in / "mlsp-2012-official.xlsx").stat().st_size > 0
