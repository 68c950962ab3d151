"""Writing a plan out, and reading a JSON export back.

``json_io``: the whole model as JSON (and back, byte-identical on a second export);
``tidy``: one row per yearly value, as CSV; ``xlsx``: the plan workbook (``zhospar.workbook``);
``counts``: how many of each element a plan holds.
"""

from zhospar.export.counts import element_counts
from zhospar.export.json_io import plan_from_json, plan_to_json, read_plan_json
from zhospar.export.tidy import (
    TIDY_COLUMNS,
    TidyRow,
    guard_text,
    tidy_csv,
    tidy_rows,
    write_tidy_csv,
)
from zhospar.export.xlsx import write_workbook

__all__ = [
    "TIDY_COLUMNS",
    "TidyRow",
    "element_counts",
    "guard_text",
    "plan_from_json",
    "plan_to_json",
    "read_plan_json",
    "tidy_csv",
    "tidy_rows",
    "write_tidy_csv",
    "write_workbook",
]
