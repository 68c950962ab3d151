"""Which indicators signal each risk of the plan's risk table (Қатер менеджменті).

The risk table names no indicator, so the link is inferred, by a rule that is stated in the
report (``RISK_RULE``) and shows its evidence (the direction named, or the shared words):

1. **Named**: a risk whose text (risks, consequences or measures) names a strategic direction
   ("2-стратегиялық бағыт", "2-бағыт") or one of its goals ("2.1-мақсат") is linked to it.
2. **Shared keywords**: the risk's risks and consequences are compared with each direction's own
   words (its name, its goals, tasks and their indicators). Words are cut to stems (lower case,
   words of 4 letters or more, the first 6 letters, a few function words left out); a stem weighs
   ln(N / n), N the number of directions and n how many of them use it, so words every direction
   uses weigh nothing. A direction scores the sum of the shared stems' weights divided by the
   square root of its own number of stems (so a long text does not win by length alone). The risk
   is linked to the best-scoring direction and to any scoring at least ``NEAR_BEST`` of it.

The indicators that signal a risk are the target indicators (нысаналы индикаторлар) of the
linked directions' goals: the consequences a risk warns of are what they measure.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zhospar.i18n import N_, pgettext
from zhospar.model.plan import Direction, Plan, Risk
from zhospar.report.model import RiskLink

__all__ = [
    "NEAR_BEST",
    "RISK_RULE",
    "RISK_STATE_RULE",
    "LinkedRisk",
    "RiskLink",
    "RiskState",
    "link_risks",
    "risk_state",
    "state_word",
    "stems",
]

NEAR_BEST = Decimal("0.8")  # a direction scoring this share of the best one is linked too
STEM_LETTERS = 6
MIN_WORD = 4
# Kazakh function words and the words of the risk table's own frame, which link nothing.
FUNCTION_WORDS = frozenset(
    {"және", "немесе", "бойынша", "үшін", "арасында", "сияқты", "туралы", "басқару", "қатер"}
)

RISK_RULE = N_(
    "A risk is linked to a strategic direction when its text names the direction "
    '("2-стратегиялық бағыт") or one of its goals ("2.1-мақсат"); otherwise by shared '
    "keywords: word stems (first 6 letters of words of 4+ letters) of the risk's risks and "
    "consequences against the direction's name, goals, tasks and indicators, each stem weighted "
    "ln(N/n) by how few directions use it, the sum divided by the square root of the direction's "
    "number of stems; the best direction, and any scoring at least 80 % of it, is linked. The "
    "indicators that signal the risk are the target indicators of the linked directions' goals."
)

_NAMED_DIRECTION = re.compile(r"\b(\d{1,2})\s*-\s*(?:стратегиялық\s+)?бағыт", re.IGNORECASE)
_NAMED_GOAL = re.compile(r"\b(\d{1,2})\.\d{1,2}\s*-\s*мақсат", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LinkedRisk:
    risk: Risk
    links: tuple[RiskLink, ...]
    indicator_ids: tuple[str, ...]  # the signal indicators, in document order


def stems(text: str) -> set[str]:
    """The word stems of ``text``: lower case, 4+ letters, first 6 letters, no function words."""
    words = _WORD.findall(text.casefold())
    return {w[:STEM_LETTERS] for w in words if len(w) >= MIN_WORD and w not in FUNCTION_WORDS}


def _direction_words(direction: Direction) -> set[str]:
    texts = [direction.name]
    for goal in direction.goals:
        texts.append(goal.name)
        texts.extend(i.name for i in goal.target_indicators if i.deleted is None)
        for task in goal.tasks:
            texts.append(task.name)
            texts.extend(i.name for i in task.indicators if i.deleted is None)
    return stems(" ".join(texts))


def _named(risk: Risk) -> set[int]:
    text = " ".join([*risk.risks, *risk.consequences, *risk.measures])
    found = {int(m) for m in _NAMED_DIRECTION.findall(text)}
    return found | {int(m) for m in _NAMED_GOAL.findall(text)}


def _keyword_links(risk: Risk, words: dict[int, set[str]]) -> list[RiskLink]:
    used_by = Counter(stem for own in words.values() for stem in own)
    total = len(words)
    risk_words = stems(" ".join([*risk.risks, *risk.consequences]))
    scored: list[RiskLink] = []
    for number, own in words.items():
        shared = sorted(risk_words & own)
        weight = sum(math.log(total / used_by[s]) for s in shared)
        if weight > 0:
            score = Decimal(str(round(weight / math.sqrt(len(own)), 4)))
            kept = tuple(s for s in shared if used_by[s] < total)
            scored.append(RiskLink(number, False, kept, score))
    if not scored:
        return []
    best = max(link.score for link in scored)
    return [link for link in scored if link.score >= best * NEAR_BEST]


def _signals(plan: Plan, directions: Iterable[int]) -> tuple[str, ...]:
    wanted = set(directions)
    return tuple(
        indicator.id
        for direction in plan.directions
        if direction.number in wanted
        for goal in direction.goals
        for indicator in goal.target_indicators
        if indicator.deleted is None
    )


def link_risks(plan: Plan) -> list[LinkedRisk]:
    """Every risk of the plan with the directions it is linked to and its signal indicators."""
    words = {d.number: _direction_words(d) for d in plan.directions}
    out = []
    for risk in plan.risks:
        named = sorted(_named(risk) & set(words))
        links = [RiskLink(n, True, (), Decimal(1)) for n in named]
        if not links:
            links = sorted(_keyword_links(risk, words), key=lambda link: -link.score)
        out.append(LinkedRisk(risk, tuple(links), _signals(plan, (x.direction for x in links))))
    return out


class RiskState(StrEnum):
    """What a risk's signal indicators say in a year."""

    MATERIALISING = "materialising"  # a signal indicator is not achieved
    WATCH = "watch"  # none is not achieved, but one is only nearly achieved
    CALM = "calm"  # every signal indicator with a score is achieved
    UNKNOWN = "unknown"  # no signal indicator has a score in the year


RISK_STATE_RULE = N_(
    "A risk is materialising in a year when any indicator that signals it is not achieved in "
    "that year; watched when none is not achieved but one is only nearly achieved; calm when "
    "every signal indicator with a score is achieved; unknown when none has a score."
)


def state_word(state: str) -> str:
    """A risk's state as the report names it, in the language of the moment (English: its
    value); an unknown value is shown as it is."""
    words = {
        RiskState.MATERIALISING.value: pgettext("risk", "materialising"),
        RiskState.WATCH.value: pgettext("risk", "watch"),
        RiskState.CALM.value: pgettext("risk", "calm"),
        RiskState.UNKNOWN.value: pgettext("risk", "unknown"),
    }
    return words.get(state, state)


def risk_state(statuses: Iterable[str]) -> RiskState:
    """The state of a risk from its signal indicators' statuses in a year (``RISK_STATE_RULE``)."""
    seen = set(statuses)
    if "not_achieved" in seen:
        return RiskState.MATERIALISING
    if "nearly" in seen:
        return RiskState.WATCH
    if "achieved" in seen:
        return RiskState.CALM
    return RiskState.UNKNOWN
