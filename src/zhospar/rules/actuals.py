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
from zhospar.model.actuals import TEXT_LIMIT
from zhospar.model.batch import ActualBatch, by_identity
from zhospar.model.periods import Period
from zhospar.rules.catalog import Catalog
from zhospar.rules.facts import DEFAULT_STATUS, parse_coverage, parse_status
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
    status: list[str]  # preliminary, operational or final (``zhospar.rules.facts``)
    coverage: list[str | None]  # the months covered, canonical; None: the whole period


CLI_FORCE_HINT = "(--force REASON on the command line)"  # the pages name their own field


def check_batch(cat: Catalog, batch: ActualBatch) -> Series:
    """The series every row belongs to; raises one error listing every problem of every row."""
    found: list[Found] = []
    ids, labels = _series(cat, batch, found)
    _check_indicators(cat, ids, batch, found)
    regions = _regions(batch.region, found)
    _check_periods(cat, batch.period, found)
    _check_labels(labels, found)
    _check_texts(batch, found)
    statuses = _statuses(batch.status, found)
    coverages = _coverages(batch, found)
    if found:
        found.sort(key=lambda f: (f[0], f[1]))  # stable: row order, then the rank in the row
        _raise(found, batch)
    return Series(ids, labels, regions, statuses, coverages)


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
                f'indicator {info.id} "{_short(info.name)}" was deleted from plan '
                f"{cat.plan_key} by resolution No. {info.deleted_by}; it takes no actual values",
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
            found.append((i, _INDICATOR, "value", f"expected a number; got {value}", False))
        elif not MIN_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
            message = (
                "the value is too large or too small to be recorded: expected 0 or a number "
                f"from 1e-15 to below 1e15 (either sign); got {value}"
            )  # forcing does not help: it could not be stored and read back
            found.append((i, _INDICATOR, "value", message, False))
        elif info.rule is RangeRule.MILESTONE and info.out_of_range(value):
            message = (
                f'milestone {info.id} "{_short(info.name)}": {range_problem(info.rule, value)}; '
                f"got {value}"
            )  # forcing does not help: no other value means anything for a milestone
            found.append((i, _INDICATOR, "value", message, False))
        elif (
            info.out_of_range(value)
            and not force_reason
            and (why := range_problem(info.rule, value))
        ):
            message = (
                f'indicator {info.id} "{_short(info.name)}" has unit "{info.unit}": {why}; '
                f"got {value}. Give a reason to force it if it is right {CLI_FORCE_HINT}"
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
                message = f"the {name} holds a NUL character (\\x00), which cannot be stored"
                found.append((i, _TEXT, name, message, False))
            elif text and len(text) > TEXT_LIMIT:
                message = f"the {name} has {len(text)} characters; at most {TEXT_LIMIT} are kept"
                found.append((i, _TEXT, name, message, False))


def _statuses(texts: list[str | None], found: list[Found]) -> list[str]:
    """Each row's status as kept (empty: ``final``); a status not known is a problem."""
    kept: dict[str | None, str] = {}
    refused: dict[str | None, str] = {}
    for text in set(texts):
        try:
            kept[text] = parse_status(text).value
        except ValidationError as error:
            kept[text], refused[text] = DEFAULT_STATUS.value, str(error)
    for i in _where(texts, refused):
        found.append((i, _TEXT, "status", refused[texts[i]], False))
    return list(map(kept.__getitem__, texts))


def _coverages(batch: ActualBatch, found: list[Found]) -> list[str | None]:
    """Each row's coverage as kept: canonical, within its period, None for the whole period."""
    if not any(batch.coverage):
        return [None] * len(batch)
    periods = by_identity(batch.period)
    pairs = list(zip(map(id, batch.period), batch.coverage, strict=True))
    kept: dict[tuple[int, str | None], str | None] = {}
    refused: dict[tuple[int, str | None], str] = {}
    for pair in set(pairs):
        try:
            coverage = parse_coverage(pair[1], periods[pair[0]])
            kept[pair] = None if coverage is None else str(coverage)
        except ValidationError as error:
            kept[pair], refused[pair] = None, str(error)
    for i in _where(pairs, refused):
        found.append((i, _TEXT, "coverage", refused[pairs[i]], False))
    return list(map(kept.__getitem__, pairs))


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
        message = (
            f'unknown region "{texts[i]}": expected a region code such as 75 or '
            "a name such as Алматы қаласы (see `zhospar regions`)"
        )
        found.append((i, _REGION, "region", message, False))
    return list(map(codes.__getitem__, texts))


def _check_periods(cat: Catalog, periods: list[Period], found: list[Found]) -> None:
    years = cat.years
    if years is None:
        return
    outside = {key for key, period in by_identity(periods).items() if period.year not in years}
    for i in _where(list(map(id, periods)), outside):
        message = (
            f"period {periods[i]} is outside plan {cat.plan_key} ({years.start}-{years.stop - 1})"
        )
        found.append((i, _PERIOD, "period", message, False))


def _check_labels(labels: list[str], found: list[Found]) -> None:
    too_long = {label for label in set(labels) if len(label) > MAX_BREAKDOWN}
    for i in _where(labels, too_long):
        message = f"a breakdown label is at most {MAX_BREAKDOWN} characters"
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
        else f"{len(messages)} values refused:\n" + "\n".join(f"- {m}" for m in messages)
    )
    if all(not_found for *_, not_found in found):
        raise NotFoundError(text)
    raise ValidationError(text)
