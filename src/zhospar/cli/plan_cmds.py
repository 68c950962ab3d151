"""Commands that read a plan text: summary, validate, show, export, import-json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from zhospar.cli._app import app
from zhospar.ingest import read_plan

PlanFile = Annotated[
    Path | None,
    typer.Argument(help="A plan text file; the bundled MLSP 2010-2014 plan when omitted."),
]


@app.command()
def summary(file: PlanFile = None) -> None:
    """Print a short summary of the plan."""
    result = read_plan(file)
    plan = result.plan
    console = Console()
    console.print(f"[bold]{plan.title}[/bold]")
    console.print(f"{plan.period_start}-{plan.period_end}, {len(plan.directions)} directions")
