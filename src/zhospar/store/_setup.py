"""``zhospar init``: the schema, the reference data and the bundled plan, each only if missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from zhospar.ingest import read_plan
from zhospar.rules.regions import REGIONS
from zhospar.store.db import Database, schema_revision
from zhospar.store.plans import BUNDLED_PLAN_KEY, StoredPlan, store_plan
from zhospar.store.schema import RegionRow

__all__ = ["InitReport", "init_database", "initialize"]


@dataclass
class InitReport:
    """What ``initialize`` found and did, for the user to read."""

    url: str
    schema_before: str | None
    schema_now: str | None
    regions_added: int = 0
    plans: list[StoredPlan] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return (
            self.schema_before != self.schema_now
            or self.regions_added > 0
            or any(p.created for p in self.plans)
        )

    def lines(self) -> list[str]:
        """The report as sentences, one per thing done or found."""
        if self.schema_before is None:
            schema = f"schema created (migration {self.schema_now})"
        elif self.schema_before != self.schema_now:
            schema = f"schema upgraded from {self.schema_before} to {self.schema_now}"
        else:
            schema = f"schema up to date (migration {self.schema_now})"
        out = [f"Database: {self.url}", f"Schema: {schema}"]
        if self.regions_added:
            out.append(f"Regions: {self.regions_added} added")
        for plan in self.plans:
            out.append(_plan_line(plan))
        if not self.changed:
            out.append("Nothing changed.")
        return out


def _plan_line(plan: StoredPlan) -> str:
    versions = ", ".join(f"{plan.key}@{v}" for v in plan.versions)
    if not plan.created:
        return f"Plan {plan.key}: already stored (versions {versions}); left as it is"
    text = f"Plan {plan.key}: stored with {len(plan.versions)} version(s): {versions}"
    if plan.placeholders:
        text += (
            f". {plan.placeholders} row(s) deleted by an amendment are kept in the earlier "
            "version(s) under a placeholder name: their wording is not in the published text"
        )
    return text


def initialize(
    db: Database, plan_file: str | Path | None = None, key: str | None = None
) -> InitReport:
    """Sync the reference data and store a plan (the bundled one by default) unless present."""
    report = InitReport(db.url, db.migrated_from, schema_revision(db.engine))
    db.migrated_from, db.created = report.schema_now, False  # reported once
    report.regions_added = _sync_regions(db)
    plan = read_plan(plan_file).plan
    report.plans.append(store_plan(db, plan, key or BUNDLED_PLAN_KEY))
    return report


def init_database(db: Database) -> str:
    """Load the bundled plan (and its versions) if absent; returns the default plan's key."""
    initialize(db)
    return db.default_plan_key()


def _sync_regions(db: Database) -> int:
    with db.session() as session, session.begin():
        known = set(session.scalars(select(RegionRow.code)))
        missing = [r for r in REGIONS if r.code not in known]
        session.add_all(
            RegionRow(
                code=r.code,
                name_kk=r.name_kk,
                name_ru=r.name_ru,
                name_en=r.name_en,
                is_city=r.is_city,
            )
            for r in missing
        )
    return len(missing)
