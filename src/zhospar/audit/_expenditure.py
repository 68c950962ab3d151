"""Check 1: a program's expenditure in the list, in its form and in the allocation appendix.

Only columns whose year *and* kind agree are compared: the list's 2008 "approved plan"
(бекітілген жоспар) column and a form's 2008 "actual" (нақты) column are different figures, not
a contradiction, so that pair is recorded as skipped. A program absent from the list or without
a form, while another place gives it money, is a finding; a program without a row in the
appendix is only noted (programs that serve the whole ministry need not be allocated to a goal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zhospar.audit._finding import Explanation, Finding, FindingKind, Place, Skip, severity_of
from zhospar.audit._values import (
    APPENDIX,
    LIST,
    Column,
    allocation_label,
    appendix_rows,
    columns,
    form_section,
    kind_word,
    program_code,
)
from zhospar.i18n import N_, gettext
from zhospar.model.plan import Expenditure, Plan


@dataclass(frozen=True)
class _Source:
    """One place's money for one program: one cell per column, possibly a sum of rows."""

    name: str  # "list", "form", "appendix"
    section: str
    label: str
    cells: dict[Column, Place]
    terms: int  # how many printed values make up each cell

    def kinds_of(self, year: int) -> set[str]:
        return {kind.value for (y, kind) in self.cells if y == year}


_PAIRS = (
    ("list", "form", FindingKind.EXPENDITURE_LIST_FORM),
    ("list", "appendix", FindingKind.EXPENDITURE_LIST_APPENDIX),
    ("form", "appendix", FindingKind.EXPENDITURE_FORM_APPENDIX),
)
_WHERE = {
    "list": N_("the list of programs"),
    "form": N_("the form"),
    "appendix": N_("the appendix"),
}


def check_expenditure(plan: Plan) -> tuple[list[Finding], list[Skip]]:
    findings: list[Finding] = []
    skips: list[Skip] = []
    mismatched: dict[tuple[FindingKind, int, str], list[str]] = defaultdict(list)
    for code in _program_codes(plan):
        sources = _sources(plan, code, skips)
        for left, right, kind in _PAIRS:
            a, b = sources.get(left), sources.get(right)
            if a is None or b is None:
                continue
            findings.extend(_compare(code, kind, a, b))
            for year, why in _kind_mismatches(a, b):
                mismatched[(kind, year, why)].append(code)
        findings.extend(_absences(code, sources))
        if "appendix" not in sources and _has_money(sources):
            skips.append(
                Skip(
                    check=FindingKind.EXPENDITURE_LIST_APPENDIX,
                    year=None,
                    subjects=(code,),
                    reason=gettext(
                        "program {code} has no row in the allocation appendix; it is not "
                        "allocated to a goal, so there is nothing to compare"
                    ).format(code=code),
                )
            )
    for (kind, year, why), codes in sorted(mismatched.items()):
        skips.append(Skip(check=kind, year=year, subjects=tuple(codes), reason=why))
    return findings, skips


def _program_codes(plan: Plan) -> list[str]:
    codes = {p.code for p in plan.budget_programs} | {f.code for f in plan.program_forms}
    codes |= {c for row in plan.allocations if (c := program_code(row.program)) is not None}
    return sorted(c for c in codes if c)


def _sources(plan: Plan, code: str, skips: list[Skip]) -> dict[str, _Source]:
    sources: dict[str, _Source] = {}
    listed = [p for p in plan.budget_programs if p.code == code]
    if listed:
        program = listed[0]
        label = f"{code} {program.name}".strip()
        sources["list"] = _single("list", LIST, label, program.expenditure)
    forms = [f for f in plan.program_forms if f.code == code]
    if forms:
        label = f"{code} {forms[0].name}".strip()
        sources["form"] = _single("form", form_section(code), label, forms[0].expenditure)
    for where, found in (("list", listed), ("form", forms)):
        if len(found) > 1:
            lines = tuple(item.line for item in found)
            skips.append(
                Skip(
                    check=FindingKind.EXPENDITURE_LIST_FORM,
                    year=None,
                    subjects=(code,),
                    reason=gettext(
                        "program {code} appears {times} times in {where}; only the first "
                        "(line {line}) is compared"
                    ).format(
                        code=code, times=len(found), where=gettext(_WHERE[where]), line=lines[0]
                    ),
                    lines=lines,
                )
            )
    rows = appendix_rows(plan, code)
    if rows:
        sources["appendix"] = _appendix(code, [(allocation_label(r), r.expenditure) for r in rows])
    return sources


