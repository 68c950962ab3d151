"""The CLI reference (``docs/cli.md``), generated from the ``--help`` of every command.

The reference is never written by hand, so it cannot drift from the code: a test compares the
committed file with ``render_cli_docs()``. Regenerate it with::

    python3 -m uv run python -m zhospar.cli._docs > docs/cli.md

The help is rendered as plain text at a fixed width (Typer's Rich panels depend on the
terminal), so the output is the same on every machine.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer.core
from typer.main import get_command
from typer.testing import CliRunner

from zhospar.cli._app import app
from zhospar.cli._errors import EXIT_CODES

__all__ = ["render_cli_docs"]

_WIDTH = 100
_INTRO = """\
# The `zhospar` command

This reference is generated from the `--help` of every command; do not edit it by hand.
Regenerate it after changing a command:

```sh
python3 -m uv run python -m zhospar.cli._docs > docs/cli.md
```

In a terminal the same help is shown in Rich panels. Commands that read a plan take the plan
text file as an optional argument and read the bundled MLSP 2010-2014 plan when it is omitted.

## Exit status

Errors print one line, `zhospar: error: ...`, never a traceback, and exit with:

| status | meaning |
|--------|---------|
| 0 | done |
| 1 | `validate` found lines it did not understand; any other Zhospar error |
| 2 | a wrong command, option or option value |
"""


@contextmanager
def _plain_help() -> Iterator[None]:
    """Typer's plain (click) help instead of Rich panels, for a width-independent text."""
    saved = typer.core.HAS_RICH
    typer.core.HAS_RICH = False
    try:
        yield
    finally:
        typer.core.HAS_RICH = saved


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(
        app,
        [*args, "--help"],
        prog_name="zhospar",
        terminal_width=_WIDTH,
        max_content_width=_WIDTH,
    )
    if result.exit_code != 0:
        raise RuntimeError(f"zhospar {' '.join(args)} --help failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def _command_paths(command: object, path: list[str]) -> Iterator[list[str]]:
    """Every command and sub-command, depth first, in the order they were registered."""
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, [*path, name])


def _exit_status_rows() -> str:
    """One row per error class, from the CLI's own table (``cli._errors.EXIT_CODES``)."""
    rows = []
    for error, code in sorted(EXIT_CODES.items(), key=lambda item: (item[1], item[0].__name__)):
        meaning = (error.__doc__ or error.__name__).strip().splitlines()[0].rstrip(".")
        meaning = meaning[:1].lower() + meaning[1:]
        rows.append(f"| {code} | {meaning} (`{error.__name__}`) |")
    return "\n".join(rows) + "\n"


def render_cli_docs() -> str:
    """The whole reference as Markdown: the exit statuses, then every command's help."""
    parts = [_INTRO + _exit_status_rows()]
    with _plain_help():
        for path in _command_paths(get_command(app), []):
            parts += [f"## {' '.join(['zhospar', *path])}\n", f"```text\n{_help(path)}\n```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render_cli_docs())
