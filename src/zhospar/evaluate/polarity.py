"""Polarity: which way is good for an indicator (increase, decrease, keep, milestone).

The plan never says it; it is inferred, first from the wording (an unemployment rate, a poverty
share, injuries, a rank position "төмен емес", a time to serve: lower is better), then from the
kind of quantity (a count of things delivered, of people served, or money: more is better,
whatever its targets do, as the ministry's reports score it), and only then from the direction
of the planned targets (falling targets: decrease; rising: increase; flat: keep at the level).

The targets' trend alone is weak evidence: a plan that expects fewer deliverables (a smaller
budget, work finished) does not say that fewer is better. An indicator whose polarity rests on it
is ``to_confirm`` until a planner confirms it, which is recorded as an
override equal to the inferred polarity. Every inference carries the rule that fired, in words,
so a user can check it; a user's override wins and is reported as an override, with who made it,
when and why (recording it in the database is the store's job).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from zhospar._exceptions import ValidationError
from zhospar.i18n import Language, Message, current_language, pgettext, use_language
from zhospar.model.plan import Indicator, Milestone, Phase, Plan, YearValue
from zhospar.model.walk import iter_indicators

__all__ = [
    "WEAK_SOURCES",
    "IndicatorPolarity",
    "Polarity",
    "PolarityOverride",
    "PolaritySource",
    "apply_overrides",
    "infer_milestone_polarity",
    "infer_polarities",
    "infer_polarity",
    "polarity_word",
]


class Polarity(StrEnum):
    INCREASE = "increase"  # more is better: fact / target
    DECREASE = "decrease"  # less is better: target / fact
    KEEP = "keep"  # keep at the level: deviation from the target
    MILESTONE = "milestone"  # a deliverable: done / late / not done by its due year


def polarity_word(polarity: Polarity | str) -> str:
    """A polarity in words, in the language of the moment (English: its value)."""
    words = {
        Polarity.INCREASE: pgettext("polarity", "increase"),
        Polarity.DECREASE: pgettext("polarity", "decrease"),
        Polarity.KEEP: pgettext("polarity", "keep"),
        Polarity.MILESTONE: pgettext("polarity", "milestone"),
    }
    try:
        return words[Polarity(str(polarity))]
    except ValueError:
        return str(polarity)


class _PolarityWord(Message):
    """A polarity inside a sentence made once and shown later: named in the language shown."""

    def __init__(self, polarity: Polarity) -> None:
        super().__init__(polarity.value)

    def render(self, language: Language | None = None) -> str:
        with use_language(language or current_language()):
            return polarity_word(self.template)


class PolaritySource(StrEnum):
    WORDING = "wording"  # a word of the indicator's name or unit
    QUANTITY = "quantity"  # the kind of quantity: a count of things or people, or money
    TARGETS = "targets"  # the direction of the planned targets
    STRUCTURE = "structure"  # a milestone of a task
    DEFAULT = "default"  # nothing to go on: assumed increase
    OVERRIDE = "override"  # set by a user


# Evidence too weak to score on without a person's word: the trend of the targets alone. (The
# default applies only where there are fewer than two targets, that is, hardly anything to score.)
WEAK_SOURCES = frozenset((PolaritySource.TARGETS,))


@dataclass(frozen=True)
class PolarityOverride:
    """A user's decision on an indicator's polarity, with who, when and why."""

    polarity: Polarity
    reason: str  # the person's own words, shown as written
    user: str
    at: dt.datetime


@dataclass(frozen=True)
class IndicatorPolarity:
    """The polarity of one indicator and the rule that gave it."""

    indicator_id: str
    polarity: Polarity
    source: PolaritySource
    reason: Message  # the rule that fired, in words (shown in the language that asks)
    line: int | None = None  # the line of the wording or targets the rule read
    override: PolarityOverride | None = None
    inferred: IndicatorPolarity | None = None  # what inference said, when overridden

    @property
    def to_confirm(self) -> bool:
        """Inferred from weak evidence (the targets' trend) and no person has decided yet."""
        return self.source in WEAK_SOURCES

    @property
    def confirmed(self) -> bool:
        """Weak evidence that a person confirmed: an override equal to what inference said."""
        was = self.inferred
        return (
            self.override is not None
            and was is not None
            and was.source in WEAK_SOURCES
            and was.polarity is self.polarity
        )


@dataclass(frozen=True)
class _WordRule:
    pattern: re.Pattern[str]
    polarity: Polarity
    why: Message


def _rule(pattern: str, polarity: Polarity, why: Message) -> _WordRule:
    return _WordRule(re.compile(pattern, re.IGNORECASE), polarity, why)


_LOWER_IS_BETTER, _HIGHER_IS_BETTER = Polarity.DECREASE, Polarity.INCREASE
# Order matters: the first rule that matches wins. Word starts are anchored with (?<!\w) so that
# "өлім" (death) does not fire inside "бөлімше" (department) nor "күн" (day) inside "күнкөріс".
_WORD_RULES: tuple[_WordRule, ...] = (
    _rule(
        r"жұмыссыздық\s+деңгей", _LOWER_IS_BETTER, Message("an unemployment rate: lower is better")
    ),
    _rule(
        r"күнкөріс\s+деңгейінен\s+төмен",
        _LOWER_IS_BETTER,
        Message("a share below the subsistence minimum"),
    ),
    _rule(r"(?<!\w)кедейлі[кг]", _LOWER_IS_BETTER, Message("poverty: lower is better")),
    _rule(r"(?<!\w)жарақат", _LOWER_IS_BETTER, Message("injuries: fewer is better")),
    _rule(r"(?<!\w)жазатайым", _LOWER_IS_BETTER, Message("accidents: fewer is better")),
    _rule(r"(?<!\w)өлім", _LOWER_IS_BETTER, Message("deaths: fewer is better")),
    _rule(
        r"(?<!\w)(позиция|рейтинг)",
        _LOWER_IS_BETTER,
        Message("a rank position: a lower number is a better place"),
    ),
    _rule(
        r"төмен\s+емес",
        _LOWER_IS_BETTER,
        Message('a rank "not lower than": a lower number is a better place'),
    ),
    _rule(
        r"(?<!\w)уақыт(ы|ын)?(?!\w)",
        _LOWER_IS_BETTER,
        Message("a time to serve: shorter is better"),
    ),
    _rule(r"(?<!\w)күн(?!\w)", _LOWER_IS_BETTER, Message("a time in days: shorter is better")),
    _rule(
        r"шығындар\w*\s+(ара\s+)?(салмағ|үлес)",
        _LOWER_IS_BETTER,
        Message("a share of costs: lower is better"),
    ),
    _rule(
        r"(?<!\w)(қысқарт|төмендет|азайт)",
        _LOWER_IS_BETTER,
        Message("the wording asks for a reduction"),
    ),
    _rule(
        r"қолайсыз\s+еңбек\s+жағдай",
        _LOWER_IS_BETTER,
        Message("people working in harmful or unfavourable conditions: fewer is better"),
    ),
    _rule(
        r"(өткен|алдыңғы)\s+жыл|өсу\s+индекс|(?<!\w)өсім",
        _HIGHER_IS_BETTER,
        Message("a growth index against the previous year: more growth meets the target"),
    ),
    _rule(
        r"(?<!\w)(арттыр|ұлғайт|көбейт)",
        _HIGHER_IS_BETTER,
        Message("the wording asks for an increase"),
    ),
)


# A count of things delivered or of people served, or money (бірлік, дана, адам, мың адам,
# теңге, млн. теңге, отбасы ...): more is better unless the wording asks for less. A unit with a
# "%" is a share of such a count ("АӘЖ алушылардың жалпы санынан %"), not a count.
_COUNT_UNIT = re.compile(
    r"(?<!\w)(адам|бірлік|дана|теңге|отбасы|кәсіпорын\w*|саны|парағы)(?!\w)", re.IGNORECASE
)


def infer_polarity(indicator: Indicator, parent: Indicator | None = None) -> IndicatorPolarity:
    """Infer the polarity of an indicator: wording, then the kind of quantity, then the targets.

    A breakdown row (``parent`` given) reads its parent's wording and unit too: "әйелдер" under
    the unemployment rate is still an unemployment rate.
    """
    wording = _by_wording(indicator, parent)
    if wording is not None:
        return wording
    quantity = _by_quantity(indicator, parent)
    if quantity is not None:
        return quantity
    by_targets = _by_targets(indicator)
    if by_targets is not None:
        return by_targets
    return IndicatorPolarity(
        indicator.id,
        Polarity.INCREASE,
        PolaritySource.DEFAULT,
        Message("no wording rule and fewer than two planned targets: assumed higher is better"),
        indicator.line,
    )


def _by_wording(indicator: Indicator, parent: Indicator | None) -> IndicatorPolarity | None:
    texts = [(indicator, f"{indicator.name} {indicator.unit or ''}")]
    if parent is not None:
        texts.append((parent, f"{parent.name} {parent.unit or ''}"))
    for rule in _WORD_RULES:
        for owner, text in texts:
            match = rule.pattern.search(text)
            if match is None:
                continue
            words, why = match.group(0), rule.why
            reason = (
                Message('wording: "{words}" — {why}', words=words, why=why)
                if owner is indicator
                else Message(
                    'wording of {owner}: "{words}" — {why}', owner=owner.id, words=words, why=why
                )
            )
            return IndicatorPolarity(
                indicator.id, rule.polarity, PolaritySource.WORDING, reason, owner.line
            )
    return None


def _by_quantity(indicator: Indicator, parent: Indicator | None) -> IndicatorPolarity | None:
    owner = indicator if indicator.unit or parent is None else parent
    unit = owner.unit or ""
    match = None if "%" in unit else _COUNT_UNIT.search(unit)
    if match is None:
        return None
    reason = (
        Message(
            'unit "{unit}": a count of things or people, or money — more is better whatever the '
            "trend of the targets",
            unit=unit,
        )
        if owner is indicator
        else Message(
            'unit of {owner} "{unit}": a count of things or people, or money — more is better '
            "whatever the trend of the targets",
            owner=owner.id,
            unit=unit,
        )
    )
    return IndicatorPolarity(
        indicator.id, Polarity.INCREASE, PolaritySource.QUANTITY, reason, owner.line
    )


def _by_targets(indicator: Indicator) -> IndicatorPolarity | None:
    planned = sorted(
        (v for v in indicator.values if v.phase is Phase.PLANNED and v.value is not None),
        key=lambda v: v.year,
    )
    if len(planned) < 2:
        return None
    first, last = planned[0], planned[-1]
    span = {"first": _show(first), "last": _show(last)}
    if all(v.value == first.value for v in planned):
        polarity = Polarity.KEEP
        reason = Message(
            "targets stay at {value} from {first} to {last}", value=first.value, **span
        )
    elif last.value == first.value:
        polarity = Polarity.KEEP
        reason = Message("targets end at the level they start from: {first} to {last}", **span)
    elif _gt(last, first):
        polarity, reason = Polarity.INCREASE, Message("targets rise from {first} to {last}", **span)
    else:
        polarity, reason = Polarity.DECREASE, Message("targets fall from {first} to {last}", **span)
    return IndicatorPolarity(
        indicator.id, polarity, PolaritySource.TARGETS, reason, planned[0].line
    )


def _gt(a: YearValue, b: YearValue) -> bool:
    return a.value is not None and b.value is not None and a.value > b.value


def _show(v: YearValue) -> str:
    return f"{v.value} ({v.year})"


def infer_milestone_polarity(milestone: Milestone) -> IndicatorPolarity:
    due = "-".join(str(y) for y in sorted(set(milestone.due_years)))
    return IndicatorPolarity(
        milestone.id,
        Polarity.MILESTONE,
        PolaritySource.STRUCTURE,
        Message("a milestone of its task (due {due}): done, late or not done", due=due)
        if due
        else Message("a milestone of its task (due: no year stated): done, late or not done"),
        milestone.line,
    )


def infer_polarities(plan: Plan) -> dict[str, IndicatorPolarity]:
    """The inferred polarity of every indicator, breakdown row and milestone of the plan."""
    out: dict[str, IndicatorPolarity] = {}
    for place in iter_indicators(plan):
        out[place.indicator.id] = infer_polarity(place.indicator, place.parent)
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                for milestone in task.milestones:
                    out[milestone.id] = infer_milestone_polarity(milestone)
    return out


def apply_overrides(
    inferred: Mapping[str, IndicatorPolarity], overrides: Mapping[str, PolarityOverride]
) -> dict[str, IndicatorPolarity]:
    """Let each user override win, keeping what inference said beside it.

    An override for an id the plan does not have is refused (with every such id named), since a
    silently ignored decision is worse than an error.
    """
    unknown = sorted(set(overrides) - set(inferred))
    if unknown:
        raise ValidationError(
            "polarity override for an indicator the plan does not have: " + ", ".join(unknown)
        )
    out = dict(inferred)
    for indicator_id, override in overrides.items():
        was = inferred[indicator_id]
        reason = Message(
            "set to {polarity} by {user} on {at}: {reason} (inferred: {inferred}, {why})",
            polarity=_PolarityWord(override.polarity),
            user=override.user,
            at=f"{override.at:%Y-%m-%d %H:%M}",
            reason=override.reason,
            inferred=_PolarityWord(was.polarity),
            why=was.reason,
        )
        out[indicator_id] = replace(
            was,
            polarity=override.polarity,
            source=PolaritySource.OVERRIDE,
            reason=reason,
            override=override,
            inferred=was,
        )
    return out
