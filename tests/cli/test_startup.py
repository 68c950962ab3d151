"""The CLI starts at once: importing it, ``--help`` and ``--version`` load no library a command
runs on (each command imports those when it runs). Timings are measured by ``bench/cli.py``,
not asserted here; what is asserted is the cause of a slow start, in a fresh process."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

# What importing the CLI used to load (Alembic, SQLAlchemy, DuckDB, XlsxWriter: 1.7 s), what the
# other commands run on, what Typer's Rich help panels would load, and Babel (the catalogs and
# CLDR formats: 0.2 s; English, the CLI's default, needs neither).
HEAVY = (
    "alembic", "babel", "docx", "duckdb", "fastapi", "jinja2", "matplotlib", "openpyxl", "psycopg",
    "pydantic", "rich", "sqlalchemy", "uvicorn", "xlsxwriter",
)  # fmt: skip
_LOADED = f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"


def _loaded_after(code: str) -> tuple[list[str], str]:
    """The heavy packages loaded in a fresh interpreter after ``code``, and what it printed."""
    script = f"import sys\n{code}\nsys.stdout.flush()\nprint('---')\n{_LOADED}"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    printed, _, loaded = out.rpartition("---\n")
    return [m for m in loaded.strip().split(",") if m], printed


def _run(args: list[str]) -> str:
    return (
        "from zhospar.cli import app\n"
        f"try:\n    app({args!r}, prog_name='zhospar')\nexcept SystemExit:\n    pass"
    )


def test_importing_the_cli_loads_no_heavy_library() -> None:
    loaded, _ = _loaded_after("import zhospar.cli")
    assert loaded == []


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_load_no_heavy_library(args: list[str]) -> None:
    loaded, printed = _loaded_after(_run(args))
    assert loaded == []
    assert printed.strip()


def test_a_command_s_help_loads_none_of_what_the_command_runs_on() -> None:
    """Typer itself converts a command's parameters with pydantic: that one is Typer's cost."""
    loaded, printed = _loaded_after(_run(["score", "--help"]))
    assert [m for m in loaded if m != "pydantic"] == []
    assert "--level" in printed


def test_version_is_the_installed_package_s_whichever_way_it_is_asked_for() -> None:
    """``zhospar --version`` answers before Typer loads; the app's own option says the same."""
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    out = subprocess.run(
        [sys.executable, "-m", "zhospar", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"zhospar {version}\n"
    fast = "from zhospar.cli import main\nsys.argv[1:] = ['--version']\nmain()\n"
    fast += "print('typer' in sys.modules)"
    loaded, printed = _loaded_after(fast)
    assert (printed, loaded) == (f"zhospar {version}\nFalse\n", [])
    _, printed = _loaded_after(_run(["--version"]))
    assert printed == f"zhospar {version}\n"


def test_a_translated_message_loads_babel_when_it_is_shown() -> None:
    """The check of Babel above can fail: a Russian message compiles the Russian catalog."""
    code = (
        "from zhospar.i18n import gettext, use_language\n"
        "with use_language('ru'):\n    print(gettext('achieved'))"
    )
    loaded, printed = _loaded_after(code)
    assert "babel" in loaded
    assert printed.strip() == "достигнут"


def test_a_command_still_loads_what_it_runs_on() -> None:
    """The check above can fail: running a command that uses the store loads SQLAlchemy."""
    loaded, _ = _loaded_after(_run(["regions"]))
    assert "rich" in loaded
    loaded, _ = _loaded_after("import zhospar.cli\nimport zhospar.store")
    assert {"sqlalchemy", "alembic"} <= set(loaded)
