"""The Typer application; command modules register themselves on import."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="zhospar",
    help="Zhospar: monitoring and evaluation of government strategic plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Zhospar: monitoring and evaluation of government strategic plans."""


from zhospar.cli import audit_cmds as audit_cmds  # noqa: E402  (registers commands)
from zhospar.cli import evaluate_cmds as evaluate_cmds  # noqa: E402  (registers commands)
from zhospar.cli import import_cmds as import_cmds  # noqa: E402  (registers commands)
from zhospar.cli import people_cmds as people_cmds  # noqa: E402  (registers commands)
from zhospar.cli import period_cmds as period_cmds  # noqa: E402  (registers commands)
from zhospar.cli import plan_cmds  # noqa: E402,F401  (registers commands)
from zhospar.cli import report_cmds as report_cmds  # noqa: E402  (registers commands)
from zhospar.cli import scale_cmds as scale_cmds  # noqa: E402  (registers commands)
from zhospar.cli import store_cmds as store_cmds  # noqa: E402  (registers commands)
from zhospar.cli import web_cmds as web_cmds  # noqa: E402  (registers commands)
