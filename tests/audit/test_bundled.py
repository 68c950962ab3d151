"""The audit of the bundled MLSP 2010-2014 plan, against findings checked by hand in the text.

Each expectation below was read off the printed lines named (list of programs 625-674, forms
676-1387, appendix 1388-1443, indicator tables 209-396) and the sums done by hand; none was
taken from running the audit.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from zhospar.audit import AuditResult, Explanation, Finding, FindingKind, audit_plan
from zhospar.ingest import ReadResult
from zhospar.model.plan import ExpenditureKind


@pytest.fixture(scope="module")
def audited(bundled: ReadResult) -> AuditResult:
    return audit_plan(bundled.plan)


def _get(audited: AuditResult, finding_id: str) -> Finding:
    found = {f.id: f for f in audited.findings}
    assert finding_id in found, f"{finding_id} not among {sorted(found)}"
    return found[finding_id]


def test_program_002_2010_list_against_form(audited: AuditResult) -> None:
    # Line 629: 554 655 853; lines 785-786: "557 556 / 682", printed over two lines.
    f = _get(audited, "F-expenditure-list-form-002-2010")
    assert (f.a.section, f.a.line, f.a.value) == (
        "list of budget programs",
        629,
        Decimal(554655853),
    )
    assert f.b.section == "form of program 002" and f.b.line in (785, 786)
    assert f.b.value == Decimal(557556682)
    assert f.difference == Decimal(2900829)
    assert f.expenditure_kind is ExpenditureKind.PLANNED
    # Subgroup 1's 2010 total (line 628) 730 966 600 = 554 655 853 + 116 410 074
    # + 52 591 047 + 7 309 626 (by hand): the list is consistent in itself.
    assert f.explanation_text == "possibly explained by No. 415/1417"


def test_program_002_2010_list_against_appendix(audited: AuditResult) -> None:
    # Lines 1412-1414: РБ (002.102) 122 888 809 + РБ (002.100.101.103) 434 667 873
    # = 557 556 682 (by hand), as in the form.
    f = _get(audited, "F-expenditure-list-appendix-002-2010")
    assert f.a.value == Decimal(554655853)
    assert f.b.value == Decimal(557556682)
    assert f.b.lines == (1412, 1414)
    assert not [g for g in audited.findings if g.id.startswith("F-expenditure-form-appendix-002")]


def test_program_003_2010(audited: AuditResult) -> None:
    f = _get(audited, "F-expenditure-list-form-003-2010")  # lines 630 and 816
    assert (f.a.line, f.a.value, f.b.line, f.b.value) == (
        630,
        Decimal(116410074),
        816,
        Decimal(115607711),
    )
    assert f.difference == Decimal(-802363)


def test_program_006_2010_is_a_contradiction(audited: AuditResult) -> None:
    # Line 641 prints "1 751 873", line 878 8 548 863. Subgroup 9's 2010 total (line 638,
    # 141 073 773) does not add up with the list's figures either way.
    f = _get(audited, "F-expenditure-list-form-006-2010")
    assert (f.a.line, f.a.value, f.b.line, f.b.value) == (
        641,
        Decimal(1751873),
        878,
        Decimal(8548863),
    )
    assert f.explanation is Explanation.CONTRADICTION


def test_misprints_the_lists_own_totals_unmask(audited: AuditResult) -> None:
    cases = {
        # 017 2008 actual: "1 381 889" (line 632) for 4 381 889 (line 1094); subgroup 1 states
        # 501 662 838 = 363 594 434 + 92 052 358 + 41 634 157 + 4 381 889 (by hand).
        "F-expenditure-list-form-017-2008": (632, 1381889, 1094, 4381889),
        # 2012: "1 883 726" for 18 837 726 and "1 809 643" for 18 096 643 (lines 641, 644).
        "F-expenditure-list-form-006-2012": (641, 1883726, 878, 18837726),
        "F-expenditure-list-form-013-2012": (644, 1809643, 1018, 18096643),
        # 059 2010: "4 0 257" (line 671) for 40 275 (line 1369); line 665 states 4 552 285
        # = 297 178 + 4 214 832 + 40 275 (by hand).
        "F-expenditure-list-form-059-2010": (671, 40257, 1369, 40275),
    }
    for finding_id, (a_line, a_value, b_line, b_value) in cases.items():
        f = _get(audited, finding_id)
        assert (f.a.line, f.a.value, f.b.line, f.b.value) == (
            a_line,
            Decimal(a_value),
            b_line,
            Decimal(b_value),
        ), finding_id
        assert f.explanation is Explanation.CONTRADICTION and "misprint" in f.note, finding_id


def test_program_007_2010_form_against_appendix(audited: AuditResult) -> None:
    # Form (line 900): 43 212 412; appendix 15 504 018 + 19 918 260 + 8 280 134 = 43 702 412
    # (lines 1435, 1436, 1440). Goal 5.1's total 47 296 313 (line 1434) adds up with the
    # form's figure: 43 212 412 + 2 967 928 + 1 115 973 (by hand).
    f = _get(audited, "F-expenditure-form-appendix-007-2010")
    assert (f.a.line, f.a.value) == (900, Decimal(43212412))
    assert (f.b.value, f.b.lines) == (Decimal(43702412), (1435, 1436, 1440))
    assert f.explanation is Explanation.CONTRADICTION and "misprint" in f.note


def test_goal_totals(audited: AuditResult) -> None:
    # Goals 1.3, 2.1, 2.2, 3.1, 4.1 and 4.2 add up in every year (by hand); goal 1.1 states
    # 66 226 for 2008 over a row of 0 (lines 1392-1393); goal 5.1 states 47 296 313 for 2010
    # over rows adding up to 47 786 313 (lines 1434-1442).
    goals = [f for f in audited.findings if f.kind is FindingKind.GOAL_TOTAL]
    assert [f.id for f in goals] == ["F-goal-total-1.1-2008", "F-goal-total-5.1-2010"]
    assert (goals[0].a.line, goals[0].a.value, goals[0].b.value) == (
        1392,
        Decimal(66226),
        Decimal(0),
    )
    assert (goals[1].a.value, goals[1].b.value) == (Decimal(47296313), Decimal(47786313))


def test_list_totals(audited: AuditResult) -> None:
    by_line_year = {
        (f.a.line, f.year, f.expenditure_kind): f
        for f in audited.findings
        if f.kind is FindingKind.TOTAL
    }
    # Line 628, 2008 approved: 501 578 849 stated; 363 541 309 + 92 029 542 + 41 626 624
    # + 4 381 373 = 501 578 848 (by hand).
    sub1 = by_line_year[(628, 2008, ExpenditureKind.APPROVED)]
    assert (sub1.a.value, sub1.b.value) == (Decimal(501578849), Decimal(501578848))
    assert sub1.severity.value == "low"
    # Line 638, 2010: 141 073 773 stated; the 19 programs of subgroup 9 add up to
    # 129 313 325 (by hand, lines 639-660).
    sub9 = by_line_year[(638, 2010, ExpenditureKind.PLANNED)]
    assert (sub9.a.value, sub9.b.value) == (Decimal(141073773), Decimal(129313325))
    # Line 665, 2010: 4 552 285 stated; 297 178 + 4 214 832 + 40 257 = 4 552 267.
    proposed = by_line_year[(665, 2010, ExpenditureKind.PLANNED)]
    assert proposed.difference == Decimal(-18)


def test_breakdowns(audited: AuditResult, bundled: ReadResult) -> None:
    # Program 003, line 800: 654 563 for 2009; 432 249 + 206 310 + 15 985 = 654 544.
    f = _get(audited, "F-breakdown-P003-Q1-2009")
    assert (f.a.line, f.a.value, f.b.value) == (800, Decimal(654563), Decimal(654544))
    # Goal 4.2's target indicator adds up in every year (see test_breakdowns.py), and was
    # checked, not skipped.
    goal_4_2 = [
        ind
        for d in bundled.plan.directions
        for g in d.goals
        if g.code == "4.2"
        for ind in g.target_indicators
        if len(ind.breakdowns) == 3
    ]
    assert goal_4_2, "the reader gives goal 4.2's target indicator its three breakdowns"
    subject = goal_4_2[0].id
    assert not [x for x in audited.findings if x.subject == subject]
    assert not [s for s in audited.skipped if subject in s.subjects]


def test_2008_approved_column_is_skipped_not_compared(audited: AuditResult) -> None:
    skips = [
        s
        for s in audited.skipped
        if s.check is FindingKind.EXPENDITURE_LIST_FORM and s.year == 2008
    ]
    assert skips and "002" in skips[0].subjects and "approved" in skips[0].reason


def test_every_finding_names_both_places(audited: AuditResult) -> None:
    assert audited.findings
    assert len({f.id for f in audited.findings}) == len(audited.findings)
    for f in audited.findings:
        assert f.a.section and f.b.section
        assert f.b.line is not None
        if f.kind is not FindingKind.PROGRAM_ABSENT:
            assert f.a.line is not None and f.a.value is not None and f.b.value is not None
            assert f.difference == f.b.value - f.a.value
        assert re.fullmatch(r"F-[a-z-]+-[\w.-]+-\d{4}(-[a-z]+)?", f.id), f.id


def test_list_values_stand_on_the_lines_named(audited: AuditResult, seed_lines: list[str]) -> None:
    """Traceability: each list figure is printed, digits and all, on the line the finding names."""
    for f in audited.findings:
        if f.a.section != "list of budget programs" or f.a.line is None or f.a.value is None:
            continue
        printed = re.sub(r"\s", "", seed_lines[f.a.line - 1])
        assert str(f.a.value) in printed, (f.id, f.a.line)
