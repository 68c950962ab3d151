"""Checking actual values before anything is written: a whole batch at once, every problem listed.

``zhospar.store.record_actuals`` checks one value typed by a user and a million rows of an
import file with the same functions (and an import file's rules are checked with them with no
database): the batch is looked at column by column. Each distinct indicator, region, period and
breakdown label is looked up once; then a column-wide proof (every value finite and within the
bounds of its indicator's unit) shows in one pass that no row is at fault. Only when something
is wrong are the rows visited one by one, to say which and why. Problems come out in row order,
for each row in the order indicator or value, region, period, breakdown.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from typing import TypeVar

from zhospar._exceptions import ImportFileError, NotFoundError, Problem, ValidationError
from zhospar.i18n import N_, gettext
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.model.batch import ActualBatch, by_identity
from zhospar.model.periods import Period
from zhospar.rules.catalog import Catalog
from zhospar.rules.ranges import RangeRule, range_problem
from zhospar.rules.regions import find_region

__all__ = ["CLI_FORCE_HINT", "MAX_BREAKDOWN", "Series", "check_batch", "check_entered_by"]

MAX_BREAKDOWN = 100
# The magnitudes a value may have (as powers of ten, Decimal.adjusted()): every one of them is
# kept by both backends (a double on SQLite, NUMERIC on PostgreSQL) and computed with in the
# default decimal context; 1e999999 would be stored as infinity and break every later read.
MIN_EXPONENT, MAX_EXPONENT = -15, 14
# a problem: row index in the batch, rank within the row, column, message, "not found" (an
# unknown indicator: NotFoundError when every problem is one)
Found = tuple[int, int, str, str, bool]
_INDICATOR, _REGION, _PERIOD, _BREAKDOWN, _TEXT = range(5)
_TEXTS = ("source", "comment", "force_reason")  # free text kept as it is typed
T = TypeVar("T")


@dataclass(frozen=True)
class Series:
    """Where each row of a checked batch is recorded (row i of the batch is item i)."""

    indicator_id: list[str]  # a breakdown named by its label: the breakdown row's id
    breakdown: list[str]  # '' when none
    region: list[str]  # region code, '' for the whole country


CLI_FORCE_HINT = N_("(--force REASON on the command line)")  # the pages name their own field


def check_batch(cat: Catalog, batch: ActualBatch) -> Series:
    """The series every row belongs to; raises one error listing every problem of every row."""
    found: list[Found] = []
    ids, labels = _series(cat, batch, found)
    _check_indicators(cat, ids, batch, found)
    regions = _regions(batch.region, found)
    _check_periods(cat, batch.period, found)
    _check_labels(labels, found)
    _check_texts(batch, found)
    if found:
        found.sort(key=lambda f: (f[0], f[1]))  # stable: row order, then the rank in the row
        _raise(found, batch)
    return Series(ids, labels, regions)


def check_entered_by(entered_by: str) -> None:
    """Every value is recorded with who entered it: no one is no answer."""
    if not entered_by.strip():
        raise ValidationError("who enters the values must be named (entered_by is empty)")


def _where(column: Sequence[T], bad: Collection[T]) -> Iterator[int]:
    """The indexes of the rows whose value is in ``bad``."""
    if not bad:
        return iter(())
    return compress(range(len(column)), map(bad.__contains__, column))


def _series(cat: Catalog, batch: ActualBatch, found: list[Found]) -> tuple[list[str], list[str]]:
    """Indicator ids and breakdown labels as recorded: a label naming a row becomes the row."""
    ids, labels = batch.indicator_id, batch.breakdown
    if not any(labels):
        return ids, [""] * len(ids)
    series: dict[tuple[str, str | None], tuple[str, str]] = {}
    refused: dict[tuple[str, str | None], str] = {}
    for pair in set(zip(ids, labels, strict=True)):
        try:
            series[pair] = cat.series(*pair)
        except ValidationError as error:
            series[pair] = (pair[0], (pair[1] or "").strip())
            refused[pair] = str(error)
    pairs = list(zip(ids, labels, strict=True))
    for i in _where(pairs, refused):
        found.append((i, _BREAKDOWN, "breakdown", refused[pairs[i]], False))
    keyed = list(map(series.__getitem__, pairs))
    return [k[0] for k in keyed], [k[1] for k in keyed]


def _check_indicators(cat: Catalog, ids: list[str], batch: ActualBatch, found: list[Found]) -> None:
    """Unknown and deleted indicators; then values that are not numbers or out of range."""
    refused: dict[str, tuple[str, bool]] = {}
    for ident in set(ids):
        info = cat.indicators.get(ident)
        if info is None:
            refused[ident] = (cat.unknown_message(ident), True)
        elif info.deleted_by is not None:
            refused[ident] = (
                gettext(
                    'indicator {id} "{name}" was deleted from plan {plan} by resolution '
                    "No. {number}; it takes no actual values"
                ).format(
                    id=info.id, name=_short(info.name), plan=cat.plan_key, number=info.deleted_by
                ),
                False,
            )
    for i in _where(ids, refused):
        found.append((i, _INDICATOR, "indicator", *refused[ids[i]]))
    if not _values_clearly_sensible(cat, ids, batch.value, refused.keys()):
        _check_values(cat, ids, batch, refused.keys(), found)


def _values_clearly_sensible(
    cat: Catalog, ids: list[str], values: list[Decimal], refused: Container[str]
) -> bool:
    """A proof over whole columns that every value is finite and within its indicator's bounds.

    False means "look row by row" (some value may be at fault, or be forced with a reason).
    """
    if not all(map(Decimal.is_finite, values)):
        return False
    exponents = list(map(Decimal.adjusted, values))
    if exponents and (min(exponents) < MIN_EXPONENT or max(exponents) > MAX_EXPONENT):
        return False
    groups: dict[tuple[RangeRule, Decimal | None, Decimal | None], set[str]] = {}
    for ident in set(ids):
        info = cat.indicators.get(ident)
        if info is None or ident in refused or (info.low is None and info.high is None):
            continue
        groups.setdefault((info.rule, info.low, info.high), set()).add(ident)
    for (rule, low, high), members in groups.items():
        chosen = list(compress(values, map(members.__contains__, ids)))
        if rule is RangeRule.MILESTONE and not set(chosen) <= {low, high}:
            return False
        if (low is not None and min(chosen) < low) or (high is not None and max(chosen) > high):
            return False
    return True


def _check_values(
    cat: Catalog, ids: list[str], batch: ActualBatch, refused: Container[str], found: list[Found]
) -> None:
    """Row by row: a value that is not a number, or out of range and not forced with a reason."""
    rows = zip(ids, batch.value, batch.force_reason, strict=True)
    for i, (ident, value, force_reason) in enumerate(rows):
        if ident in refused:
            continue
        info = cat.indicators[ident]
        if not value.is_finite():
            message = gettext("expected a number; got {value}").format(value=value)
            found.append((i, _INDICATOR, "value", message, False))
        elif not MIN_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
            message = gettext(
                "the value is too large or too small to be recorded: expected 0 or a number "
                "from 1e-15 to below 1e15 (either sign); got {value}"
            ).format(value=value)  # forcing does not help: it could not be stored and read back
            found.append((i, _INDICATOR, "value", message, False))
        elif info.rule is RangeRule.MILESTONE and info.out_of_range(value):
            message = gettext('milestone {id} "{name}": {problem}; got {value}').format(
                id=info.id,
                name=_short(info.name),
                problem=range_problem(info.rule, value),
                value=value,
            )  # forcing does not help: no other value means anything for a milestone
            found.append((i, _INDICATOR, "value", message, False))
        elif (
            info.out_of_range(value)
            and not force_reason
            and (why := range_problem(info.rule, value))
        ):
            message = gettext(
                'indicator {id} "{name}" has unit "{unit}": {why}; '
                "got {value}. Give a reason to force it if it is right {hint}"
            ).format(
                id=info.id,
                name=_short(info.name),
                unit=info.unit,
                why=why,
                value=value,
                hint=gettext(CLI_FORCE_HINT),
            )
            found.append((i, _INDICATOR, "value", message, False))


def _check_texts(batch: ActualBatch, found: list[Found]) -> None:
    """Free text holding a NUL character, which PostgreSQL cannot store, or longer than
    ``TEXT_LIMIT`` (checked per column at C speed, row by row only when one is wrong)."""
    for name in _TEXTS:
        column: list[str | None] = getattr(batch, name)
        texts = list(filter(None, column))
        if "\x00" not in "".join(texts) and max(map(len, texts), default=0) <= TEXT_LIMIT:
            continue
        for i, text in enumerate(column):
            if text and "\x00" in text:
                message = gettext(
                    "the {name} holds a NUL character (\\x00), which cannot be stored"
                ).format(name=name)
                found.append((i, _TEXT, name, message, False))
            elif text and len(text) > TEXT_LIMIT:
                message = gettext(
                    "the {name} has {count} characters; at most {limit} are kept"
                ).format(name=name, count=len(text), limit=TEXT_LIMIT)
                found.append((i, _TEXT, name, message, False))


def _regions(texts: list[str | None], found: list[Found]) -> list[str]:
    """Each row's region code ('' for the country); unknown regions are problems."""
    codes: dict[str | None, str] = {None: "", "": ""}
    unknown: set[str | None] = set()
    for text in set(texts) - codes.keys():
        region = find_region(text) if text is not None else None
        if region is None:
            unknown.add(text)
            codes[text] = ""
        else:
            codes[text] = region.code
    for i in _where(texts, unknown):
        message = gettext(
            'unknown region "{region}": expected a region code such as 75 or '
            "a name such as Алматы қаласы (see `zhospar regions`)"
        ).format(region=texts[i])
        found.append((i, _REGION, "region", message, False))
    return list(map(codes.__getitem__, texts))


