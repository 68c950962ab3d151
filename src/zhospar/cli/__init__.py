"""The ``zhospar`` command: a thin layer over the library.

Each group of commands lives in its own module; errors become exit codes in ``_errors`` only.
"""

from __future__ import annotations

from zhospar.cli._app import app
from zhospar.cli._errors import run


def main() -> None:
    run(app)


__all__ = ["app", "main"]
