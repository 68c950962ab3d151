"""Check 5: which disagreements the amending resolutions may explain.

The plan was approved on 31.12.2009 and amended in 2010 (No. 415 of 14.05.2010, No. 1417 of
27.12.2010). An amendment that changed a figure in one place and not in another leaves a
disagreement that is not a mistake of the original text. The text allows telling the two apart
only so far, and the audit claims no more than it allows:

1. *Marked by the text.* A note "Ескерту. ... өзгерту енгізілді - ... № 415 ..." governs the
   table it stands in or directly precedes; a row "Алынып тасталды - ... № 415" was deleted by
   that act. A finding whose place lies in a governed table, or whose breakdown lost a deleted
   row, is "possibly explained" by the acts named there.
2. *Two coherent versions.* The budget sections carry no such note. For money, the audit asks
   whether the side that differs is coherent in itself: a program's figure in the list that adds
   up with the list's own totals (and a form figure that the appendix confirms) looks like one
   consistent version of the budget, for a year an act of the plan's amendments could revise.
   Such a finding is "possibly explained". When the list's own total agrees with the *other*
   place's figure instead, the list's figure is a misprint; when the total does not add up
   either, nothing points to an amendment: both are contradictions.

Everything else is a contradiction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.audit._finding import Explanation, Finding, FindingKind
from zhospar.audit._scopes import TotalScope
from zhospar.audit._values import LIST, Column
from zhospar.audit._versions import State, appendix_verdict, list_verdict
from zhospar.i18n import N_, gettext
from zhospar.model.plan import ActRef, Indicator, Plan
from zhospar.model.walk import find_indicator

_NOTE_REACH = 5  # lines between a note and the first row of the table it stands above

_MONEY = (
    FindingKind.EXPENDITURE_LIST_FORM,
    FindingKind.EXPENDITURE_LIST_APPENDIX,
    FindingKind.EXPENDITURE_FORM_APPENDIX,
)


@dataclass(frozen=True)
class _Part:
    """A table of the plan, by the lines it spans."""

    start: int
    end: int

    def holds(self, line: int | None) -> bool:
        return line is not None and self.start <= line <= self.end


def classify(
    plan: Plan, findings: Sequence[Finding], scopes: Sequence[TotalScope]
) -> list[Finding]:
    """Each finding with its explanation, the acts that may explain it and the reason."""
    governed = _governed_parts(plan)
    return [_classify(plan, f, governed, scopes, findings) for f in findings]


def _classify(
    plan: Plan,
    finding: Finding,
    governed: list[tuple[_Part, ActRef]],
    scopes: Sequence[TotalScope],
    others: Sequence[Finding],
) -> Finding:
    lines = [finding.a.line, *finding.a.lines, finding.b.line, *finding.b.lines]
    marked = [act for part, act in governed if any(part.holds(line) for line in lines)]
    if marked:
        at = gettext("No. {number} (note at line {line})")
        where = ", ".join(dict.fromkeys(at.format(number=a.number, line=a.line) for a in marked))
        note = gettext("the text marks this table as amended: {where}").format(where=where)
        return _possibly(finding, marked, note)
    if finding.kind is FindingKind.BREAKDOWN:
        deleted = _deleted_rows(plan, finding.subject)
        if deleted:
            at = gettext("No. {number} (line {line})")
            acts = ", ".join(at.format(number=a.number, line=a.line) for a in deleted)
            note = gettext("a breakdown row was deleted (Алынып тасталды) by {acts}").format(
                acts=acts
            )
            return _possibly(finding, deleted, note)
    if finding.kind is FindingKind.PROGRAM_ABSENT and finding.a.section != LIST:
        return _contradiction(
            finding, gettext("the list gives the program money but it has no form")
        )
    if finding.kind in _MONEY or finding.kind is FindingKind.PROGRAM_ABSENT:
        return _by_versions(plan, finding, scopes, others)
    return _contradiction(finding, gettext("no amendment is marked where these figures stand"))


def _possibly(finding: Finding, acts: Sequence[ActRef], note: str) -> Finding:
    numbers = tuple(dict.fromkeys(a.number for a in acts))
    return finding.model_copy(
        update={
            "explanation": Explanation.POSSIBLY_AMENDED,
            "acts": numbers,
            "note": _join(note, finding.note),
        }
    )


def _contradiction(finding: Finding, note: str) -> Finding:
    update = {
        "explanation": Explanation.CONTRADICTION,
        "acts": (),
        "note": _join(note, finding.note),
    }
    return finding.model_copy(update=update)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


# --- 1. what the text marks -------------------------------------------------------------------


def _governed_parts(plan: Plan) -> list[tuple[_Part, ActRef]]:
    """Each table with an amendment note in it or directly before it, with the note's act."""
    parts = _parts(plan)
    found: list[tuple[_Part, ActRef]] = []
    for act in plan.amended_by:
        if act.line is None:
            continue
        for part in parts:
            if part.holds(act.line) or _directly_before(act.line, part, parts):
                found.append((part, act))
    return found


