"""The rules of the domain, in one place each, on plain objects: no database, no file format.

ranges         the sensible range of a value, from its indicator's unit as the plan prints it
catalog        what an actual may refer to: the plan's indicators, programs and milestones
actuals        the checks every actual value passes before it is recorded (identity, range ...)
regions        the regions of Kazakhstan of the plan's time (reference data)
periods        the periods of a year and the years of a plan
overrides      what a user's override of a polarity or a roll-up rule must be
values         numbers and periods as people type them
formula_guard  text a spreadsheet must not run as a formula
access         who may do what: roles, scopes and the rule of each route

``zhospar.store`` keeps what these rules accept; ``zhospar.imports`` checks a file against a plan
with them, with no database. Nothing here imports SQLAlchemy, DuckDB, FastAPI or a file-format
library (tests/rules/test_pure.py).
"""

from zhospar.rules.actuals import MAX_BREAKDOWN, Series, check_batch, check_entered_by
from zhospar.rules.catalog import Catalog, IndicatorInfo, catalog_of
from zhospar.rules.formula_guard import guard_text, unguard
from zhospar.rules.ranges import RangeRule, range_problem, rule_for
from zhospar.rules.regions import REGIONS, Region, find_region, region_by_code
from zhospar.rules.values import parse_period, parse_value, parse_values

__all__ = [
    "MAX_BREAKDOWN",
    "REGIONS",
    "Catalog",
    "IndicatorInfo",
    "RangeRule",
    "Region",
    "Series",
    "catalog_of",
    "check_batch",
    "check_entered_by",
    "find_region",
    "guard_text",
    "parse_period",
    "parse_value",
    "parse_values",
    "range_problem",
    "region_by_code",
    "rule_for",
    "unguard",
]
