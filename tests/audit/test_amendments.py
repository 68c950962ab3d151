"""Check 5: telling what the amendments may explain from plain contradictions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.audit._plans import (
    form,
    goal_total,
    listed,
    pension_plan,
    plan,
    row,
    total,
)
from tests.audit.test_breakdowns import goal_4_2
from zhospar.audit import Explanation, FindingKind, audit_plan
from zhospar.model.plan import ActRef, Plan

LIST_FORM = [FindingKind.EXPENDITURE_LIST_FORM]


def test_a_list_consistent_with_its_own_totals_may_be_the_version_before_amendment() -> None:
    found = audit_plan(pension_plan(), kinds=LIST_FORM).findings[0]
    assert found.explanation is Explanation.POSSIBLY_AMENDED
    assert found.acts == ("415", "1417")
    assert found.explanation_text == "possibly explained by No. 415/1417"
    assert "line 628" in found.note and "does not say" in found.note


def test_without_amending_acts_the_same_difference_is_a_contradiction() -> None:
    p = pension_plan()
    p.amended_by = []
    found = audit_plan(p, kinds=LIST_FORM).findings[0]
    assert found.explanation is Explanation.CONTRADICTION
    assert found.acts == ()


def test_an_act_cannot_explain_a_year_before_it() -> None:
    p = pension_plan()
    p.amended_by = [ActRef(number="9", date=dt.date(2011, 3, 1), line=1)]
    found = audit_plan(p, kinds=LIST_FORM).findings[0]  # the 2010 difference
    assert found.year == 2010 and found.explanation is Explanation.CONTRADICTION
    assert "dated in or before 2010" in found.note


def _proposed_block() -> Plan:
    # Lines 665-671 and the forms' 2010 column: 054 297 178 vs 90 979, 057 4 214 832 vs
    # 4 153 631, 059 40 257 vs 40 275. The total 4 552 285 is 297 178 + 4 214 832 + 40 275
    # (by hand): it adds up with the form's 40 275, not the list's 40 257.
    return plan(
        budget_programs=[
            listed("054", 667, 0, 0, 0, 297178, 0, 0),
            listed("057", 668, 0, 0, 0, 4214832, 0, 0),
            listed("059", 671, 0, 0, 0, 40257, 34725, 0),
        ],
        program_forms=[
            form("054", 1332, 0, 0, 90979, 0, 0),
            form("057", 1350, 0, 0, 4153631, 0, 0),
            form("059", 1369, 0, 0, 40275, 34725, 0),
        ],
        totals=[
            total(
                8,
                665,
                "II. Әзірлеуге ұсынылатын",
                ["054", "057", "059"],
                0,
                0,
                0,
                4552285,
                34725,
                0,
            )
        ],
    )


def test_the_lists_own_total_unmasks_a_misprint() -> None:
    found = {f.subject: f for f in audit_plan(_proposed_block(), kinds=LIST_FORM).findings}
    assert found["059"].explanation is Explanation.CONTRADICTION
    assert "misprint" in found["059"].note
    for code in ("054", "057"):
        assert found[code].explanation is Explanation.POSSIBLY_AMENDED
        assert "once the misprint of 059 is set right" in found[code].note


def test_two_misprints_in_one_total_are_both_found() -> None:
    # 2012, lines 641 and 644: 006 "1 883 726" for 18 837 726 and 013 "1 809 643" for
    # 18 096 643; their subgroup states 47 951 605 (line 638), the list's own figures add up to
    # 14 710 605 with the other programs; 33 241 000 = 16 954 000 + 16 287 000 (by hand).
    p = plan(
        budget_programs=[
            listed("006", 641, 0, 0, 0, 0, 0, 1883726),
            listed("013", 644, 0, 0, 0, 0, 0, 1809643),
            listed("014", 645, 0, 0, 0, 0, 0, 11017236),
        ],
        program_forms=[
            form("006", 878, 0, 0, 0, 0, 18837726),
            form("013", 1018, 0, 0, 0, 0, 18096643),
            form("014", 1035, 0, 0, 0, 0, 11017236),
        ],
        totals=[total(6, 638, "9 өзге де", ["006", "013", "014"], 0, 0, 0, 0, 0, 47951605)],
    )
    found = audit_plan(p, kinds=LIST_FORM).findings
    assert [(f.subject, f.explanation) for f in found] == [
        ("006", Explanation.CONTRADICTION),
        ("013", Explanation.CONTRADICTION),
    ]
    assert all("misprint" in f.note for f in found)


def test_a_total_that_adds_up_neither_way_gives_no_ground_for_an_amendment() -> None:
    p = plan(
        budget_programs=[listed("006", 641, 0, 0, 0, 1751873, 0, 0)],
        program_forms=[form("006", 878, 0, 0, 8548863, 0, 0)],
        totals=[total(6, 638, "9 өзге де", ["006"], 0, 0, 0, 13512321, 0, 0)],
    )
    (found,) = audit_plan(p, kinds=LIST_FORM).findings
    assert found.explanation is Explanation.CONTRADICTION
    assert "does not add up either way" in found.note


def test_an_appendix_goal_total_agreeing_with_the_form_marks_the_rows_as_misprinted() -> None:
    p = plan(
        program_forms=[form("007", 900, 0, 0, 43212412, 0, 0)],
        allocations=[
            goal_total(1, 1434, "5.1", 0, 0, 43212412, 0, 0),
            row(2, 1435, "5.1", "007.100", 0, 0, 15504018, 0, 0),
            row(3, 1436, "5.1", "007.101", 0, 0, 19918260, 0, 0),
            row(4, 1440, "5.1", "007.102", 0, 0, 8280134, 0, 0),
        ],
    )
    (found,) = audit_plan(p, kinds=[FindingKind.EXPENDITURE_FORM_APPENDIX]).findings
    assert found.explanation is Explanation.CONTRADICTION and "misprint" in found.note


def test_an_appendix_consistent_with_its_goal_total_may_be_another_version() -> None:
    p = plan(
        program_forms=[form("007", 900, 0, 0, 43212412, 0, 0)],
        allocations=[
            goal_total(1, 1434, "5.1", 0, 0, 43702412, 0, 0),
            row(2, 1435, "5.1", "007.100", 0, 0, 15504018, 0, 0),
            row(3, 1436, "5.1", "007.101", 0, 0, 19918260, 0, 0),
            row(4, 1440, "5.1", "007.102", 0, 0, 8280134, 0, 0),
        ],
    )
    (found,) = audit_plan(p, kinds=[FindingKind.EXPENDITURE_FORM_APPENDIX]).findings
    assert found.explanation is Explanation.POSSIBLY_AMENDED


def test_a_note_just_above_a_table_governs_it() -> None:
    # The note at line 211 stands right above the directions' tables (line 213 on); a finding
    # in them is possibly explained by the acts the note names.
    p = goal_4_2(6900)
    p.directions[0].line = 213
    (found,) = audit_plan(p, kinds=[FindingKind.BREAKDOWN]).findings
    assert found.explanation_text == "possibly explained by No. 415/1417"
    assert "note at line 211" in found.note


def test_a_note_far_from_a_table_does_not_govern_it() -> None:
    p = goal_4_2(6900)
    for act in p.amended_by:
        act.line = 100
    (found,) = audit_plan(p, kinds=[FindingKind.BREAKDOWN]).findings
    assert found.explanation is Explanation.CONTRADICTION
    assert found.difference == Decimal(5)
