"""Check 2: the list's stated totals vs the sum of their programs (hand-built plans)."""

from __future__ import annotations

from decimal import Decimal

from tests.audit._plans import A, F, listed, plan, total
from zhospar.audit import FindingKind, Severity, audit_plan
from zhospar.model.plan import Plan

TOTALS = [FindingKind.TOTAL]


def _subgroup_2(*stated: int) -> Plan:
    # Subgroup 2 (line 633) and its programs 005, 007, 008, 010 (lines 634-637).
    return plan(
        budget_programs=[
            listed("005", 634, 1876116, 1943700, 2061455, 2145528, 2475373, 2857329),
            listed("007", 635, 27841310, 27842306, 30336875, 40234532, 49978861, 53988311),
            listed("008", 636, 3559344, 3559358, 781147, 426629, 80336, 36740),
            listed("010", 637, 25947, 30545, 42372, 28279, 23395, 21218),
        ],
        totals=[total(5, 633, "2 Әлеуметтік көмек", ["005", "007", "008", "010"], *stated)],
    )


def test_a_subtotal_off_by_one_in_the_approved_column_is_low() -> None:
    # Line 633 states 33 302 716 for 2008 (approved); its programs add up to 33 302 717:
    # 1 876 116 + 27 841 310 + 3 559 344 + 25 947 (by hand). Every other column adds up.
    p = _subgroup_2(33302716, 33375909, 33221849, 42834968, 52557965, 56903598)
    (found,) = audit_plan(p, kinds=TOTALS).findings
    assert found.id == "F-total-S5-2008"
    assert found.expenditure_kind is A
    assert (found.a.line, found.a.value) == (633, Decimal(33302716))
    assert found.b.value == Decimal(33302717) and found.b.lines == (634, 635, 636, 637)
    assert found.difference == Decimal(1)
    assert found.severity is Severity.LOW  # within rounding of four printed values


def test_a_total_that_adds_up_makes_no_finding() -> None:
    p = _subgroup_2(33302717, 33375909, 33221849, 42834968, 52557965, 56903598)
    assert audit_plan(p, kinds=TOTALS).findings == []


def test_two_columns_of_one_year_get_ids_with_their_kind() -> None:
    # The 2008 approved and 2008 actual columns both off: the ids say which is which.
    p = _subgroup_2(1, 2, 33221849, 42834968, 52557965, 56903598)
    ids = [f.id for f in audit_plan(p, kinds=TOTALS).findings]
    assert ids == ["F-total-S5-2008-actual", "F-total-S5-2008-approved"]
    assert {f.expenditure_kind for f in audit_plan(p, kinds=TOTALS).findings} == {A, F}


def test_a_total_leaving_out_a_part_printed_inside_it_says_so() -> None:
    # The list's group line "5" (line 627) adds up subgroups 1 and 2 only; subgroup 9 (line 638)
    # stands under it too. Three one-program subgroups keep the sums short.
    p = plan(
        budget_programs=[
            listed("002", 629, 10, 10, 10, 10, 10, 10),
            listed("005", 634, 20, 20, 20, 20, 20, 20),
            listed("001", 639, 5, 5, 5, 5, 5, 5),
        ],
        totals=[
            total(3, 627, "5 Әлеуметтік қамсыздандыру", ["002", "005", "001"], *[30] * 6),
            total(6, 638, "9 өзге де қызметтер", ["001"], *[5] * 6),
        ],
    )
    found = audit_plan(p, kinds=TOTALS).findings
    assert len(found) == 6  # one per column
    first = found[0]
    assert first.difference == Decimal(5)
    assert 'exactly the total "9 өзге де қызметтер" (line 638)' in first.note


def test_a_total_naming_no_programs_is_skipped_not_guessed() -> None:
    p = plan(
        budget_programs=[listed("002", 629, 1, 1, 1, 1, 1, 1)],
        totals=[total(1, 625, "I. Қолданыстағы бағдарламалар", [], 9, 9, 9, 9, 9, 9)],
    )
    result = audit_plan(p, kinds=TOTALS)
    assert result.findings == []
    assert [s.subjects for s in result.skipped] == [("S1",)]


def test_a_program_without_a_value_leaves_the_total_unchecked_for_that_year() -> None:
    # Program 057's 2011 cell is blank in the list (line 668).
    p = plan(
        budget_programs=[
            listed("054", 667, 0, 0, 0, 297178, 0, 0),
            listed("057", 668, 0, 0, 0, 4214832, None, 0),
        ],
        totals=[total(9, 666, "I. Ағымдағы", ["054", "057"], 0, 0, 0, 4512010, 34725, 0)],
    )
    result = audit_plan(p, kinds=TOTALS)
    assert result.findings == []  # 297 178 + 4 214 832 = 4 512 010 (by hand)
    assert [(s.year, "057" in s.reason) for s in result.skipped] == [(2011, True)]
