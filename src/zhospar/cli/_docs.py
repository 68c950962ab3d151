"""The CLI reference (``docs/cli.md``), generated from the ``--help`` of every command.

The reference is never written by hand, so it cannot drift from the code: a test compares the
committed file with ``render_cli_docs()``. Regenerate it with::

    python3 -m uv run python -m zhospar.cli._docs > docs/cli.md

The help is plain text (the CLI shows no Rich panels, see ``cli._app``), rendered at a fixed
width, so the output is the same on every machine.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

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

Commands that read a plan take the plan text file as an optional argument and read the bundled
MLSP 2010-2014 plan when it is omitted. `zhospar --version` prints the installed version (e.g.
`zhospar 0.1.0`) and exits; it and `zhospar --help` start at once, as no command's libraries
are loaded until that command runs.

## Exit status

Errors print one line, `zhospar: error: ...`, never a traceback, and exit with:

| status | meaning |
|--------|---------|
| 0 | done |
| 1 | `validate` found lines it did not understand; any other Zhospar error |
| 2 | a wrong command, option or option value |
"""


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
    for path in _command_paths(get_command(app), []):
        parts += [f"## {' '.join(['zhospar', *path])}\n", f"```text\n{_help(path)}\n```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render_cli_docs())
