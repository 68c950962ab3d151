"""The pages' words for the values of the model's enumerations (roles, statuses, states,
levels), in the language of the moment. The values themselves stay as stored; only their
names on the page are translated."""

from __future__ import annotations

from zhospar.evaluate import Status
from zhospar.evaluate.forecast import Chance
from zhospar.evaluate.forecast import chance_word as evaluate_chance_word
from zhospar.evaluate.scoring_rules import status_word as evaluate_status_word
from zhospar.i18n import gettext, pgettext
from zhospar.model.assessments import LEVELS
from zhospar.report.risks import RiskState, state_word
from zhospar.rules.access import Role
from zhospar.rules.overrides import setting_word
from zhospar.services.search import KIND_LABELS
from zhospar.store.activity_words import role_word

__all__ = [
    "act_word",
    "chance_word",
    "change_word",
    "level_words",
    "line_status_word",
    "risk_state_words",
    "role_words",
    "search_kind",
    "series_word",
    "setting_word",
    "status_word",
]


def role_words() -> dict[str, str]:
    return {role.value: role_word(role.value) for role in Role}


def status_word(status: str) -> str:
    """A score's status in words, as ``zhospar.evaluate`` names it in the language of the
    moment (English: its value, written with spaces)."""
    try:
        return evaluate_status_word(Status(str(status))).replace("_", " ")
    except ValueError:
        return str(status).replace("_", " ")


def risk_state_words() -> dict[str, str]:
    """Each risk state as the report names it (``zhospar.report.risks.state_word``)."""
    return {state.value: state_word(state.value) for state in RiskState}


def level_words() -> dict[int, str]:
    """The five levels of a likelihood or an impact (``zhospar.model.assessments.LEVELS``)."""
    words = {
        1: pgettext("level", "very low"),
        2: pgettext("level", "low"),
        3: pgettext("level", "medium"),
        4: pgettext("level", "high"),
        5: pgettext("level", "very high"),
    }
    return {level: words.get(level, gettext(name)) for level, name in LEVELS.items()}


def chance_word(chance: str) -> str:
    """The forecast's chance of reaching the final target, as ``zhospar.evaluate`` names it
    in the language of the moment (English: its value, written with spaces)."""
    try:
        return evaluate_chance_word(Chance(str(chance))).replace("_", " ")
    except ValueError:
        return str(chance).replace("_", " ")


def search_kind(kind: str) -> str:
    """What a search hit is (``zhospar.services.search.KIND_LABELS``'s kinds)."""
    words = {
        "direction": pgettext("found", "strategic direction"),
        "goal": pgettext("found", "goal"),
        "task": pgettext("found", "task"),
        "indicator": pgettext("found", "indicator"),
        "program": pgettext("found", "budget program"),
        "risk": pgettext("found", "risk"),
        "legal-act": pgettext("found", "legal act"),
    }
    return words.get(kind, KIND_LABELS.get(kind, kind))


def series_word(series: str) -> str:
    """What a chart's column shows: a status (``status-too-few-facts``), or planned / actual."""
    if series.startswith("status-"):
        value = series.removeprefix("status-").replace("-", "_")
        if value == "too_few_facts":
            return gettext("too few facts")
        return status_word(value)
    words = {"planned": gettext("planned"), "actual": gettext("actual"), "score": gettext("score")}
    return words.get(series, series)


def act_word(kind: str) -> str:
    """The kind of a legal act as the plan's text names it (``ingest.front``'s kinds), or a
    plan version's origin ("approved": the plan as first approved)."""
    words = {
        "resolution": pgettext("act", "resolution"),
        "decree": pgettext("act", "decree"),
        "law": pgettext("act", "law"),
        "order": pgettext("act", "order"),
        "approved": pgettext("act", "approved"),
    }
    return words.get(kind, kind)


def change_word(kind: str) -> str:
    """A kind of change an amendment makes (the form still sends the kind itself)."""
    words = {
        "set-target": gettext("set a target"),
        "delete": gettext("delete an item"),
        "add-indicator": gettext("add an indicator"),
        "add-task": gettext("add a task"),
        "add-milestone": gettext("add a measure"),
    }
    return words.get(kind, kind)


def line_status_word(status: str) -> str:
    """How a line of the plan's text was read (``ingest.report.LineStatus``), in words."""
    words = {
        "read": pgettext("line", "read"),
        "explained": pgettext("line", "explained"),
        "not-understood": pgettext("line", "not understood"),
    }
    return words.get(status, status.replace("-", " "))
