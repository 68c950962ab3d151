"""The pages ask ``zhospar.services``, never the JSON API: no module of ``zhospar.web`` imports
``zhospar.api`` (``zhospar.server`` puts the two together)."""

from __future__ import annotations

import ast
from pathlib import Path

import zhospar.web

WEB = Path(zhospar.web.__file__).parent


def api_imports(source: str) -> list[str]:
    """Every import of ``zhospar.api`` (or a module in it) in ``source``, as written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_api(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
            found += [n for n in names if _is_api(n)]
    return found


def _is_api(name: str) -> bool:
    return name == "zhospar.api" or name.startswith("zhospar.api.")


def test_no_page_module_imports_the_api() -> None:
    modules = sorted(WEB.rglob("*.py"))
    assert len(modules) >= 15  # the pages, their helpers and the app: the walk found them
    offending = {
        str(m.relative_to(WEB)): found
        for m in modules
        if (found := api_imports(m.read_text(encoding="utf-8")))
    }
    assert offending == {}


def test_the_check_sees_every_form_of_import() -> None:
    source = (
        "import zhospar.api.routes\n"
        "from zhospar.api.models import IndicatorOut\n"
        "from zhospar import api\n"
        "from zhospar.services import queries\n"
        "import zhospar.apiary\n"
    )
    assert api_imports(source) == [
        "zhospar.api.routes",
        "zhospar.api.models.IndicatorOut",
        "zhospar.api",
    ]
