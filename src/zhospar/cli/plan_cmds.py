"""Commands that read a plan text: summary, validate, show, export, import-json.

Each command is a thin layer: it reads the plan with ``zhospar.ingest.read_plan``, hands it to
the library (``zhospar.export``) and prints. Errors are ZhosparError subclasses; ``cli._errors``
turns them into one line and an exit code.
"""

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli._options import (
    OutputOption,
    PlanFileArgument,
    PlanOrBundledOption,
    ShowSection,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from zhospar.ingest import LineNote, ReadingReport, ReadResult
    from zhospar.model.plan import ActRef, Plan

__all__ = ["register"]

AllowGapsOption = Annotated[
    bool,
    typer.Option(
        "--allow-gaps",
        help="Go on when lines were not understood or sections not found (a warning on "
        "standard error instead of exit status 1).",
    ),
]


class ExportFormat(StrEnum):
    JSON = "json"
    XLSX = "xlsx"


def register(app: typer.Typer) -> None:
    app.command()(summary)
    app.command()(validate)
    app.command()(show)
    app.command()(export)
    app.command("import-json")(import_json)


def _console(stderr: bool = False) -> "Console":
    """A console that never fails on Kazakh letters: a terminal or pipe whose encoding
    cannot show them (cp1251, ASCII) gets "?" in their place instead of a traceback."""
    stream = sys.stderr if stderr else sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    from rich.console import Console

    return Console(highlight=False, file=stream)


def _act(act: "ActRef") -> str:
    date = f" of {act.date.isoformat()}" if act.date else ""
    return f"{act.kind} № {act.number}{date}"


def _counts_table(plan: "Plan") -> "Table":
    from rich.table import Table

    from zhospar.export import element_counts

    table = Table("element", "count", box=None, pad_edge=False)
    table.columns[1].justify = "right"
    for element, count in element_counts(plan).items():
        table.add_row(element, str(count))
    return table


def _report_line(report: "ReadingReport") -> "Text":
    from rich.text import Text

    from zhospar.ingest import LineStatus

    counts = report.counts()
    return Text(
        f"Lines: {counts[LineStatus.READ]} read, {counts[LineStatus.EXPLAINED]} explained, "
        f"{counts[LineStatus.NOT_UNDERSTOOD]} not understood"
    )


def _check_reading(result: "ReadResult", allow_gaps: bool) -> None:
    """Refuse (exit status 1) a reading with lines not understood or sections not found, or
    with --allow-gaps warn about it on standard error and go on."""
    problem = result.incomplete
    if problem is None:
        return
    where = f"{result.report.file}: {problem}"
    if allow_gaps:
        print(f"zhospar: warning: {where}; going on (--allow-gaps)", file=sys.stderr)
        return
    print(
        f"zhospar: error: {where}; run `zhospar validate` for the details, "
        "or give --allow-gaps to go on",
        file=sys.stderr,
    )
    raise typer.Exit(code=1)


def summary(file: PlanFileArgument = None, allow_gaps: AllowGapsOption = False) -> None:
    """Print the plan's title, act, period, counts and reading report.

    The counts are of directions, goals, tasks, indicators, values, milestones, programs,
    forms, risks and legal acts; the reading counts say how many lines of the text were read,
    explained (headings and the like) or not understood.

    Exit status 1 (after the summary) when a line was not understood or a section was not
    found, unless --allow-gaps (then a warning on standard error); 3 when the file cannot be
    read as a plan.
    """
    from rich.text import Text

    from zhospar.ingest import read_plan

    result = read_plan(file)
    plan, report = result.plan, result.report
    console = _console()
    console.print(Text(plan.title or "(no title found)", style="bold"))
    if plan.ministry:
        console.print(Text(plan.ministry))
    approved = _act(plan.approved_by) if plan.approved_by else "(not found)"
    console.print(Text(f"Approved by: {approved}"))
    if plan.amended_by:
        console.print(Text("Amended by: " + "; ".join(_act(a) for a in plan.amended_by)))
    years = ", ".join(str(y) for y in plan.reported_years) or "none"
    console.print(Text(f"Period: {plan.period_start}-{plan.period_end} (reported years: {years})"))
    console.print()
    console.print(_counts_table(plan))
    console.print()
    console.print(_report_line(report))
    if not report.ok:
        console.print(Text("Run `zhospar validate` to list the lines that were not understood."))
    _check_reading(result, allow_gaps)


def _note_line(note: "LineNote") -> "Text":
    from rich.text import Text

    text = Text(f"  line {note.line}", style="bold")
    text.append(f"  [{note.section}]  ")
    text.append(note.shown or note.status.value)
    return text


def validate(
    file: PlanFileArgument = None,
    explained: Annotated[
        bool, typer.Option("--explained", help="Also list the explained lines with reasons.")
    ] = False,
) -> None:
    """Check the reading: counts, gaps and every line not understood.

    Prints the counts per element, the sections not found, the plan's gaps (parts the format
    requires that the published text itself lacks) and every line that was not understood,
    with its line number, section and reason. With --explained, also every explained line
    (headings, column headers, ...).

    Exit status: 0 when every line was read or explained and every section found (gaps of the
    document itself are reported, not failed); 1 when some lines were not understood or some
    section was not found; 2 on a wrong option; 3 when the file cannot be read as a plan
    (missing, not UTF-8, empty, truncated, not a plan, a title period that disagrees with the
    tables' year headers).
    """
    from rich.text import Text

    from zhospar.ingest import LineStatus, read_plan
    from zhospar.model.plan import GapKind

    result = read_plan(file)
    plan, report = result.plan, result.report
    console = _console()
    console.print(Text(f"Reading report for {report.file}", style="bold"))
    console.print(_counts_table(plan))
    console.print(_report_line(report))
    missing = result.missing_sections
    console.print(Text(f"Sections not found ({len(missing)}):", style="bold"))
    for gap in missing:
        console.print(Text(f"  {gap.where}: {gap.what}"))
    gaps = [g for g in plan.gaps if g.kind is GapKind.DOCUMENT]
    console.print(Text(f"Gaps in the plan ({len(gaps)}), as published:", style="bold"))
    for gap in gaps:
        where = f" (line {gap.line})" if gap.line else ""
        console.print(Text(f"  {gap.where}: {gap.what}{where}"))
    problems = report.problems
    console.print(Text(f"Not understood ({len(problems)}):", style="bold"))
    for note in problems:
        console.print(_note_line(note))
    if explained:
        notes = [n for n in report.notes.values() if n.status is LineStatus.EXPLAINED]
        console.print(Text(f"Explained ({len(notes)}):", style="bold"))
        for note in sorted(notes, key=lambda n: n.line):
            console.print(_note_line(note))
    problem = result.incomplete
    if problem is not None:
        console.print(Text(f"FAILED: {problem}", style="red"))
        raise typer.Exit(code=1)
    console.print(Text("OK: every line was read or explained, every section found", style="green"))


def show(
    file: PlanFileArgument = None,
    section: Annotated[
        ShowSection | None,
        typer.Option("--section", "-s", help="Show only this part of the plan."),
    ] = None,
    allow_gaps: AllowGapsOption = False,
) -> None:
    """Show the plan as a tree; --section limits it to one part.

    Directions -> goals -> target indicators (unit, values per year) -> tasks -> indicators
    and milestones; budget programs with their expenditure and their forms' indicators;
    alignment with the state's goals; risks; legal acts. Deleted items are marked DELETED.

    Exit status 1 (nothing shown) when a line was not understood or a section was not found,
    unless --allow-gaps (then a warning on standard error).
    """
    from zhospar.cli._plan_tree import plan_tree
    from zhospar.ingest import read_plan

    result = read_plan(file)
    _check_reading(result, allow_gaps)
    _console().print(plan_tree(result.plan, section))


def export(
    file: PlanFileArgument = None,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="json: the whole model; xlsx: the plan workbook (needs -o)."
        ),
    ] = None,
    tidy: Annotated[
        bool,
        typer.Option(
            "--tidy",
            help="CSV with one row per indicator value and per program expenditure value.",
        ),
    ] = False,
    output: OutputOption = None,
    allow_gaps: AllowGapsOption = False,
    plan: PlanOrBundledOption = None,
) -> None:
    """Export the plan as JSON, the plan workbook (XLSX) or tidy CSV.

    JSON (the default) is the whole model, which import-json reads back. xlsx writes the plan
    workbook (docs/workbook.md) to -o FILE: the whole plan, which `zhospar plan load` reads
    back. --tidy writes CSV with the columns indicator_id, section (target, task, program or
    expenditure), direction, goal, task, program, name, breakdown, unit, year, phase, value,
    source_line; text that a spreadsheet would run as a formula is prefixed with a quote.
    --plan KEY exports a plan stored in the database instead of a text.

    Exit status 1 (nothing written) when a line was not understood or a section was not
    found, unless --allow-gaps (then a warning on standard error).
    """
    from rich.text import Text

    from zhospar.export import plan_to_json, tidy_csv, write_workbook

    if tidy and fmt is not None:
        raise ValidationError("choose either --tidy or --format, not both")
    if fmt is ExportFormat.XLSX and output is None:
        raise ValidationError("--format xlsx writes a file: give it with -o FILE.xlsx")
    the_plan, report = _plan_to_export(file, plan, allow_gaps)
    if fmt is ExportFormat.XLSX:
        assert output is not None
        write_workbook(the_plan, output, report)
        _console(stderr=True).print(Text(f"wrote {output}"))
        return
    _emit(tidy_csv(the_plan) if tidy else plan_to_json(the_plan), output)


