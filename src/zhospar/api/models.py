"""The JSON shapes of the API (pydantic response models), and how they are filled.

Numbers are exact decimals written as JSON strings ("6.2", "116.9811..."), as the evaluation
keeps them; ``display_percent`` is the percentage rounded half up to 2 decimals (a share under
0.005 % with two significant digits, "0.0044"), as shown on the pages and in the report. Every
target carries its ``line`` in the plan text.

A response model is filled from the library's object of the same fields with
``Model.model_validate(obj)`` (``from_attributes``: nested objects become nested models, a tuple
a list), so a field added to both needs no copying code; ``of`` stays only where a field is
renamed or transformed (a period as text, an import file's origin, a plan's version keys).

The models of an evaluation's rows (``IndicatorOut``, ``MilestoneOut``, ``ScoreOut``) are made
from the row model of ``zhospar.report`` (``IndicatorLine``, ``MilestoneLine``, ``Score``): each
names the fields it shows, and takes their types from there (a status or a polarity is its
enum, written as the same string), so the API cannot drift from the report and the CLI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictFloat,
    StrictInt,
    StrictStr,
    create_model,
)

from zhospar.evaluate import Status
from zhospar.model.actuals import TEXT_LIMIT, Actual
from zhospar.report import IndicatorLine, MilestoneLine, Score
from zhospar.rules.facts import coverage_text
from zhospar.rules.reasons import REASON_LIMIT
from zhospar.services.queries import IndicatorDetail, YearRow
from zhospar.services.reasons import IndicatorReasons
from zhospar.store import PlanInfo
from zhospar.store.reasons import Reason

__all__ = [
    "ActualIn",
    "ActualOut",
    "BudgetOut",
    "ErrorOut",
    "IndicatorDetailOut",
    "IndicatorOut",
    "PlanOut",
    "RecordedOut",
    "ScoreOut",
    "TargetOut",
]


class _Out(BaseModel):
    """Read from the attributes of the library's dataclasses and models, field by name."""

    model_config = ConfigDict(frozen=True, from_attributes=True)


class PlanOut(_Out):
    key: str
    title: str
    period_start: int
    period_end: int
    versions: list[str]

    @classmethod
    def of(cls, p: PlanInfo) -> PlanOut:
        """A version is shown by its key (``KEY@VERSION``), not its whole record."""
        return cls(
            key=p.key,
            title=p.title,
            period_start=p.period_start,
            period_end=p.period_end,
            versions=[v.key for v in p.versions],
        )


class TargetOut(_Out):
    year: int
    phase: str  # reported (before the plan) or planned (a target)
    value: Decimal | None
    raw: str  # the cell as printed, e.g. "6,2"
    line: int


def _shown(row_model: type, names: tuple[str, ...], doc: str) -> type[_Out]:
    """A response model of the fields ``names`` of ``row_model``, in that order, with their
    types: a field renamed or retyped in the row model changes the answer with it, and a name
    it lacks fails at import."""
    hints = get_type_hints(row_model)
    fields: dict[str, Any] = {name: (hints[name], ...) for name in names}
    name = f"{row_model.__name__.removesuffix('Line')}Out"
    return create_model(name, __base__=_Out, __doc__=doc, __module__=__name__, **fields)


INDICATOR_FIELDS = (
    "id", "name", "unit", "breakdown", "line", "polarity", "target", "target_raw",
    "target_line", "fact", "fact_note", "percent", "display_percent", "status", "status_label",
    "forced",
    "message", "forecast", "forecast_message",
)  # fmt: skip
MILESTONE_FIELDS = (
    "id", "name", "due_years", "line", "state", "status", "status_label", "message",
)  # fmt: skip
SCORE_FIELDS = tuple(f.name for f in dataclasses.fields(Score))

if TYPE_CHECKING:  # to the type checker a response model; its fields are made below
    ScoreOut = _Out
    IndicatorOut = _Out
    MilestoneOut = _Out
