"""Linking the risk table's rows (lines 482-493) to the indicators that signal them."""

from __future__ import annotations

from zhospar.ingest import ReadResult
from zhospar.report import link_risks
from zhospar.report.risks import stems


def _links(bundled: ReadResult) -> dict[str, tuple[list[int], tuple[str, ...]]]:
    return {
        linked.risk.id: ([x.direction for x in linked.links], linked.indicator_ids)
        for linked in link_risks(bundled.plan)
    }


def test_unemployment_risk_is_signalled_by_direction_one(bundled: ReadResult) -> None:
    """R1 (line 482): "Жұмыссыздықтың өсуі" shares "жұмысс" with G1.1-I1 "Жұмыссыздық деңгейі"."""
    directions, signals = _links(bundled)["R1"]
    assert directions == [1]
    assert signals[0] == "G1.1-I1"


def test_poverty_risk_is_signalled_by_the_poverty_share(bundled: ReadResult) -> None:
    """R5 (line 493): "... ең төмен шекті деңгейден төмен табысы бар халық үлесінің көбеюі"."""
    directions, signals = _links(bundled)["R5"]
    assert directions == [5]
    assert signals == ("G5.1-I1",)


def test_pension_risk_goes_to_direction_four(bundled: ReadResult) -> None:
    """R4 (lines 489-492): pensions and social payments losing purchasing power."""
    directions, signals = _links(bundled)["R4"]
    assert directions == [4]
    assert "G4.1-I1" in signals


def test_deleted_indicators_signal_nothing(bundled: ReadResult) -> None:
    """G2.1-I2 and G2.1-I3 were deleted by resolution No. 1417."""
    _, signals = _links(bundled)["R2"]
    assert "G2.1-I2" not in signals and "G2.1-I3" not in signals


def test_a_direction_named_in_the_measures_wins(bundled: ReadResult) -> None:
    plan = bundled.plan.model_copy(deep=True)
    risk = plan.risks[0]
    risk.measures = [*risk.measures, "5-стратегиялық бағыт шеңберінде көмек көрсету"]
    linked = link_risks(plan)[0]
    assert [(x.direction, x.explicit) for x in linked.links] == [(5, True)]
    assert linked.indicator_ids == ("G5.1-I1",)


def test_stems_cut_words_and_drop_function_words() -> None:
    assert stems("Жұмыссыздықтың өсуі және бойынша") == {"жұмысс", "өсуі"}
