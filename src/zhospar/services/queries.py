"""What the pages, the JSON API and the CLI show, gathered once from the library for all three.

Nothing is computed here that the library computes: a year's figures come from
``zhospar.report.build_report`` (which calls ``zhospar.evaluate.evaluate_year`` once), an
indicator's years from ``indicator_years`` (its row of ``plan_vs_fact``), recorded values from
``zhospar.store``. A page, the API and the CLI answer the same question with the same
function, so a figure is the same in the report, the API, the pages and the terminal. What
changes a record is in ``commands``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.evaluate import (
    Achievement,
    PlanVsFactRow,
    RollupSpec,
    indicator_years,
    latest,
    rollup_specs,
)
from zhospar.i18n import current_language, gettext
from zhospar.ingest import LineNote, ReadResult, read_plan
from zhospar.model.actuals import Actual
from zhospar.model.decimals import rounded_text
from zhospar.model.plan import Gap, Indicator, Plan, YearValue
from zhospar.model.walk import IndicatorPlace, find_indicator
from zhospar.report import (
    AnnualReport,
    BudgetLine,
    IndicatorLine,
    OfficialReport,
    SignOff,
    build_report,
    official_form,
    status_label,
)
from zhospar.services.context import AppContext
from zhospar.store import Database, history
from zhospar.store.evaluation import StoredEvaluation
from zhospar.store.reasons import reasons_in_year

__all__ = [
    "BudgetSummary",
    "IndicatorDetail",
    "Reading",
    "YearRow",
    "budget_summary",
    "check_year",
    "find_place",
    "indicator_detail",
    "official_report",
    "reading",
    "translated_names",
    "year_reasons",
    "year_report",
    "year_signoff",
]


def check_year(stored: StoredEvaluation, year: int | None) -> int:
    """The year asked for, which must lie in the plan's period.

    By default the latest year of the period with a value recorded (the year people are
    working on), or the first year when nothing is recorded yet.
    """
    plan = stored.plan
    if year is None:
        return stored.memo.get("default-year", lambda: _default_year(stored))
    if not plan.period_start <= year <= plan.period_end:
        raise ValidationError(
            gettext("year {year} is outside the plan's period: expected {first} to {last}").format(
                year=year, first=plan.period_start, last=plan.period_end
            )
        )
    return year


def year_signoff(stored: StoredEvaluation, year: int) -> SignOff:
    """Whether ``year``'s figures are approved (by whom, when) or a draft, as reports say it."""
    state = stored.signoffs.get(year)
    if state is None or not state.approved:
        return SignOff(year)
    return SignOff(year, approved=True, by=state.by, at=state.at)


def _default_year(stored: StoredEvaluation) -> int:
    plan = stored.plan
    recorded = {f.period.year for f in stored.facts}
    return max((y for y in plan.planned_years if y in recorded), default=plan.period_start)


def year_report(stored: StoredEvaluation, year: int) -> AnnualReport:
    """The annual report's model of ``year``: every score, with its sources and sign-off.

    Built once per state of the data and language (``stored.memo``: the pages and the API share
    it until a write moves the plan's data version; its sentences and labels are in the language
    of the moment, so a Russian page never shows the Kazakh one's); treat it as read-only.
    """

    def build() -> AnnualReport:
        return build_report(
            stored.plan, stored.facts, year, options=stored.options(),
            facts_origin=stored.origin, assessments=stored.assessments_for(year),
            signoff=year_signoff(stored, year),
        )  # fmt: skip

    return stored.memo.get(("report", year, current_language()), build)


def _indicator_years(stored: StoredEvaluation, place: IndicatorPlace) -> PlanVsFactRow:
    """One indicator's row of the multi-year table, scoring that indicator alone: its page
    need not wait for the whole plan to be scored after each recorded value."""
    row = indicator_years(stored.plan, stored.facts, place.indicator.id, stored.options())
    if row is None:  # ``place`` was found in this very plan: a miss is a bug
        raise NotFoundError(f'indicator "{place.indicator.id}" is not in the plan')
    return row


def year_reasons(db: Database, stored: StoredEvaluation, year: int) -> dict[str, str]:
    """The reason for non-achievement in force for ``year``, by indicator id."""
    found = reasons_in_year(db, stored.plan_key, year)
    return {ident: reason.text for ident, reason in found.items()}


def official_report(
    db: Database, stored: StoredEvaluation, year: int, report: AnnualReport | None = None
) -> OfficialReport:
    """The official form of ``year``: the annual report's figures (``report``: the year's
    report with the plan's names translated, else ``year_report``), the reasons in force."""
    built = report if report is not None else year_report(stored, year)
    return official_form(stored.plan, built, year_reasons(db, stored, year))


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
    row = stored.memo.get(  # its method sentences are in the language of the moment
        ("years", indicator_id, current_language()), lambda: _indicator_years(stored, place)
    )
    years = [YearRow(y, a, status_label(a)) for y, a in sorted(row.by_year.items())]
    revisions = stored.memo.get(
        ("history", indicator_id), lambda: history(ctx.db, indicator_id, plan_key=stored.plan_key)
    )
    specs = stored.memo.get(
        "rollups", lambda: rollup_specs(stored.plan, options.rollups, options.parts)
    )
    return IndicatorDetail(
        place=place,
        line=line,
        years=years,
        rollup=specs[indicator_id],
        revisions=revisions,
        in_force=frozenset(a.id for a in latest(revisions)),
    )


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
        return rounded_text(self.rate)


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


def translated_names(ctx: AppContext, plan_key: str | None, lang: str) -> Mapping[str, str]:
    """The plan's names in ``lang`` by element id (``G1.1``, ``G1.1-I1``, ``U:адам``): the
    translations in force; empty for Kazakh, the published language, or when none is loaded.
    Where an id is missing, show the published name."""
    from zhospar.store.translations import translations_in_force

    if lang == "kk":
        return {}
    return translations_in_force(ctx.db, plan_key or ctx.plan_key, lang)
