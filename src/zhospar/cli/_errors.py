"""The one place where Zhospar's exceptions become messages and exit codes."""

from __future__ import annotations

import sys

import typer

from zhospar._exceptions import (
    ConflictError,
    ImportFileError,
    NotFoundError,
    PlanFormatError,
    PlanReadError,
    StoreError,
    ValidationError,
    ZhosparError,
    code_for,
)

EXIT_CODES: dict[type[ZhosparError], int] = {
    PlanReadError: 3,
    PlanFormatError: 3,
    ImportFileError: 4,
    ValidationError: 5,
    NotFoundError: 6,
    StoreError: 7,
    ConflictError: 8,
}


def exit_code(error: ZhosparError) -> int:
    """The exit code of the nearest class of ``error`` that has one; 1 for anything else."""
    return code_for(error, EXIT_CODES, 1)


def run(app: typer.Typer) -> None:
    """Run the CLI; a ZhosparError prints one clear message and exits non-zero, no traceback."""
    try:
        app()
    except ZhosparError as error:
        print(f"zhospar: error: {error}", file=sys.stderr)
        sys.exit(exit_code(error))
