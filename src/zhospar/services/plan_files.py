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

from zhospar._exceptions import (
    ConflictError,
    ImportFileError,
    PlanReadError,
    Problem,
    ValidationError,
)
from zhospar.model.plan import ActRef, Plan
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
    amended_from: str | None = None  # the version it amended ("KEY@1417"), when it did


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


def load_plan_file(
    db: Database,
    path: str | Path,
    key: str,
    *,
    act: ActRef | None = None,
    reason: str = "",
    by: str = "",
) -> LoadedPlan:
    """Read the file whole, then store its plan under ``key`` (nothing stored on a problem).

    Under a key already taken, a file that changes the stored plan's targets, indicators or
    milestones is an amendment: with the amending ``act`` and a ``reason`` it becomes the
    plan's new version (``store.amendments.amend_with_plan``); without them it is refused,
    never stored silently beside or over the plan. A file that changes nothing is a no-op."""
    from zhospar.model.amendments import changes_between
    from zhospar.store.amendments import amend_with_plan

    kind, plan = read_plan_file(path)
    if key not in db.plan_keys() or not changes_between(db.load_plan(key), plan):
        if act is not None and key in db.plan_keys():
            raise ValidationError(f"{path}: it changes nothing in plan {key}: nothing to amend")
        return LoadedPlan(kind, plan, store_plan(db, plan, key))
    if act is None or not reason.strip():
        raise ConflictError(
            f'{path}: plan "{key}" is stored and this file changes its targets, indicators or '
            "milestones; to load it as an amendment give --act NUMBER --act-date DATE "
            "--reason TEXT, or store it under another key"
        )
    done = amend_with_plan(db, key, plan, act, reason.strip(), by=by)
    stored = StoredPlan(key, True, [done.version.partition("@")[2]], 0)
    return LoadedPlan(kind, plan, stored, amended_from=done.previous)