def _single(name: str, section: str, label: str, expenditure: Sequence[Expenditure]) -> _Source:
    cells = {
        column: Place(section=section, line=cell.line, value=cell.value, label=label)
        for column, cell in columns(expenditure).items()
    }
    return _Source(name, section, label, cells, 1)


def _appendix(code: str, rows: list[tuple[str, Sequence[Expenditure]]]) -> _Source:
    """The appendix's value for a column is the sum of the rows referring to the program."""
    per_column: dict[Column, list[Expenditure]] = defaultdict(list)
    for _label, expenditure in rows:
        for column, cell in columns(expenditure).items():
            per_column[column].append(cell)
    label = " + ".join(label for label, _ in rows)
    cells: dict[Column, Place] = {}
    for column, cells_of in per_column.items():
        known = [c.value for c in cells_of if c.value is not None]
        complete = len(cells_of) == len(rows) and len(known) == len(rows)
        lines = tuple(c.line for c in cells_of)
        cells[column] = Place(
            section=APPENDIX,
            line=lines[0],
            lines=lines if len(rows) > 1 else (),
            value=sum(known, Decimal(0)) if complete else None,
            label=label,
        )
    return _Source("appendix", APPENDIX, label, cells, len(rows))


def _compare(code: str, kind: FindingKind, a: _Source, b: _Source) -> Iterator[Finding]:
    for column in sorted(set(a.cells) & set(b.cells)):
        left, right = a.cells[column], b.cells[column]
        if left.value is None or right.value is None or left.value == right.value:
            continue
        year, exp_kind = column
        yield Finding(
            id=f"F-{kind.value}-{code}-{year}",
            kind=kind,
            severity=severity_of(left.value, right.value, max(a.terms, b.terms)),
            explanation=Explanation.CONTRADICTION,
            year=year,
            expenditure_kind=exp_kind,
            subject=code,
            a=left,
            b=right,
            difference=right.value - left.value,
        )


def _kind_mismatches(a: _Source, b: _Source) -> Iterator[tuple[int, str]]:
    """Years both places give, with a column of a kind the other place does not give."""
    years = {y for y, _ in a.cells} & {y for y, _ in b.cells}
    for year in sorted(years):
        only_a = a.kinds_of(year) - b.kinds_of(year)
        only_b = b.kinds_of(year) - a.kinds_of(year)
        if only_a or only_b:
            yield (
                year,
                gettext(
                    "{year}: {a} gives {a_kinds}, {b} gives {b_kinds}; a figure without a "
                    "counterpart of the same kind is not compared (a different figure, not a "
                    "contradiction)"
                ).format(
                    year=year,
                    a=gettext(_WHERE[a.name]),
                    a_kinds=_kinds(a.kinds_of(year)),
                    b=gettext(_WHERE[b.name]),
                    b_kinds=_kinds(b.kinds_of(year)),
                ),
            )


def _kinds(kinds: set[str]) -> str:
    words = [kind_word(k) for k in sorted(kinds)]
    return gettext(" and ").join(words) or gettext("nothing")


def _has_money(sources: dict[str, _Source]) -> bool:
    return any(p.value for s in sources.values() for p in s.cells.values())


def _absences(code: str, sources: dict[str, _Source]) -> Iterator[Finding]:
    """Money for a program in the form or the appendix while the list lacks it, or vice versa."""
    for missing, witness in (("list", "form"), ("list", "appendix"), ("form", "list")):
        if missing in sources or witness not in sources:
            continue
        if missing == "list" and witness == "appendix" and "form" in sources:
            continue  # one finding per year is enough: the form already shows the money
        src = sources[witness]
        section = LIST if missing == "list" else form_section(code)
        for (year, exp_kind), place in sorted(src.cells.items()):
            if not place.value:
                continue
            yield Finding(
                id=f"F-program-absent-{missing}-{code}-{year}",
                kind=FindingKind.PROGRAM_ABSENT,
                severity=severity_of(Decimal(0), place.value),
                explanation=Explanation.CONTRADICTION,
                year=year,
                expenditure_kind=exp_kind,
                subject=code,
                a=Place(
                    section=section,
                    line=None,
                    value=None,
                    label=gettext("no program {code}").format(code=code),
                ),
                b=place,
                difference=None,
            )
