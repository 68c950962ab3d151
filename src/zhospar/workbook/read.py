"""Reading the plan workbook back into a plan, all of it checked before anything is returned.

``read_plan_workbook`` first bounds the file (``_xlsx_guard``), then reads every sheet of
``layout.SHEETS`` into typed rows (``_cells``), then ties them together (ids, parents, units,
acts). Every problem found on the way is kept with its sheet, row and column, and they are raised
together as one ImportFileError: a workbook either gives the whole plan or nothing.

A row without ``source_line`` was typed into the workbook: its line is its row number, and a
value's ``source`` names the sheet and row (``Values, row 12``).
"""

from __future__ import annotations

import hashlib
import warnings
import zipfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from zhospar._exceptions import ImportFileError, Problem
from zhospar._xlsx_guard import check_xlsx
from zhospar.model.plan import Plan, SourceDocument
from zhospar.workbook._build import Builder
from zhospar.workbook._cells import Row, SheetReader
from zhospar.workbook.layout import SHEETS

__all__ = ["read_plan_workbook"]

_BROKEN = (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, SyntaxError, TypeError)


def read_plan_workbook(path: str | Path, file: str | None = None) -> Plan:
    """The plan a workbook holds; ImportFileError listing every problem otherwise."""
    name = file or str(path)
    check_xlsx(path, name)
    raw = _raw_sheets(Path(path), name)
    reader = SheetReader()
    rows: dict[str, list[Row]] = {s.name: reader.read(s, raw.get(s.name)) for s in SHEETS}
    if reader.problems:
        raise ImportFileError(name, reader.problems)
    builder = Builder(reader)
    plan_fields = builder.plan_fields(rows["Plan"])
    if reader.problems:
        raise ImportFileError(name, reader.problems)
    try:
        plan = builder.build(plan_fields, rows)
    except PydanticValidationError as exc:
        reader.problems.append(Problem(None, None, f"not a plan: {exc.errors()[0]['msg']}"))
        plan = None
    if reader.problems or plan is None:
        raise ImportFileError(name, reader.problems)
    if plan.source is None:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        plan.source = SourceDocument(name=Path(name).name, sha256=digest, lines=0)
    return plan


def _raw_sheets(path: Path, file: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each worksheet's rows of cells (openpyxl's read-only cells, formulas kept as formulas)."""
    import openpyxl  # type: ignore[import-untyped]  # only workbook loads pay for it

    with path.open("rb") as stream:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # styles openpyxl does not know
                book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
        except _BROKEN as exc:
            raise ImportFileError(
                file, [Problem(None, None, f"is not a valid XLSX workbook ({exc})")]
            ) from None
        try:
            wanted = {s.name for s in SHEETS}
            return {
                ws.title: [tuple(r) for r in ws.iter_rows()]
                for ws in book.worksheets
                if ws.title in wanted
            }
        except _BROKEN as exc:
            raise ImportFileError(
                file, [Problem(None, None, f"is not a valid XLSX workbook ({exc})")]
            ) from None
        finally:
            book.close()
