"""Translations of a plan's names, recorded append-only: a new file adds rows, the latest wins.

record_translations(db, None, rows, file="names.ru.csv", user="aigerim")
names = translations_in_force(db, None, "ru")   # element id -> its Russian name
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.imports.translations import NameTranslation
from zhospar.store.activity import note as log_note
from zhospar.store.activity_words import TRANSLATIONS, entry
from zhospar.store.db import Database
from zhospar.store.schema import NameTranslationRow, PlanRow

__all__ = ["record_translations", "translations_in_force"]


def _plan(db: Database, plan_key: str | None) -> tuple[int, str]:
    key = (plan_key or db.default_plan_key()).partition("@")[0].strip()
    with db.reading() as conn:
        found = conn.execute(select(PlanRow.id).where(PlanRow.key == key)).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f'no plan "{key}" in the database')
    return int(found), key


def record_translations(
    db: Database,
    plan_key: str | None,
    rows: Sequence[NameTranslation],
    *,
    file: str,
    user: str,
) -> int:
    """Record every row in one transaction (all or nothing), as ``user``; the number recorded.
    The rows are checked against the plan by ``zhospar.imports.translations`` before this."""
    if not user.strip():
        raise ValidationError("who loads the translations must be named (user is empty)")
    plan_id, key = _plan(db, plan_key)
    moment = dt.datetime.now(dt.UTC)
    values: list[dict[str, Any]] = [
        {
            "plan_id": plan_id,
            "element_id": row.element_id,
            "lang": row.lang,
            "text": row.text,
            "file": file[-400:],
            "entered_by": user.strip(),
            "entered_at": moment,
        }
        for row in rows
    ]

    def work(conn: Connection) -> int:
        if values:
            conn.execute(insert(NameTranslationRow), values)
        languages = ", ".join(sorted({row.lang for row in rows}))
        what = entry(TRANSLATIONS, count=len(values), languages=languages, plan=key, file=file)
        log_note(conn, "name-translations", what, user=user.strip())
        return len(values)

    return db.write(work, plan_id=plan_id)


def translations_in_force(db: Database, plan_key: str | None, lang: str) -> dict[str, str]:
    """The latest translation into ``lang`` of each of the plan's names, by element id."""
    plan_id, _ = _plan(db, plan_key)
    t = NameTranslationRow.__table__
    query = (
        select(t.c.element_id, t.c.text)
        .where(t.c.plan_id == plan_id, t.c.lang == lang)
        .order_by(t.c.id)
    )
    with db.reading() as conn:
        return {str(ident): str(text) for ident, text in conn.execute(query)}