else:
    ScoreOut = _shown(Score, SCORE_FIELDS, "A score of a task, goal, direction, program or plan.")
    IndicatorOut = _shown(
        IndicatorLine,
        INDICATOR_FIELDS,
        "An indicator in a year: the plan's target, the fact, the achievement, the status.",
    )
    MilestoneOut = _shown(
        MilestoneLine,
        MILESTONE_FIELDS,
        "A milestone in a year: its state (done, late, not_done, not_yet_due; null: no "
        "report) as ``zhospar.evaluate`` decides it from the facts of 1 (done) and 0 (not "
        "done).",
    )


class TaskOut(_Out):
    id: str
    code: str
    name: str
    line: int
    score: ScoreOut
    indicators: list[IndicatorOut]
    milestones: list[MilestoneOut]


class GoalOut(_Out):
    id: str
    code: str
    name: str
    line: int
    score: ScoreOut
    target_indicators: list[IndicatorOut]
    tasks: list[TaskOut]


class DirectionOut(_Out):
    id: str
    number: int
    name: str
    line: int
    score: ScoreOut
    goals: list[GoalOut]


class PlanTreeOut(_Out):
    key: str
    title: str
    year: int
    facts_origin: str
    score: ScoreOut
    directions: list[DirectionOut]


class ReasonOut(_Out):
    """A reason for non-achievement of an indicator in a year, with who gave it and when."""

    indicator_id: str
    year: int
    text: str
    entered_by: str
    entered_at: dt.datetime

    @classmethod
    def of(cls, r: Reason) -> ReasonOut:
        return cls(
            indicator_id=r.indicator_id, year=r.year, text=r.text, entered_by=r.entered_by,
            entered_at=r.entered_at,
        )  # fmt: skip


class YearOut(_Out):
    year: int
    target: TargetOut | None
    fact: Decimal | None
    percent: Decimal | None
    display_percent: str | None
    status: Status
    status_label: str
    message: str
    reason: ReasonOut | None = None  # the reason for non-achievement in force, if any

    @classmethod
    def of(cls, r: YearRow, reason: Reason | None = None) -> YearOut:
        """The achievement's fields under the names the other answers use (``fact``, the
        status's label)."""
        a = r.achievement
        return cls(
            year=r.year,
            target=a.target,
            fact=a.fact_value,
            percent=a.percent,
            display_percent=a.display_percent,
            status=a.status,
            status_label=r.label,
            message=a.message,
            reason=ReasonOut.of(reason) if reason is not None else None,
        )


class ActualOut(_Out):
    """One recorded revision of a value, with who entered it, when, and where it came from."""

    id: int
    indicator_id: str
    period: str
    value: Decimal
    region: str | None
    breakdown: str | None
    source: str | None
    comment: str | None
    origin_file: str | None
    origin_row: int | None
    force_reason: str | None
    status: str  # preliminary, operational or final
    coverage: str | None  # the months covered when not the whole period: "2012-01..2012-05"
    coverage_text: str  # how it reads: "January–May 2012" ("" for the whole period)
    revision: int
    entered_by: str
    entered_at: dt.datetime

    @classmethod
    def of(cls, a: Actual) -> ActualOut:
        """The period as text and the import file's origin spread into two fields."""
        return cls(
            id=a.id,
            indicator_id=a.indicator_id,
            period=str(a.period),
            value=a.value,
            region=a.region,
            breakdown=a.breakdown,
            source=a.source,
            comment=a.comment,
            origin_file=a.origin.file,
            origin_row=a.origin.row,
            force_reason=a.force_reason,
            status=a.status,
            coverage=a.coverage,
            coverage_text=coverage_text(a.coverage),
            revision=a.revision,
            entered_by=a.entered_by,
            entered_at=a.entered_at,
        )


