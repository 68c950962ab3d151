"""The rows of a checked file as ``ActualInput`` models, built without validating them again.

``Checked.inputs`` gives the good rows of a file as ``ActualInput`` values; the import itself
hands the store columns, not models. The values are already checked, so ``checked_actual_input``
builds each model with pydantic's ``model_construct`` and one shared set of field names (every
field is given, so it is the set a validated model has): about 0.7 kB a model, where validation
gives each model its own set (1.7 kB). The shared set is never changed in place: the models are
frozen, and ``model_copy`` copies it before adding to it. tests/imports/test_validate.py checks
that the result equals a validated model.
"""

from __future__ import annotations

from decimal import Decimal

from zhospar.model.actuals import ActualInput, Origin
from zhospar.model.periods import Period

__all__ = ["checked_actual_input"]

_FIELDS_SET = set(ActualInput.model_fields)
_ORIGIN_FIELDS_SET = set(Origin.model_fields)
_construct = ActualInput.model_construct
_construct_origin = Origin.model_construct


def checked_actual_input(
    indicator_id: str,
    period: Period,
    value: Decimal,
    region: str | None,
    breakdown: str | None,
    source: str | None,
    comment: str | None,
    file: str | None,
    row: int | None,
    force_reason: str | None,
    status: str | None = "final",
    coverage: str | None = None,
) -> ActualInput:
    """An ActualInput from values already checked; equal to ``ActualInput(...)`` of the same."""
    origin = _construct_origin(_ORIGIN_FIELDS_SET, file=file, row=row)
    return _construct(
        _FIELDS_SET, indicator_id=indicator_id, period=period, value=value, region=region,
        breakdown=breakdown, source=source, comment=comment, origin=origin,
        force_reason=force_reason, status=status or "final", coverage=coverage,
    )  # fmt: skip
