"""What the pages and the JSON API show, gathered once from the library for both.

Nothing is computed here that the library computes: a year's figures come from
``zhospar.report.build_report`` (which calls ``zhospar.evaluate.evaluate_year`` once), an
indicator's years from ``plan_vs_fact``, the audit from ``audit_plan``, recorded values from
``zhospar.store``. A page and the API answer the same question with the same function, so a
figure is the same in the report, the API and the pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from zhospar._exceptions import NotFoundError, ValidationError, quoted
from zhospar.api.context import AppContext
from zhospar.evaluate import Achievement, RollupSpec, latest, plan_vs_fact, rollup_specs
from zhospar.imports.validate import parse_value
from zhospar.ingest import LineNote, ReadResult, read_plan
from zhospar.model.actuals import TEXT_LIMIT, Actual, ActualInput
from zhospar.model.periods import Period
from zhospar.model.plan import Gap, Indicator, Plan, YearValue
from zhospar.model.walk import IndicatorPlace, find_indicator
from zhospar.report import AnnualReport, BudgetLine, IndicatorLine, build_report, status_label
from zhospar.store import Recorded, find_region, history, set_actual
from zhospar.store.evaluation import StoredEvaluation

__all__ = [
    "ActualForm",
    "BudgetSummary",
    "IndicatorDetail",
    "Reading",
    "YearRow",
    "budget_summary",
    "check_year",
    "find_place",
    "indicator_detail",
    "parse_actual",
    "reading",
    "record_actual",
    "submit_actual",
    "year_report",
]


def check_year(stored: StoredEvaluation, year: int | None) -> int:
    """The year asked for, which must lie in the plan's period.

    By default the latest year of the period with a value recorded (the year people are
    working on), or the first year when nothing is recorded yet.
    """
    plan = stored.plan
    if year is None:
        recorded = {f.period.year for f in stored.facts}
        return max((y for y in plan.planned_years if y in recorded), default=plan.period_start)
    if not plan.period_start <= year <= plan.period_end:
        raise ValidationError(
            f"year {year} is outside the plan's period: expected {plan.period_start} to "
            f"{plan.period_end}"
        )
    return year


def year_report(stored: StoredEvaluation, year: int) -> AnnualReport:
    """The annual report's model of ``year``: every score, with its sources."""
    return build_report(
        stored.plan, stored.facts, year, options=stored.options(), facts_origin=stored.origin
    )


# --- one indicator ----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearRow:
    """One year of an indicator: the plan's cell, the achievement and its status in words."""

    year: int
    achievement: Achievement
    label: str

    @property
    def target(self) -> YearValue | None:
        return self.achievement.target


@dataclass(frozen=True)
class IndicatorDetail:
    """Everything the indicator page and ``GET /api/indicators/{id}`` show."""

    place: IndicatorPlace
    line: IndicatorLine  # the selected year, as the annual report shows it
    years: list[YearRow]  # every planned year
    rollup: RollupSpec
    revisions: list[Actual]  # every revision of every value, oldest first
    in_force: frozenset[int]  # ids of the revisions that count

    @property
    def indicator(self) -> Indicator:
        return self.place.indicator


def find_place(plan: Plan, indicator_id: str) -> IndicatorPlace:
    place = find_indicator(plan, indicator_id)
    if place is None:
        raise NotFoundError(f'no indicator "{indicator_id}" in this plan (ids look like G1.1-I1)')
    return place


def indicator_detail(
    ctx: AppContext, stored: StoredEvaluation, indicator_id: str, year: int
) -> IndicatorDetail:
    place = find_place(stored.plan, indicator_id)
    options = stored.options()
    report = year_report(stored, year)
    line = report.indicator(indicator_id)
    if line is None:  # every indicator is in the report; a miss is a bug, not the user's
        raise NotFoundError(f'indicator "{indicator_id}" is not in the report of {year}')
    row = next(r for r in plan_vs_fact(stored.plan, stored.facts, options) if r.place == place)
    years = [YearRow(y, a, status_label(a)) for y, a in sorted(row.by_year.items())]
    revisions = history(ctx.db, indicator_id, plan_key=stored.plan_key)
    return IndicatorDetail(
        place=place,
        line=line,
        years=years,
        rollup=rollup_specs(stored.plan, options.rollups)[indicator_id],
        revisions=revisions,
        in_force=frozenset(a.id for a in latest(revisions)),
    )


# --- recording a value ------------------------------------------------------------------------


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
    )
    return ParsedActual(item)


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


# --- budget and reading -----------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSummary:
    """The programs' planned and actual expenditure added up, over programs with both."""

    programs: int
    with_actual: int
    planned: Decimal  # thousand tenge, programs with an actual only
    actual: Decimal
    rate: Decimal | None  # actual / planned x 100, unrounded

    @property
    def display_rate(self) -> str | None:
        if self.rate is None:
            return None
        return str(self.rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def budget_summary(lines: Sequence[BudgetLine]) -> BudgetSummary:
    """Execution over the programs that have both a plan and an actual: the others are unknown,
    not zero, so adding their plan would understate execution."""
    both = [b for b in lines if b.planned is not None and b.actual is not None]
    planned = sum((b.planned for b in both if b.planned is not None), Decimal(0))
    actual = sum((b.actual for b in both if b.actual is not None), Decimal(0))
    rate = actual / planned * 100 if planned else None
    return BudgetSummary(len(lines), len(both), planned, actual, rate)


@dataclass(frozen=True)
class Reading:
    """How the plan's text was read: its gaps, and the remarks on lines read only in part."""

    gaps: list[Gap]
    remarks: list[LineNote]  # empty when the stored plan is not the bundled text
    counts: dict[str, int]
    bundled: bool


@cache
def _bundled() -> ReadResult:
    """The bundled text's reading, done once per process: the text never changes."""
    return read_plan()


def reading(plan: Plan) -> Reading:
    """The gaps are kept with the stored plan; the line-by-line remarks need the text itself,
    which is at hand only when the stored plan was read from the bundled file."""
    bundled = _bundled()
    same = plan.source is not None and bundled.plan.source is not None
    same = same and plan.source.sha256 == bundled.plan.source.sha256  # type: ignore[union-attr]
    if not same:
        return Reading(plan.gaps, [], {}, False)
    counts = {status.value: n for status, n in bundled.report.counts().items()}
    return Reading(plan.gaps, bundled.report.remarks, counts, True)
