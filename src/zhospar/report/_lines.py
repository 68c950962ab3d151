"""Turning the evaluation's results into the report's lines, with their sources.

Nothing is computed here: each field is copied from the plan (a target and its line) or from
``zhospar.evaluate`` (a fact, a percentage, a status, a forecast), and labelled for people.
These lines are the one row model of an evaluation: the report, the API and ``zhospar score``
all show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zhospar.evaluate import (
    Achievement,
    Aggregate,
    FactRef,
    Forecast,
    NoScore,
    Observed,
    PolaritySource,
    RollupSpec,
    Status,
    polarity_note,
    status_sentence,
)
from zhospar.i18n import N_, gettext, pgettext
from zhospar.model.decimals import rounded_text
from zhospar.model.periods import Period
from zhospar.model.plan import Milestone
from zhospar.model.walk import IndicatorPlace
from zhospar.report.model import FactSource, IndicatorLine, MilestoneLine, Score

__all__ = [
    "NO_SCORE_LABELS",
    "STATUS_LABELS",
    "CommentKey",
    "Comments",
    "evidence",
    "fact_sources",
    "indicator_line",
    "milestone_line",
    "place_of",
    "polarity_word",
    "score_of",
    "status_label",
]

STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: N_("achieved"),
    Status.NEARLY: N_("nearly achieved"),
    Status.NOT_ACHIEVED: N_("not achieved"),
    Status.NO_DATA: N_("no data"),
}
NO_SCORE_LABELS: dict[NoScore, str] = {
    NoScore.NO_FACT: N_("no fact"),
    NoScore.NO_TARGET: N_("no target"),
    NoScore.NOT_ROLLED_UP: N_("not rolled up"),
    NoScore.NOT_YET_DUE: N_("not yet due"),
    NoScore.BAD_FACT: N_("bad fact"),
    NoScore.DELETED: N_("deleted"),
}

CommentKey = tuple[str, Period, str | None, str | None]


def polarity_word(polarity: str) -> str:
    """Which way is better, in the language of the moment: "increase", "decrease", "keep"
    (the value itself when it is none of these)."""
    words = {
        "increase": pgettext("polarity", "increase"),
        "decrease": pgettext("polarity", "decrease"),
        "keep": pgettext("polarity", "keep"),
        "milestone": pgettext("polarity", "milestone"),
    }
    return words.get(polarity, polarity)


@dataclass(frozen=True)
class Comments:
    """The comment recorded with each fact, by (indicator, period, region, breakdown).

    The evaluation's evidence (``FactRef``) does not carry comments, so the report keeps them
    from the facts it was given (the latest revision of each key, as the evaluation uses).
    """

    by_key: Mapping[CommentKey, str]

    def of(self, ref: FactRef) -> str | None:
        return self.by_key.get((ref.indicator_id, ref.period, ref.region, ref.breakdown))


def status_label(result: Achievement) -> str:
    """The status in words, or why there is no score ("no fact", "no target" ...)."""
    if result.status is Status.NO_DATA and result.no_score is not None:
        return gettext(NO_SCORE_LABELS[result.no_score])
    return gettext(STATUS_LABELS[result.status])


def fact_sources(refs: Iterable[FactRef], comments: Comments) -> tuple[FactSource, ...]:
    return tuple(
        FactSource(
            value=ref.value,
            period=str(ref.period),
            region=ref.region,
            breakdown=ref.breakdown,
            source=ref.source,
            file=ref.file,
            row=ref.row,
            entered_by=ref.entered_by,
            entered_at=ref.entered_at,
            revision=ref.revision,
            comment=comments.of(ref),
            force_reason=ref.force_reason,
        )
        for ref in refs
    )


def _explanation(facts: tuple[FactSource, ...]) -> str | None:
    seen: list[str] = []
    for fact in facts:
        if fact.comment and fact.comment not in seen:
            seen.append(fact.comment)
    return "; ".join(seen) or None


def _rollup_note(result: Achievement) -> str | None:
    observed = result.observed
    if observed is None or (observed.rule is None and observed.complete):
        return None
    rule = f"rolled up by {observed.rule.value}" if observed.rule is not None else "not rolled up"
    gaps = "" if observed.complete else " (incomplete: not every period or region)"
    return f"{rule}{gaps}: {observed.note}" if observed.note else f"{rule}{gaps}"


def evidence(observed: Observed | None) -> str:
    """One fact: where it came from; several: how they were rolled up, and their sources."""
    if observed is None or not observed.facts:
        return ""
    if len(observed.facts) == 1 and observed.rule is None:
        fact = observed.facts[0]
        return f"{fact.period}: {fact.describe()}"
    sources = sorted({f.source for f in observed.facts if f.source})
    text = observed.note or f"{len(observed.facts)} facts"
    return f"{text}; sources: {'; '.join(sources)}" if sources else text


def place_of(place: IndicatorPlace) -> str:
    """What an indicator measures: "task 1.1.1", "goal 1.1" or "program 002"."""
    if place.task:
        return f"task {place.task}"
    if place.goal:
        return f"goal {place.goal}"
    return f"program {place.program}"


def indicator_line(
    place: IndicatorPlace,
    result: Achievement,
    outlook: Forecast,
    comments: Comments,
    rollup: RollupSpec | None,
) -> IndicatorLine:
    ind = place.indicator
    facts = fact_sources(result.observed.facts if result.observed else (), comments)
    target = result.target
    return IndicatorLine(
        id=ind.id,
        number=ind.number,
        place=place_of(place),
        name=ind.name,
        unit=ind.unit,
        breakdown=ind.breakdown if place.parent is not None else None,
        line=ind.line,
        polarity=result.polarity.polarity,
        polarity_reason=result.polarity.reason,
        polarity_overridden=result.polarity.source is PolaritySource.OVERRIDE,
        target=target.value if target else None,
        target_raw=target.raw if target else None,
        target_line=target.line if target else None,
        fact=result.fact_value,
        fact_note=result.fact_note,
        evidence=evidence(result.observed),
        percent=result.percent,
        display_percent=result.display_percent,
        status=result.status,
        no_score=result.no_score,
        status_label=status_label(result),
        message=result.message,
        explanation=_explanation(facts),
        facts=facts,
        rollup=rollup.rule if rollup else None,
        rollup_overridden=rollup.overridden if rollup else False,
        rollup_note=_rollup_note(result),
        forecast=outlook.chance,
        forecast_message=outlook.message,
        deleted=ind.deleted is not None,
        sentence=_sentence(result),
        polarity_note=polarity_note(result.polarity),
        forced=result.forced,
    )


def _sentence(result: Achievement) -> str:
    """The report's sentence; without a score, the short reason ("no fact", "no target")."""
    return status_label(result) if result.status is Status.NO_DATA else status_sentence(result)


def milestone_line(
    task: str, milestone: Milestone, result: Achievement, comments: Comments
) -> MilestoneLine:
    facts = fact_sources(result.observed.facts if result.observed else (), comments)
    return MilestoneLine(
        id=milestone.id,
        task=task,
        name=milestone.name,
        due_years=tuple(milestone.due_years),
        line=milestone.line,
        polarity=result.polarity.polarity,
        polarity_reason=result.polarity.reason,
        polarity_overridden=result.polarity.source is PolaritySource.OVERRIDE,
        fact=result.fact_value,
        fact_note=result.fact_note,
        evidence=evidence(result.observed),
        percent=result.percent,
        status=result.status,
        no_score=result.no_score,
        status_label=status_label(result),
        state=result.milestone,
        message=result.message,
        explanation=_explanation(facts),
        facts=facts,
    )


def score_of(aggregate: Aggregate | None) -> Score:
    if aggregate is None:
        return Score(None, None, Status.NO_DATA, 0, 0, 0, 0)
    counts = aggregate.counts
    shown = rounded_text(aggregate.score)
    return Score(
        aggregate.score,
        shown,
        aggregate.status,
        counts.achieved,
        counts.nearly,
        counts.not_achieved,
        counts.no_data,
    )
