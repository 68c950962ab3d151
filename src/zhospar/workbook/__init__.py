"""The plan workbook: one XLSX layout that holds a whole plan in any language (docs/workbook.md).

``write_plan_workbook`` writes a plan (``zhospar export --format xlsx``), ``write_template`` an
empty one to fill in (``zhospar plan template``), and ``read_plan_workbook`` reads either back,
every problem named with its sheet, row and column (``zhospar plan load``). The sheets and
columns are declared once, in ``layout``.
"""

from zhospar.workbook.layout import LISTS, SHEETS
from zhospar.workbook.read import read_plan_workbook
from zhospar.workbook.write import write_plan_workbook, write_template

__all__ = ["LISTS", "SHEETS", "read_plan_workbook", "write_plan_workbook", "write_template"]
