"""The JSON export: the whole model, read back unchanged, with clear errors on bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhospar._exceptions import PlanFormatError
from zhospar.export import plan_from_json, plan_to_json, read_plan_json
from zhospar.ingest import ReadResult

from .plans import hand_plan


def test_roundtrip_of_the_hand_built_plan_is_byte_identical() -> None:
    first = plan_to_json(hand_plan())
    again = plan_to_json(plan_from_json(first, "plan.json"))
    assert again == first


def test_roundtrip_gives_back_an_equal_model() -> None:
    plan = hand_plan()
    assert plan_from_json(plan_to_json(plan), "plan.json") == plan


def test_decimals_keep_every_digit_and_their_exponent() -> None:
    back = plan_from_json(plan_to_json(hand_plan()), "plan.json")
    values = back.directions[0].goals[0].target_indicators[0].values
    # 8.0 must come back as 8.0 (not 8), 6.2 as exactly 6.2, not a binary float
    assert [str(v.value) for v in values] == ["8.0", "6.2", "None"]
    assert values[1].value == Decimal("6.2")


def test_export_is_indented_json_with_the_plan_fields() -> None:
    text = plan_to_json(hand_plan())
    assert text.startswith('{\n  "title": "Тест жоспары",')  # indent 2, Kazakh not escaped
    assert text.endswith("}\n")
    assert json.loads(text)["directions"][0]["goals"][0]["id"] == "G1.1"


def test_bundled_plan_roundtrip_is_byte_identical(bundled: ReadResult) -> None:
    first = plan_to_json(bundled.plan)
    assert plan_to_json(plan_from_json(first, "bundled.json")) == first


def test_invalid_json_names_the_file_and_the_place() -> None:
    with pytest.raises(PlanFormatError) as info:
        plan_from_json('{\n  "title": ', "broken.json")
    message = str(info.value)
    assert message.startswith("broken.json, line 2, column")
    assert "not valid JSON" in message


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(PlanFormatError, match=r"^list\.json: .*got a JSON array$"):
        plan_from_json("[1, 2]", "list.json")


def test_an_object_that_is_not_a_plan_names_the_missing_fields() -> None:
    with pytest.raises(PlanFormatError) as info:
        plan_from_json('{"name": "x"}', "other.json")
    message = str(info.value)
    assert message.startswith("other.json: not a plan export: ")
    assert "field title: Field required" in message
    assert "more problem" in message  # title, period_start, period_end, and name is extra


def test_a_wrong_value_type_names_the_field_path() -> None:
    data = json.loads(plan_to_json(hand_plan()))
    data["directions"][0]["goals"][0]["line"] = "first"
    with pytest.raises(PlanFormatError, match=r"field directions\.0\.goals\.0\.line"):
        plan_from_json(json.dumps(data), "typed.json")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        ("жоспар".encode("cp1251"), "is not UTF-8 text"),
    ],
)
def test_unreadable_files_give_one_line(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "plan.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PlanFormatError) as info:
        read_plan_json(path)
    assert str(info.value).startswith(f"{path}: {expected}")
    assert "\n" not in str(info.value)
