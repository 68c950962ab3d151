"""Who may do what, decided purely: roles against rules, and an editor's scope in the bundled
plan's tree (codes read from the published text: task 1.3.1 at line 249 lies under goal 1.3 of
direction 1; program 002's form, line 763, serves direction 4, goal 4.1 and task 4.1.2)."""

from __future__ import annotations

import pytest

from zhospar.ingest import ReadResult
from zhospar.rules.access import (
    Decision,
    Person,
    Role,
    Rule,
    decide,
    indicator_codes,
    milestone_codes,
    program_codes,
    unknown_scopes,
)

A, U, F = Decision.ALLOW, Decision.UNAUTHENTICATED, Decision.FORBIDDEN
VIEWER = Person("v", Role.VIEWER)
EDITOR = Person("e", Role.EDITOR, ("1.3",))
WHOLE_PLAN_EDITOR = Person("w", Role.EDITOR)
PLANNER = Person("p", Role.PLANNER)
ADMIN = Person("a", Role.ADMIN)
IN_SCOPE = frozenset({"1", "1.3", "1.3.1"})
OUT_OF_SCOPE = frozenset({"4", "4.1", "4.1.2", "002"})

# rule: (anonymous, viewer, editor in scope, editor out of scope, planner, admin), by hand
EXPECTED = {
    Rule.PUBLIC: (A, A, A, A, A, A),
    Rule.READ: (U, A, A, A, A, A),
    Rule.WRITE_FACTS: (U, F, A, F, A, A),
    Rule.PLANNER: (U, F, F, F, A, A),
    Rule.ADMIN: (U, F, F, F, F, A),
}


@pytest.mark.parametrize("rule", list(Rule))
def test_each_role_against_each_rule(rule: Rule) -> None:
    found = (
        decide(None, rule),
        decide(VIEWER, rule),
        decide(EDITOR, rule, codes=IN_SCOPE),
        decide(EDITOR, rule, codes=OUT_OF_SCOPE),
        decide(PLANNER, rule, codes=OUT_OF_SCOPE),
        decide(ADMIN, rule, codes=OUT_OF_SCOPE),
    )
    assert found == EXPECTED[rule]


def test_a_public_server_lets_anyone_read_but_never_write() -> None:
    assert decide(None, Rule.READ, public=True) is A
    for rule in (Rule.WRITE_FACTS, Rule.PLANNER, Rule.ADMIN):
        assert decide(None, rule, public=True) is U


def test_an_editor_without_a_scope_covers_the_whole_plan_and_a_scoped_one_no_file() -> None:
    # an import may touch any indicator: codes=None
    assert decide(WHOLE_PLAN_EDITOR, Rule.WRITE_FACTS, codes=None) is A
    assert decide(WHOLE_PLAN_EDITOR, Rule.WRITE_FACTS, codes=OUT_OF_SCOPE) is A
    assert decide(EDITOR, Rule.WRITE_FACTS, codes=None) is F
    assert decide(VIEWER, Rule.WRITE_FACTS, codes=None) is F


def test_codes_above_an_indicator_a_program_and_a_milestone(bundled: ReadResult) -> None:
    plan = bundled.plan
    assert indicator_codes(plan, "T1.3.1-I1") == {"1", "1.3", "1.3.1"}
    assert indicator_codes(plan, "G1.3-I1") == {"1", "1.3"}  # a goal's target indicator
    assert program_codes(plan, "002") == {"002", "4", "4.1", "4.1.2"}
    assert indicator_codes(plan, "P002-X") == {"002", "4", "4.1", "4.1.2"}  # its expenditure
    assert milestone_codes(plan, "T1.1.1-M1") == {"1", "1.1", "1.1.1"}
    assert indicator_codes(plan, "G9.9-I9") is None and milestone_codes(plan, "X") is None


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [(("1",), True), (("1.3",), True), (("1.3.1",), True), (("1.1",), False), (("4.1",), False)],
)
def test_a_code_covers_what_lies_beneath_it(
    bundled: ReadResult, scope: tuple[str, ...], allowed: bool
) -> None:
    editor = Person("e", Role.EDITOR, scope)
    codes = indicator_codes(bundled.plan, "T1.3.1-I1")
    assert (decide(editor, Rule.WRITE_FACTS, codes=codes) is A) is allowed


def test_a_scope_naming_nothing_in_the_plan_is_found(bundled: ReadResult) -> None:
    assert unknown_scopes(bundled.plan, ["1.3", "002", "9.9", "4"]) == ["9.9"]
