"""Reading the same text twice gives the same plan, ids and reading report.

Ids are derived from each element's place in the plan, so exports, imports and the CLI can refer
to them across runs; the lines keep what they worked out once (``SourceLine``), so these tests
also guard against anything one reading leaves behind for the next.
"""

from __future__ import annotations

from zhospar.ingest import ReadResult, read_plan
from zhospar.ingest.reader import bundled_plan_path, read_plan_text
from zhospar.ingest.report import LineNote


def _report(result: ReadResult) -> tuple[list[LineNote], list[LineNote]]:
    """Every note in the order it was made: a line's status, then the remarks after it."""
    return list(result.report.notes.values()), list(result.report.extra)


def _ids(result: ReadResult) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.append(node["id"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result.plan.model_dump(mode="json"))
    return found


def test_two_readings_are_identical() -> None:
    first, second = read_plan(), read_plan()
    assert first.plan.model_dump_json() == second.plan.model_dump_json()
    assert _report(first) == _report(second)
    assert first.report.file == second.report.file


def test_ids_are_stable() -> None:
    first, second = _ids(read_plan()), _ids(read_plan())
    assert first == second
    # A few ids the docstring of model/plan.py describes, in the plan's own order.
    assert {"D1", "G1.1", "G1.1-I1", "T1.1.4", "P002", "R1", "L35"} <= set(first)


def test_a_reading_in_between_changes_nothing() -> None:
    """Reading another text between two readings of the bundled plan leaves no trace."""
    before = read_plan()
    text = bundled_plan_path().read_text(encoding="utf-8")
    other = read_plan_text(text.replace("6,9", "7,1"), "other.txt")
    after = read_plan()
    assert other.plan.model_dump_json() != before.plan.model_dump_json()
    assert after.plan.model_dump_json() == before.plan.model_dump_json()
    assert _report(after) == _report(before)
