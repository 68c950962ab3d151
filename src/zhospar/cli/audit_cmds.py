"""``zhospar audit``: where the plan's own figures contradict each other.

A thin layer over ``zhospar.audit.audit_plan``: read the plan, audit it, print the findings as a
Rich table (for people) or JSON / CSV (for machines; ``cli._audit_output``). Findings are a
report, not an error: the command exits 0 unless ``--fail-on-findings`` is given.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhospar.audit import FindingKind
from zhospar.cli._options import OutputOption, PlanFileArgument

__all__ = ["register"]

EXIT_FINDINGS = 1  # with --fail-on-findings, when the audit found anything


class AuditFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def register(app: typer.Typer) -> None:
    app.command()(audit)


def audit(
    file: PlanFileArgument = None,
    output_format: Annotated[
        AuditFormat, typer.Option("--format", help="table (for reading), json or csv.")
    ] = AuditFormat.TABLE,
    output: OutputOption = None,
    kind: Annotated[
        list[FindingKind] | None,
        typer.Option("--kind", help="Only findings of this kind; repeat for several."),
    ] = None,
    fail_on_findings: Annotated[
        bool,
        typer.Option("--fail-on-findings", help="Exit 1 when there is any finding (for CI)."),
    ] = False,
) -> None:
    """Audit the plan's own figures: every place where they disagree.

    Compares each program's expenditure in the list of programs, its form and the allocation
    appendix; the list's totals with their programs; each goal's total in the appendix with its
    rows; counts with their breakdown rows. Each finding names both places (section, line,
    value), the year and the difference, and says whether the amending resolutions may explain
    it. Exits 0 even with findings, unless --fail-on-findings is given.
    """
    import json

    from zhospar.audit import audit_plan
    from zhospar.cli._audit_output import print_table, to_csv, to_json
    from zhospar.ingest import read_plan

    result = read_plan(file)
    audited = audit_plan(result.plan, kinds=kind)
    source = result.plan.source.name if result.plan.source else str(file)
    if output_format is AuditFormat.JSON:
        _emit(json.dumps(to_json(audited, source), ensure_ascii=False, indent=2) + "\n", output)
    elif output_format is AuditFormat.CSV:
        _emit(to_csv(audited.findings), output)
    else:
        print_table(audited, source, output)
    if fail_on_findings and audited.findings:
        raise typer.Exit(EXIT_FINDINGS)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
