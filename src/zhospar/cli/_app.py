"""The Typer application: every command module registers its commands here, in this order.

Importing the CLI loads Typer and the command declarations only; each command imports the
libraries it runs on (SQLAlchemy, DuckDB, the report writers, the web server) when it runs, so
``zhospar --help`` and ``zhospar --version`` answer at once. The help is plain text (click's),
not Rich panels: rendering those loads Rich's Markdown and syntax highlighting, which takes
longer than all of the rest. The command modules do not use ``from __future__ import
annotations``: Typer would compile and evaluate every string annotation twice to build the help,
four times the work (annotations of names imported only for type checking are quoted instead).
"""

from typing import Annotated

import typer

from zhospar.cli import (
    amend_cmds,
    audit_cmds,
    evaluate_cmds,
    import_cmds,
    people_cmds,
    period_cmds,
    plan_cmds,
    plan_settings_cmds,
    reason_cmds,
    report_cmds,
    score_file_cmds,
    store_cmds,
    web_cmds,
)

__all__ = ["app", "build_app"]

_HELP = "Zhospar: monitoring and evaluation of government strategic plans."
_COMMAND_MODULES = (
    amend_cmds,
    audit_cmds,
    evaluate_cmds,
    import_cmds,
    people_cmds,
    period_cmds,
    plan_cmds,
    plan_settings_cmds,
    reason_cmds,
    report_cmds,
    score_file_cmds,
    store_cmds,
    web_cmds,
)


def _print_version(value: bool) -> None:
    if value:
        from zhospar.cli._version import version_line

        typer.echo(version_line())
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print Zhospar's version and exit.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    """Zhospar: monitoring and evaluation of government strategic plans."""
    from zhospar.i18n import cli_language, use_language

    # Every command speaks ZHOSPAR_LANG (default English) until it ends.
    ctx.with_resource(use_language(cli_language()))


def build_app() -> typer.Typer:
    """The ``zhospar`` command with every command module's commands."""
    app = typer.Typer(
        name="zhospar",
        help=_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for module in _COMMAND_MODULES:
        module.register(app)
    return app


app = build_app()
