"""Achievement of an indicator in a year (the documented method is in ``docs/method.md``).

* increase: fact / target × 100 %
* decrease: target / fact × 100 %
* keep at the level: the deviation |fact − target| / |target| × 100 %; achieved within
  ``KEEP_TOLERANCE``, and the score falls one point per point of deviation beyond it
* milestone: done by its due year (100), late (``LATE_PERCENT``), not done (0)

Bands: ``ACHIEVED_AT`` (100 %) and above is achieved, ``NEARLY_AT`` (90 %) and above is nearly
achieved, below is not achieved. Where a ratio does not exist (a target or fact of 0, negative
values) the result has a status and a message but no percentage; where nothing can be scored (no
target, no fact, facts that refuse to roll up, a deleted indicator) the status is ``NO_DATA`` and
``no_score`` says which. Values stay ``Decimal``; rounding is for display only.

The rules themselves (bands, formulas and their special cases, the order of the reasons for no
score, milestone states, every message) are declared in ``scoring_rules``, from which the
columnar path compiles its SQL; this module runs them on one indicator's evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from zhospar.evaluate.facts import FactRef
from zhospar.evaluate.polarity import IndicatorPolarity, Polarity
from zhospar.evaluate.rollup import Observed
from zhospar.evaluate.scoring_rules import (
    ACHIEVED_AT,
    BAND,
    BANDS,
    BELOW_BANDS,
    DELETED,
    DELETED_ON,
    DUE,
    FORCED,
    KEEP_TOLERANCE,
    LATE_PERCENT,
    MILESTONE_RULES,
    MILESTONE_STATES,
    NEARLY_AT,
    NO_DUE_YEAR,
    NO_FACT_YET,
    NO_SCORE_ORDER,
    NO_TARGET,
    ON_PARTIAL_FACTS,
    POLARITY_RULES,
    PRINTED,
    Better,
    MilestoneOutcome,
    MilestoneState,
    NoScore,
    Outcome,
    Status,
    first_that_holds,
    status_word,
)
from zhospar.i18n import format_figure, format_number, gettext
from zhospar.model.decimals import rounded_text
from zhospar.model.plan import Deletion, Indicator, Milestone, Phase, YearValue

__all__ = [
    "ACHIEVED_AT",
    "KEEP_TOLERANCE",
    "LATE_PERCENT",
    "NEARLY_AT",
    "Achievement",
    "MilestoneState",
    "NoScore",
    "Status",
    "achieve",
    "achieve_milestone",
    "deletion_text",
    "status_of",
    "target_for",
]

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Achievement:
    """The score of one indicator (or milestone) in one year, with its evidence."""

    indicator_id: str
    year: int
    polarity: IndicatorPolarity
    status: Status
    message: str
    percent: Decimal | None = None  # unrounded; None where no ratio exists
    target: YearValue | None = None  # the plan's cell: value, raw text, line
    observed: Observed | None = None  # the fact(s) and how they were rolled up
    deviation: Decimal | None = None  # keep-at-level: |fact − target| / |target| × 100
    no_score: NoScore | None = None
    milestone: MilestoneState | None = None

    @property
    def display_percent(self) -> str | None:
        """The percentage rounded half-up to 2 decimals, e.g. "116.98"."""
        if self.percent is None:
            return None
        return rounded_text(self.percent)

    @property
    def fact_value(self) -> Decimal | None:
        return self.observed.value if self.observed is not None else None

    @property
    def forced(self) -> str | None:
        """Why the fact(s) scored were accepted outside their sensible range (the reasons,
        joined), or None when no scored fact was forced: the mark every view of a score shows."""
        if self.observed is None:
            return None
        reasons = dict.fromkeys(f.force_reason for f in self.observed.facts if f.force_reason)
        return FORCED.text(reasons="; ".join(reasons)) if reasons else None

    @property
    def fact_note(self) -> str:
        """The status and coverage of the fact, shown beside its value ("" for a final one)."""
        return self.observed.fact_note if self.observed is not None else ""


def status_of(percent: Decimal) -> Status:
    """The band a percentage falls in (``scoring_rules.BANDS``)."""
    return next((status for edge, status in BANDS if percent >= edge), BELOW_BANDS)


def target_for(indicator: Indicator, year: int) -> YearValue | None:
    """The plan's cell for ``year`` in the planned period (reported years hold no targets)."""
    for value in indicator.values:
        if value.year == year and value.phase is Phase.PLANNED:
            return value
    return None


def deletion_text(deletion: Deletion) -> str:
    """Why a deleted indicator or milestone has no score: the resolution that deleted it."""
    act = deletion.act
    date = DELETED_ON.text(date=f"{act.date:%d.%m.%Y}") if act.date else ""
    return DELETED.text(number=act.number, date=date, line=deletion.line)


def _fmt(value: Decimal) -> str:
    """A plan value or a fact in a message, as the language writes it (6,2 in Kazakh)."""
    return format_number(value)


def achieve(
    indicator: Indicator,
    polarity: IndicatorPolarity,
    year: int,
    observed: Observed | None,
    *,
    keep_tolerance: Decimal = KEEP_TOLERANCE,
) -> Achievement:
    """Score ``indicator`` in ``year`` against the national value ``observed``."""
    target = target_for(indicator, year)
    base = Achievement(
        indicator.id, year, polarity, Status.NO_DATA, "", target=target, observed=observed
    )
    reason = _no_score(indicator, target, observed)
    if reason is not None:
        return replace(
            base,
            message=_no_score_text(reason, indicator, year, target, observed),
            no_score=reason,
            target=None if reason is NoScore.DELETED else target,
        )
    assert target is not None and target.value is not None  # else a reason above
    assert observed is not None and observed.value is not None
    scored = _scored(polarity.polarity, target.value, observed.value, keep_tolerance)
    status, percent, deviation, message = scored
    if not observed.complete:
        message = f"{message} ({ON_PARTIAL_FACTS.text(what=observed.note)})"
    return replace(base, status=status, message=message, percent=percent, deviation=deviation)


