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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from zhospar.evaluate.facts import FactRef
from zhospar.evaluate.polarity import IndicatorPolarity, Polarity
from zhospar.evaluate.rollup import Observed
from zhospar.model.decimals import round_half_up, rounded_text
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
    "status_of",
    "target_for",
]

ACHIEVED_AT = Decimal(100)  # percent at and above which a target is achieved
NEARLY_AT = Decimal(90)  # percent at and above which it is nearly achieved
KEEP_TOLERANCE = Decimal(5)  # keep-at-level: deviation (% of the level) still counted as kept
LATE_PERCENT = Decimal(90)  # a milestone done after its due year: the bottom of "nearly"
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class Status(StrEnum):
    ACHIEVED = "achieved"
    NEARLY = "nearly"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"  # cannot be scored; ``no_score`` says why


class NoScore(StrEnum):
    NO_TARGET = "no_target"
    NO_FACT = "no_fact"
    NOT_ROLLED_UP = "not_rolled_up"  # facts exist but refuse to roll up to the national year
    NOT_YET_DUE = "not_yet_due"  # a milestone whose due year has not come
    BAD_FACT = "bad_fact"  # e.g. a milestone fact other than 1 (done) or 0 (not done)
    DELETED = "deleted"  # deleted from the plan by an amending resolution


class MilestoneState(StrEnum):
    DONE = "done"
    LATE = "late"
    NOT_DONE = "not_done"
    NOT_YET_DUE = "not_yet_due"


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
        return rounded_text(self.percent)

    @property
    def fact_value(self) -> Decimal | None:
        return self.observed.value if self.observed is not None else None


def status_of(percent: Decimal) -> Status:
    """The band a percentage falls in."""
    if percent >= ACHIEVED_AT:
        return Status.ACHIEVED
    if percent >= NEARLY_AT:
        return Status.NEARLY
    return Status.NOT_ACHIEVED


def target_for(indicator: Indicator, year: int) -> YearValue | None:
    """The plan's cell for ``year`` in the planned period (reported years hold no targets)."""
    for value in indicator.values:
        if value.year == year and value.phase is Phase.PLANNED:
            return value
    return None


def _deleted(deletion: Deletion) -> str:
    act = deletion.act
    date = f" of {act.date:%d.%m.%Y}" if act.date else ""
    return f"deleted by resolution No. {act.number}{date} (line {deletion.line})"


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def achieve(
    indicator: Indicator,
    polarity: IndicatorPolarity,
    year: int,
    observed: Observed | None,
    *,
    keep_tolerance: Decimal = KEEP_TOLERANCE,
) -> Achievement:
    """Score ``indicator`` in ``year`` against the national value ``observed``."""

    base = Achievement(indicator.id, year, polarity, Status.NO_DATA, "", observed=observed)
    if indicator.deleted is not None:
        return replace(base, message=_deleted(indicator.deleted), no_score=NoScore.DELETED)
    target = target_for(indicator, year)
    base = replace(base, target=target)
    if target is None or target.value is None:
        shown = f' (the plan prints "{target.raw}" at line {target.line})' if target else ""
        return replace(base, message=f"no target for {year}{shown}", no_score=NoScore.NO_TARGET)
    if observed is None:
        return replace(base, message=f"no fact yet for {year}", no_score=NoScore.NO_FACT)
    if observed.value is None:
        return replace(base, message=observed.note, no_score=NoScore.NOT_ROLLED_UP)
    status, percent, deviation, message = _compare(
        polarity.polarity, target.value, observed.value, keep_tolerance
    )
    if not observed.complete:
        message = f"{message} (on partial facts: {observed.note})"
    return replace(base, status=status, message=message, percent=percent, deviation=deviation)


_Scored = tuple[Status, Decimal | None, Decimal | None, str]


def _compare(polarity: Polarity, target: Decimal, fact: Decimal, tolerance: Decimal) -> _Scored:
    if polarity is Polarity.INCREASE:
        return _increase(target, fact)
    if polarity is Polarity.DECREASE:
        return _decrease(target, fact)
    if polarity is Polarity.KEEP:
        return _keep(target, fact, tolerance)
    done = fact >= 1
    return (
        Status.ACHIEVED if done else Status.NOT_ACHIEVED,
        _HUNDRED if done else Decimal(0),
        None,
        f"milestone: fact {_fmt(fact)} ({'done' if done else 'not done'})",
    )


def _signed(better: bool, how: str) -> _Scored:
    status = Status.ACHIEVED if better else Status.NOT_ACHIEVED
    return status, None, None, f"negative values: compared directly, no ratio ({how}); {status}"


def _ratio(num: Decimal, den: Decimal, formula: str) -> _Scored:
    percent = num / den * _HUNDRED
    rounded = round_half_up(percent)
    status = status_of(percent)
    return (
        status,
        percent,
        None,
        f"{_fmt(num)} / {_fmt(den)} × 100 = {rounded} % ({formula}); {status}",
    )


