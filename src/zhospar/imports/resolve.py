"""Finding the indicator a row of an import file means.

A row names its indicator in one of two ways:

* by the template's id, ``G1.1-I1``, ``T4.1.2-I1``, ``P002-Q1``, or ``P002-X`` for the
  expenditure of budget program 002;
* the way people do, by the goal, task or program code (``1.1``, ``4.1.2``, ``002``) and the
  indicator's name as the plan writes it. Item numbers ("1.", "а)") aside, case, spaces and
  punctuation do not matter, and the name's leading words are enough when no other indicator of
  that code starts with them. A breakdown label ("әйелдер", "жастар") picks a breakdown row.

An unknown or ambiguous name is a ``Unresolved`` problem that lists the closest candidates, so
the person who typed it can correct the row.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhospar._exceptions import quoted
from zhospar.i18n import gettext
from zhospar.model.names import name_words
from zhospar.model.plan import MILESTONE_UNIT, Indicator, Milestone, Plan
from zhospar.model.walk import iter_indicators, iter_milestones
from zhospar.rules.catalog import EXPENDITURE_SUFFIX, EXPENDITURE_UNIT

__all__ = [
    "EXPENDITURE_SUFFIX",
    "EXPENDITURE_UNIT",
    "Candidate",
    "IndicatorIndex",
    "Resolved",
    "Unresolved",
    "name_words",
    "normalise_code",
    "program_names",
    "units_agree",
]

# Words a person may write instead of a program's name to mean its expenditure.
_EXPENDITURE_WORDS = frozenset(
    {"шығыстар", "шығыс", "шығындар", "расходы", "расход", "затраты", "expenditure", "spending"}
)
_CODE = re.compile(r"\d+(?:\.\d+)*")
_CLOSEST = 3


@dataclass(frozen=True)
class Candidate:
    """An indicator a row may mean, with its name reduced for matching."""

    id: str
    code: str
    name: str
    unit: str | None
    breakdown: str | None = None
    parent: str | None = None  # the parent's id, for a breakdown row
    deleted_by: str | None = None  # the act that deleted it, e.g. "resolution No. 1417"
    words: tuple[str, ...] = ()

    def describe(self) -> str:
        label = f" ({self.breakdown})" if self.breakdown else ""
        return f'{self.id} "{self.name}{label}"'

    @property
    def deleted(self) -> bool:
        return self.deleted_by is not None


@dataclass(frozen=True)
class Resolved:
    """The indicator a row means: its id, its breakdown label and the plan's unit."""

    indicator_id: str
    breakdown: str | None
    unit: str | None