def _directly_before(line: int, part: _Part, parts: list[_Part]) -> bool:
    """A note stands under the heading of the subsection it amends, just above its table."""
    if not 0 < part.start - line <= _NOTE_REACH:
        return False
    return not any(line <= other.end < part.start and other != part for other in parts)


def _parts(plan: Plan) -> list[_Part]:
    parts: list[_Part] = []
    direction_lines = [
        n
        for d in plan.directions
        for n in (d.line, *(g.line for g in d.goals), *_indicator_lines(plan, d.number))
    ]
    listed = [p.line for p in plan.budget_programs] + [t.line for t in plan.totals]
    listed += [e.line for p in plan.budget_programs for e in p.expenditure]
    listed += [e.line for t in plan.totals for e in t.expenditure]
    appendix = [r.line for r in plan.allocations] + [
        e.line for r in plan.allocations for e in r.expenditure
    ]
    for lines in (direction_lines, listed, appendix):
        if lines:
            parts.append(_Part(min(lines), max(lines)))
    parts.extend(_Part(f.line, max(f.end_line, f.line)) for f in plan.program_forms)
    return parts


def _indicator_lines(plan: Plan, direction: int) -> list[int]:
    lines: list[int] = []
    for d in plan.directions:
        if d.number != direction:
            continue
        for goal in d.goals:
            indicators = [*goal.target_indicators]
            for task in goal.tasks:
                lines.append(task.line)
                indicators.extend(task.indicators)
                lines.extend(m.line for m in task.milestones)
            for ind in indicators:
                lines.extend(_lines_of(ind))
    return lines


def _lines_of(indicator: Indicator) -> list[int]:
    lines = [indicator.line, *(v.line for v in indicator.values)]
    for child in indicator.breakdowns:
        lines.extend(_lines_of(child))
    return lines


def _deleted_rows(plan: Plan, indicator_id: str) -> list[ActRef]:
    place = find_indicator(plan, indicator_id)
    if place is None:
        return []
    return [
        b.deleted.act.model_copy(update={"line": b.deleted.line})
        for b in place.indicator.breakdowns
        if b.deleted is not None
    ]


# --- 2. two coherent versions of the budget ---------------------------------------------------


def _by_versions(
    plan: Plan, finding: Finding, scopes: Sequence[TotalScope], others: Sequence[Finding]
) -> Finding:
    if finding.expenditure_kind is None:
        return _contradiction(finding, gettext("the column's kind is not known"))
    column: Column = (finding.year, finding.expenditure_kind)
    if finding.kind is FindingKind.EXPENDITURE_FORM_APPENDIX:
        verdict = appendix_verdict(plan, finding, column, _diffs(others, finding.kind, column))
    else:
        kind = finding.kind
        if kind is FindingKind.PROGRAM_ABSENT:
            kind = FindingKind.EXPENDITURE_LIST_FORM
        verdict = list_verdict(finding, column, scopes, _diffs(others, kind, column))
    if verdict.state is not State.COHERENT:
        return _contradiction(
            finding, gettext(_NOT_COHERENT[verdict.state]).format(where=verdict.where)
        )
    acts = [a for a in plan.amended_by if a.date is not None and a.date.year <= finding.year]
    if not acts:
        return _contradiction(
            finding,
            gettext(
                "no amending act of the plan is dated in or before {year}, so none can have "
                "changed the figure"
            ).format(year=finding.year),
        )
    note = gettext(_COHERENT[finding.kind]).format(where=verdict.where)
    if verdict.corrected:
        note += gettext(" (once the misprint of {codes} is set right)").format(
            codes=", ".join(verdict.corrected)
        )
    return _possibly(finding, acts, note + gettext(_UNSAID))


def _diffs(findings: Sequence[Finding], kind: FindingKind, column: Column) -> dict[str, Decimal]:
    return {
        f.subject: f.difference
        for f in findings
        if f.kind is kind and (f.year, f.expenditure_kind) == column and f.difference is not None
    }


_UNSAID = N_("; the text does not say which figures the amendments changed")
_COHERENT = {
    FindingKind.EXPENDITURE_LIST_FORM: N_(
        "the list's figure adds up with the list's own total "
        "({where}): the list and the form look like two consistent versions of the budget"
    ),
    FindingKind.EXPENDITURE_LIST_APPENDIX: N_(
        "the list's figure adds up with the list's own total "
        "({where}): the list and the appendix look like two consistent versions of the budget"
    ),
    FindingKind.EXPENDITURE_FORM_APPENDIX: N_(
        "the appendix rows add up to their goal's total "
        "({where}): the appendix is consistent in itself and differs from the form"
    ),
    FindingKind.PROGRAM_ABSENT: N_(
        "the list's total of all programs adds up without this program "
        "({where}): the list looks like a consistent version of the budget without it"
    ),
}
_NOT_COHERENT = {
    State.MISPRINT: N_(
        "the place's own total ({where}) adds up with the other place's figure, "
        "not with its own: a misprint"
    ),
    State.BROKEN: N_(
        "the place's own total ({where}) does not add up either way, so nothing in "
        "the text points to an amendment"
    ),
    State.UNTESTABLE: N_("there is no total to test the figure against ({where})"),
}
