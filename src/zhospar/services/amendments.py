"""Amending a plan, for the CLI, the pages and the API alike: the act and reason checked, the
changes applied by ``zhospar.store.amendments`` as one new version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError as PydanticError

from zhospar._exceptions import ValidationError, quoted
from zhospar.model.amendments import Amendment, Change
from zhospar.model.plan import ActRef
from zhospar.store.amendments import Amended, amend_plan
from zhospar.store.db import Database

__all__ = ["MAX_AMENDMENT_BYTES", "amend", "amend_from_json", "parse_act_date"]

MAX_AMENDMENT_BYTES = 1_000_000  # an amendment file: 500 changes fit many times over


def parse_act_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f'act date: expected e.g. 2012-05-14; got "{quoted(text)}"') from None


def _problems(error: PydanticError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'amendment'}: {e['msg']}" for e in error.errors()
    )


def amend(
    db: Database,
    plan_key: str | None,
    act_number: str,
    act_date: str,
    reason: str,
    changes: Sequence[Change],
    *,
    by: str,
) -> Amended:
    """One amendment of ``changes`` by act ``act_number`` of ``act_date``, with ``reason``."""
    number = act_number.strip()
    if not number or len(number) > 40 or "@" in number:
        raise ValidationError(f'act number: 1-40 characters, no "@"; got "{quoted(act_number)}"')
    if not reason.strip():
        raise ValidationError("reason: say why the plan is amended")
    try:
        amendment = Amendment(
            act=ActRef(number=number, date=parse_act_date(act_date), kind="resolution"),
            reason=reason.strip(),
            changes=list(changes),
        )
    except PydanticError as error:
        raise ValidationError(_problems(error)) from None
    return amend_plan(db, plan_key, amendment, by=by)


def amend_from_json(db: Database, plan_key: str | None, file: Path, *, by: str) -> Amended:
    """An amendment written as JSON (act, reason, changes), checked whole before anything."""
    try:
        size = file.stat().st_size
        if size > MAX_AMENDMENT_BYTES:
            raise ValidationError(f"{file}: {size} bytes; an amendment file holds at most 1 MB")
        amendment = Amendment.model_validate_json(file.read_bytes())
    except OSError as error:
        raise ValidationError(f"{file}: cannot be read ({error.strerror})") from None
    except PydanticError as error:
        raise ValidationError(f"{file}: {_problems(error)}") from None
    if amendment.act.date is None:
        raise ValidationError(f"{file}: act.date: the amending act needs its date")
    return amend_plan(db, plan_key, amendment, by=by)