class IndicatorDetailOut(_Out):
    indicator: IndicatorOut  # in the year asked for
    year: int
    polarity_reason: str
    rollup: str
    rollup_reason: str
    targets: list[TargetOut]
    years: list[YearOut]
    revisions: list[ActualOut]
    in_force: list[int]  # ids of the revisions that count
    reasons: list[ReasonOut]  # every reason for non-achievement given, oldest first

    @classmethod
    def of(
        cls, d: IndicatorDetail, year: int, reasons: IndicatorReasons | None = None
    ) -> IndicatorDetailOut:
        """Gathered from the detail's parts: its year's line, roll-up, revisions, reasons."""
        given = reasons or IndicatorReasons({}, [])
        return cls(
            indicator=d.line,
            year=year,
            polarity_reason=str(d.line.polarity_reason),
            rollup=d.rollup.rule.value,
            rollup_reason=str(d.rollup.reason),
            targets=d.indicator.values,
            years=[YearOut.of(r, given.in_force.get(r.year)) for r in d.years],
            revisions=[ActualOut.of(a) for a in d.revisions],
            in_force=sorted(d.in_force),
            reasons=[ReasonOut.of(r) for r in given.history],
        )


def _unicode(text: str) -> str:
    """Refuse a lone surrogate (JSON lets ``"\\ud800"`` through): it is not text, and neither
    the checks nor the database could take it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        message = "not valid Unicode text (it holds a lone surrogate such as \\ud800)"
        raise ValueError(message) from None
    return text


def _at_most(limit: int) -> AfterValidator:
    """A length limit checked after ``_unicode`` (pydantic's own ``max_length`` fails on a lone
    surrogate with a message that does not say so)."""

    def check(text: str) -> str:
        if len(text) > limit:
            raise ValueError(f"at most {limit} characters; got {len(text)}")
        return text

    return AfterValidator(check)


Text = Annotated[StrictStr, AfterValidator(_unicode)]
FreeText = Annotated[StrictStr, AfterValidator(_unicode), _at_most(TEXT_LIMIT)]
Code = Annotated[StrictStr, AfterValidator(_unicode), _at_most(100)]


class ActualIn(BaseModel):
    """A value to record; ``value`` may be a JSON number or text such as "5,3" (exact: a JSON
    number is read as a binary float first). ``true`` is not a number."""

    model_config = ConfigDict(extra="forbid")
    indicator_id: Code
    period: Code
    value: Code | StrictInt | StrictFloat
    region: Code | None = None
    source: FreeText | None = None
    comment: FreeText | None = None
    force_reason: FreeText | None = None
    status: Code | None = None  # preliminary, operational or final (null: final)
    coverage: Code | None = None  # months covered when not the whole period: 2012-01..2012-05


class ReasonIn(BaseModel):
    """A reason for non-achievement to record for the path's indicator in ``year``."""

    model_config = ConfigDict(extra="forbid")
    year: StrictInt
    text: Annotated[StrictStr, AfterValidator(_unicode), _at_most(REASON_LIMIT)]


class FieldErrorOut(BaseModel):
    """One wrong field: where (``["body", "value"]``), what is wrong, and the kind of error."""

    loc: list[str | int]
    msg: str
    type: str
    input: Any = None
    ctx: dict[str, Any] | None = None


class ErrorOut(BaseModel):
    """Every error answer: the reason in words, or (a wrong request) one entry per field."""

    detail: str | list[FieldErrorOut]


class RecordedOut(_Out):
    status: str  # added, revised or unchanged
    actual: ActualOut


class BudgetLineOut(_Out):
    program: str
    name: str
    planned: Decimal | None
    planned_source: str
    actual: Decimal | None
    rate: Decimal | None
    display_rate: str | None
    message: str


class BudgetSummaryOut(_Out):
    programs: int
    with_actual: int
    planned: Decimal
    actual: Decimal
    rate: Decimal | None
    display_rate: str | None


class BudgetOut(_Out):
    year: int
    summary: BudgetSummaryOut
    programs: list[BudgetLineOut]
