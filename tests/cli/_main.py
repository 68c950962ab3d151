"""Run ``zhospar`` as its console script does (``zhospar.cli.main``: errors as one sentence on
standard error and their exit codes), inside the test process."""

from __future__ import annotations

import sys

import pytest

from zhospar.cli import main

__all__ = ["run_main"]


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """The exit status of ``zhospar ARGS...``."""
    monkeypatch.setattr(sys, "argv", ["zhospar", *args])
    try:
        main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0
