"""The activity log's words: each kind of line's message, written once.

A write notes what it did in English (``entry``: the log is a record, read the same by the CLI,
scripts and the database's own tools). A page shows the line in its reader's language
(``shown``): the stored text is matched against the messages of its action and said again in
the language of the moment, a setting's value (a polarity, a roll-up rule, a role) in words too.
A line no message matches (an older wording) is shown as stored.
"""

from __future__ import annotations

from typing import Any

from zhospar.i18n import N_, gettext, message_values, pgettext
from zhospar.rules.overrides import setting_word

__all__ = [
    "AMENDED",
    "APPROVED",
    "ASSESSED",
    "DISABLED",
    "FACTS_FROM_FILE",
    "FACTS_MANY",
    "FACT_ONE",
    "FACT_ONE_REGION",
    "LOGIN",
    "LOGIN_FAILED",
    "OVERRIDDEN",
    "PASSWORD_CHANGED",
    "PLAN_SETTING",
    "REASONS_MANY",
    "REASON_ONE",
    "REOPENED",
    "TOKEN_CREATED",
    "TOKEN_CREATED_UNTIL",
    "TOKEN_REVOKED",
    "TRANSLATIONS",
    "USER_ADDED",
    "USER_ADDED_WITHIN",
    "action_word",
    "entry",
    "role_word",
    "shown",
]

FACT_ONE = N_(
    "{id} {period} = {value}"
    " (revision {revision}; {added} added, {revised} revised, {unchanged} unchanged)"
)
FACT_ONE_REGION = N_(
    "{id} {period} region {region} = {value}"
    " (revision {revision}; {added} added, {revised} revised, {unchanged} unchanged)"
)
FACTS_FROM_FILE = N_(
    "{count} values from {file}: {added} added, {revised} revised, {unchanged} unchanged"
)
FACTS_MANY = N_("{count} values: {added} added, {revised} revised, {unchanged} unchanged")
REASON_ONE = N_("{id} {year}: {text}")
REASONS_MANY = N_("{count} reasons for {years}")
OVERRIDDEN = N_("{kind} of {id} set to {setting}: {reason}")
APPROVED = N_("approved {year}")
REOPENED = N_("reopened {year}: {reason}")
PLAN_SETTING = N_("{name} of the plan set to {value}: {reason}")
ASSESSED = N_("{id} {year}: likelihood {likelihood}, impact {impact}: {note}")
TRANSLATIONS = N_("{count} name translation(s) ({languages}) of {plan} from {file}")
AMENDED = N_("{plan}@{version}: {count} change(s) by No. {act} of {date}; reason: {reason}")
TOKEN_CREATED = N_("created a token for {name}")
TOKEN_CREATED_UNTIL = N_("created a token for {name} until {date}")
TOKEN_REVOKED = N_("revoked token {id}")
LOGIN_FAILED = N_("failed login as {name}")
LOGIN = N_("signed in as {name}")
USER_ADDED = N_("added {name} as {role}")
USER_ADDED_WITHIN = N_("added {name} as {role} within {scopes}")
DISABLED = N_("disabled {name}; their sessions and tokens ended")
PASSWORD_CHANGED = N_("changed the password of {name}")

# Each action's messages, the most specific first (the first that matches a line is taken).
_BY_ACTION: dict[str, tuple[str, ...]] = {
    "record-facts": (FACT_ONE_REGION, FACT_ONE, FACTS_FROM_FILE, FACTS_MANY),
    "record-reason": (REASONS_MANY, REASON_ONE),
    "override": (OVERRIDDEN,),
    "period-approve": (APPROVED,),
    "period-reopen": (REOPENED,),
    "plan-setting": (PLAN_SETTING,),
    "risk-assessment": (ASSESSED,),
    "name-translations": (TRANSLATIONS,),
    "plan.amend": (AMENDED,),
    "token-create": (TOKEN_CREATED_UNTIL, TOKEN_CREATED),
    "token-revoke": (TOKEN_REVOKED,),
    "login-failed": (LOGIN_FAILED,),
    "login": (LOGIN,),
    "user-add": (USER_ADDED_WITHIN, USER_ADDED),
    "user-disable": (DISABLED,),
    "user-passwd": (PASSWORD_CHANGED,),
}


def entry(message: str, **values: Any) -> str:
    """The line a write notes: ``message`` (one of the above) filled in, in English."""
    return message.format(**values)


def shown(action: str, detail: str) -> str:
    """A stored line in the language of the moment (as stored when no message matches it)."""
    for message in _BY_ACTION.get(action, ()):
        values = message_values(message, detail)
        if values is not None:
            if "setting" in values:
                values["setting"] = setting_word(values["setting"], values.get("kind"))
            if "kind" in values:
                values["kind"] = setting_word(values["kind"])
            if "role" in values:
                values["role"] = role_word(values["role"])
            return gettext(message).format(**values)
    return detail


def role_word(role: str) -> str:
    """A role in words, in the language of the moment."""
    words = {
        "admin": pgettext("role", "admin"),
        "planner": pgettext("role", "planner"),
        "editor": pgettext("role", "editor"),
        "viewer": pgettext("role", "viewer"),
    }
    return words.get(role, role)


def action_word(action: str) -> str:
    """What an action of the log is, in words (the filter still takes its code)."""
    words = {
        "record-facts": gettext("values recorded"),
        "record-reason": gettext("reason recorded"),
        "override": gettext("override"),
        "period-approve": gettext("year approved"),
        "period-reopen": gettext("year reopened"),
        "plan-setting": gettext("plan setting"),
        "risk-assessment": gettext("risk assessed"),
        "name-translations": gettext("name translations"),
        "plan.amend": gettext("plan amended"),
        "token-create": gettext("token created"),
        "token-revoke": gettext("token revoked"),
        "login-failed": gettext("failed login"),
        "login": gettext("signed in"),
        "user-add": gettext("user added"),
        "user-disable": gettext("user disabled"),
        "user-passwd": gettext("password changed"),
    }
    return words.get(action, action)
