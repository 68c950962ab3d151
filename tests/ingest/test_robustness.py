"""Bad input never crashes: one clear PlanReadError line naming the file, or a report.

Every case either raises PlanReadError (its message one line, naming the file and the problem,
and not the safety net's "failed unexpectedly") or, for a text that looks complete but is
garbled, returns a ReadResult whose report lists the lines it could not understand.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhospar._exceptions import PlanReadError
from zhospar.ingest import ReadResult, read_plan
from zhospar.ingest._sections import split_sections
from zhospar.ingest._text import to_lines
from zhospar.ingest.reader import bundled_plan_path, read_plan_bytes

PLAN_BYTES = bundled_plan_path().read_bytes()
PLAN_LINES = PLAN_BYTES.decode("utf-8").splitlines()
UNEXPECTED = "failed unexpectedly"


def _refused(path: Path) -> str:
    """The message read_plan gives for a file it refuses, checked for the shared rules."""
    with pytest.raises(PlanReadError) as caught:
        read_plan(path)
    return _checked(str(caught.value), str(path))


def _checked(message: str, name: str) -> str:
    assert "\n" not in message, message
    assert message.startswith(f"{name}: ") or message.startswith(f"{name}, line ")
    assert UNEXPECTED not in message, message
    return message


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    assert _refused(tmp_path / "nope.txt").endswith("no such file")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _refused(tmp_path)


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "the file is empty"), (b" \n\t\r\n  \n", "holds only blank space")],
)
def test_empty_and_blank(tmp_path: Path, data: bytes, problem: str) -> None:
    assert _refused(_write(tmp_path, "empty.txt", data)).endswith(problem)


@pytest.mark.parametrize("encoding", ["cp1251", "kz1048"])
def test_eight_bit_encodings(tmp_path: Path, encoding: str) -> None:
    data = PLAN_BYTES.decode("utf-8").encode(encoding, errors="replace")
    path = _write(tmp_path, f"plan.{encoding}.txt", data)
    # Lines 1-2 are blank; line 3, the resolution's title, is the first with Cyrillic letters.
    assert _refused(path) == f"{path}, line 3: is not UTF-8 text (the plan must be saved as UTF-8)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path, "plan16.txt", PLAN_BYTES.decode("utf-8").encode(encoding))
    assert _refused(path).endswith("is UTF-16 text; the plan must be saved as UTF-8")


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    assert _refused(_write(tmp_path, "image.png", png)).endswith(
        "is a binary file, not a plan text"
    )


def test_utf8_with_bom_reads() -> None:
    result = read_plan_bytes(b"\xef\xbb\xbf" + PLAN_BYTES, "bom.txt")
    assert (result.plan.period_start, result.plan.period_end) == (2010, 2014)
    assert result.plan.title.startswith("Қазақстан Республикасы Еңбек")


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        (300, "budget-list, program-form, allocation"),
        (650, "program-form, allocation"),
        (1000, "allocation"),
    ],
)
def test_truncated(tmp_path: Path, lines: int, missing: str) -> None:
    path = _write(tmp_path, "cut.txt", "\n".join(PLAN_LINES[:lines]).encode("utf-8"))
    assert _refused(path) == (
        f"{path}: is not a whole plan: no {missing} section in its {lines} lines "
        "(cut short, or its parts out of order?)"
    )


def test_not_a_plan(tmp_path: Path) -> None:
    readme = b"# Zhospar\n\nMonitoring and evaluation.\n\n```\nuv run zhospar\n```\n"
    assert "is not a strategic plan" in _refused(_write(tmp_path, "README.md", readme))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_lines(seed: int) -> None:
    lines = list(PLAN_LINES)
    random.Random(seed).shuffle(lines)
    _refused_or_reported("\n".join(lines).encode("utf-8"), f"shuffled-{seed}.txt")


def test_garbled_but_complete_looking_text() -> None:
    # Every third line reversed: the headings survive, much of the tables does not.
    lines = [ln[::-1] if i % 3 == 0 else ln for i, ln in enumerate(PLAN_LINES)]
    _refused_or_reported("\n".join(lines).encode("utf-8"), "garbled.txt")


def _refused_or_reported(data: bytes, name: str) -> None:
    try:
        result = read_plan_bytes(data, name)
    except PlanReadError as error:
        _checked(str(error), name)
        return
    assert isinstance(result, ReadResult)
    assert result.report.problems, "a garbled text must leave lines not understood"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_garbage_bytes(data: bytes) -> None:
    _refused_or_reported(data, "garbage.bin")


@pytest.mark.parametrize("seed", range(6))
def test_lines_shuffled_within_their_sections(seed: int) -> None:
    """The headings stay, so the text looks complete; the tables' rows are scrambled.

    Real seeds, not Hypothesis' random (which shrinks a shuffle towards leaving lines in place).
    """
    rnd = random.Random(seed)
    sections = split_sections(to_lines("\n".join(PLAN_LINES)))
    lines: list[str] = []
    for section in sections:
        body = [line.text for line in section.lines]
        rnd.shuffle(body)
        lines += ([section.heading.text] if section.heading else []) + body
    assert lines != PLAN_LINES
    _refused_or_reported("\n".join(lines).encode("utf-8"), "scrambled.txt")


def test_cli_reports_a_missing_file_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-plan.txt"
    done = subprocess.run(
        [sys.executable, "-m", "zhospar", "summary", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip() == f"zhospar: error: {missing}: no such file"