def _increase(target: Decimal, fact: Decimal) -> _Scored:
    if target < 0 or fact < 0:
        return _signed(fact >= target, f"fact {_fmt(fact)} vs target {_fmt(target)}")
    if target == 0:
        both = "target and fact are both 0" if fact == 0 else f"target is 0, fact {_fmt(fact)}"
        return Status.ACHIEVED, None, None, f"{both}: met, no ratio; achieved"
    return _ratio(fact, target, "increase: fact / target")


def _decrease(target: Decimal, fact: Decimal) -> _Scored:
    if target < 0 or fact < 0:
        return _signed(fact <= target, f"fact {_fmt(fact)} vs target {_fmt(target)}")
    if fact == 0:
        msg = f"fact is 0, at or below the target {_fmt(target)}: met, no ratio; achieved"
        return Status.ACHIEVED, None, None, msg
    if target == 0:
        msg = f"target is 0 and the fact is {_fmt(fact)}: target / fact = 0 %; not_achieved"
        return Status.NOT_ACHIEVED, Decimal(0), None, msg
    return _ratio(target, fact, "decrease: target / fact")


def _keep(target: Decimal, fact: Decimal, tolerance: Decimal) -> _Scored:
    if target == 0:
        if fact == 0:
            return Status.ACHIEVED, None, None, "level 0 kept (fact 0); achieved"
        msg = f"level 0 not kept (fact {_fmt(fact)}); no relative deviation; not_achieved"
        return Status.NOT_ACHIEVED, None, None, msg
    deviation = abs(fact - target) / abs(target) * _HUNDRED
    percent = max(Decimal(0), _HUNDRED - max(Decimal(0), deviation - tolerance))
    status = status_of(percent)
    rounded = round_half_up(deviation)
    msg = (
        f"keep at {_fmt(target)}: fact {_fmt(fact)} deviates {rounded} % "
        f"(tolerance {_fmt(tolerance)} %); score {percent.quantize(_CENT)} %; {status}"
    )
    return status, percent, deviation, msg


def achieve_milestone(
    milestone: Milestone,
    polarity: IndicatorPolarity,
    year: int,
    facts: Iterable[FactRef],
) -> Achievement:
    """Score a milestone as of the end of ``year``: facts are 1 (done) or 0 (not done) in a year."""
    known = [f for f in facts if f.period.year <= year]
    observed = Observed(milestone.id, year, None, tuple(known), note="milestone facts")
    base = Achievement(milestone.id, year, polarity, Status.NO_DATA, "", observed=observed)
    if milestone.deleted is not None:
        return replace(base, message=_deleted(milestone.deleted), no_score=NoScore.DELETED)
    bad = [f for f in known if f.value not in (0, 1)]
    if bad:
        msg = f"a milestone fact must be 1 (done) or 0 (not done); got {_fmt(bad[0].value)}"
        return replace(base, message=f"{msg} ({bad[0].describe()})", no_score=NoScore.BAD_FACT)
    done = min((f.period.year for f in known if f.value == 1), default=None)
    return _milestone_state(base, milestone.due_years, done, year, reported=bool(known))


def years_text(years: Iterable[int]) -> str:
    """Due years as the plan prints them: "2009-2011" for a run of years, else "2010, 2012"."""
    distinct = sorted(set(years))
    if len(distinct) > 1 and distinct[-1] - distinct[0] == len(distinct) - 1:
        return f"{distinct[0]}-{distinct[-1]}"
    return ", ".join(map(str, distinct))


def _milestone_state(
    base: Achievement, due_years: list[int], done: int | None, year: int, *, reported: bool
) -> Achievement:
    due = max(due_years, default=None)
    due_text = years_text(due_years)
    if done is not None and (due is None or done <= due):
        when = f"due {due_text}" if due else "no due year stated"
        return replace(
            base,
            status=Status.ACHIEVED,
            message=f"done in {done} ({when})",
            percent=_HUNDRED,
            milestone=MilestoneState.DONE,
        )
    if done is not None:
        return replace(
            base,
            status=Status.NEARLY,
            message=f"done late: in {done}, due {due_text}",
            percent=LATE_PERCENT,
            milestone=MilestoneState.LATE,
        )
    if due is None:
        return replace(base, message="not done yet; no due year stated", no_score=NoScore.NO_TARGET)
    if year < due:
        return replace(
            base,
            message=f"not done yet; due {due_text}",
            no_score=NoScore.NOT_YET_DUE,
            milestone=MilestoneState.NOT_YET_DUE,
        )
    if not reported:
        # Nobody has reported on it: say so rather than count it as a failure.
        return replace(
            base,
            message=f"no report yet on this milestone (due {due_text})",
            no_score=NoScore.NO_FACT,
        )
    return replace(
        base,
        status=Status.NOT_ACHIEVED,
        message=f"not done by {year}; due {due_text}",
        percent=Decimal(0),
        milestone=MilestoneState.NOT_DONE,
    )
