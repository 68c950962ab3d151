"""Running the audit: every check over the plan, then the classification, in a stable order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhospar.audit._amendments import classify
from zhospar.audit._breakdowns import check_breakdowns
from zhospar.audit._expenditure import check_expenditure
from zhospar.audit._finding import KIND_ORDER, Finding, FindingKind, Skip
from zhospar.audit._goals import check_goal_totals
from zhospar.audit._totals import check_totals
from zhospar.model.plan import Plan


@dataclass(frozen=True)
class AuditResult:
    """The findings of an audit and the comparisons it chose not to make."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Findings per kind, in report order (kinds without findings included as 0)."""
        found = Counter(f.kind for f in self.findings)
        return {kind.value: found.get(kind, 0) for kind in FindingKind}


def audit_plan(plan: Plan, kinds: Iterable[FindingKind | str] | None = None) -> AuditResult:
    """Every place where the plan's own figures disagree, optionally only of some kinds.

    Pure: reads the model only. The order is stable: by kind (as ``FindingKind`` lists them),
    then by the line of the first place, the year and the id.
    """
    totals, total_skips, scopes = check_totals(plan)
    money, money_skips = check_expenditure(plan)
    goals, goal_skips = check_goal_totals(plan)
    parts, part_skips = check_breakdowns(plan)
    findings = classify(plan, [*money, *totals, *goals, *parts], scopes)
    skipped = [*money_skips, *total_skips, *goal_skips, *part_skips]
    wanted = {FindingKind(k) for k in kinds} if kinds is not None else set(FindingKind)
    findings = _unique_ids(sorted((f for f in findings if f.kind in wanted), key=_order))
    skipped = [s for s in skipped if s.check in wanted]
    return AuditResult(findings, sorted(skipped, key=_skip_order))


def _order(finding: Finding) -> tuple[int, int, int, str]:
    line = finding.a.line if finding.a.line is not None else finding.b.line or 0
    return (KIND_ORDER[finding.kind], line, finding.year, finding.id)


def _skip_order(skip: Skip) -> tuple[int, int, str]:
    return (KIND_ORDER[skip.check], skip.year or 0, skip.reason)


def _unique_ids(findings: list[Finding]) -> list[Finding]:
    """Ids name kind, subject and year; a repeat (two columns of one year) gets the column kind."""
    seen = Counter(f.id for f in findings)
    out: list[Finding] = []
    used: set[str] = set()
    for finding in findings:
        new_id = finding.id
        if seen[finding.id] > 1 and finding.expenditure_kind is not None:
            new_id = f"{finding.id}-{finding.expenditure_kind.value}"
        n = 2
        base = new_id
        while new_id in used:
            new_id, n = f"{base}-{n}", n + 1
        used.add(new_id)
        out.append(finding if new_id == finding.id else finding.model_copy(update={"id": new_id}))
    return out
