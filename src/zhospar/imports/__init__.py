"""Bulk import of actual values from CSV and XLSX files, and the data-entry template.

read_table      file -> header and raw rows (CSV: UTF-8 with or without BOM, "," or ";";
                XLSX: the first worksheet)
validate_table  raw rows -> ActualInput values, or ImportFileError with every problem
parse_file      both of the above
rule_problems   what the rules every recorded value obeys refuse among checked rows (no database)
import_file     parse_file, then zhospar.store.record_actuals in one transaction
write_template  the plan's indicators as a file to fill in
"""

from zhospar.imports.read import RawRow, RawTable, read_table
from zhospar.imports.resolve import IndicatorIndex, Resolved, Unresolved
from zhospar.imports.run import (
    ImportProgress,
    Stage,
    check_file,
    import_file,
    parse_file,
    rule_problems,
)
from zhospar.imports.template import TEMPLATE_COLUMNS, template_rows, write_template
from zhospar.imports.validate import (
    Checked,
    RegionLookup,
    check_table,
    default_region_lookup,
    validate_table,
)

__all__ = [
    "TEMPLATE_COLUMNS",
    "Checked",
    "ImportProgress",
    "IndicatorIndex",
    "RawRow",
    "RawTable",
    "RegionLookup",
    "Resolved",
    "Stage",
    "Unresolved",
    "check_file",
    "check_table",
    "default_region_lookup",
    "import_file",
    "parse_file",
    "read_table",
    "rule_problems",
    "template_rows",
    "validate_table",
    "write_template",
]
