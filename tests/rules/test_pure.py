"""The rules of the domain import no database, web framework or file-format library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "sqlalchemy", "psycopg", "duckdb", "fastapi", "starlette", "openpyxl", "xlsxwriter", "docx",
)  # fmt: skip


def test_importing_every_rule_loads_no_database_web_or_file_format_library() -> None:
    code = (
        "import sys, pkgutil, importlib, zhospar.rules\n"
        "for m in pkgutil.iter_modules(zhospar.rules.__path__):\n"
        "    importlib.import_module('zhospar.rules.' + m.name)\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({HEAVY!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_the_check_sees_a_heavy_module_when_one_is_loaded() -> None:
    """The probe above can fail: the same code reports sqlalchemy once the store is imported."""
    code = (
        "import sys, zhospar.rules, zhospar.store\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({HEAVY!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "sqlalchemy" in out.stdout
