"""The API's rows of an evaluation are made from the report's row model: each names the fields
it shows and takes their types from ``IndicatorLine``, ``MilestoneLine`` and ``Score``, so an
enum field (a status, a polarity, a chance) is that enum, written as the same string."""

from __future__ import annotations

from dataclasses import fields
from typing import get_type_hints

from zhospar.api.models import IndicatorOut, MilestoneOut, ScoreOut
from zhospar.evaluate import Chance, MilestoneState, Polarity, Status
from zhospar.report import IndicatorLine, MilestoneLine, Score


def test_response_models_take_the_types_of_the_row_model() -> None:
    for model, row in ((IndicatorOut, IndicatorLine), (MilestoneOut, MilestoneLine)):
        hints = get_type_hints(row)
        assert {n: f.annotation for n, f in model.model_fields.items()} == {
            n: hints[n] for n in model.model_fields
        }
    assert list(ScoreOut.model_fields) == [f.name for f in fields(Score)]
    assert IndicatorOut.model_fields["polarity"].annotation is Polarity
    assert IndicatorOut.model_fields["forecast"].annotation is Chance
    assert MilestoneOut.model_fields["state"].annotation == MilestoneState | None


def test_an_enum_is_written_as_its_string() -> None:
    score = Score(None, None, Status.NO_DATA, 0, 0, 0, 3)
    assert ScoreOut.model_validate(score).model_dump(mode="json") == {
        "score": None,
        "display": None,
        "status": "no_data",
        "achieved": 0,
        "nearly": 0,
        "not_achieved": 0,
        "no_data": 3,
    }
