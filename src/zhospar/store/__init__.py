"""The database: plans and their versions, reference data, and actual values with history.

    from zhospar.store import open_database, init_database, record_actuals

    db = open_database()            # ZHOSPAR_DATABASE_URL, else a SQLite file in the data folder
    key = init_database(db)         # the bundled plan and its versions, once
    record_actuals(db, key, inputs, entered_by="aigerim")
    set_polarity(db, key, "G1.1-I1", "decrease", "ILO definition", "aigerim")  # an override
    stored = evaluation_inputs(db, key)  # plan, facts in force, overrides: for evaluate_year

Nothing connects or reads the environment at import time. See ``docs/store.md``.
"""

from zhospar.rules.regions import REGIONS, Region, find_region
from zhospar.store import people_tables as people_tables  # the tables join the schema
from zhospar.store._setup import InitReport, init_database, initialize
from zhospar.store.actuals import (
    Recorded,
    RecordResult,
    history,
    latest_actuals,
    record_actuals,
    set_actual,
)
from zhospar.store.backup import backup_database, check_backup, restore_database
from zhospar.store.db import Database, Settings, open_database
from zhospar.store.diff import PlanDiff, diff_versions
from zhospar.store.evaluation import StoredEvaluation, evaluation_inputs
from zhospar.store.overrides import (
    OverrideKind,
    OverrideRecord,
    Overrides,
    override_history,
    overrides,
    set_polarity,
    set_rollup,
)
from zhospar.store.plans import BUNDLED_PLAN_KEY, PlanInfo, list_plans, load_plan, store_plan

__all__ = [
    "BUNDLED_PLAN_KEY",
    "REGIONS",
    "Database",
    "InitReport",
    "OverrideKind",
    "OverrideRecord",
    "Overrides",
    "PlanDiff",
    "PlanInfo",
    "RecordResult",
    "Recorded",
    "Region",
    "Settings",
    "StoredEvaluation",
    "backup_database",
    "check_backup",
    "diff_versions",
    "evaluation_inputs",
    "find_region",
    "history",
    "init_database",
    "initialize",
    "latest_actuals",
    "list_plans",
    "load_plan",
    "open_database",
    "override_history",
    "overrides",
    "record_actuals",
    "restore_database",
    "set_actual",
    "set_polarity",
    "set_rollup",
    "store_plan",
]
