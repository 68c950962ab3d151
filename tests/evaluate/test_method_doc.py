"""docs/method.md keeps itself true: its code runs and the constants it states are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from zhospar.evaluate import ACHIEVED_AT, CAP, KEEP_TOLERANCE, LATE_PERCENT, NEARLY_AT, SPREAD_FLOOR

METHOD = Path(__file__).resolve().parents[2] / "docs" / "method.md"


def test_code_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", METHOD.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(METHOD), "exec"), {})


def test_stated_constants_are_the_codes() -> None:
    text = METHOD.read_text(encoding="utf-8")
    assert f"`CAP` = {CAP} %" in text
    assert f"`SPREAD_FLOOR` = {SPREAD_FLOOR * 100:.0f} %" in text
    assert f"(`KEEP_TOLERANCE`, {KEEP_TOLERANCE} % of the level)" in text
    assert f"(`LATE_PERCENT`, {LATE_PERCENT} %)" in text
    assert f"| ≥ {ACHIEVED_AT} %             | achieved" in text
    assert f"| ≥ {NEARLY_AT} % and < {ACHIEVED_AT} %  | nearly achieved" in text
