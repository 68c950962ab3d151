"""A result in the words of the state's own reports, and the plan's score with what it stands on.

The ministry's operational reports (``../shared/reference/official-reporting.md``) print one
sentence per indicator: "Көрсеткіш орындалды" (achieved) when the fact meets or beats the plan,
with no percentage above 100; "Көрсеткіш 97,7% орындалды" (achieved by 97.7 %, one decimal) when a
higher-is-better fact falls short; "Көрсеткіш орындалды (төмендеу – оң динамикасы)" (achieved,
decrease: positive dynamics) when a lower-is-better fact is at or below the plan. Zhospar keeps its
bands: short of the plan by more than the nearly band (below 90 %) is "not achieved", with the
percentage, since column 6 of the form asks for the reasons of non-achievement. The raw ratio
(e.g. 120 %) stays in the result's ``percent``; the sentence never prints more than 100.

These functions are the one home of that wording: the CLI, the pages and the reports call them.
"""

from __future__ import annotations

from decimal import Decimal

from zhospar.evaluate.achievement import Achievement, MilestoneState, Status
from zhospar.evaluate.aggregate import Counts
from zhospar.evaluate.polarity import IndicatorPolarity, Polarity
from zhospar.i18n import (
    N_,
    current_language,
    format_figure,
    format_percent,
    gettext,
    ngettext,
    pgettext,
)

__all__ = [
    "TO_CONFIRM",
    "coverage",
    "milestone_state_word",
    "polarity_note",
    "status_sentence",
]

TO_CONFIRM = N_("polarity inferred from the targets' trend: to be confirmed")  # shown translated


def _one_decimal(percent: Decimal) -> str:
    """One decimal, half up, as the language writes it ("92.5 %", "92,5 %"); a share too small
    for it keeps two significant digits ("0.044 %", never "0.0 %")."""
    if current_language() == "en":
        return f"{format_figure(percent, places=1)} %"
    return format_percent(percent, places=1)


def status_sentence(result: Achievement) -> str:
    """The report's sentence for one result: "achieved", "achieved by 92.5 %", ..."""
    if result.status is Status.NO_DATA:
        return gettext("no data: {message}").format(message=result.message)
    sentence = _milestone(result) if result.milestone is not None else _scored(result)
    observed = result.observed
    if observed is not None and not observed.complete and result.milestone is None:
        sentence += gettext(" (on partial facts)")
    return sentence


def milestone_state_word(state: MilestoneState | None) -> str | None:
    """A milestone's state in words, for the reports' column and the milestones page (the
    codes ``done``, ``not_yet_due``... stay the API's)."""
    words = {
        MilestoneState.DONE: pgettext("milestone", "done"),
        MilestoneState.LATE: pgettext("milestone", "late"),
        MilestoneState.NOT_DONE: pgettext("milestone", "not done"),
        MilestoneState.NOT_YET_DUE: pgettext("milestone", "not yet due"),  # no data yet
    }
    return None if state is None else words[state]


def _milestone(result: Achievement) -> str:
    if result.milestone is MilestoneState.DONE:
        return gettext("achieved")
    if result.milestone is MilestoneState.LATE:
        return gettext("achieved late")
    return gettext("not achieved")


def _scored(result: Achievement) -> str:
    if result.status is Status.ACHIEVED:
        if result.polarity.polarity is Polarity.DECREASE:
            return gettext("achieved (decrease: positive dynamics)")
        return gettext("achieved")
    if result.percent is None:
        return gettext("not achieved")
    shown = _one_decimal(result.percent)
    if result.status is Status.NEARLY:
        return gettext("achieved by {percent}").format(percent=shown)
    return gettext("not achieved: {percent}").format(percent=shown)


def polarity_note(polarity: IndicatorPolarity) -> str | None:
    """The marker of a polarity that rests on the targets' trend alone and awaits a planner."""
    return gettext(TO_CONFIRM) if polarity.to_confirm else None


def coverage(counts: Counts) -> str:
    """What a score stands on: "on the 2 of 63 indicators with facts" (the rest have no data)."""
    scored = counts.total - counts.no_data
    return ngettext(
        "on the {scored} of {total} indicator with facts",
        "on the {scored} of {total} indicators with facts",
        counts.total,
    ).format(scored=scored, total=counts.total)