def _no_score(
    indicator: Indicator, target: YearValue | None, observed: Observed | None
) -> NoScore | None:
    """The first reason of ``NO_SCORE_ORDER`` that holds, if any."""
    holds = {
        NoScore.DELETED: indicator.deleted is not None,
        NoScore.NO_TARGET: target is None or target.value is None,
        NoScore.NO_FACT: observed is None,
        NoScore.NOT_ROLLED_UP: observed is not None and observed.value is None,
    }
    return next((reason for reason in NO_SCORE_ORDER if holds[reason]), None)


def _no_score_text(
    reason: NoScore,
    indicator: Indicator,
    year: int,
    target: YearValue | None,
    observed: Observed | None,
) -> str:
    if reason is NoScore.DELETED:
        assert indicator.deleted is not None
        return deletion_text(indicator.deleted)
    if reason is NoScore.NO_TARGET:
        printed = PRINTED.text(raw=target.raw, line=target.line) if target else ""
        return NO_TARGET.text(year=year, printed=printed)
    if reason is NoScore.NO_FACT:
        return NO_FACT_YET.text(year=year)
    assert observed is not None
    return observed.note  # the refusal to roll up, as ``rollup`` words it


_Scored = tuple[Status, Decimal | None, Decimal | None, str]


def _number(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _scored(polarity: Polarity, target: Decimal, fact: Decimal, tolerance: Decimal) -> _Scored:
    """The first branch of ``POLARITY_RULES[polarity]`` that holds, worked out and worded."""
    values = {"fact": fact, "target": target, "tolerance": tolerance}
    outcome: Outcome = first_that_holds(
        POLARITY_RULES[polarity], lambda o: o.when is not None and bool(o.when.value(**values))
    )
    deviation = _number(outcome.deviation.value(**values)) if outcome.deviation else None
    percent = (
        _number(outcome.percent.value(**values, deviation=deviation)) if outcome.percent else None
    )
    status = _status(outcome, values, percent)
    message = outcome.message.text(
        fact=_fmt(fact),
        target=_fmt(target),
        tolerance=_fmt(tolerance),
        percent=_figure(percent),
        score=format_figure(percent.quantize(_CENT)) if percent is not None else None,
        deviation=_figure(deviation),
        status=status_word(status),
    )
    return status, percent, deviation, message


def _status(outcome: Outcome, values: dict[str, Decimal], percent: Decimal | None) -> Status:
    if isinstance(outcome.status, Better):
        return Status.ACHIEVED if outcome.status.condition.value(**values) else Status.NOT_ACHIEVED
    if outcome.status == BAND:
        assert percent is not None  # a banded outcome has a percent
        return status_of(percent)
    return Status(outcome.status)


def _figure(value: Decimal | None) -> str | None:
    """A percentage or deviation in a message: half up to 2 decimals, a small one keeping two
    significant digits, as the language writes it ("116,98"; "0,0044")."""
    return format_figure(value) if value is not None else None


def achieve_milestone(
    milestone: Milestone,
    polarity: IndicatorPolarity,
    year: int,
    facts: Iterable[FactRef],
) -> Achievement:
    """Score a milestone as of the end of ``year``: facts are 1 (done) or 0 (not done) in a year,
    by the first branch of ``MILESTONE_RULES`` that holds."""
    known = [f for f in facts if f.period.year <= year]
    observed = Observed(milestone.id, year, None, tuple(known), note="milestone facts")
    bad = [f for f in known if f.value not in (0, 1)]
    due_years = milestone.due_years
    values = {
        "deleted": milestone.deleted is not None,
        "bad": bool(bad),
        "done": min((f.period.year for f in known if f.value == 1), default=None),
        "due": max(due_years, default=None),
        "year": year,
        "reported": bool(known),
    }
    outcome: MilestoneOutcome = first_that_holds(
        MILESTONE_RULES, lambda o: o.when is not None and bool(o.when.value(**values))
    )
    status, percent = MILESTONE_STATES[outcome.state] if outcome.state else (Status.NO_DATA, None)
    due_text = years_text(due_years)
    when = DUE.text(due_text=due_text) if values["due"] else NO_DUE_YEAR.text()
    got = (
        gettext("; got {value} ({fact})").format(value=_fmt(bad[0].value), fact=bad[0].describe())
        if bad
        else ""
    )
    deletion = deletion_text(milestone.deleted) if milestone.deleted is not None else ""
    message = outcome.message.text(
        deletion=deletion, done=values["done"], due_text=due_text, when=when, year=year, got=got
    )
    return Achievement(
        milestone.id,
        year,
        polarity,
        status,
        message,
        percent=percent,
        observed=observed,
        no_score=outcome.no_score,
        milestone=outcome.state,
    )


def years_text(years: Iterable[int]) -> str:
    """Due years as the plan prints them: "2009-2011" for a run of years, else "2010, 2012"."""
    distinct = sorted(set(years))
    if len(distinct) > 1 and distinct[-1] - distinct[0] == len(distinct) - 1:
        return f"{distinct[0]}-{distinct[-1]}"
    return ", ".join(map(str, distinct))
