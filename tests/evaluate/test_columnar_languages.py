"""The columnar path compiles its messages in the language of the moment, as the pure path
words them: in Kazakh, Russian and English the two agree on every note both write whole (no
target, no fact yet, deleted, the milestones' states), and the note is in that language.

The notes hold years, line numbers, month counts and the plan's printed text, never a decimal:
a year or a line is never grouped by thousands ("2012", not "2 012") in either path."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.evaluate.test_columnar import _columnar, pure_scores, random_facts
from zhospar.evaluate import EvaluationOptions, NoScore
from zhospar.i18n import Language, use_language
from zhospar.ingest import ReadResult

_WHOLE = {NoScore.NO_TARGET, NoScore.NO_FACT, NoScore.DELETED, NoScore.NOT_YET_DUE}
# Per language: how a note without a target, without a fact yet and of a deleted item reads.
_OPENINGS = {
    "ru": (r"^нет плана на 20\d\d", r"^факта за 20\d\d", r"^исключен постановлением № "),
    "kk": (r"^20\d\d жылға жоспар жоқ", r"^20\d\d жылға әзірге дерек жоқ", r"^№ .* қаулымен "),
    "en": (r"^no target for 20\d\d", r"^no fact yet for 20\d\d", r"^deleted by resolution No. "),
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_both_paths_write_the_same_notes(bundled: ReadResult, language: str) -> None:
    lang: Language = language  # type: ignore[assignment]
    facts = random_facts(bundled.plan, seed=20261207)
    with use_language(lang):
        columnar = _columnar(bundled.plan, facts, EvaluationOptions())
        pure = list(pure_scores(bundled.plan, facts, EvaluationOptions()))
    compared: Counter[str] = Counter()
    problems, whole_notes = [], []
    for score in pure:
        whole = score.no_score in _WHOLE or (
            score.milestone is not None and score.no_score is not NoScore.BAD_FACT
        )
        if not whole:
            continue
        note = columnar[(score.indicator_id, score.year)].note
        whole_notes.append(note)
        compared[str(score.no_score or score.milestone)] += 1
        if note != score.message:
            problems.append(f"{score.indicator_id} {score.year}: {score.message!r} vs {note!r}")
    assert not problems, "\n".join(problems[:10])
    assert {"no_target", "no_fact", "deleted", "done"} <= compared.keys()
    notes = {score.message for score in pure}
    for opening in _OPENINGS[language]:
        assert any(re.match(opening, n) for n in notes), opening
    assert not [n for n in whole_notes if re.search(r"\b2\s0[01]\d\b", n)]  # "2 012"
