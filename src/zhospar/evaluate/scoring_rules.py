"""The scoring rules, declared once: the Python path runs them and the DuckDB path compiles them.

Everything a score depends on besides the roll-up is here, as data: the bands, each polarity's
formula with its special cases (a target or fact of 0, negative values), which reason for "no
score" wins, the milestones' states and their percents, and every message a user reads about a
score or a refusal to roll up. ``achievement.py`` and ``rollup.py`` evaluate these entries on
``Decimal`` values; ``_columnar_score.py`` and the other ``_columnar_*`` modules turn the same
entries into SQL (CASE expressions, string concatenations). So a band, a formula or a message
is written exactly once, and the two paths cannot drift apart.

A condition or a formula is a ``Formula``: a Python expression over a few named values
(``fact``, ``target``, ``deviation``, ``tolerance``; a milestone's ``done``, ``due``, ``year``,
``bad``, ``deleted``, ``reported``) using only numbers, ``+ - * /``, comparisons, ``and``,
``or``, ``not``, ``is None``, ``abs`` and ``greatest``. It is checked when the module loads,
compiled once for Python and rendered to SQL node by node (``==`` as ``=``, ``is None`` as
``IS NULL``), every operation in parentheses so that the order of evaluation is the same (a
formula may state another order for doubles, ``in_doubles``, which the tests hold equal).
A ``Message`` is a text with named holes (``str.format``); in SQL each hole is an expression
and the text a concatenation with ``||`` (NULL in a hole makes the whole NULL, as in SQL). Both
paths translate the template into the language of the moment (``zhospar.i18n``) before filling
or compiling it, so they agree in every language; English is the template itself.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import CodeType
from typing import Any, Literal, TypeVar

from zhospar.evaluate.polarity import Polarity
from zhospar.i18n import gettext, pgettext

__all__ = [
    "ACHIEVED_AT",
    "BAD_MILESTONE_FACT",
    "BAND",
    "BANDS",
    "BAND_SLACK",
    "BELOW_BANDS",
    "CONCLUSIVE",
    "COVERS",
    "DELETED",
    "DELETED_ON",
    "DUE",
    "FORCED",
    "KEEP_TOLERANCE",
    "LATEST_BEFORE_YEAR_END",
    "LATE_PERCENT",
    "MILESTONE_RULES",
    "MILESTONE_STATES",
    "NEARLY_AT",
    "NEEDS_REASON",
    "NOT_ROLLED_UP",
    "NO_BASE",
    "NO_DUE_YEAR",
    "NO_FACT_YET",
    "NO_REGION_FACT",
    "NO_SCORE_ORDER",
    "NO_TARGET",
    "NO_USABLE_FACTS",
    "ON_PARTIAL_FACTS",
    "OVERLAP",
    "PARTIAL",
    "POLARITY_RULES",
    "PRINTED",
    "RATIO_WITHOUT_PARTS",
    "TOO_FEW_FACTS",
    "TOO_FEW_FACTS_LABEL",
    "ZERO_DENOMINATOR",
    "ZERO_WEIGHTS",
    "Better",
    "Formula",
    "Message",
    "MilestoneOutcome",
    "MilestoneState",
    "NoScore",
    "Outcome",
    "Status",
    "first_that_holds",
    "sql_text",
    "status_word",
]


class Status(StrEnum):
    ACHIEVED = "achieved"
    NEARLY = "nearly"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"  # cannot be scored; ``no_score`` says why


# the statuses whose indicator needs a reason for non-achievement before its year is approved
NEEDS_REASON = frozenset({Status.NOT_ACHIEVED, Status.NEARLY})


class NoScore(StrEnum):
    NO_TARGET = "no_target"
    NO_FACT = "no_fact"
    NOT_ROLLED_UP = "not_rolled_up"  # facts exist but refuse to roll up to the national year
    NOT_YET_DUE = "not_yet_due"  # a milestone whose due year has not come
    BAD_FACT = "bad_fact"  # e.g. a milestone fact other than 1 (done) or 0 (not done)
    DELETED = "deleted"  # deleted from the plan by an amending resolution


class MilestoneState(StrEnum):
    DONE = "done"
    LATE = "late"
    NOT_DONE = "not_done"
    NOT_YET_DUE = "not_yet_due"


# --- the two building blocks: a formula and a message ---------------------------------------


def sql_text(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _greatest(*values: Any) -> Decimal:
    return max(Decimal(value) for value in values)


_PYTHON_NAMES = {"__builtins__": {}, "abs": abs, "greatest": _greatest}
_SQL_OPERATORS: dict[type[ast.AST], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.And: "AND",
    ast.Or: "OR",
    ast.Eq: "=",
    ast.NotEq: "<>",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}
_FUNCTIONS = frozenset(("abs", "greatest"))


def _sql(node: ast.AST, names: Mapping[str, str]) -> str:
    """One node of a formula as SQL; a name is replaced by its SQL in ``names`` if there."""
    if isinstance(node, ast.Name):
        return f"({names[node.id]})" if node.id in names else node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return repr(node.value)
    if isinstance(node, ast.BinOp):
        op = _SQL_OPERATORS[type(node.op)]
        return f"({_sql(node.left, names)} {op} {_sql(node.right, names)})"
    if isinstance(node, ast.BoolOp):
        joined = f" {_SQL_OPERATORS[type(node.op)]} ".join(_sql(v, names) for v in node.values)
        return f"({joined})"
    if isinstance(node, ast.UnaryOp):
        operand = _sql(node.operand, names)
        return f"(NOT {operand})" if isinstance(node.op, ast.Not) else f"(-{operand})"
    if isinstance(node, ast.Compare):
        left, right, compare = node.left, node.comparators[0], node.ops[0]
        if isinstance(compare, ast.Is | ast.IsNot):
            negated = "NOT " if isinstance(compare, ast.IsNot) else ""
            return f"({_sql(left, names)} IS {negated}NULL)"
        return f"({_sql(left, names)} {_SQL_OPERATORS[type(compare)]} {_sql(right, names)})"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return f"{node.func.id}({', '.join(_sql(a, names) for a in node.args)})"
    raise ValueError(f"not allowed in a scoring formula: {ast.dump(node)}")


def _allowed(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        right = node.comparators[0]
        by_identity = isinstance(node.ops[0], ast.Is | ast.IsNot)
        none = isinstance(right, ast.Constant) and right.value is None
        return len(node.ops) == 1 and by_identity == none
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float, type(None))
    if isinstance(node, ast.Call):
        named = isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
        return named and not node.keywords
    if isinstance(node, ast.operator):
        return type(node) in _SQL_OPERATORS
    plain = ast.Name | ast.Load | ast.boolop | ast.cmpop | ast.unaryop
    return isinstance(node, plain | ast.UnaryOp | ast.BinOp | ast.BoolOp)


def _check(tree: ast.Expression, source: str) -> None:
    """Only what ``_sql`` renders (``is`` only with None): anything else could mean different
    things in the two paths."""
    if not all(_allowed(node) for node in ast.walk(tree.body)):
        raise ValueError(f"not allowed in a scoring formula: {source!r}")


def _parsed(source: str) -> ast.Expression:
    tree = ast.parse(source, mode="eval")
    _check(tree, source)
    return tree


@dataclass(frozen=True)
class Formula:
    """A condition or a value over named values, in Python's syntax (see the module's doc).

    ``in_doubles``: the same formula with its operations in another order, for SQL's doubles,
    where the order changes the last bit (``Decimal``'s 28 digits round neither way): the
    tests check that the two agree on every value they are tried on."""

    source: str
    in_doubles: str | None = None
    _tree: ast.Expression = field(init=False, repr=False, compare=False)
    _code: CodeType = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tree = _parsed(self.source)
        object.__setattr__(self, "_tree", _parsed(self.in_doubles) if self.in_doubles else tree)
        object.__setattr__(self, "_code", compile(tree, f"<scoring rule {self.source}>", "eval"))

    def value(self, **values: Any) -> Any:
        """The formula on Python values (``Decimal`` for numbers)."""
        return eval(self._code, _PYTHON_NAMES, values)  # only the checked formulas above

    def sql(self, **names: str) -> str:
        """The formula as SQL over columns of the same names, or the SQL given in ``names``."""
        return _sql(self._tree.body, names)


@dataclass(frozen=True)
class Message:
    """A text a user reads, with named holes (``str.format`` fields, no format specs)."""

    template: str

    @property
    def translated(self) -> str:
        """The template in the language of the moment (English: the template itself)."""
        return gettext(self.template) if self.template else self.template

    def text(self, **values: object) -> str:
        return self.translated.format(**values)

    def sql(self, **columns: str | None) -> str:
        """The text as a SQL concatenation, each hole the SQL expression given for it; a hole
        given None is left out (it is empty in that path). Compiled in the language of the
        moment: the SQL is built anew per language (``_columnar_*`` build it per query)."""
        parts = []
        for literal, name, _spec, _conversion in string.Formatter().parse(self.translated):
            if literal:
                parts.append(sql_text(literal))
            if name is not None and columns[name] is not None:
                column = str(columns[name])
                parts.append(column if column.isidentifier() else f"({column})")
        return " || ".join(parts) or "''"


# --- bands ----------------------------------------------------------------------------------

ACHIEVED_AT = Decimal(100)  # percent at and above which a target is achieved
NEARLY_AT = Decimal(90)  # percent at and above which it is nearly achieved
# From the highest: the status of a percentage at or above each edge; below all, not achieved.
BANDS: tuple[tuple[Decimal, Status], ...] = (
    (ACHIEVED_AT, Status.ACHIEVED),
    (NEARLY_AT, Status.NEARLY),
)
BELOW_BANDS = Status.NOT_ACHIEVED
BAND_SLACK = 1e-12  # a double this close (relatively) to a band's edge counts as at the edge
KEEP_TOLERANCE = Decimal(5)  # keep-at-level: deviation (% of the level) still counted as kept
LATE_PERCENT = Decimal(90)  # a milestone done after its due year: the bottom of "nearly"

# An aggregate's status is called (shown as achieved, nearly or not achieved) only when it stands
# on at least half of the indicators and milestones it counts (``scored`` of ``total`` have a
# score); below that it is shown as "too few facts", whatever its mean, so that 2 facts out of 63
# never make a green "achieved". The mean itself is kept and shown beside its coverage.
CONCLUSIVE = Formula("scored > 0 and scored * 2 >= total")
TOO_FEW_FACTS = "too_few_facts"  # the shown status of a score that is not conclusive
TOO_FEW_FACTS_LABEL = Message("too few facts to call ({scored} of {total} have facts)")


# --- the polarities' formulas ---------------------------------------------------------------

BAND: Literal["band"] = "band"  # an outcome whose status is the band of its percent


@dataclass(frozen=True)
class Better:
    """A status without a ratio: achieved when ``condition`` holds, else not achieved."""

    condition: Formula


@dataclass(frozen=True)
class Outcome:
    """One branch of a polarity: where it applies (None: wherever no earlier branch does), its
    status, percent and (keep at a level) deviation, and the message that explains it. The
    message's holes: fact, target, tolerance (plain numbers), percent and deviation (rounded
    half up to 2 decimals, a small one with two significant digits), score (the percent to 2
    decimals, half even) and status; every number as the language of the moment writes it."""

    when: Formula | None
    status: Status | Better | Literal["band"]
    message: Message
    percent: Formula | None = None
    deviation: Formula | None = None


def _outcome(
    when: str | None,
    status: Status | Better | Literal["band"],
    message: Message,
    *,
    percent: str | None = None,
    deviation: Formula | None = None,
) -> Outcome:
    return Outcome(
        Formula(when) if when is not None else None,
        status,
        message,
        Formula(percent) if percent is not None else None,
        deviation,
    )


_NEGATIVE = "target < 0 or fact < 0"
_SIGNED = Message(
    "negative values: compared directly, no ratio (fact {fact} vs target {target}); {status}"
)

# Per polarity, the branches in order: the first whose condition holds decides.
POLARITY_RULES: dict[Polarity, tuple[Outcome, ...]] = {
    Polarity.INCREASE: (
        _outcome(_NEGATIVE, Better(Formula("fact >= target")), _SIGNED),
        _outcome(
            "target == 0 and fact == 0",
            Status.ACHIEVED,
            Message("target and fact are both 0: met, no ratio; {status}"),
        ),
        _outcome(
            "target == 0",
            Status.ACHIEVED,
            Message("target is 0, fact {fact}: met, no ratio; {status}"),
        ),
        _outcome(
            None,
            BAND,
            Message("{fact} / {target} × 100 = {percent} % (increase: fact / target); {status}"),
            percent="fact / target * 100",
        ),
    ),
    Polarity.DECREASE: (
        _outcome(_NEGATIVE, Better(Formula("fact <= target")), _SIGNED),
        _outcome(
            "fact == 0",
            Status.ACHIEVED,
            Message("fact is 0, at or below the target {target}: met, no ratio; {status}"),
        ),
        _outcome(
            "target == 0",
            Status.NOT_ACHIEVED,
            Message("target is 0 and the fact is {fact}: target / fact = 0 %; {status}"),
            percent="0",
        ),
        _outcome(
            None,
            BAND,
            Message("{target} / {fact} × 100 = {percent} % (decrease: target / fact); {status}"),
            percent="target / fact * 100",
        ),
    ),
    Polarity.KEEP: (
        _outcome(
            "target == 0 and fact == 0", Status.ACHIEVED, Message("level 0 kept (fact 0); {status}")
        ),
        _outcome(
            "target == 0",
            Status.NOT_ACHIEVED,
            Message("level 0 not kept (fact {fact}); no relative deviation; {status}"),
        ),
        _outcome(
            None,
            BAND,
            Message(
                "keep at {target}: fact {fact} deviates {deviation} % (tolerance {tolerance} %); "
                "score {score} %; {status}"
            ),
            # In doubles, the product first: |fact - target| × 100 is exact for the plan's
            # numbers, leaving one rounding, as the SQL always had it.
            deviation=Formula(
                "abs(fact - target) / abs(target) * 100",
                in_doubles="abs(fact - target) * 100 / abs(target)",
            ),
            percent="greatest(0, 100 - greatest(0, deviation - tolerance))",
        ),
    ),
    # A milestone scored as an indicator (a yearly fact): 1 is done.
    Polarity.MILESTONE: (
        _outcome(
            "fact >= 1", Status.ACHIEVED, Message("milestone: fact {fact} (done)"), percent="100"
        ),
        _outcome(
            None, Status.NOT_ACHIEVED, Message("milestone: fact {fact} (not done)"), percent="0"
        ),
    ),
}


# --- why there is no score ------------------------------------------------------------------

NO_TARGET = Message("no target for {year}{printed}")
PRINTED = Message(' (the plan prints "{raw}" at line {line})')
NO_FACT_YET = Message("no fact yet for {year}")
DELETED = Message("deleted by resolution No. {number}{date} (line {line})")
DELETED_ON = Message(" of {date}")

# The reasons an indicator-year has no score, the first that holds winning.
NO_SCORE_ORDER: tuple[NoScore, ...] = (
    NoScore.DELETED,
    NoScore.NO_TARGET,
    NoScore.NO_FACT,
    NoScore.NOT_ROLLED_UP,
)

# A score made on facts that do not cover the whole year or every expected region.
ON_PARTIAL_FACTS = Message("on partial facts: {what}")
# A score made on a fact accepted outside its sensible range (``zhospar.rules.ranges``) with a
# reason: scored as recorded, and marked wherever the score is shown.
FORCED = Message("forced outside its sensible range: {reasons}")
PARTIAL = Message("partial: {gaps}")


# --- milestones -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneOutcome:
    """One branch of a milestone's score as of a year (``when`` over done, due, year, bad,
    deleted, reported; None: otherwise): its state, its reason for no score, its message
    (holes: deletion, done, due_text, when, year, got)."""

    when: Formula | None
    message: Message
    state: MilestoneState | None = None
    no_score: NoScore | None = None


DUE = Message("due {due_text}")
NO_DUE_YEAR = Message("no due year stated")
BAD_MILESTONE_FACT = Message("a milestone fact must be 1 (done) or 0 (not done){got}")

MILESTONE_RULES: tuple[MilestoneOutcome, ...] = (
    MilestoneOutcome(Formula("deleted"), Message("{deletion}"), no_score=NoScore.DELETED),
    MilestoneOutcome(Formula("bad"), BAD_MILESTONE_FACT, no_score=NoScore.BAD_FACT),
    MilestoneOutcome(
        Formula("done is not None and (due is None or done <= due)"),
        Message("done in {done} ({when})"),
        state=MilestoneState.DONE,
    ),
    MilestoneOutcome(
        Formula("done is not None"),
        Message("done late: in {done}, due {due_text}"),
        state=MilestoneState.LATE,
    ),
    MilestoneOutcome(
        Formula("due is None"), Message("not done yet; {when}"), no_score=NoScore.NO_TARGET
    ),
    MilestoneOutcome(
        Formula("year < due"),
        Message("not done yet; {when}"),
        state=MilestoneState.NOT_YET_DUE,
        no_score=NoScore.NOT_YET_DUE,
    ),
    # Nobody has reported on it: say so rather than count it as a failure.
    MilestoneOutcome(
        Formula("not reported"),
        Message("no report yet on this milestone ({when})"),
        no_score=NoScore.NO_FACT,
    ),
    MilestoneOutcome(None, Message("not done by {year}; {when}"), state=MilestoneState.NOT_DONE),
)

# Each state's status and percent (None: no percent).
MILESTONE_STATES: dict[MilestoneState, tuple[Status, Decimal | None]] = {
    MilestoneState.DONE: (Status.ACHIEVED, Decimal(100)),
    MilestoneState.LATE: (Status.NEARLY, LATE_PERCENT),
    MilestoneState.NOT_DONE: (Status.NOT_ACHIEVED, Decimal(0)),
    MilestoneState.NOT_YET_DUE: (Status.NO_DATA, None),
}


_Rule = TypeVar("_Rule")


def status_word(status: Status) -> str:
    """A status as a message names it, in the language of the moment (English: its value)."""
    words = {
        Status.ACHIEVED: pgettext("status", "achieved"),
        Status.NEARLY: pgettext("status", "nearly"),
        Status.NOT_ACHIEVED: pgettext("status", "not_achieved"),
        Status.NO_DATA: pgettext("status", "no_data"),
    }
    return words[status]


# --- refusals to roll up --------------------------------------------------------------------

NOT_ROLLED_UP = Message("not rolled up: {why}")
RATIO_WITHOUT_PARTS = Message("RATIO needs a numerator and a denominator")
NO_USABLE_FACTS = Message("no usable facts for {part} in {year}")
ZERO_DENOMINATOR = Message("the denominator {part} is 0")
NO_BASE = Message("no base ({base}) for {cells}")
ZERO_WEIGHTS = Message("the weights add up to 0")
OVERLAP = Message("{place}: periods{which} overlap; adding them would count twice")
# What a partial value misses.
COVERS = Message("{place}: covers {months} of 12 months")
NO_REGION_FACT = Message("no fact for region(s) {regions}")
# The columnar path's word for a stock whose latest value in a region is before December (the
# pure path names the period: "latest value is for 2012-11, not the year's end").
LATEST_BEFORE_YEAR_END = Message("{place}: latest value is before the year's end")


def first_that_holds(rules: tuple[_Rule, ...], holds: Callable[[_Rule], bool]) -> _Rule:
    """The first of ``rules`` that ``holds`` (the last one is the fallback)."""
    return next((rule for rule in rules[:-1] if holds(rule)), rules[-1])
