"""A plan's own settings of the method, with who set them, when and why: first, its cap.

By default each indicator counts at most ``CAP`` (100 %) in a roll-up, as the state's evaluation
scores out of 100. A plan may set another cap; the decision is a row of ``plan_settings``,
append-only (triggers refuse UPDATE and DELETE), so every earlier decision stays in the history.
The latest row per plan and name is in force:

    set_cap(db, "mlsp-2010-2014", "120", "as the 2011 methodology allowed", "aigerim")
    cap_in_force(db, "mlsp-2010-2014")   # (Decimal("120"), the record) -> EvaluationOptions.cap
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, insert, select

from zhospar._exceptions import StoreError, ValidationError
from zhospar.evaluate.aggregate import CAP
from zhospar.i18n import N_
from zhospar.rules.overrides import check_decision
from zhospar.store._catalog import catalog
from zhospar.store.activity import note
from zhospar.store.activity_words import PLAN_SETTING, entry
from zhospar.store.db import Database
from zhospar.store.schema import PlanSettingRow

__all__ = [
    "CAP_SETTING",
    "LARGEST_CAP",
    "PlanSetting",
    "cap_in_force",
    "parse_cap",
    "plan_settings",
    "set_cap",
]

CAP_SETTING = "cap"
LARGEST_CAP = Decimal(1000)  # a cap above this is no cap: one outlier would carry the mean


@dataclass(frozen=True)
class PlanSetting:
    """One recorded decision on a plan's method: what was set, why, by whom and when (UTC)."""

    id: int
    name: str
    value: str
    reason: str
    entered_by: str
    entered_at: dt.datetime

    @property
    def stamp(self) -> str:
        return f"{self.entered_by} on {self.entered_at:%Y-%m-%d %H:%M} UTC"


def parse_cap(text: str) -> Decimal:
    """A cap as typed ("120", "120 %", "120,5"): a percentage from 100 to ``LARGEST_CAP``.

    Below 100 an achieved indicator would count as less than achieved in its goal's mean.
    """
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        cap = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(f'a cap is a percentage such as 100 or 120; got "{text}"') from None
    if not cap.is_finite() or not Decimal(100) <= cap <= LARGEST_CAP:
        raise ValidationError(
            f"a cap must be from 100 to {LARGEST_CAP} %: below 100 an achieved indicator would "
            f'count as less than achieved; got "{text}"'
        )
    return cap


def set_cap(
    db: Database, plan_key: str | None, percent: str, reason: str, user: str
) -> PlanSetting:
    """Record the most a percentage counts in the plan's roll-ups, with who and why."""
    cap = parse_cap(percent)
    return _record(db, plan_key, CAP_SETTING, format(cap.normalize(), "f"), reason, user)


def _record(
    db: Database, plan_key: str | None, name: str, value: str, reason: str, user: str
) -> PlanSetting:
    check_decision(
        reason,
        user,
        no_reason=N_("a plan setting needs a reason: say why the default does not fit"),
        no_user=N_("who sets the plan's method must be named (user is empty)"),
    )
    cat = catalog(db, plan_key)
    row = {
        "plan_id": cat.plan_id,
        "name": name,
        "value": value,
        "reason": reason.strip(),
        "entered_by": user.strip(),
        "entered_at": dt.datetime.now(dt.UTC),
    }

    def work(conn: Connection) -> int:
        key = conn.execute(insert(PlanSettingRow).values(**row)).inserted_primary_key
        if key is None:  # pragma: no cover - both databases report the new id
            raise StoreError("the database did not report the id of the new plan setting")
        what = entry(PLAN_SETTING, name=name, value=value, reason=row["reason"])
        note(conn, "plan-setting", what, user=user.strip())
        return int(key[0])

    new_id = db.write(work, plan_id=cat.plan_id)
    return _to_setting({**row, "id": new_id})


def plan_settings(
    db: Database, plan_key: str | None = None, name: str | None = None
) -> list[PlanSetting]:
    """Every decision recorded on a plan's method, oldest first (optionally of one name)."""
    cat = catalog(db, plan_key)
    t = PlanSettingRow.__table__
    query = select(t).where(t.c.plan_id == cat.plan_id)
    if name is not None:
        query = query.where(t.c.name == name)
    with db.reading() as conn:
        return [_to_setting(row._mapping) for row in conn.execute(query.order_by(t.c.id))]


def cap_in_force(db: Database, plan_key: str | None = None) -> tuple[Decimal, PlanSetting | None]:
    """The plan's cap and the decision that set it; the method's ``CAP`` when none was made."""
    history = plan_settings(db, plan_key, CAP_SETTING)
    if not history:
        return CAP, None
    latest = history[-1]
    return Decimal(latest.value), latest


def _to_setting(row: Any) -> PlanSetting:
    return PlanSetting(
        id=row["id"],
        name=row["name"],
        value=row["value"],
        reason=row["reason"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
    )
