"""The one place where Zhospar's exceptions become HTTP status codes (pages and API alike)."""

from __future__ import annotations

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

__all__ = ["STATUS_CODES", "http_status"]

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
