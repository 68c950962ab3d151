"""Check 3: a goal's total in the allocation appendix vs the sum of its tasks' program rows.

The appendix prints, for each goal ("1.3-мақсат"), a total per year, followed by its tasks'
rows, one per program reference ("РБ (014)", "РБ (026)", ...). A row belongs to the goal whose
code it carries, or, lacking one, to the goal its task code begins with. Rows with neither a
program nor any value (a task heading) hold nothing to add.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhospar.audit._finding import Explanation, Finding, FindingKind, Place, Skip, severity_of
from zhospar.audit._values import (
    APPENDIX,
    allocation_label,
    columns,
    goal_of,
    holds_money,
    sum_column,
)
from zhospar.i18n import gettext
from zhospar.model.plan import Allocation, Plan


def check_goal_totals(plan: Plan) -> tuple[list[Finding], list[Skip]]:
    findings: list[Finding] = []
    skips: list[Skip] = []
    for total in plan.allocations:
        if not total.is_goal_total or not total.goal:
            continue
        rows = [
            r
            for r in plan.allocations
            if not r.is_goal_total and goal_of(r) == total.goal and holds_money(r)
        ]
        findings.extend(_compare(total, rows, skips))
    return findings, skips


def _compare(total: Allocation, rows: list[Allocation], skips: list[Skip]) -> Iterator[Finding]:
    goal = total.goal or "?"
    labelled = [(allocation_label(r), r.expenditure) for r in rows]
    for column, stated in sorted(columns(total.expenditure).items()):
        if stated.value is None:
            continue
        year, exp_kind = column
        summed = sum_column(labelled, column)
        if not rows or summed.value is None:
            missing = ", ".join(summed.missing)
            why = (
                gettext("row(s) {rows} give no value").format(rows=missing)
                if rows
                else gettext("it has no program rows")
            )
            skips.append(
                Skip(
                    check=FindingKind.GOAL_TOTAL,
                    year=year,
                    subjects=(goal,),
                    reason=gettext("goal {goal}'s total for {year} is not checked: {why}").format(
                        goal=goal, year=year, why=why
                    ),
                    lines=(total.line,),
                )
            )
            continue
        if summed.value == stated.value:
            continue
        yield Finding(
            id=f"F-goal-total-{goal}-{year}",
            kind=FindingKind.GOAL_TOTAL,
            severity=severity_of(stated.value, summed.value, summed.terms),
            explanation=Explanation.CONTRADICTION,
            year=year,
            expenditure_kind=exp_kind,
            subject=goal,
            a=Place(
                section=APPENDIX,
                line=stated.line,
                value=stated.value,
                label=gettext("goal {goal} total").format(goal=goal),
            ),
            b=Place(
                section=APPENDIX,
                line=summed.lines[0] if summed.lines else None,
                lines=summed.lines,
                value=summed.value,
                label=" + ".join(summed.labels),
            ),
            difference=summed.value - stated.value,
        )
