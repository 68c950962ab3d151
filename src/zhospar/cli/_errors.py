"""The one place where Zhospar's exceptions become messages and exit codes."""

from __future__ import annotations

import sys
from typing import NoReturn

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
    """Run the CLI; a ZhosparError prints one clear message and exits non-zero, no traceback.

    A database failure that escaped the store's own translation is one too (``StoreError``).
    """
    try:
        app()
    except ZhosparError as error:
        _fail(error)
    except Exception as error:
        failure = _database_failure(error)
        if failure is None:
            raise
        _fail(failure)


def _fail(error: ZhosparError) -> NoReturn:
    print(f"zhospar: error: {error}", file=sys.stderr)
    sys.exit(exit_code(error))


def _database_failure(error: Exception) -> ZhosparError | None:
    """The ``StoreError`` for a database's own error; None for any other error. Only a command
    that loaded the store can meet one, so the store is not imported to find out."""
    if "zhospar.store.db" not in sys.modules:
        return None
    from zhospar.store.db import database_error, is_database_error

    return database_error(error) if is_database_error(error) else None
