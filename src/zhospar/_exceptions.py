"""Zhospar's exceptions, all in one place.

    ZhosparError                  every error Zhospar raises on purpose
    ├── PlanReadError             a plan text cannot be read (missing, wrong encoding, empty,
    │                             truncated, not a plan); names the file and, where known, the line
    │   └── NumberFormatError     a cell that should hold a number does not
    ├── PlanFormatError           a JSON export cannot be read back into a plan
    ├── ImportFileError           an import file has problems; carries every problem at once
    ├── ValidationError           a value is refused (out of range, unknown indicator, ...)
    ├── NotFoundError             a plan, indicator or revision does not exist
    ├── ConflictError             refused by the state of things (a value for an approved year)
    └── StoreError                the database cannot do what was asked
        └── DatabaseUnavailable   the database failed: unreachable, connection lost, disk full

The CLI maps these to exit codes in exactly one place (``zhospar.cli._errors``), the web app
to HTTP status codes in another (``zhospar.services.http``); both look the code up with
``code_for``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from zhospar.i18n import gettext

_E = TypeVar("_E", bound=BaseException)


QUOTE_LIMIT = 80


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """A bad value as a message quotes it: at most ``limit`` characters, cut with an ellipsis, so
    that a megabyte pasted into a cell never comes back whole in an error."""
    shown = str(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class ZhosparError(Exception):
    """Base of every error Zhospar raises on purpose; its message is for the user."""


class PlanReadError(ZhosparError):
    """The plan text cannot be read."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.line = line
        where = ""
        if file:
            where = f"{file}"
            if line:
                where += f", line {line}"
            where += ": "
        super().__init__(f"{where}{message}")
        self.reason = message


class NumberFormatError(PlanReadError):
    """A cell that should hold a number does not."""


class PlanFormatError(ZhosparError):
    """A JSON document is not a plan export Zhospar can read."""


@dataclass(frozen=True)
class Problem:
    """One problem in an import file: where it is and what is wrong."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(gettext("row {row}").format(row=self.row))
        if self.column:
            parts.append(gettext('column "{column}"').format(column=self.column))
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class ImportFileError(ZhosparError):
    """An import file has problems; nothing was written. Lists every problem found."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        lines = [f"{file}, {p}" for p in problems]
        heading = gettext("{file}: {count} problem(s), nothing imported").format(
            file=file, count=len(problems)
        )
        super().__init__(heading + "\n" + "\n".join(lines))


class ValidationError(ZhosparError):
    """A value is refused."""


class NotFoundError(ZhosparError):
    """A plan, indicator or revision does not exist."""


class ConflictError(ZhosparError):
    """What was asked contradicts the state of things: a value for a year already approved,
    approving a year twice."""


class StoreError(ZhosparError):
    """The database cannot do what was asked."""


class DatabaseUnavailable(StoreError):
    """The database failed (unreachable, connection lost, disk full, read-only): try again later.

    The store raises it in place of the driver's error (``zhospar.store.db.database_error``), so
    a failing database is one sentence and exit status 7 on the command line, and HTTP 503 on
    the web and the API, never a traceback or a 500.
    """


def code_for(error: _E, codes: Mapping[type[_E], int], default: int) -> int:
    """The code of the nearest class of ``error`` (in its MRO) that ``codes`` names, else
    ``default``: a subclass such as ``NumberFormatError`` gets its parent's code unless it is
    given one of its own, so a new exception never needs a new entry to be reported."""
    return next((codes[cls] for cls in type(error).__mro__ if cls in codes), default)
