"""Rolling regional and monthly/quarterly facts up to the national year.

Each indicator has its own rule, stated on it (``RollupSpec``) and inferred from its unit and name
unless the caller overrides it:

* ``SUM``: counts and money (адам, мың адам, бірлік, дана, мың теңге) are flows: months add up
  to the year and regions add up to the country.
* ``LAST``: stocks (recipients, people covered or served) take the latest value in the year in
  each region; regions add up at that date.
* ``RATIO``: a rate recomputed from its numerator and denominator facts (each summed), times a
  scale (100 for a percentage).
* ``WEIGHTED``: a rate weighted by a stated base (e.g. labour force per region).
* ``NONE``: no valid rule; the indicator refuses to roll up and says why. Rates, shares, averages,
  indices and rank positions get ``NONE`` by default: they are never summed or plainly averaged.

A national yearly fact (no region, the whole year) is used as it is, whatever the rule. When both
national and regional facts exist for a year, only the national ones are used (adding the regions
to them would count twice).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zhospar.evaluate.facts import FactRef
from zhospar.evaluate.scoring_rules import (
    COVERS,
    NO_BASE,
    NO_REGION_FACT,
    NO_USABLE_FACTS,
    NOT_ROLLED_UP,
    OVERLAP,
    PARTIAL,
    RATIO_WITHOUT_PARTS,
    ZERO_DENOMINATOR,
    ZERO_WEIGHTS,
)
from zhospar.i18n import Message, format_number, pgettext
from zhospar.model.periods import Period
from zhospar.model.plan import Indicator

__all__ = ["Observed", "RollupRule", "RollupSpec", "infer_rollup", "rollup_word", "rollup_year"]


class RollupRule(StrEnum):
    SUM = "sum"
    LAST = "last"
    RATIO = "ratio"
    WEIGHTED = "weighted"
    NONE = "none"


def rollup_word(rule: RollupRule | str) -> str:
    """A roll-up rule in words, in the language of the moment (English: its value)."""
    words = {
        RollupRule.SUM: pgettext("rollup", "sum"),
        RollupRule.LAST: pgettext("rollup", "last"),
        RollupRule.RATIO: pgettext("rollup", "ratio"),
        RollupRule.WEIGHTED: pgettext("rollup", "weighted"),
        RollupRule.NONE: pgettext("rollup", "none"),
    }
    try:
        return words[RollupRule(str(rule))]
    except ValueError:
        return str(rule)


@dataclass(frozen=True)
class RollupSpec:
    """How an indicator's facts roll up to the national year, and why."""

    rule: RollupRule
    reason: Message  # why, in words (shown in the language that asks)
    numerator: str | None = None  # RATIO: the indicator id whose facts are the numerator
    denominator: str | None = None  # RATIO: ... the denominator
    scale: Decimal = Decimal(1)  # RATIO: 100 when the rate is a percentage
    base: str | None = None  # WEIGHTED: the id whose facts weigh each region/period
    weights: Mapping[str, Decimal] | None = None  # WEIGHTED: or fixed weights per region code
    overridden: bool = False


@dataclass(frozen=True)
class Observed:
    """The national value of an indicator in a year: one fact, or facts rolled up.

    ``value`` is None when the facts cannot be rolled up (``note`` says why). ``complete`` is
    False when the facts do not cover the whole year or all expected regions.
    """

    indicator_id: str
    year: int
    value: Decimal | None
    facts: tuple[FactRef, ...]
    rule: RollupRule | None = None  # None: a single national yearly fact, nothing rolled up
    complete: bool = True
    note: str = ""

    @classmethod
    def single(cls, fact: FactRef) -> Observed:
        return cls(fact.indicator_id, fact.period.year, fact.value, (fact,), note="national fact")

    @property
    def refused(self) -> bool:
        return self.value is None

    @property
    def fact_note(self) -> str:
        """The status and coverage of the facts behind the value, as shown beside it: each
        distinct one of them, e.g. "operational, January–May 2012" ("" when all are final and
        whole)."""
        return "; ".join(dict.fromkeys(n for n in (f.note for f in self.facts) if n))


