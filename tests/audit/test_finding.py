"""Severity, ids and order of the findings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.audit._plans import form, listed, pension_plan, plan
from zhospar.audit import FindingKind, Severity, audit_plan
from zhospar.audit._finding import severity_of


@pytest.mark.parametrize(
    ("a", "b", "terms", "expected"),
    [
        ("33302716", "33302717", 4, Severity.LOW),  # 1 unit; four values may miss by 2,5
        ("33302716", "33302718", 4, Severity.LOW),
        ("33302716", "33302719", 4, Severity.MEDIUM),  # 3 units: more than rounding
        ("654563", "654544", 3, Severity.MEDIUM),
        ("1000", "1001", 1, Severity.MEDIUM),  # one figure printed twice: no rounding excuse
        ("554655853", "557556682", 1, Severity.MEDIUM),  # 0,52 %
        ("1751873", "8548863", 1, Severity.HIGH),
        ("6.2", "6.3", 1, Severity.HIGH),  # 1,6 %
        ("98.1", "98.2", 3, Severity.LOW),  # one unit of the last decimal, over three values
        ("0", "66226", 1, Severity.HIGH),
    ],
)
def test_severity(a: str, b: str, terms: int, expected: Severity) -> None:
    assert severity_of(Decimal(a), Decimal(b), terms) is expected


def test_findings_come_in_a_stable_order_by_kind_then_line_then_year() -> None:
    p = plan(
        budget_programs=[
            listed("003", 630, 0, 92052358, 105870902, 116410074, 121319832, 131410037),
            listed("002", 629, 0, 1, 454231109, 554655853, 724962585, 802783135),
        ],
        program_forms=[
            form("003", 816, 92052358, 105870902, 115607711, 121319832, 131410037),
            form("002", 785, 363594434, 454231109, 557556682, 724962585, 802783135),
        ],
    )
    ids = [f.id for f in audit_plan(p).findings]
    assert ids == [
        "F-expenditure-list-form-002-2008",
        "F-expenditure-list-form-002-2010",
        "F-expenditure-list-form-003-2010",
    ]
    assert ids == [f.id for f in audit_plan(p).findings]  # the same again


def test_kinds_filter_accepts_names() -> None:
    result = audit_plan(pension_plan(), kinds=["expenditure-list-appendix"])
    assert [f.kind for f in result.findings] == [FindingKind.EXPENDITURE_LIST_APPENDIX]
    assert all(s.check is FindingKind.EXPENDITURE_LIST_APPENDIX for s in result.skipped)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="nonsense"):
        audit_plan(pension_plan(), kinds=["nonsense"])


def test_counts_list_every_kind() -> None:
    counts = audit_plan(pension_plan()).counts()
    assert list(counts) == [k.value for k in FindingKind]
    assert counts["expenditure-list-form"] == 1 and counts["total"] == 0


def test_an_empty_plan_has_nothing_to_audit() -> None:
    result = audit_plan(plan())
    assert result.findings == [] and result.skipped == []
