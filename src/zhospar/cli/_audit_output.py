"""What ``zhospar audit`` prints: the findings as a Rich table (or one block per finding on a
narrow terminal) for people, JSON or CSV for machines.

Kept apart from the command's declaration so that ``zhospar --help`` loads neither Rich nor the
audit; the command imports this module when it runs.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from zhospar.audit import AuditResult, Finding, Place
from zhospar.audit import format_value as fmt
from zhospar.export.tidy import guard_text

__all__ = ["CSV_COLUMNS", "finding_json", "print_table", "to_csv", "to_json"]

CSV_COLUMNS = [
    "id",
    "kind",
    "severity",
    "explanation",
    "acts",
    "year",
    "expenditure_kind",
    "subject",
    "a_section",
    "a_line",
    "a_lines",
    "a_label",
    "a_value",
    "b_section",
    "b_line",
    "b_lines",
    "b_label",
    "b_value",
    "difference",
    "note",
]


# --- table ------------------------------------------------------------------------------------


def print_table(audited: AuditResult, source: str, output: Path | None) -> None:
    if output is None:
        _render(Console(highlight=False), audited, source)
        return
    with output.open("w", encoding="utf-8") as handle:
        _render(Console(file=handle, width=200, highlight=False, no_color=True), audited, source)


_WIDE = 120  # narrower than this, a table of seven columns wraps each cell to a few letters


def _render(console: Console, audited: AuditResult, source: str) -> None:
    title = f"Audit of {source}: {len(audited.findings)} finding(s)"
    if console.width < _WIDE:
        _render_records(console, audited, title)
    else:
        _render_table(console, audited, title)
    counts = ", ".join(f"{k}: {n}" for k, n in audited.counts().items() if n)
    console.print(f"Findings by kind: {counts or 'none'}")
    console.print(f"Comparisons not made: {len(audited.skipped)} (see --format json, 'skipped')")


def _render_records(console: Console, audited: AuditResult, title: str) -> None:
    """One block per finding, for a terminal too narrow for the table: its heading, then both
    places and the explanation, indented."""
    console.print(title, style="bold")
    for number, f in enumerate(audited.findings, 1):
        difference = fmt(f.difference) if f.difference is not None else "—"
        console.print(
            f"\n{number}. {escape(f.kind.value)}, {f.severity.value}, {_year(f)}: "
            f"difference {difference}"
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row("A", _place_text(f.a))
        grid.add_row("B", _place_text(f.b))
        grid.add_row("", escape(f.explanation_text + (f"\n{f.note}" if f.note else "")))
        console.print(Padding(grid, (0, 0, 0, 3)))
    console.print()


def _year(f: Finding) -> str:
    return f"{f.year}" + (f" {f.expenditure_kind.value}" if f.expenditure_kind else "")


def _render_table(console: Console, audited: AuditResult, title: str) -> None:
    table = Table(title=title, show_lines=True)
    for header in ("kind", "severity", "year", "place A", "place B", "difference"):
        table.add_column(header, justify="right" if header == "difference" else "left")
    table.add_column("explanation")
    for f in audited.findings:
        table.add_row(
            f.kind.value,
            f.severity.value,
            _year(f),
            _place_text(f.a),
            _place_text(f.b),
            fmt(f.difference) if f.difference is not None else "—",
            escape(f.explanation_text + (f"\n{f.note}" if f.note else "")),
        )
    console.print(table)


def _place_text(place: Place) -> str:
    lines = place.lines or ((place.line,) if place.line is not None else ())
    where = "lines " + ", ".join(map(str, lines)) if len(lines) > 1 else f"line {place.line}"
    if not lines:
        where = "not stated"
    return f"{place.section}, {where}:\n[bold]{fmt(place.value)}[/bold]\n{escape(place.label)}"


# --- json and csv -----------------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "section": place.section,
        "line": place.line,
        "lines": list(place.lines) or ([place.line] if place.line is not None else []),
        "value": _number(place.value),
        "label": place.label,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "kind": f.kind.value,
        "severity": f.severity.value,
        "explanation": f.explanation.value,
        "explanation_text": f.explanation_text,
        "acts": list(f.acts),
        "year": f.year,
        "expenditure_kind": f.expenditure_kind.value if f.expenditure_kind else None,
        "subject": f.subject,
        "a": _place_json(f.a),
        "b": _place_json(f.b),
        "difference": _number(f.difference),
        "note": f.note,
    }


def to_json(audited: AuditResult, source: str) -> dict[str, Any]:
    return {
        "source": source,
        "counts": audited.counts(),
        "findings": [finding_json(f) for f in audited.findings],
        "skipped": [
            {
                "check": s.check.value,
                "year": s.year,
                "subjects": list(s.subjects),
                "reason": s.reason,
                "lines": list(s.lines),
            }
            for s in audited.skipped
        ],
    }


def to_csv(findings: list[Finding]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        data = finding_json(f)
        row: list[object] = []
        for column in CSV_COLUMNS:
            row.append(_csv_cell(column, data))
        writer.writerow(row)
    return buffer.getvalue()


def _csv_cell(column: str, data: dict[str, Any]) -> object:
    value = data[column[0]][column[2:]] if column.startswith(("a_", "b_")) else data[column]
    if value is None:
        return ""
    if isinstance(value, list):
        return guard_text(";".join(map(str, value)))
    if isinstance(value, str):
        return guard_text(value)
    return value
