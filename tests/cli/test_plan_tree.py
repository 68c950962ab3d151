"""The tree ``zhospar show`` prints, on the hand-built plan."""

from __future__ import annotations

import io

from rich.console import Console

from tests.export.plans import hand_plan
from zhospar.cli._plan_tree import ShowSection, plan_tree


def _render(only: ShowSection | None = None) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(plan_tree(hand_plan(), only))
    return console.export_text()


def test_tree_holds_every_part_in_plan_order() -> None:
    text = _render()
    parts = ["Strategic directions", "Alignment", "Risks", "Legal acts", "Budget programs"]
    positions = [text.index(p) for p in parts]
    assert positions == sorted(positions)


def test_indicators_show_unit_and_values_by_phase() -> None:
    text = _render(ShowSection.DIRECTIONS)
    assert "G1.1-I1  1. Жұмыссыздық деңгейі  [%-бен]" in text
    assert "reported 2009=8.0 | planned 2010=6.2 · 2011=-" in text
    assert "G1.1-I1-b1  әйелдер" in text
    assert "planned 2010=557,556,682" in text


def test_deleted_items_are_marked_with_the_act() -> None:
    assert "T1.1.1-I2  Алынып тасталды  DELETED by № 415 (line 21)" in _render()


def test_milestones_gaps_and_programs() -> None:
    text = _render()
    assert "T1.1.1-M1  Заң жобасын әзірлеу  due 2011, 2012" in text
    assert "GAP  direction 3: target indicators table" in text
    assert "form: actual 2009=454,231,109 | planned 2010=557,556,682" in text
    assert "P002-E1  -орташа мөлшері  (efficiency)  [теңге]" in text


def test_one_section_only() -> None:
    text = _render(ShowSection.RISKS)
    assert "R1  1. қатер" in text
    assert "D1" not in text and "Budget programs" not in text
