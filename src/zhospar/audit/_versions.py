"""Is the differing figure part of a consistent version of the budget, or a misprint?

The budget sections of the plan carry no amendment note, so when the list of programs and a
form disagree the text does not say which was amended. It does hold a test: each place has its
own totals. A list figure that adds up with the list's own total belongs to a consistent
version of the budget (perhaps the one before an amendment); a figure whose replacement by the
other place's figure makes the total add up is a misprint; a total that adds up neither way
gives no ground for either reading.

Two misprints in one total are common enough (the list's 2012 column misprints programs 006
and 013 both), so the audit looks for the one smallest set of programs, one or two, whose
correction closes the total's gap; with none, or more than one, the total is "broken".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from zhospar.audit._finding import Finding, FindingKind
from zhospar.audit._scopes import TotalScope
from zhospar.audit._values import (
    Column,
    appendix_rows,
    columns,
    fmt,
    goal_of,
    holds_money,
    program_code,
    sum_column,
)
from zhospar.i18n import gettext
from zhospar.model.plan import Plan

_MAX_MISPRINTS = 2


class State(StrEnum):
    COHERENT = "coherent"  # the place's own total adds up (after known misprints)
    MISPRINT = "misprint"  # its own total adds up with the other place's figure
    BROKEN = "broken"  # its own total adds up neither way
    UNTESTABLE = "untestable"  # no total of its own to test against


@dataclass(frozen=True)
class Verdict:
    state: State
    where: str  # the total tested: "line 628" or "line 638: 141 073 773 vs 129 313 325"
    corrected: tuple[str, ...] = ()  # other programs whose misprints the total reveals


def list_verdict(
    finding: Finding, column: Column, scopes: Sequence[TotalScope], diffs: Mapping[str, Decimal]
) -> Verdict:
    """Test the list's figure (or its lack of the program) against the list's own totals."""
    if finding.kind is FindingKind.PROGRAM_ABSENT:
        covering = sorted(scopes, key=lambda s: -len(s.programs))  # the widest: all programs
    else:
        covering = sorted(
            (s for s in scopes if any(p.code == finding.subject for p in s.programs)),
            key=lambda s: len(s.programs),
        )
    for scope in covering:
        stated = columns(scope.total.expenditure).get(column)
        summed = sum_column([(p.code, p.expenditure) for p in scope.programs], column)
        if stated is None or stated.value is None or summed.value is None:
            continue
        where = gettext("line {line}: {stated} vs its programs {summed}").format(
            line=stated.line, stated=fmt(stated.value), summed=fmt(summed.value)
        )
        members = {p.code: diffs[p.code] for p in scope.programs if p.code in diffs}
        return _verdict(stated.value - summed.value, members, finding.subject, where)
    return Verdict(State.UNTESTABLE, "the list states no total for this column")


def appendix_verdict(
    plan: Plan, finding: Finding, column: Column, diffs: Mapping[str, Decimal]
) -> Verdict:
    """Test the appendix's rows for the program against their goals' totals."""
    goals = sorted({g for r in appendix_rows(plan, finding.subject) if (g := goal_of(r))})
    if not goals:
        return Verdict(State.UNTESTABLE, "the program's rows name no goal")
    gap = Decimal(0)
    where: list[str] = []
    members: dict[str, Decimal] = {}
    for goal in goals:
        total = next((r for r in plan.allocations if r.is_goal_total and r.goal == goal), None)
        rows = [r for r in plan.allocations if not r.is_goal_total and goal_of(r) == goal]
        stated = columns(total.expenditure).get(column) if total is not None else None
        summed = sum_column([(r.id, r.expenditure) for r in rows if holds_money(r)], column)
        if stated is None or stated.value is None or summed.value is None:
            why = gettext("goal {goal} states no total for {year}").format(
                goal=goal, year=column[0]
            )
            return Verdict(State.UNTESTABLE, why)
        gap += stated.value - summed.value
        where.append(
            gettext("goal {goal}, line {line}: {stated} vs its rows {summed}").format(
                goal=goal, line=stated.line, stated=fmt(stated.value), summed=fmt(summed.value)
            )
        )
        codes = {c for r in rows if (c := program_code(r.program)) is not None}
        # Setting an appendix figure right replaces the rows' sum by the form's figure.
        members.update({c: -diffs[c] for c in codes if c in diffs})
    return _verdict(gap, members, finding.subject, "; ".join(where))


def _verdict(gap: Decimal, diffs: Mapping[str, Decimal], subject: str, where: str) -> Verdict:
    if gap == 0:
        return Verdict(State.COHERENT, where)
    closing = _closing_set(gap, diffs)
    if closing is None:
        return Verdict(State.BROKEN, where)
    if subject in closing:
        return Verdict(State.MISPRINT, where, tuple(sorted(closing - {subject})))
    return Verdict(State.COHERENT, where, tuple(sorted(closing)))


def _closing_set(gap: Decimal, diffs: Mapping[str, Decimal]) -> frozenset[str] | None:
    """The one smallest set of programs whose corrections add up to the gap, if there is one."""
    codes = sorted(diffs)
    for size in range(1, _MAX_MISPRINTS + 1):
        found = [
            frozenset(combo)
            for combo in combinations(codes, size)
            if sum((diffs[c] for c in combo), Decimal(0)) == gap
        ]
        if len(found) == 1:
            return found[0]
        if found:
            return None  # ambiguous: the text does not tell which
    return None
