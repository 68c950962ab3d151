"""What the pages and the JSON API share over HTTP: the request's context, the year parameter,
and the one place where Zhospar's exceptions become HTTP status codes.

Kept out of ``zhospar.services``' other modules so that the CLI, which uses the same queries and
commands, never imports FastAPI.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, cast

from fastapi import Depends, Query, Request

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
from zhospar.services.context import AppContext

__all__ = ["STATUS_CODES", "Context", "Year", "get_context", "http_status"]


def get_context(request: Request) -> AppContext:
    """The app's context, acting for the person signed in (``zhospar.web._access``)."""
    context = cast(AppContext, request.app.state.context)
    person = getattr(request.state, "person", None)
    return replace(context, user=person.name) if person is not None else context


Context = Annotated[AppContext, Depends(get_context)]

Year = Annotated[
    int | None,
    Query(description="A year of the plan; default: the latest year with a value recorded."),
]

STATUS_CODES: dict[type[ZhosparError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    ValidationError: 422,
    ImportFileError: 422,
    PlanReadError: 422,
    PlanFormatError: 422,
    StoreError: 503,
}


def http_status(error: ZhosparError) -> int:
    """The status of the nearest class of ``error`` that has one; 500 for anything else."""
    return code_for(error, STATUS_CODES, 500)
