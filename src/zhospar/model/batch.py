"""Many actual values at once, as columns: the bulk form of ``ActualInput``.

A file of a million values would cost a million pydantic models (3 µs and 1.7 kB each) if every
row became an ``ActualInput``. The import instead hands the store one ``ActualBatch``: a list per
field, row i of the file being item i of every list. The store checks a batch with the same
functions whatever its origin (``record_actuals`` turns a list of ``ActualInput`` into a batch
first), column by column, looking up each distinct indicator, period and region once.

``ActualInput`` stays the public form of one value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from itertools import compress
from typing import Any

from zhospar.model.actuals import ActualInput
from zhospar.model.periods import Period

__all__ = ["ActualBatch", "by_identity"]


def by_identity(column: Sequence[Period]) -> dict[int, Period]:
    """The distinct objects of a column, by identity.

    A batch shares one Period object per distinct period; hashing a Period would call Python
    code for every row, looking it up by ``id`` does not.
    """
    return dict(zip(map(id, column), column, strict=True))


@dataclass
class ActualBatch:
    """Actual values as parallel lists, one per field of ``ActualInput`` (origin split in two)."""

    indicator_id: list[str] = field(default_factory=list)
    period: list[Period] = field(default_factory=list)
    value: list[Decimal] = field(default_factory=list)
    region: list[str | None] = field(default_factory=list)  # code or name; None: the country
    breakdown: list[str | None] = field(default_factory=list)
    source: list[str | None] = field(default_factory=list)
    comment: list[str | None] = field(default_factory=list)
    origin_file: list[str | None] = field(default_factory=list)
    origin_row: list[int | None] = field(default_factory=list)
    force_reason: list[str | None] = field(default_factory=list)
    status: list[str | None] = field(default_factory=list)  # preliminary, operational, final
    coverage: list[str | None] = field(default_factory=list)  # canonical text; None: whole

    @classmethod
    def of(cls, inputs: Iterable[ActualInput]) -> ActualBatch:
        """The batch of these values, in their order."""
        batch = cls()
        for item in inputs:
            batch.indicator_id.append(item.indicator_id)
            batch.period.append(item.period)
            batch.value.append(item.value)
            batch.region.append(item.region)
            batch.breakdown.append(item.breakdown)
            batch.source.append(item.source)
            batch.comment.append(item.comment)
            batch.origin_file.append(item.origin.file)
            batch.origin_row.append(item.origin.row)
            batch.force_reason.append(item.force_reason)
            batch.status.append(item.status)
            batch.coverage.append(item.coverage)
        return batch

    def __len__(self) -> int:
        return len(self.indicator_id)

    def columns(self) -> Iterator[list[Any]]:
        """Every column, in the order of the fields."""
        for column in fields(self):
            yield getattr(self, column.name)

    def extend(self, other: ActualBatch, keep: Iterable[bool] | None = None) -> None:
        """Append the rows of ``other`` (only those whose ``keep`` is true, when given)."""
        if keep is None:
            for mine, theirs in zip(self.columns(), other.columns(), strict=True):
                mine.extend(theirs)
            return
        mask = list(keep)
        for mine, theirs in zip(self.columns(), other.columns(), strict=True):
            mine.extend(compress(theirs, mask))