class Unresolved(Exception):
    """A row's indicator cannot be found; ``column`` is where the fault lies."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def normalise_code(text: str) -> str | None:
    """ "1.1." -> "1.1", "G1.1" -> "1.1", "2" or "P002" -> "002"; None when there is no code."""
    match = _CODE.search(text.strip())
    if match is None:
        return None
    code = match.group(0)
    return code.zfill(3) if "." not in code else code


@dataclass
class IndicatorIndex:
    """Every indicator of a plan, by id and by code, built once per import."""

    by_id: dict[str, Candidate] = field(default_factory=dict)
    by_code: dict[str, list[Candidate]] = field(default_factory=dict)
    children: dict[str, list[Candidate]] = field(default_factory=dict)

    @classmethod
    def from_plan(cls, plan: Plan) -> IndicatorIndex:
        index = cls()
        for place in iter_indicators(plan):
            ind = place.indicator
            parent = place.parent
            name = parent.name if parent is not None else ind.name
            label = ind.breakdown or (ind.name if parent is not None else None)
            cand = Candidate(
                id=ind.id,
                code=place.code or "",
                name=name,
                unit=ind.unit or (parent.unit if parent is not None else None),
                breakdown=label,
                parent=parent.id if parent is not None else None,
                deleted_by=_deleted_by(ind),
                words=name_words(label if parent is not None and label else name),
            )
            index._add(cand)
        for task, milestone in iter_milestones(plan):
            index._add(
                Candidate(
                    milestone.id,
                    task.code,
                    milestone.name,
                    MILESTONE_UNIT,
                    deleted_by=_deleted_by(milestone),
                    words=name_words(milestone.name),
                )
            )
        for code, name in program_names(plan).items():
            index._add(
                Candidate(
                    f"P{code}{EXPENDITURE_SUFFIX}",
                    code,
                    name,
                    EXPENDITURE_UNIT,
                    words=name_words(name),
                )
            )
        return index

    def _add(self, cand: Candidate) -> None:
        self.by_id[cand.id] = cand
        if cand.parent is not None:
            self.children.setdefault(cand.parent, []).append(cand)
        else:
            self.by_code.setdefault(cand.code, []).append(cand)

    def resolve_id(self, text: str, breakdown: str) -> Resolved:
        """The row's ``indicator_id`` (and optional breakdown label) checked against the plan."""
        ident = text.strip().lstrip("'")
        cand = self.by_id.get(ident) or self.by_id.get(ident.upper())
        if cand is None:
            live = [k for k, c in self.by_id.items() if not c.deleted]
            close = difflib.get_close_matches(ident.upper(), live, n=_CLOSEST)
            hint = gettext("; closest: {ids}").format(ids=", ".join(close)) if close else ""
            raise Unresolved(
                "indicator_id",
                gettext('no indicator "{id}" in the plan{hint}').format(id=text, hint=hint),
            )
        if cand.deleted:
            raise Unresolved("indicator_id", _deleted_message(cand))
        if breakdown.strip() and cand.parent is None:
            cand = self._breakdown_of(cand, breakdown)
        elif breakdown.strip() and name_words(breakdown) != name_words(cand.breakdown or ""):
            raise Unresolved(
                "breakdown",
                f'{cand.describe()} is the breakdown "{cand.breakdown}", not "{breakdown}"',
            )
        return Resolved(cand.id, cand.breakdown, cand.unit)

    def resolve_name(self, code_text: str, name: str, breakdown: str) -> Resolved:
        """The indicator named by goal/task/program code and name, as people write it."""
        code = normalise_code(code_text)
        words = name_words(name)
        if not words:
            raise Unresolved("indicator", "the indicator's name is empty")
        pool = self.by_code.get(code or "")
        if not pool:
            raise Unresolved("code", self._unknown_code(code_text, words))
        cand = self._match(pool, words, name, code or "")
        if breakdown.strip():
            cand = self._breakdown_of(cand, breakdown)
        return Resolved(cand.id, cand.breakdown, cand.unit)

    def _match(
        self, pool: list[Candidate], words: tuple[str, ...], name: str, code: str
    ) -> Candidate:
        live = [c for c in pool if not c.deleted]
        exact = [c for c in live if c.words == words]
        if len(exact) == 1:
            return exact[0]
        found = exact or [c for c in live if _starts_with(c.words, words)]
        if not found and code and set(words) & _EXPENDITURE_WORDS:
            found = [c for c in live if c.id.endswith(EXPENDITURE_SUFFIX)]
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(c.describe() for c in found[:6])
            raise Unresolved(
                "indicator",
                f'"{name}" is ambiguous under {code}: it may mean {listed}; '
                "write more of the name or use the indicator_id column",
            )
        gone = [c for c in pool if c.deleted and _starts_with(c.words, words)]
        if gone:
            raise Unresolved("indicator", _deleted_message(gone[0]))
        elsewhere = [c for c in self._everywhere() if c.code != code]
        raise Unresolved(
            "indicator",
            f'no indicator "{name}" under {code}'
            + _closest_hint(live, words, cutoff=0.0)
            + _closest_hint(elsewhere, words, cutoff=0.75, with_code=True, lead="; elsewhere"),
        )

    def _everywhere(self) -> list[Candidate]:
        return [c for pool in self.by_code.values() for c in pool if not c.deleted]

    def _breakdown_of(self, cand: Candidate, label: str) -> Candidate:
        rows = self.children.get(cand.id, [])
        if not rows:
            raise Unresolved(
                "breakdown", f'{cand.describe()} has no breakdown rows; got "{quoted(label)}"'
            )
        words = name_words(label)
        found = [c for c in rows if c.words == words] or [
            c for c in rows if _starts_with(c.words, words)
        ]
        if len(found) == 1:
            return found[0]
        known = ", ".join(f'"{c.breakdown}"' for c in rows)
        raise Unresolved(
            "breakdown", f'{cand.describe()} has no single breakdown "{label}"; it has {known}'
        )

    def _unknown_code(self, code_text: str, words: tuple[str, ...]) -> str:
        if not code_text.strip():
            return (
                "the code is empty: expected a goal, task or program code such as 1.1, 4.1.2 or 002"
            )
        return f'the plan has no goal, task or program "{code_text}" with indicators' + (
            _closest_hint(self._everywhere(), words, cutoff=0.3, with_code=True)
        )


