"""A form on a table's row that records one value for the selected year: a budget program's
actual expenditure (``/budget``), a milestone done or not done (``/milestones``).

Both record the value of one id for the year through the same path as any value
(``zhospar.services.commands.submit_actual``: the store's checks, the history, who signed in);
a refusal comes back in its own row with the message and the fields as typed (422), so the
person sees what to correct beside what they typed. This module holds that logic once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from zhospar.i18n import gettext, lazy_gettext
from zhospar.rules.actuals import CLI_FORCE_HINT
from zhospar.services import commands
from zhospar.services.context import AppContext
from zhospar.web._render import after_post, render

__all__ = ["FORCE_FIELD", "PageContext", "RowEntry", "RowPage", "for_the_form"]

FORCE_FIELD = lazy_gettext("Reason to accept a value outside the sensible range")  # the label


def for_the_form(errors: dict[str, str], where: str = "below") -> dict[str, str]:
    """The store's messages as a form's reader needs them: a value out of its sensible range
    is accepted through the form's own field (``where`` it stands), not the command line's
    ``--force``."""
    place = gettext("of this row") if where == "of this row" else gettext("below")
    hint = gettext('(in the field "{field}" {where}, then record it again)').format(
        field=FORCE_FIELD, where=place
    )
    cli_hint = gettext(CLI_FORCE_HINT)  # the message was made in the page's language
    return {name: text.replace(cli_hint, hint) for name, text in errors.items()}


@dataclass(frozen=True)
class RowEntry:
    """The row whose form comes back (its HTML id), as typed, with the messages; or, after a
    success, only the notice."""

    row: str | None = None
    form: commands.ActualForm = field(default_factory=commands.ActualForm)
    errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None


PageContext = Callable[[AppContext, int, RowEntry], dict[str, Any]]
"""A page's context in a year, with the row entry to show."""


@dataclass(frozen=True)
class RowPage:
    """A page whose rows carry an entry form: its name (template and path) and context."""

    name: str  # "budget": the template budget.html.j2, the path /budget
    context: PageContext

    def record(
        self, request: Request, ctx: AppContext, year: int, indicator_id: str, entry: RowEntry
    ) -> Response:
        """Record ``entry.form``'s value of ``indicator_id`` for ``year``: the page with the
        row's messages (422) if refused, else with ``entry.notice``.

        Only the value, source, comment and reason to accept are taken from the form: the
        period is the page's year, so a row's form cannot record another year than the one the
        page shows.
        """
        form = entry.form
        typed = commands.ActualForm(
            period=str(year),
            value=form.value,
            source=form.source,
            comment=form.comment,
            force_reason=form.force_reason,
        )
        submitted = commands.submit_actual(ctx, indicator_id, typed)
        if submitted.done is None:
            errors = for_the_form(submitted.errors, "of this row")
            refused = RowEntry(entry.row, typed, errors)
            return render(request, self.name, self.context(ctx, year, refused), status=422)
        done = RowEntry(notice=entry.notice)
        return after_post(
            request,
            f"/{self.name}?year={year}#{entry.row}",
            lambda: render(request, self.name, self.context(ctx, year, done)),
        )
