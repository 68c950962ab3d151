"""The whole plan as JSON, and back.

The JSON export is the model exactly as pydantic dumps it (two-space indent, numbers that were
Decimals kept as strings so no digit is lost). Reading it back validates it against the model, so
``plan_to_json(plan_from_json(plan_to_json(plan)))`` is byte-identical to the first export: that is
what lets a plan travel between machines and come back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError as PydanticValidationError

from zhospar._exceptions import PlanFormatError
from zhospar.model.plan import Plan

__all__ = ["plan_from_json", "plan_to_json", "read_plan_json"]

_SHOWN_PROBLEMS = 3


def plan_to_json(plan: Plan) -> str:
    """The plan as JSON text, ending with a newline (so files and stdout look alike)."""
    return plan.model_dump_json(indent=2) + "\n"


def plan_from_json(text: str, name: str) -> Plan:
    """A plan from its JSON export; ``name`` (the file) is used in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError(
            f"{name}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise PlanFormatError(
            f"{name}: expected a plan export (a JSON object with title, period_start, "
            f"directions, ...); got a JSON {_json_kind(data)}"
        )
    try:
        return Plan.model_validate_json(text)
    except PydanticValidationError as exc:
        raise PlanFormatError(f"{name}: not a plan export: {_describe(exc)}") from None


def read_plan_json(path: str | Path) -> Plan:
    """Read a JSON export from a file, with one-line errors for missing or unreadable files."""
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise PlanFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PlanFormatError(f"{path}: is a folder, not a JSON file") from None
    except UnicodeDecodeError:
        raise PlanFormatError(f"{path}: is not UTF-8 text, so not a plan export") from None
    except OSError as exc:
        raise PlanFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    if not text.strip():
        raise PlanFormatError(f"{path}: the file is empty")
    return plan_from_json(text, str(path))


def _json_kind(value: object) -> str:
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (list, "array"),
        (str, "string"),
        (bool, "true/false value"),
        ((int, float), "number"),
    ]
    for cls, kind in kinds:
        if isinstance(value, cls):
            return kind
    return "null"


def _describe(exc: PydanticValidationError) -> str:
    """The first few problems as 'field directions.0.name: Field required; ...'."""
    errors = exc.errors(include_url=False, include_input=False)
    parts = []
    for error in errors[:_SHOWN_PROBLEMS]:
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        parts.append(f"field {where}: {error['msg']}")
    more = len(errors) - _SHOWN_PROBLEMS
    if more > 0:
        parts.append(f"and {more} more problem(s)")
    return "; ".join(parts)
