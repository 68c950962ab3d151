"""What ``zhospar --version`` prints: the version of the installed package, from its metadata
(pyproject.toml's ``version``), so that it is never a second copy kept by hand."""

from __future__ import annotations

from importlib.metadata import version

__all__ = ["version_line"]


def version_line() -> str:
    """E.g. "zhospar 0.1.0"."""
    return f"zhospar {version('zhospar')}"
