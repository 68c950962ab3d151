"""What an actual may refer to: the indicators of a plan, with their ranges, built from the plan.

Three kinds of row take actual values (``docs/method.md``):

* every indicator of the plan, breakdown rows included (a breakdown row printed without a unit
  is measured as its parent is);
* one ``P{code}-X`` row per budget program, its expenditure in thousand tenge;
* every milestone, under its own id (``T5.1.4-M1``): 1 in the year it was done, 0 for "not
  done" in a year.

The catalog is built from the plan model alone (``catalog_of``), so that an import file can be
checked with no database; the store builds the same catalog from the plan it keeps and caches it,
so that checking a million imported rows costs a dictionary lookup each.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from zhospar._exceptions import ValidationError
from zhospar.model.names import name_words
from zhospar.model.plan import MILESTONE_UNIT, Expenditure, Plan
from zhospar.model.walk import iter_indicators, iter_milestones
from zhospar.rules.periods import plan_years
from zhospar.rules.ranges import RangeRule, bounds, rule_for

__all__ = [
    "EXPENDITURE_SUFFIX",
    "EXPENDITURE_UNIT",
    "Catalog",
    "IndicatorInfo",
    "ProgramMoney",
    "catalog_of",
    "program_money",
]

EXPENDITURE_SUFFIX = "-X"
EXPENDITURE_UNIT = "мың теңге"  # thousand tenge: the unit of every program's expenditure


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    unit: str | None
    rule: RangeRule
    deleted_by: str | None
    low: Decimal | None = None  # sensible range under ``rule``, for a quick check per value
    high: Decimal | None = None
    parent: str | None = None  # for a breakdown row: the indicator it details
    label: tuple[str, ...] = ()  # for a breakdown row: its label as ``name_words`` sees it

    def out_of_range(self, value: Decimal) -> bool:
        low, high = self.low, self.high
        if self.rule is RangeRule.MILESTONE:
            return value not in (low, high)
        return (low is not None and value < low) or (high is not None and value > high)


@dataclass(frozen=True)
class Catalog:
    plan_key: str
    years: range | None  # None when the plan's period is not known
    indicators: dict[str, IndicatorInfo]
    breakdowns: dict[str, list[IndicatorInfo]] = field(default_factory=dict)  # by parent id

    def closest(self, indicator_id: str, n: int = 5) -> list[str]:
        """The ids most like a mistyped one, for "did you mean" messages."""
        ids = [k for k, info in self.indicators.items() if info.deleted_by is None]
        return difflib.get_close_matches(indicator_id.strip().upper(), ids, n=n, cutoff=0.6)

    def unknown_message(self, indicator_id: str) -> str:
        close = self.closest(indicator_id)
        hint = f"; closest: {', '.join(close)}" if close else ""
        return f'no indicator "{indicator_id}" in plan {self.plan_key}{hint}'

    def series(self, indicator_id: str, breakdown: str | None) -> tuple[str, str]:
        """The indicator id and breakdown label ('' for none) a value is recorded under.

        A label naming a breakdown row of the indicator (``G1.1-I1`` + "әйелдер", compared as
        ``name_words`` sees them) means that row: ``("G1.1-I1-b1", "")``, the same key as the
        row's own id, so that either way of naming it gives one series. A label naming no row
        stays free text (a split the plan does not list). Raises ValidationError for a label
        that names several rows.
        """
        label = (breakdown or "").strip()
        info = self.indicators.get(indicator_id)
        if not label or info is None:
            return indicator_id, label
        words = name_words(label)
        if not words:  # only punctuation: it names no row
            return indicator_id, label
        if info.parent is not None:  # the row itself, named a second time by its label
            return (indicator_id, "") if words == info.label else (indicator_id, label)
        rows = [r for r in self.breakdowns.get(indicator_id, ()) if r.label == words]
        live = [r for r in rows if r.deleted_by is None] or rows
        if len(live) > 1:
            ids = ", ".join(r.id for r in live)
            raise ValidationError(
                f'the breakdown "{label}" names several rows of {indicator_id} ({ids}): '
                "give the row's own id instead"
            )
        return (live[0].id, "") if live else (indicator_id, label)


@dataclass(frozen=True)
class ProgramMoney:
    """A budget program's expenditure, as the ``P{code}-X`` row that takes its actual values."""

    code: str
    name: str
    money: list[Expenditure]
    line: int

    @property
    def indicator_id(self) -> str:
        return f"P{self.code}{EXPENDITURE_SUFFIX}"


def program_money(plan: Plan) -> list[ProgramMoney]:
    """Every budget program's expenditure, by code.

    The money comes from the program's own form, as the evaluation, the report and the tidy
    export take it (the reader joins the form's figures split over two lines); a program with no
    form takes the list of budget programs' figures. Where form and list disagree, ``zhospar
    audit`` says so.
    """
    programs = {p.code: (p.name, p.expenditure, p.line) for p in plan.budget_programs}
    for form in plan.program_forms:
        if form.expenditure:
            programs[form.code] = (form.name, form.expenditure, form.line)
    return [ProgramMoney(code, *programs[code]) for code in sorted(programs)]


def catalog_of(plan: Plan, plan_key: str) -> Catalog:
    """The catalog of a plan: every row that takes actual values, with its sensible range."""
    indicators: dict[str, IndicatorInfo] = {}
    breakdowns: dict[str, list[IndicatorInfo]] = {}
    for info in _rows(plan):
        indicators[info.id] = info
        if info.parent is not None:
            breakdowns.setdefault(info.parent, []).append(info)
    return Catalog(plan_key, plan_years(plan), indicators, breakdowns)


def _rows(plan: Plan) -> Iterator[IndicatorInfo]:
    for place in iter_indicators(plan):
        ind, parent = place.indicator, place.parent
        # a breakdown row printed without a unit is measured as its parent is
        unit = ind.unit or (parent.unit if parent is not None else None)
        rule = rule_for(unit)
        deleted_by = ind.deleted.act.number if ind.deleted else None
        if parent is None:
            yield IndicatorInfo(ind.id, ind.name, unit, rule, deleted_by, *bounds(rule))
        else:
            label = name_words(ind.breakdown or ind.name)
            yield IndicatorInfo(
                ind.id, ind.name, unit, rule, deleted_by, *bounds(rule), parent.id, label
            )
    money = rule_for(EXPENDITURE_UNIT)
    for program in program_money(plan):
        yield IndicatorInfo(
            program.indicator_id, program.name, EXPENDITURE_UNIT, money, None, *bounds(money)
        )
    milestone = RangeRule.MILESTONE
    for _, m in iter_milestones(plan):
        deleted_by = m.deleted.act.number if m.deleted else None
        yield IndicatorInfo(m.id, m.name, MILESTONE_UNIT, milestone, deleted_by, *bounds(milestone))