def _deleted_message(cand: Candidate) -> str:
    return gettext("{what} was deleted from the plan ({act}): it takes no values").format(
        what=cand.describe(), act=cand.deleted_by
    )


def _deleted_by(ind: Indicator | Milestone) -> str | None:
    if ind.deleted is None:
        return None
    act = ind.deleted.act
    return f"{act.kind} No. {act.number}" + (f" of {act.date:%d.%m.%Y}" if act.date else "")


def program_names(plan: Plan) -> dict[str, str]:
    """Each budget program's code and name, from the program list or the program forms."""
    names: dict[str, str] = {}
    for program in plan.budget_programs:
        names.setdefault(program.code, program.name)
    for form in plan.program_forms:
        names.setdefault(form.code, form.name)
    return names


def _starts_with(words: tuple[str, ...], prefix: tuple[str, ...]) -> bool:
    """The name begins with the given words; the last of them may be cut short (≥ 3 letters)."""
    if len(prefix) > len(words):
        return False
    *whole, last = prefix
    if tuple(whole) != words[: len(whole)]:
        return False
    target = words[len(whole)]
    return target == last or (len(last) >= 3 and target.startswith(last))


def _closest_hint(
    pool: Iterable[Candidate],
    words: tuple[str, ...],
    *,
    cutoff: float,
    with_code: bool = False,
    lead: str = "; closest",
) -> str:
    """The candidates whose names are most like the one given (difflib's ratio over cutoff)."""
    wanted = " ".join(words)
    scored = [(difflib.SequenceMatcher(None, wanted, " ".join(c.words)).ratio(), c) for c in pool]
    scored.sort(key=lambda pair: -pair[0])
    best = [c for score, c in scored[:_CLOSEST] if score >= cutoff]
    if not best:
        return ""
    shown = "; ".join((f"{c.code} " if with_code else "") + c.describe() for c in best)
    return f"{lead}: {shown}"


# --- units -----------------------------------------------------------------------------------

_UNIT_TOKEN = re.compile(r"%|\w+", re.UNICODE)
_UNIT_FILLER = frozenset({"бен", "мен", "пен", "в", "на", "in"})
_SCALE = {
    "мың": "k",
    "тыс": "k",
    "тысяч": "k",
    "thousand": "k",
    "млн": "m",
    "миллион": "m",
    "million": "m",
    "млрд": "b",
    "миллиард": "b",
    "billion": "b",
}
_UNIT_ALIAS = {"тг": "теңге", "тенге": "теңге", "tenge": "теңге", "kzt": "теңге", "процент": "%"}


def units_agree(given: str, planned: str | None) -> bool:
    """Whether a row's unit is the plan's, loosely: "%" is "%-бен", but "мың адам" is not "адам"."""
    if not given.strip() or not planned:
        return True
    mine, theirs = _unit_tokens(given), _unit_tokens(planned)
    if _scale(mine) != _scale(theirs):
        return False
    mine, theirs = mine - _SCALE.keys(), theirs - _SCALE.keys()
    return mine <= theirs or theirs <= mine


def _unit_tokens(text: str) -> frozenset[str]:
    tokens = (_UNIT_ALIAS.get(t, t) for t in _UNIT_TOKEN.findall(text.casefold()))
    return frozenset(t for t in tokens if t not in _UNIT_FILLER)


def _scale(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset(_SCALE[t] for t in tokens if t in _SCALE)
