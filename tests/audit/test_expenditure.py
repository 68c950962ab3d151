"""Check 1: a program's money in the list, its form and the appendix (hand-built plans)."""

from __future__ import annotations

from decimal import Decimal

from tests.audit._plans import F, P, form, listed, pension_plan, plan, row
from zhospar.audit import Explanation, FindingKind, Severity, audit_plan


def test_program_002_2010_list_against_form_and_appendix() -> None:
    result = audit_plan(pension_plan())
    by_id = {f.id: f for f in result.findings}
    assert sorted(by_id) == [
        "F-expenditure-list-appendix-002-2010",
        "F-expenditure-list-form-002-2010",
    ]
    found = by_id["F-expenditure-list-form-002-2010"]
    assert found.kind is FindingKind.EXPENDITURE_LIST_FORM
    assert (found.a.section, found.a.line, found.a.value) == (
        "list of budget programs",
        629,
        Decimal(554655853),
    )
    assert (found.b.section, found.b.line, found.b.value) == (
        "form of program 002",
        785,
        Decimal(557556682),
    )
    assert found.year == 2010 and found.expenditure_kind is P
    assert found.difference == Decimal(2900829)  # 557 556 682 - 554 655 853, by hand
    assert found.severity is Severity.MEDIUM  # 0.52 % of 557 556 682


def test_the_appendix_value_is_the_sum_of_the_rows_for_the_program() -> None:
    found = {f.id: f for f in audit_plan(pension_plan()).findings}
    appendix = found["F-expenditure-list-appendix-002-2010"].b
    # РБ (002.102) 122 888 809 + РБ (002.100.101.103) 434 667 873 = 557 556 682 (by hand)
    assert appendix.value == Decimal(557556682)
    assert appendix.lines == (1412, 1414)
    assert appendix.label == "РБ (002.102) + РБ (002.100.101.103)"


def test_form_and_appendix_agreeing_make_no_finding() -> None:
    kinds = {f.kind for f in audit_plan(pension_plan()).findings}
    assert FindingKind.EXPENDITURE_FORM_APPENDIX not in kinds


def test_2008_approved_is_not_compared_with_2008_actual_but_recorded_as_skipped() -> None:
    # The list's 2008 approved plan (363 541 309) differs from the form's 2008 actual
    # (363 594 434): different figures, not a contradiction.
    result = audit_plan(pension_plan())
    assert not [f for f in result.findings if f.year == 2008]
    skips = [s for s in result.skipped if s.check is FindingKind.EXPENDITURE_LIST_FORM]
    assert [(s.year, s.subjects) for s in skips] == [(2008, ("002",))]
    assert "approved" in skips[0].reason and "not a contradiction" in skips[0].reason


def test_2008_actual_is_compared_with_2008_actual() -> None:
    # Program 017: the list prints 2008 actual as 1 381 889 (line 632), the form 4 381 889.
    p = plan(
        budget_programs=[listed("017", 632, 4381373, 1381889, 5763383, 6452685, 1, 2)],
        program_forms=[form("017", 1094, 4381889, 5763383, 6452685, 1, 2)],
    )
    (found,) = audit_plan(p).findings
    assert found.id == "F-expenditure-list-form-017-2008"
    assert found.expenditure_kind is F
    assert (found.a.value, found.b.value, found.difference) == (
        Decimal(1381889),
        Decimal(4381889),
        Decimal(3000000),
    )
    assert found.severity is Severity.HIGH
    assert found.explanation is Explanation.CONTRADICTION  # 2008: before any amending act


def test_a_row_without_a_value_leaves_the_appendix_sum_unknown() -> None:
    p = plan(
        program_forms=[form("007", 900, 1, 2, 43212412, 4, 5)],
        allocations=[
            row(1, 1435, "5.1", "007.100", 1, 2, 15504018, 4, 5),
            row(2, 1436, "5.1", "007.101", 0, 0, None, 0, 0),
        ],
    )
    assert audit_plan(p, kinds=[FindingKind.EXPENDITURE_FORM_APPENDIX]).findings == []


def test_form_against_appendix_finds_a_row_off_by_490_000() -> None:
    # Program 007, 2010: form 43 212 412 (line 900); appendix 15 504 018 + 19 918 260
    # + 8 280 134 = 43 702 412 (lines 1435, 1436, 1440), by hand.
    p = plan(
        program_forms=[form("007", 900, 27842306, 30336875, 43212412, 49978861, 53988311)],
        allocations=[
            row(1, 1435, "5.1", "007.100", 11854828, 13584823, 15504018, 17114397, 18444780),
            row(2, 1436, "5.1", "007.101", 15987478, 16752052, 19918260, 23354347, 25169800),
            row(3, 1440, "5.1", "007.102", 0, 0, 8280134, 9510117, 10373731),
        ],
    )
    (found,) = audit_plan(p, kinds=[FindingKind.EXPENDITURE_FORM_APPENDIX]).findings
    assert found.id == "F-expenditure-form-appendix-007-2010"
    assert found.b.value == Decimal(43702412) and found.b.lines == (1435, 1436, 1440)
    assert found.difference == Decimal(490000)


def test_a_program_with_money_but_missing_from_the_list_is_a_finding() -> None:
    # Program 026 has a form (2010: 850 598, line 1239) but no row in the list.
    p = plan(
        budget_programs=[listed("002", 629, 1, 1, 1, 1, 1, 1)],
        program_forms=[form("002", 785, 1, 1, 1, 1, 1), form("026", 1239, 0, 0, 850598, 0, 0)],
    )
    (found,) = audit_plan(p).findings
    assert found.id == "F-program-absent-list-026-2010"
    assert found.a.value is None and found.a.line is None
    assert (found.b.line, found.b.value) == (1239, Decimal(850598))
    assert found.difference is None


def test_a_program_without_an_appendix_row_is_only_noted() -> None:
    p = plan(
        budget_programs=[listed("001", 639, 1, 2, 3, 4, 5, 6)],
        program_forms=[form("001", 761, 2, 3, 4, 5, 6)],
    )
    result = audit_plan(p)
    assert result.findings == []
    assert any(
        s.subjects == ("001",) and "no row in the allocation appendix" in s.reason
        for s in result.skipped
    )
