"""Check 4: breakdown rows vs their parent, where they should add up.

Only counts add up: people (адам, мың адам), things (бірлік, дана), families, enterprises. Rates,
shares, indices, average amounts in tenge and multiples never do, and are not checked.
Breakdowns along a cross-cutting line (women, youth, rural) overlap one another and need not add
up to the whole either.

Whether a list of breakdowns is meant to be complete is not printed: "оның ішінде" ("of which")
heads complete and partial lists alike, and rows may overlap in ways their labels do not show
(every pensioner draws the basic pension, some also a solidarity one). The audit lets the plan
answer: rows that add up exactly to their parent in at least one year form a complete breakdown,
and every other year is checked against it; rows that add up in no year are not checked. A blank
or dashed row is unknown, so with a row missing only a sum above the parent is reported (the
parts of a complete breakdown cannot exceed the whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from zhospar.audit._finding import Explanation, Finding, FindingKind, Place, Skip, severity_of
from zhospar.i18n import N_, gettext
from zhospar.model.plan import Indicator, Plan, YearValue
from zhospar.model.walk import IndicatorPlace, iter_indicators

_COUNT_UNIT = re.compile(r"адам|бірлік|дана|отбасы|кәсіпорын|парағ|орын|\bбала", re.I)
_NOT_ADDITIVE_UNIT = re.compile(r"%|теңге|есе|коэффициент|индекс|\bкүн|\bжыл", re.I)
_RATE_WORDS = re.compile(r"%|үлес|деңгей|коэффициент|индекс|мөлшер|еселеп|позиция|рейтинг", re.I)
_COUNT_WORDS = re.compile(r"\bсаны\b|\bадам\b", re.I)
# Cross-cutting breakdowns: women, men, youth, rural, urban (whole words: "зейнеткерлер" is
# pensioners, not "ерлер").
_OVERLAPPING = re.compile(r"\b(?:әйел|ерлер|жастар|ауыл|қалалық)\w*", re.I)


@dataclass(frozen=True)
class _Year:
    year: int
    parent: YearValue
    stated: Decimal
    total: Decimal
    lines: tuple[int, ...]
    labels: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def adds_up(self) -> bool:
        return not self.missing and self.total == self.stated


def check_breakdowns(plan: Plan) -> tuple[list[Finding], list[Skip]]:
    findings: list[Finding] = []
    skips: list[Skip] = []
    for place in iter_indicators(plan, breakdowns=False):
        for parent in _with_nested(place.indicator):
            findings.extend(_check(place, parent, skips))
    return findings, skips


def _with_nested(indicator: Indicator) -> Iterator[Indicator]:
    yield indicator
    for child in indicator.breakdowns:
        yield from _with_nested(child)


def section_of(place: IndicatorPlace) -> str:
    if place.task:
        return f"task {place.task} indicators"
    if place.goal:
        return f"goal {place.goal} target indicators"
    return f"form of program {place.program}"


def _check(place: IndicatorPlace, parent: Indicator, skips: list[Skip]) -> Iterator[Finding]:
    # A row with no value in any year is a heading inside the breakdown, not a part of it.
    rows = [
        b
        for b in parent.breakdowns
        if b.deleted is None and any(v.value is not None for v in b.values)
    ]
    if parent.deleted is not None or len(parent.breakdowns) < 2 or not rows:
        return
    why_not = _why_not_additive(parent, rows)
    if why_not is not None:
        if any(v.value is not None for v in parent.values):
            skips.append(_skip(parent, why_not))
        return
    years = [y for y in (_year(rows, v) for v in _values(parent)) if y is not None]
    if not any(y.adds_up for y in years):
        if years:
            skips.append(_skip(parent, gettext(_PARTIAL)))
        return
    for y in years:
        if y.adds_up or (y.missing and y.total <= y.stated):
            continue
        yield _finding(place, parent, y, len(rows))


_PARTIAL = N_(
    "its rows add up to it in no year, so they are read as a partial or overlapping list "
    '("of which"), which need not add up'
)


def _values(indicator: Indicator) -> list[YearValue]:
    seen: dict[int, YearValue] = {}
    for value in indicator.values:
        if value.value is not None:
            seen.setdefault(value.year, value)
    return [seen[year] for year in sorted(seen)]


def _year(rows: list[Indicator], value: YearValue) -> _Year | None:
    total = Decimal(0)
    lines: list[int] = []
    labels: list[str] = []
    missing: list[str] = []
    for row in rows:
        cell = next((v for v in row.values if v.year == value.year and v.value is not None), None)
        if cell is None or cell.value is None:
            missing.append(_label(row))
            continue
        total += cell.value
        lines.append(cell.line)
        labels.append(_label(row))
    if not labels or value.value is None:
        return None
    return _Year(value.year, value, value.value, total, tuple(lines), tuple(labels), tuple(missing))


def _why_not_additive(parent: Indicator, rows: list[Indicator]) -> str | None:
    """None when the indicator is a count whose breakdowns should add up; else the reason."""
    overlapping = [_label(r) for r in rows if _OVERLAPPING.search(_label(r))]
    if overlapping:
        return gettext("its breakdowns ({rows}) cut across one another").format(
            rows=", ".join(overlapping)
        )
    units = {r.unit.strip() for r in rows if r.unit and r.unit.strip()}
    unit = (parent.unit or "").strip() or (units.pop() if len(units) == 1 else "")
    if unit:
        if _NOT_ADDITIVE_UNIT.search(unit) or not _COUNT_UNIT.search(unit):
            return gettext('its unit "{unit}" is not a count that adds up').format(unit=unit)
        return None
    if _RATE_WORDS.search(parent.name) or not _COUNT_WORDS.search(parent.name):
        return gettext("it has no unit and its name does not make it a count")
    return None


def _label(row: Indicator) -> str:
    return (row.breakdown or row.name).strip(" -;:")


def _skip(parent: Indicator, why: str) -> Skip:
    return Skip(
        check=FindingKind.BREAKDOWN,
        year=None,
        subjects=(parent.id,),
        reason=gettext("{id} is not checked against its breakdowns: {why}").format(
            id=parent.id, why=why
        ),
        lines=(parent.line,),
    )


def _finding(place: IndicatorPlace, parent: Indicator, y: _Year, terms: int) -> Finding:
    section = section_of(place)
    value = y.stated
    return Finding(
        id=f"F-breakdown-{parent.id}-{y.year}",
        kind=FindingKind.BREAKDOWN,
        severity=severity_of(value, y.total, terms),
        explanation=Explanation.CONTRADICTION,
        year=y.year,
        subject=parent.id,
        a=Place(section=section, line=y.parent.line, value=value, label=parent.name.strip()),
        b=Place(
            section=section,
            line=y.lines[0],
            lines=y.lines,
            value=y.total,
            label=gettext("sum of {rows}").format(rows=" + ".join(y.labels)),
        ),
        difference=y.total - value,
        note=gettext("rows without a value: {rows}").format(rows=", ".join(y.missing))
        if y.missing
        else "",
    )
