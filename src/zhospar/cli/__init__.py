"""The ``zhospar`` command: a thin layer over the library.

Each group of commands lives in its own module and is registered by ``_app``; errors become exit
codes in ``_errors`` only. ``app`` is loaded when first asked for, so that ``zhospar --version``
answers without loading Typer at all.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhospar.cli._app import app


def main() -> None:
    """The ``zhospar`` script."""
    if sys.argv[1:] == ["--version"]:
        from zhospar.cli._version import version_line

        print(version_line())
        return
    from zhospar.cli._app import app
    from zhospar.cli._errors import run

    run(app)


def __getattr__(name: str) -> object:
    if name == "app":
        from zhospar.cli._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
