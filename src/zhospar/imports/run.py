"""An import from start to end: read, check every row, then record all values or none.

The file's own checks (names, numbers, periods, regions, duplicates) and the rules every recorded
value obeys (``zhospar.rules.actuals``: a share over 100 %, a negative count, a milestone other
than 0 or 1 ...) are reported together, so that one run shows everything that must be corrected.
Both are checked against the plan alone, with no database; the store is asked only to write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from zhospar._exceptions import ImportFileError, Problem, ValidationError
from zhospar.imports.columns import HEADER_NAMES
from zhospar.imports.read import read_table
from zhospar.imports.validate import Checked, Progress, RegionLookup, check_table
from zhospar.model.actuals import ActualInput
from zhospar.model.batch import ActualBatch
from zhospar.model.plan import Plan
from zhospar.rules.access import Person, outside_scope
from zhospar.rules.actuals import check_batch, check_entered_by
from zhospar.rules.catalog import Catalog, catalog_of

if TYPE_CHECKING:  # the store is needed only to write; checking a file needs no database
    from zhospar.store import Database, RecordResult

__all__ = ["ImportProgress", "Stage", "check_file", "import_file", "parse_file", "rule_problems"]

Stage = Literal["checking", "writing"]
# (stage, rows done, rows in all: None while checking, the values to write when writing)
ImportProgress = Callable[[Stage, int, int | None], None]


def check_file(
    path: str | Path,
    plan: Plan,
    *,
    region_lookup: RegionLookup | None = None,
    progress: Progress | None = None,
) -> Checked:
    """The file's good rows and the problems of the others (a bad header raises at once)."""
    table = read_table(path, HEADER_NAMES)
    return check_table(table, plan, region_lookup=region_lookup, progress=progress)


def parse_file(
    path: str | Path,
    plan: Plan,
    *,
    region_lookup: RegionLookup | None = None,
    progress: Progress | None = None,
) -> list[ActualInput]:
    """The file's values, checked against the plan; raises ImportFileError with every problem."""
    checked = check_file(path, plan, region_lookup=region_lookup, progress=progress)
    checked.raise_problems()
    return checked.inputs


def import_file(
    db: Database,
    path: str | Path,
    *,
    plan_key: str | None = None,
    entered_by: str,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
    person: Person | None = None,
) -> RecordResult:
    """Import a file into the plan ``plan_key``: all rows in one transaction, or none.

    ``person`` (a signed-in editor of the web app or API) may write only within their scope:
    each row outside it is refused with its row number, and then nothing is written. The
    "reason" column's reasons are recorded with the values, in the same transaction.

    Returns what was recorded or, with ``dry_run``, what would be (nothing is written).
    Raises ImportFileError listing every problem of the file.
    """
    from zhospar.store import record_actuals
    from zhospar.store.amendments import plan_in_force
    from zhospar.store.plans import split_key

    plan = plan_in_force(db, plan_key)
    checked = check_file(
        path,
        plan,
        progress=None if progress is None else lambda n: progress("checking", n, None),
    )
    if person is not None:
        checked.problems += _scope_problems(plan, person, checked.batch)
    if checked.problems:
        # values are recorded under the plan's current version, whichever version is named
        name, version = split_key(plan_key or db.default_plan_key())
        cat = catalog_of(plan if version is None else db.load_plan(name), name)
        raise _all_problems(checked, cat, entered_by)
    total = len(checked.batch)
    return record_actuals(
        db,
        plan_key,
        checked.batch,
        entered_by=entered_by,
        dry_run=dry_run,
        progress=None if progress is None else lambda n: progress("writing", n, total),
        reasons=checked.reasons,
    )


def _scope_problems(plan: Plan, person: Person, batch: ActualBatch) -> list[Problem]:
    """A problem for each row whose indicator lies outside the person's scope."""
    refused = outside_scope(plan, person, batch.indicator_id)
    if not refused:
        return []
    scope = ", ".join(person.scopes)
    return [
        Problem(row, "indicator", f"{ident} lies outside your scope ({scope}): an editor "
                "records values only beneath the codes of their scope")
        for row, ident in zip(batch.origin_row, batch.indicator_id, strict=True)
        if ident in refused
    ]  # fmt: skip


def _all_problems(checked: Checked, cat: Catalog, entered_by: str) -> ImportFileError:
    """The file's problems with what the rules say of its rows, each row's at once, in order."""
    found = checked.problems + rule_problems(cat, checked.batch, entered_by)
    # rows the file's checks refused, for what the rules say of their value (a share over 100
    # beside an unknown region): every problem of a row at once
    found += rule_problems(cat, checked.partly_good, entered_by)
    unique = list(dict.fromkeys(found))
    return ImportFileError(checked.file, sorted(unique, key=lambda p: p.row or 0))


def rule_problems(cat: Catalog, batch: ActualBatch, entered_by: str) -> list[Problem]:
    """What the rules of every recorded value refuse among these rows, as the store would."""
    if not len(batch):
        return []
    try:
        check_batch(cat, batch)
        check_entered_by(entered_by)
    except ImportFileError as error:
        return error.problems
    except ValidationError as error:
        return [Problem(None, None, str(error))]
    return []