_RATE_UNIT = re.compile(r"%|(?<!\w)(коэффициент|индекс|еселеп)", re.IGNORECASE)
_RATE_NAME = re.compile(r"(?<!\w)(үлес|коэффициент|индекс|еселеп|деңгей)", re.IGNORECASE)
_AVERAGE = re.compile(r"(?<!\w)(орташа|мөлшер)", re.IGNORECASE)
_RANK = re.compile(r"(?<!\w)(позиция|рейтинг)|төмен\s+емес", re.IGNORECASE)
_STOCK = re.compile(
    r"(?<!\w)(алушы|алатын|қамтылған|қызмет\s+көрсетілетін|тіркелген|тұратын)"
    r"|орташа\s+(жылдық\s+)?саны|жылдық\s+орташа\s+саны",
    re.IGNORECASE,
)
_COUNT_OR_MONEY = re.compile(
    r"(?<!\w)(адам|бірлік|дана|теңге|отбасы|кәсіпорын\w*|саны|ұйым\w*)(?!\w)", re.IGNORECASE
)


def infer_rollup(indicator: Indicator, parent: Indicator | None = None) -> RollupSpec:
    """The default roll-up rule from the unit and name (a breakdown row reads its parent's too)."""
    unit = indicator.unit or (parent.unit if parent is not None else None) or ""
    name = indicator.name + (f" {parent.name}" if parent is not None else "")
    counted = _COUNT_OR_MONEY.search(unit)
    if _RANK.search(f"{unit} {name}"):
        return RollupSpec(
            RollupRule.NONE, Message("a rank position cannot be added up or averaged")
        )
    if _RATE_UNIT.search(unit) or (not counted and _RATE_NAME.search(name)):
        return RollupSpec(
            RollupRule.NONE,
            Message(
                'a rate or share (unit "{unit}"): it must be recomputed from numerator and '
                "denominator (RATIO) or weighted by a base (WEIGHTED), never summed or averaged",
                unit=unit or "?",
            ),
        )
    stock = _STOCK.search(name) if counted else None
    if stock is not None:
        why = Message(
            'a stock ("{words}", {unit}): the latest value in the year, regions added',
            words=stock.group(0),
            unit=unit,
        )
        return RollupSpec(RollupRule.LAST, why)
    if _AVERAGE.search(name):
        return RollupSpec(
            RollupRule.NONE,
            Message("an average or an amount per person: needs WEIGHTED by its base"),
        )
    if not counted and not unit:
        return RollupSpec(RollupRule.NONE, Message("no unit stated: no rule"))
    if not counted:
        return RollupSpec(RollupRule.NONE, Message('unit "{unit}" says no rule', unit=unit))
    return RollupSpec(
        RollupRule.SUM,
        Message('a count or money flow ("{unit}"): months and regions add', unit=unit),
    )


def rollup_year(
    indicator_id: str,
    year: int,
    spec: RollupSpec,
    facts: Mapping[str, Sequence[FactRef]],
    *,
    expected_regions: Collection[str] | None = None,
) -> Observed | None:
    """The national value of ``indicator_id`` in ``year``; None when there is no fact at all."""
    own = [f for f in facts.get(indicator_id, ()) if f.period.year == year]
    national = [f for f in own if f.is_national_year]
    if national:
        return Observed.single(national[-1])
    if spec.rule is RollupRule.RATIO:
        return _ratio(indicator_id, year, spec, facts, expected_regions)
    if not own:
        return None
    if spec.rule is RollupRule.NONE:
        return _refuse(indicator_id, year, own, spec, str(spec.reason))
    if spec.rule is RollupRule.WEIGHTED:
        return _weighted(indicator_id, year, spec, _prefer_national(own), facts)
    return _add_up(indicator_id, year, spec, _prefer_national(own), expected_regions)


def _prefer_national(own: list[FactRef]) -> list[FactRef]:
    national = [f for f in own if f.region is None]
    return national or own


def _refuse(
    indicator_id: str, year: int, used: Sequence[FactRef], spec: RollupSpec, why: str
) -> Observed:
    return Observed(
        indicator_id, year, None, tuple(used), spec.rule, False, NOT_ROLLED_UP.text(why=why)
    )


def _by_region(facts: Sequence[FactRef]) -> dict[str | None, list[FactRef]]:
    out: dict[str | None, list[FactRef]] = {}
    for fact in facts:
        out.setdefault(fact.region, []).append(fact)
    return out


def _add_up(
    indicator_id: str,
    year: int,
    spec: RollupSpec,
    facts: Sequence[FactRef],
    expected_regions: Collection[str] | None,
) -> Observed:
    """SUM or LAST over time within each region, then the sum over regions."""
    total = Decimal(0)
    gaps: list[str] = []
    for region, rows in sorted(_by_region(facts).items(), key=lambda kv: kv[0] or ""):
        where = region or "country"
        if spec.rule is RollupRule.LAST:
            last = max(rows, key=lambda f: (_end(f.period), -f.period.months))
            total += last.value
            if _end(last.period) < 13:
                gaps.append(f"{where}: latest value is for {last.period}, not the year's end")
            continue
        overlap = _overlap(rows)
        if overlap is not None:
            why = OVERLAP.text(place=where, which=overlap)
            return _refuse(indicator_id, year, facts, spec, why)
        months = sum(f.period.months for f in rows)
        total += sum((f.value for f in rows), Decimal(0))
        if months < 12:
            gaps.append(COVERS.text(place=where, months=months))
    gaps.extend(_missing_regions(facts, expected_regions))
    note = f"{spec.rule.value} of {len(facts)} facts" + (
        f"; {PARTIAL.text(gaps='; '.join(gaps))}" if gaps else ""
    )
    return Observed(indicator_id, year, total, tuple(facts), spec.rule, not gaps, note)


