"""What changes a record: a value typed into a page or sent to the API, checked and stored.

The pages (``submit_actual``: a refusal becomes messages beside the form) and the API
(``parse_actual`` then ``record_actual``: a refusal becomes a 422) record a value through the
same functions, as the configured user, with the store's checks and history. What only reads is
in ``queries``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from zhospar._exceptions import NotFoundError, ValidationError, quoted
from zhospar.imports.validate import parse_value
from zhospar.model.actuals import TEXT_LIMIT, ActualInput
from zhospar.model.periods import Period
from zhospar.rules.facts import DEFAULT_STATUS, parse_coverage, parse_status
from zhospar.services.context import AppContext
from zhospar.store import Recorded, find_region, set_actual

__all__ = [
    "ActualForm",
    "FreeText",
    "ParsedActual",
    "ShortText",
    "Submitted",
    "parse_actual",
    "record_actual",
    "submit_actual",
]


ShortText = Annotated[str, StringConstraints(max_length=100)]  # a period, a number, a code
FreeText = Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]  # refused before any work


class ActualForm(BaseModel):
    """A value as a person typed it, every field a string, kept to show back on an error.

    Also the fields of the pages' entry forms (``Annotated[ActualForm, Form()]``): a field
    left out is empty, and the checks that follow say what is missing.
    """

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
    period: ShortText = ""
    value: ShortText = ""
    region: ShortText = ""
    source: FreeText = ""
    comment: FreeText = ""
    force_reason: FreeText = ""
    status: ShortText = ""  # preliminary, operational or final (empty: final)
    coverage: ShortText = ""  # the months covered when not the whole period: 2012-01..2012-05


@dataclass
class ParsedActual:
    item: ActualInput | None
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message


def _period(text: str, errors: dict[str, str]) -> Period | None:
    if not text:
        errors["period"] = "give the period: a year such as 2012, or 2012-Q3, 2012-H1, 2012-07"
        return None
    try:
        return Period.parse(text)
    except ValidationError as error:
        errors["period"] = str(error)
        return None


def _value(text: str, errors: dict[str, str]) -> Decimal | None:
    if not text:
        errors["value"] = "give the value, e.g. 5.3 or 5,3"
        return None
    try:
        return parse_value(text)
    except ValueError:
        errors["value"] = f'expected a number such as 5.3 or 5,3; got "{quoted(text)}"'
        return None


def _region(text: str, errors: dict[str, str]) -> str | None:
    if not text:
        return None
    found = find_region(text)
    if found is None:
        errors["region"] = f'unknown region "{text}": expected a region code such as 75'
        return None
    return found.code


def parse_actual(indicator_id: str, form: ActualForm) -> ParsedActual:
    """The form's value as the store takes it, or a message for every field that is wrong."""
    errors: dict[str, str] = {}
    period, value = _period(form.period, errors), _value(form.value, errors)
    region = _region(form.region, errors)
    status, coverage = _status(form.status, errors), _coverage(form.coverage, period, errors)
    if period is None or value is None or errors:
        return ParsedActual(None, errors)
    item = ActualInput(
        indicator_id=indicator_id,
        period=period,
        value=value,
        region=region,
        source=form.source or None,
        comment=form.comment or None,
        force_reason=form.force_reason or None,
        status=status,
        coverage=coverage,
    )
    return ParsedActual(item)


def _status(text: str, errors: dict[str, str]) -> str:
    try:
        return parse_status(text).value
    except ValidationError as error:
        errors["status"] = str(error)
        return DEFAULT_STATUS.value


def _coverage(text: str, period: Period | None, errors: dict[str, str]) -> str | None:
    try:
        found = parse_coverage(text, period)
    except ValidationError as error:
        errors["coverage"] = str(error)
        return None
    return None if found is None else str(found)


def record_actual(ctx: AppContext, item: ActualInput) -> Recorded:
    """Record one value as the configured user; the store checks it and keeps the history."""
    return set_actual(ctx.db, ctx.plan_key, item, entered_by=ctx.user)


@dataclass(frozen=True)
class Submitted:
    """What became of a value typed into a page: recorded, or the message of every field
    that is wrong (``store`` for what the store refused)."""

    done: Recorded | None
    errors: dict[str, str]


def submit_actual(ctx: AppContext, indicator_id: str, form: ActualForm) -> Submitted:
    """Parse and record a typed value; a refusal becomes messages for the form, not an error
    page, so that the person sees what to correct beside what they typed."""
    parsed = parse_actual(indicator_id, form)
    if parsed.item is None:
        return Submitted(None, parsed.errors)
    try:
        return Submitted(record_actual(ctx, parsed.item), {})
    except (ValidationError, NotFoundError) as error:
        return Submitted(None, {"store": str(error)})
