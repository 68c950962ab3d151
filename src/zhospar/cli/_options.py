"""The options and arguments several commands share, declared once so their help reads the same.

Each is an ``Annotated`` alias for a command's signature. The choices the commands offer
(``ScoreLevel``, ``ShowSection``) are plain enums here rather than in the modules that use them,
because Typer reads them when it builds ``--help``: this module imports nothing but Typer, so
``zhospar --help`` does not pay for the libraries the commands run on.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "OutputOption",
    "PlanFileArgument",
    "PlanOption",
    "PlanOrBundledOption",
    "ScoreLevel",
    "ShowSection",
    "UserOption",
]

PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="KEY",
        help="Plan key (see `zhospar plans`); the first plan stored if omitted.",
    ),
]
PlanOrBundledOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="KEY",
        help="Plan key (see `zhospar plans`); the bundled plan if omitted (no database needed).",
    ),
]
PlanFileArgument = Annotated[
    Path | None,
    typer.Argument(
        help="A plan text file (UTF-8); the bundled MLSP 2010-2014 plan when omitted.",
        metavar="FILE",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of standard output."),
]
UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Who records it; $ZHOSPAR_USER or the login name if omitted."),
]


class ScoreLevel(StrEnum):
    """What ``zhospar score`` lists: indicator rows, the aggregates of a level, or the budget."""

    INDICATOR = "indicator"
    TASK = "task"
    GOAL = "goal"
    DIRECTION = "direction"
    PROGRAM = "program"
    PLAN = "plan"
    BUDGET = "budget"


class ShowSection(StrEnum):
    """The parts of the plan ``zhospar show --section`` can limit the tree to."""

    DIRECTIONS = "directions"
    ALIGNMENT = "alignment"
    RISKS = "risks"
    ACTS = "acts"
    PROGRAMS = "programs"
