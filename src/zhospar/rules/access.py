"""Who may do what: roles, the rule each route asks for, and an editor's scope in the plan tree.

Pure: functions of a person, a rule and the codes a write touches; the web app and the CLI
decide with these and nothing else, so that one table says who may do what.

* admin: people, tokens and settings, and everything a planner does;
* planner: everything an editor does, for the whole plan, plus overrides (and sign-off);
* editor: records facts within their scope: direction (``1``), goal (``1.1``), task (``1.1.4``)
  or budget-program (``002``) codes, a code covering what lies beneath it in the plan tree
  (direction -> goal -> task, and a goal's budget programs); no code = the whole plan;
* viewer: reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from zhospar.model.plan import Plan
from zhospar.model.walk import IndicatorPlace, find_indicator, iter_milestones

__all__ = [
    "Decision",
    "Person",
    "Role",
    "Rule",
    "decide",
    "indicator_codes",
    "milestone_codes",
    "outside_scope",
    "plan_codes",
    "program_codes",
    "unknown_scopes",
    "write_codes",
]


class Role(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    EDITOR = "editor"
    VIEWER = "viewer"


class Rule(StrEnum):
    """What a route asks of whoever calls it."""

    PUBLIC = "public"  # anyone, signed in or not (the login page, static files)
    READ = "read"  # anyone signed in; anyone at all when the server is public
    WRITE_FACTS = "write-facts"  # editors within their scope, planners, admins
    PLANNER = "planner"  # planners and admins
    ADMIN = "admin"  # admins only


class Decision(StrEnum):
    ALLOW = "allow"
    UNAUTHENTICATED = "unauthenticated"  # 401: sign in first
    FORBIDDEN = "forbidden"  # 403: signed in, but this role or scope may not


@dataclass(frozen=True)
class Person:
    """Who is asking: a name, a role and, for an editor, the codes of their scope."""

    name: str
    role: Role
    scopes: tuple[str, ...] = ()

    def covers(self, codes: frozenset[str] | None) -> bool:
        """Whether this person may write where ``codes`` lie (None: the whole plan at once)."""
        if self.role in (Role.ADMIN, Role.PLANNER) or not self.scopes:
            return self.role is not Role.VIEWER
        if self.role is not Role.EDITOR or codes is None:
            return False
        return not codes.isdisjoint(self.scopes)


_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.PLANNER: 2, Role.ADMIN: 3}
_NEEDS = {Rule.WRITE_FACTS: Role.EDITOR, Rule.PLANNER: Role.PLANNER, Rule.ADMIN: Role.ADMIN}


def decide(
    person: Person | None, rule: Rule, *, public: bool = False, codes: frozenset[str] | None = None
) -> Decision:
    """May ``person`` (None: nobody signed in) pass ``rule``? ``codes`` are where a write of
    facts lands (None: anywhere in the plan, as a whole file may); a public server lets anyone
    read but never write."""
    if rule is Rule.PUBLIC:
        return Decision.ALLOW
    if person is None:
        return Decision.ALLOW if rule is Rule.READ and public else Decision.UNAUTHENTICATED
    if rule is Rule.READ:
        return Decision.ALLOW
    if _RANK[person.role] < _RANK[_NEEDS[rule]]:
        return Decision.FORBIDDEN
    if rule is Rule.WRITE_FACTS and not person.covers(codes):
        return Decision.FORBIDDEN
    return Decision.ALLOW


# --- where a write lands: the codes above it in the plan tree ---------------------------------


def indicator_codes(plan: Plan, indicator_id: str) -> frozenset[str] | None:
    """The codes above an indicator (its direction, goal, task, program and the program's goals),
    or None for an id the plan does not hold (the route then answers 404 itself).

    ``P002-X`` is program 002's expenditure, which lies beneath the program."""
    if indicator_id.startswith("P") and indicator_id.endswith("-X"):
        return program_codes(plan, indicator_id[1:-2])
    place = find_indicator(plan, indicator_id)
    if place is None:
        return None
    return _place_codes(plan, place)


def _place_codes(plan: Plan, place: IndicatorPlace) -> frozenset[str]:
    if place.program is not None:
        return program_codes(plan, place.program)
    codes = {c for c in (place.goal, place.task) if c}
    if place.direction is not None:
        codes.add(str(place.direction))
    return frozenset(codes)


def program_codes(plan: Plan, code: str) -> frozenset[str]:
    """A budget program's code with the goals, tasks and directions its form names."""
    codes = {code}
    for form in plan.program_forms:
        if form.code == code:
            for section in form.sections:
                codes.update(section.goals, section.tasks, (str(d) for d in section.directions))
    for direction in plan.directions:  # a goal listed above covers its direction too
        if any(g.code in codes for g in direction.goals):
            codes.add(str(direction.number))
    return frozenset(codes)


def write_codes(plan: Plan, ident: str) -> frozenset[str]:
    """Where a value for ``ident`` (an indicator, ``P002-X`` or a milestone) lands in the plan
    tree; empty for an id the plan does not hold (no scope covers it)."""
    return indicator_codes(plan, ident) or milestone_codes(plan, ident) or frozenset()


def outside_scope(plan: Plan, person: Person, idents: Iterable[str]) -> set[str]:
    """The ids among ``idents`` where ``person`` may not write (an editor's scope)."""
    if person.covers(None):  # planners, admins, editors of the whole plan
        return set()
    return {i for i in set(idents) if not person.covers(write_codes(plan, i))}


def milestone_codes(plan: Plan, milestone_id: str) -> frozenset[str] | None:
    """The task, goal and direction a milestone lies beneath (None: no such milestone)."""
    for direction in plan.directions:
        for goal in direction.goals:
            for task in goal.tasks:
                if any(m.id == milestone_id for m in task.milestones):
                    return frozenset({str(direction.number), goal.code, task.code})
    return None


def plan_codes(plan: Plan) -> frozenset[str]:
    """Every code a scope may name: directions, goals, tasks and budget programs."""
    codes: set[str] = set()
    for direction in plan.directions:
        codes.add(str(direction.number))
        for goal in direction.goals:
            codes.add(goal.code)
            codes.update(t.code for t in goal.tasks)
    codes.update(p.code for p in plan.budget_programs)
    codes.update(f.code for f in plan.program_forms)
    codes.update(t.code for t, _ in iter_milestones(plan))
    return frozenset(codes)


def unknown_scopes(plan: Plan, scopes: Iterable[str]) -> list[str]:
    """The scope codes that name nothing in the plan (a typo would silently grant nothing)."""
    known = plan_codes(plan)
    return [s for s in scopes if s not in known]