def _check_periods(cat: Catalog, periods: list[Period], found: list[Found]) -> None:
    years = cat.years
    if years is None:
        return
    outside = {key for key, period in by_identity(periods).items() if period.year not in years}
    for i in _where(list(map(id, periods)), outside):
        message = gettext("period {period} is outside plan {plan} ({first}-{last})").format(
            period=periods[i], plan=cat.plan_key, first=years.start, last=years.stop - 1
        )
        found.append((i, _PERIOD, "period", message, False))


def _check_labels(labels: list[str], found: list[Found]) -> None:
    too_long = {label for label in set(labels) if len(label) > MAX_BREAKDOWN}
    for i in _where(labels, too_long):
        message = gettext("a breakdown label is at most {limit} characters").format(
            limit=MAX_BREAKDOWN
        )
        found.append((i, _BREAKDOWN, "breakdown", message, False))


def _short(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _raise(found: list[Found], batch: ActualBatch) -> None:
    """One error for all problems: with rows when the values come from a file."""
    files = [batch.origin_file[i] for i, *_ in found if batch.origin_file[i]]
    if files:
        problems = [Problem(batch.origin_row[i], column, msg) for i, _, column, msg, _ in found]
        raise ImportFileError(files[0], problems)  # type: ignore[arg-type]
    messages = [msg for *_, msg, _ in found]
    text = (
        messages[0]
        if len(messages) == 1
        else gettext("{count} values refused:").format(count=len(messages))
        + "\n"
        + "\n".join(f"- {m}" for m in messages)
    )
    if all(not_found for *_, not_found in found):
        raise NotFoundError(text)
    raise ValidationError(text)
