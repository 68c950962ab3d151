"""Which programs each total stated in the list of programs adds up.

The reader of the list records, on each ``PlanTotal``, the codes of the programs the total
covers (worked out from the rank of the list's rows: part, type, functional group, subgroup).
The audit takes that as given; a total that covers no program it can find is not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.model.plan import BudgetProgram, Plan, PlanTotal


@dataclass(frozen=True)
class TotalScope:
    """A stated total with the programs it should be the sum of."""

    total: PlanTotal
    programs: tuple[BudgetProgram, ...]
    missing: tuple[str, ...]  # codes the total names that the list does not hold


def resolve_scopes(plan: Plan) -> tuple[list[TotalScope], list[PlanTotal]]:
    """Each total with its programs; totals that name no program come back separately."""
    by_code: dict[str, BudgetProgram] = {}
    for program in plan.budget_programs:
        by_code.setdefault(program.code, program)
    scopes: list[TotalScope] = []
    unknown: list[PlanTotal] = []
    for total in sorted(plan.totals, key=lambda t: t.line):
        codes = list(dict.fromkeys(total.programs))
        if not codes:
            unknown.append(total)
            continue
        programs = tuple(by_code[c] for c in codes if c in by_code)
        missing = tuple(c for c in codes if c not in by_code)
        scopes.append(TotalScope(total, programs, missing))
    return scopes, unknown
