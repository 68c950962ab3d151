"""The columnar path compiles its messages in the language of the moment, as the pure path
words them: in Russian the two agree on every note both write whole (no target, no fact yet,
deleted, the milestones' states), and the note is Russian."""

from __future__ import annotations

from collections import Counter

from tests.evaluate.test_columnar import _columnar, pure_scores, random_facts
from zhospar.evaluate import EvaluationOptions, NoScore
from zhospar.i18n import use_language
from zhospar.ingest import ReadResult

_WHOLE = {NoScore.NO_TARGET, NoScore.NO_FACT, NoScore.DELETED, NoScore.NOT_YET_DUE}


def test_both_paths_write_the_same_russian_notes(bundled: ReadResult) -> None:
    facts = random_facts(bundled.plan, seed=20261207)
    with use_language("ru"):
        columnar = _columnar(bundled.plan, facts, EvaluationOptions())
        pure = list(pure_scores(bundled.plan, facts, EvaluationOptions()))
    compared: Counter[str] = Counter()
    problems = []
    for score in pure:
        whole = score.no_score in _WHOLE or (
            score.milestone is not None and score.no_score is not NoScore.BAD_FACT
        )
        if not whole:
            continue
        note = columnar[(score.indicator_id, score.year)].note
        compared[str(score.no_score or score.milestone)] += 1
        if note != score.message:
            problems.append(f"{score.indicator_id} {score.year}: {score.message!r} vs {note!r}")
    assert not problems, "\n".join(problems[:10])
    assert {"no_target", "no_fact", "deleted", "done"} <= compared.keys()
    notes = {score.message for score in pure}
    assert any(n.startswith("нет плана на ") for n in notes)  # "no target for ..."
    assert any(n.startswith("факта за ") for n in notes)  # "no fact yet for ..."
    assert any(n.startswith("исключен постановлением № ") for n in notes)
