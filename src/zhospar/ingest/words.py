"""The reading's words: a section's name and the gaps' messages, each written once.

A gap is kept with the plan in English (the stored plan and its JSON export are read the same
by every tool): ``where`` and ``what`` are these messages filled in. A page shows them again in
its reader's language (``gap_shown``): the stored text is matched against the messages and said
again in the language of the moment. A text no message matches (an older wording) is shown as
stored. The line notes are ``Message`` objects made where their rule lives (``ingest.report``).
"""

from __future__ import annotations

from zhospar.i18n import N_, Message, gettext, message_values

__all__ = [
    "GAP_DIRECTION",
    "GAP_GOAL",
    "GAP_GOAL_NAME",
    "GAP_NAME",
    "GAP_NAME_AND_TABLE",
    "GAP_NOT_FOUND",
    "GAP_SECTION",
    "GAP_TABLE",
    "GAP_TASK",
    "GAP_TASK_NAME",
    "gap_shown",
    "section_message",
    "section_word",
]

# Where a gap is.
GAP_DIRECTION = N_("direction {number}")
GAP_GOAL = N_("goal {code}")
GAP_TASK = N_("task {code}")
GAP_SECTION = N_("section {kind}")
# What the text lacks there.
GAP_NAME = N_("name")
GAP_TABLE = N_("table of goals, target indicators and tasks")
GAP_NAME_AND_TABLE = N_("name and table of goals, target indicators and tasks")
GAP_GOAL_NAME = N_("goal name")
GAP_TASK_NAME = N_("task name")
GAP_NOT_FOUND = N_('not found (no heading such as "{example}")')

_GAP_MESSAGES = (
    GAP_DIRECTION, GAP_GOAL, GAP_TASK, GAP_SECTION, GAP_NAME, GAP_TABLE, GAP_NAME_AND_TABLE,
    GAP_GOAL_NAME, GAP_TASK_NAME, GAP_NOT_FOUND,
)  # fmt: skip


def gap_shown(text: str) -> str:
    """A gap's stored ``where`` or ``what`` in the language of the moment (as stored when no
    message matches it); a section's name in words too."""
    for message in _GAP_MESSAGES:
        values = message_values(message, text)
        if values is not None:
            if "kind" in values:
                values["kind"] = section_word(values["kind"])
            return gettext(message).format(**values)
    return text


def section_word(kind: str) -> str:
    """A section of the plan's format (its code, as the reading report keeps it) in words, in
    the language of the moment; an unknown code as it is."""
    word = _SECTION_WORDS.get(kind)
    return gettext(word) if word else kind


def section_message(kind: str) -> Message | str:
    """A section's name as a value of a line note, shown in the language that asks."""
    word = _SECTION_WORDS.get(kind)
    return Message(word) if word else kind


# A section's code is its English name (as the reading report and the English pages write it).
_SECTION_WORDS = {
    "preamble": N_("preamble"),
    "mission": N_("mission"),
    "vision": N_("vision"),
    "analysis": N_("analysis"),
    "directions-list": N_("directions-list"),
    "directions": N_("directions"),
    "alignment": N_("alignment"),
    "functional-capabilities": N_("functional-capabilities"),
    "risks": N_("risks"),
    "organisational-structure": N_("organisational-structure"),
    "legal-acts": N_("legal-acts"),
    "budget-list": N_("budget-list"),
    "program-form": N_("program-form"),
    "allocation": N_("allocation"),
}
