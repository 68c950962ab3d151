"""Check 2: each total the list of programs states vs the sum of the programs it covers.

Every stated total is compared with the sum of *its programs* (not of the subtotals below it),
so a misprinted program shows in each total that contains it: in its subgroup, its group, the
current programs and all programs alike. That repetition is deliberate: each of those printed
totals disagrees with the rows above it.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhospar.audit._finding import Explanation, Finding, FindingKind, Place, Skip, severity_of
from zhospar.audit._scopes import TotalScope, resolve_scopes
from zhospar.audit._values import LIST, columns, sum_column
from zhospar.i18n import gettext
from zhospar.ingest._text import clean
from zhospar.model.plan import Plan


def check_totals(plan: Plan) -> tuple[list[Finding], list[Skip], list[TotalScope]]:
    scopes, unknown = resolve_scopes(plan)
    findings: list[Finding] = []
    skips = [
        Skip(
            check=FindingKind.TOTAL,
            year=None,
            subjects=(total.id,),
            reason=gettext(
                'the total "{label}" is not checked: the reader found no programs it covers'
            ).format(label=clean(total.label)),
            lines=(total.line,),
        )
        for total in unknown
    ]
    for scope in scopes:
        if scope.missing:
            skips.append(
                _skip(
                    scope,
                    None,
                    gettext("it names program(s) {codes}, which the list does not hold").format(
                        codes=", ".join(scope.missing)
                    ),
                )
            )
            continue
        findings.extend(_left_out(f, scope, scopes) for f in _compare(scope, skips))
    return findings, skips, scopes


def _left_out(finding: Finding, scope: TotalScope, scopes: list[TotalScope]) -> Finding:
    """Say so when the difference is exactly a total printed inside this one (a part left out).

    The list's group line "5" adds up subgroups 1 and 2 but not subgroup 9 printed under it;
    naming the part makes the finding read as what it is.
    """
    codes = {p.code for p in scope.programs}
    column = (finding.year, finding.expenditure_kind)
    for inner in scopes:
        inner_codes = {p.code for p in inner.programs}
        cell = next(
            (e for e in inner.total.expenditure if (e.year, e.kind) == column and e.value), None
        )
        if inner_codes < codes and cell is not None and cell.value == finding.difference:
            label = clean(inner.total.label)
            note = gettext(
                'the difference is exactly the total "{label}" (line {line}): the stated total '
                "leaves that part out"
            ).format(label=label, line=cell.line)
            return finding.model_copy(update={"note": note})
    return finding


def _compare(scope: TotalScope, skips: list[Skip]) -> Iterator[Finding]:
    total = scope.total
    label = clean(total.label)
    rows = [(f"{p.code}", p.expenditure) for p in scope.programs]
    for column, stated in sorted(columns(total.expenditure).items()):
        if stated.value is None:
            continue
        year, exp_kind = column
        if not rows:
            skips.append(_skip(scope, year, gettext("no program of the list falls under it")))
            continue
        summed = sum_column(rows, column)
        if summed.value is None:
            missing = ", ".join(summed.missing)
            why = gettext("program(s) {codes} give no value for {year}")
            skips.append(_skip(scope, year, why.format(codes=missing, year=year)))
            continue
        if summed.value == stated.value:
            continue
        yield Finding(
            id=f"F-total-{total.id}-{year}",
            kind=FindingKind.TOTAL,
            severity=severity_of(stated.value, summed.value, summed.terms),
            explanation=Explanation.CONTRADICTION,
            year=year,
            expenditure_kind=exp_kind,
            subject=total.id,
            a=Place(section=LIST, line=stated.line, value=stated.value, label=label),
            b=Place(
                section=LIST,
                line=summed.lines[0] if summed.lines else None,
                lines=summed.lines,
                value=summed.value,
                label=gettext("sum of {count} programs: {codes}").format(
                    count=len(rows), codes=", ".join(summed.labels)
                ),
            ),
            difference=summed.value - stated.value,
        )


def _skip(scope: TotalScope, year: int | None, why: str) -> Skip:
    label = clean(scope.total.label)
    reason = (
        gettext('the total "{label}" is not checked for {year}: {why}')
        if year is not None
        else gettext('the total "{label}" is not checked: {why}')
    )
    return Skip(
        check=FindingKind.TOTAL,
        year=year,
        subjects=(scope.total.id,),
        reason=reason.format(label=label, year=year, why=why),
        lines=(scope.total.line,),
    )