def _end(period: Period) -> int:
    return period.start_month + period.months


def _overlap(rows: Sequence[FactRef]) -> str | None:
    """The first two periods that overlap, as ``OVERLAP`` names them; None when none do."""
    ordered = sorted(rows, key=lambda f: (f.period.start_month, f.period.months))
    for a, b in itertools.pairwise(ordered):
        if _end(a.period) > b.period.start_month:
            return f" {a.period} and {b.period}"
    return None


def _missing_regions(facts: Sequence[FactRef], expected: Collection[str] | None) -> list[str]:
    if expected is None or any(f.region is None for f in facts):
        return []
    missing = sorted(set(expected) - {f.region for f in facts if f.region is not None})
    return [NO_REGION_FACT.text(regions=", ".join(missing))] if missing else []


def _ratio(
    indicator_id: str,
    year: int,
    spec: RollupSpec,
    facts: Mapping[str, Sequence[FactRef]],
    expected_regions: Collection[str] | None,
) -> Observed | None:
    if not spec.numerator or not spec.denominator:
        own = [f for f in facts.get(indicator_id, ()) if f.period.year == year]
        return _refuse(indicator_id, year, own, spec, RATIO_WITHOUT_PARTS.text())
    flow = RollupSpec(RollupRule.SUM, Message("numerator and denominator are counts"))
    num = rollup_year(spec.numerator, year, flow, facts, expected_regions=expected_regions)
    den = rollup_year(spec.denominator, year, flow, facts, expected_regions=expected_regions)
    if num is None and den is None:
        return None
    used = (num.facts if num else ()) + (den.facts if den else ())
    if num is None or den is None or num.value is None or den.value is None:
        missing = spec.numerator if num is None or num.value is None else spec.denominator
        return _refuse(
            indicator_id, year, used, spec, NO_USABLE_FACTS.text(part=missing, year=year)
        )
    if den.value == 0:
        why = ZERO_DENOMINATOR.text(part=spec.denominator)
        return _refuse(indicator_id, year, used, spec, why)
    value = num.value / den.value * spec.scale
    parts = (format_number(num.value), format_number(den.value), format_number(spec.scale))
    note = f"{spec.numerator} {parts[0]} / {spec.denominator} {parts[1]} × {parts[2]}"
    complete = num.complete and den.complete
    return Observed(indicator_id, year, value, used, RollupRule.RATIO, complete, note)


def _weighted(
    indicator_id: str,
    year: int,
    spec: RollupSpec,
    rates: Sequence[FactRef],
    facts: Mapping[str, Sequence[FactRef]],
) -> Observed:
    """Σ rate × base / Σ base over the (region, period) cells the rates are given for."""
    base = {
        (f.region, f.period): f for f in facts.get(spec.base or "", ()) if f.period.year == year
    }
    num = den = Decimal(0)
    used: list[FactRef] = list(rates)
    missing: list[str] = []
    for rate in rates:
        weight = _weight(rate, spec, base, used)
        if weight is None:
            missing.append(f"{rate.region or 'country'} {rate.period}")
            continue
        num += rate.value * weight
        den += weight
    if missing:
        why = NO_BASE.text(base=spec.base or "weights", cells=", ".join(missing))
        return _refuse(indicator_id, year, used, spec, why)
    if den == 0:
        return _refuse(indicator_id, year, used, spec, ZERO_WEIGHTS.text())
    note = f"weighted by {spec.base or 'stated weights'} over {len(rates)} facts"
    return Observed(indicator_id, year, num / den, tuple(used), RollupRule.WEIGHTED, True, note)


def _weight(
    rate: FactRef,
    spec: RollupSpec,
    base: Mapping[tuple[str | None, Period], FactRef],
    used: list[FactRef],
) -> Decimal | None:
    if spec.weights is not None:
        return spec.weights.get(rate.region or "")
    found = base.get((rate.region, rate.period))
    if found is None:
        return None
    used.append(found)
    return found.value
