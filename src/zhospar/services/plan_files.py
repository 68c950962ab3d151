"""A plan from a file of any of the three kinds Zhospar reads, stored under a key all or nothing.

``read_plan_file`` tells the kind by content (a zip is a workbook; text starting with "{" is a
JSON export; any other text is a published plan) and reads it, checked whole: a workbook's
problems come together with sheet, row and column; a published text with lines the reader did
not understand is refused, the lines listed. ``load_plan_file`` stores what it read in one
transaction (``store.store_plan``), so a refused file leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhospar._exceptions import ImportFileError, PlanReadError, Problem
from zhospar.model.plan import Plan
from zhospar.store.db import Database
from zhospar.store.plans import StoredPlan, store_plan

__all__ = ["LoadedPlan", "load_plan_file", "plan_file_kind", "read_plan_file"]

_ZIP_MAGIC = b"PK\x03\x04"
_SHOWN_LINES = 20  # lines not understood listed in the refusal


@dataclass(frozen=True)
class LoadedPlan:
    kind: str  # "workbook", "json" or "text"
    plan: Plan
    stored: StoredPlan


def plan_file_kind(path: Path) -> str:
    """ "workbook", "json" or "text", by the file's first bytes (and its suffix for JSON)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except FileNotFoundError:
        raise PlanReadError("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise PlanReadError("is a folder, not a plan file", file=str(path)) from None
    except OSError as exc:
        raise PlanReadError(f"cannot be read ({exc.strerror})", file=str(path)) from None
    if head.startswith(_ZIP_MAGIC):
        return "workbook"
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return "json"
    return "json" if path.suffix.lower() == ".json" else "text"


def read_plan_file(path: str | Path) -> tuple[str, Plan]:
    """The file's kind and the plan it holds, every problem raised at once."""
    file = Path(path)
    kind = plan_file_kind(file)
    if kind == "workbook":
        from zhospar.workbook import read_plan_workbook

        if file.suffix.lower() not in (".xlsx", ".xlsm"):
            raise ImportFileError(
                str(file),
                [Problem(None, None, "is a workbook under another name: name it .xlsx")],
            )
        return kind, read_plan_workbook(file)
    if file.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        message = "is named as a workbook but is not an XLSX workbook (not a zip)"
        raise ImportFileError(str(file), [Problem(None, None, message)])
    if kind == "json":
        from zhospar.export import read_plan_json

        return kind, read_plan_json(file)
    from zhospar.ingest import read_plan

    result = read_plan(file)
    problems = result.report.problems
    if problems:
        shown = [
            Problem(None, None, f"line {n.line} [{n.section}] not understood: {n.reason}")
            for n in problems
        ]
        more = len(shown) - _SHOWN_LINES
        shown = shown[:_SHOWN_LINES]
        if more > 0:
            shown.append(Problem(None, None, f"... and {more} more line(s) not understood"))
        raise ImportFileError(str(file), shown)
    return kind, result.plan


def load_plan_file(db: Database, path: str | Path, key: str) -> LoadedPlan:
    """Read the file whole, then store its plan under ``key`` (nothing stored on a problem)."""
    kind, plan = read_plan_file(path)
    return LoadedPlan(kind, plan, store_plan(db, plan, key))
