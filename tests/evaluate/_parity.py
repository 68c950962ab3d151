"""What "the same score" means between the pure path (``Achievement``) and the columnar one
(``ColumnarScore``): status, reason, milestone state and polarity alike; percent, deviation and
value within 1e-9 (Decimal against double); rule and completeness alike; and the note, where
the columnar path says less by design, compared on what both say."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from zhospar.evaluate import Achievement, ColumnarScore, NoScore, PolaritySource, RollupRule
from zhospar.evaluate import scoring_rules as rules

__all__ = ["close", "differences"]


# Where the columnar note says less than the pure path's message, by design: an overlap without
# its periods (and every place that overlaps, not the first), the cells without a base not
# listed the same way, a stock's latest value not named by its period, a bad milestone fact
# without its value, and on a score, only what is missing from the facts.
_OVERLAP = re.compile(r"^(not rolled up: [^,:]+)(, [^:]+)?: periods( .+ and .+)? overlap")
_NO_BASE = re.compile(r"(no base \(.+?\) for ).*")
_LATEST = re.compile(r"latest value is for \S+, not the year's end")


def _comparable(refusal: str) -> str:
    return _NO_BASE.sub(r"\1...", _OVERLAP.sub(r"\1: periods overlap", refusal))


def _expected_note(pure: Achievement) -> str:
    if pure.no_score is NoScore.BAD_FACT:
        return rules.BAD_MILESTONE_FACT.text(got="")
    if pure.no_score is NoScore.NOT_ROLLED_UP:
        return _comparable(pure.message)
    if pure.no_score is not None or pure.polarity.source is PolaritySource.STRUCTURE:
        return pure.message
    observed = pure.observed
    assert observed is not None
    if observed.complete or observed.rule is RollupRule.RATIO:
        return ""  # a RATIO's parts say what they miss on their own rows
    gaps = observed.note.split(f"; {rules.PARTIAL.text(gaps='')}", 1)[1]
    what = _LATEST.sub("latest value is before the year's end", gaps)
    return rules.ON_PARTIAL_FACTS.text(what=what)


def close(a: Decimal | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), b, rel_tol=1e-9, abs_tol=1e-9)


def differences(pure: Achievement, col: ColumnarScore) -> list[str]:
    out = []
    if (pure.status, pure.no_score, pure.milestone) != (col.status, col.no_score, col.milestone):
        out.append(f"status {pure.status}/{pure.no_score} vs {col.status}/{col.no_score}")
    if not close(pure.percent, col.percent) or not close(pure.deviation, col.deviation):
        out.append(f"percent {pure.percent}/{pure.deviation} vs {col.percent}/{col.deviation}")
    if pure.polarity.polarity is not col.polarity:
        out.append(f"polarity {pure.polarity.polarity} vs {col.polarity}")
    note = _comparable(col.note) if col.no_score is NoScore.NOT_ROLLED_UP else col.note
    if note != _expected_note(pure):
        out.append(f"note {pure.message!r} vs {col.note!r}")
    if pure.polarity.source is not PolaritySource.STRUCTURE:  # milestones have no value
        observed = pure.observed
        rule = observed.rule if observed is not None else None
        complete = observed.complete if observed is not None else None
        if not close(pure.fact_value, col.fact) or (rule, complete) != (col.rule, col.complete):
            out.append(f"fact {pure.fact_value} {rule} {complete} vs {col}")
    return out