def _plan_to_export(
    file: Path | None, plan_key: str | None, allow_gaps: bool
) -> tuple["Plan", "ReadingReport | None"]:
    """The plan read from ``file`` (with its reading report, refused when the reading is
    incomplete unless ``allow_gaps``), or stored under ``plan_key``."""
    if plan_key is None:
        from zhospar.ingest import read_plan

        result = read_plan(file)
        _check_reading(result, allow_gaps)
        return result.plan, result.report
    if file is not None:
        raise ValidationError("give either a plan FILE or --plan KEY, not both")
    from zhospar.store import Settings, load_plan, open_database

    with open_database(Settings.from_env().database_url) as db:
        return load_plan(db, plan_key), None


def import_json(
    file: Annotated[
        Path, typer.Argument(help="A JSON file written by `zhospar export`.", metavar="FILE")
    ],
    output: OutputOption = None,
) -> None:
    """Read a JSON export back and write it out again as JSON.

    Exporting the result again gives the same bytes: export -> import-json -> export is
    identical. A file that is not valid JSON or not a plan export exits with status 3.
    """
    from zhospar.export import plan_to_json, read_plan_json

    _emit(plan_to_json(read_plan_json(file)), output)


def _emit(text: str, output: Path | None) -> None:
    """Text to standard output, or to ``output`` as UTF-8 with line ends kept as they are."""
    if output is None:
        # JSON and CSV are UTF-8 files whatever the terminal's encoding is.
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
            return
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as exc:
        raise ValidationError(f"{output}: cannot write ({exc.strerror})") from None
