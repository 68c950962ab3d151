"""The indicator table and expenditure row of a program form, and the form's reading state.

See ``forms`` for the damage these rows carry and how each kind is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zhospar.i18n import Message
from zhospar.ingest._budget_cells import continues_digits, join_digits, no_values, read_value
from zhospar.ingest._budget_indicators import (
    Years,
    announces_list,
    header_span,
    header_years,
    indicator_kind,
    is_header_row,
    item_label,
    looks_like_item,
    parse_html_table,
    split_row,
    year_values,
)
from zhospar.ingest._budget_links import Links
from zhospar.ingest._sections import Section
from zhospar.ingest._text import SourceLine
from zhospar.ingest.report import ReadingReport, joined
from zhospar.model.plan import Expenditure, Indicator, IndicatorSection, ProgramIndicatorKind

__all__ = ["Block", "FormState", "table_row"]

# A program form's kind of indicators in words, as the reading notes name it.
KIND_WORDS = {
    ProgramIndicatorKind.QUANTITATIVE: Message("quantitative"),
    ProgramIndicatorKind.QUALITY: Message("quality"),
    ProgramIndicatorKind.EFFICIENCY: Message("efficiency"),
    ProgramIndicatorKind.RESULT: Message("result"),
}
_S = "program-form"
_INDICATORS = re.compile(r"^Көрсеткіштер$", re.IGNORECASE)
_MONEY = re.compile(r"^Бағдарламаны\s+іске\s+асыруға", re.IGNORECASE)


@dataclass
class Block:
    title: str | None
    line: int
    links: Links = field(default_factory=Links)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class _Wrapped:
    """The last row with values: wrapped digits on the next line complete it."""

    raws: list[str]
    rebuild: Callable[[list[str], str], None]


@dataclass
class FormState:
    section: Section
    code: str = ""
    name: str = ""
    administrator: str | None = None
    description: str | None = None
    blocks: list[Block] = field(default_factory=list)
    years: Years | None = None
    span: int | None = None
    kind: ProgramIndicatorKind | None = None
    parent: Indicator | None = None
    last: _Wrapped | None = None
    table_rows: dict[str, int] = field(default_factory=dict)
    expenditure: list[Expenditure] = field(default_factory=list)
    in_links: bool = False

    def block(self, line: SourceLine) -> Block:
        if not self.blocks:
            self.blocks.append(Block(None, line.no))
        return self.blocks[-1]


def table_row(line: SourceLine, cells: list[str], form: FormState, r: ReadingReport) -> None:
    first = cells[0] if cells else ""
    kind = indicator_kind(first)
    body = cells[1:] if kind is not None or not first else cells
    if _INDICATORS.match(first) and not any(cells[1:]):
        r.explain(line, _S, Message("heading of the indicator table"))
    elif kind is not None and "<table" in line.text.lower():
        _html_table(line, kind, form, r)
    elif is_header_row(body):
        _header(line, body, kind, form, r)
    elif _MONEY.match(first):
        _money(line, body, form, r)
    elif kind is not None and (not any(body) or no_values(body)):
        form.kind, form.parent, form.last = kind, None, None
        what = Message("no indicator of this kind") if any(body) else Message("kind label")
        r.explain(line, _S, Message("{kind} indicators: {what}", kind=KIND_WORDS[kind], what=what))
    else:
        _indicator_row(line, body, kind, form, r)


def _header(
    line: SourceLine,
    body: list[str],
    kind: ProgramIndicatorKind | None,
    form: FormState,
    r: ReadingReport,
) -> None:
    if kind is not None:
        form.kind, form.parent = kind, None
    form.span = header_span(body) or form.span
    years = header_years(body)
    if years:
        form.years = Years([y for y, _ in years], [n for _, n in years], form.span)
        form.span = None
    r.explain(line, _S, Message("column header of the indicator table"))


def _html_table(
    line: SourceLine, kind: ProgramIndicatorKind, form: FormState, r: ReadingReport
) -> None:
    text = line.text
    start = text.lower().index("<table")
    end = text.lower().find("</table>", start)
    table = parse_html_table(text[start : end + len("</table>")] if end >= 0 else text[start:])
    form.kind, form.parent = kind, None
    form.years = table.years or form.years
    for name, unit, raws in table.rows:
        form.table_rows[name] = line.no
        _add_indicator(line, name, unit, raws, kind, form, r)
    # The tab text after the table on this line repeats its rows; the line is read once.
    r.read(line, _S)


def _indicator_row(
    line: SourceLine,
    body: list[str],
    label: ProgramIndicatorKind | None,
    form: FormState,
    r: ReadingReport,
) -> None:
    name, unit, raws = split_row(body)
    if not name and _wraps(line, raws, form, r):
        return
    if name in form.table_rows:
        first = form.table_rows[name]
        r.explain(line, _S, Message("repeats a row of the HTML table on line {line}", line=first))
        return
    if name and unit is None and form.last and _wraps(line, raws, form, r, name):
        return
    if not name:
        r.not_understood(line, _S, Message("values with no indicator name"))
        return
    _add_indicator(line, name, unit, raws, label, form, r)


def _wraps(
    line: SourceLine, raws: list[str], form: FormState, r: ReadingReport, name: str = ""
) -> bool:
    last = form.last
    if last is None or not continues_digits(last.raws, [c for c in raws if c]):
        return False
    last.rebuild(join_digits(last.raws, [c for c in raws if c]), name)
    form.last = None  # a value is wrapped once at most
    r.read(line, _S)
    r.explain(line, _S, Message("low digits of the values on the line above (a wrapped cell)"))
    return True


def _add_indicator(
    line: SourceLine,
    name: str,
    unit: str | None,
    raws: list[str],
    label: ProgramIndicatorKind | None,
    form: FormState,
    r: ReadingReport,
) -> None:
    parent = form.parent
    if parent is not None and announces_list(parent.name) and looks_like_item(name):
        stray = label is not None and parent.kind is not None and label is not parent.kind
        if parent.kind is None:
            parent.kind = form.kind = label
        _add(line, name, unit or parent.unit, raws, parent, form, r, breakdown=True)
        if stray and label is not None:
            r.explain(
                line,
                _S,
                Message(
                    "an item of the indicator on line {line}: "
                    "the {kind} label beside it is out of place",
                    line=parent.line,
                    kind=KIND_WORDS[label],
                ),
            )
        return
    if label is not None:
        form.kind = label
    indicator = Indicator(
        id="", section=IndicatorSection.PROGRAM, name=name, unit=unit, kind=form.kind, line=line.no
    )
    form.parent = indicator
    form.block(line).indicators.append(indicator)
    _add(line, name, unit, raws, indicator, form, r, breakdown=False)
    if label is not None:
        for earlier in form.block(line).indicators:
            earlier.kind = earlier.kind or label


def _add(
    line: SourceLine,
    name: str,
    unit: str | None,
    raws: list[str],
    parent: Indicator,
    form: FormState,
    r: ReadingReport,
    *,
    breakdown: bool,
) -> None:
    number, text = item_label(name)
    target = parent
    if breakdown:
        target = Indicator(
            id="",
            section=IndicatorSection.PROGRAM,
            name=text,
            unit=unit,
            kind=parent.kind,
            breakdown=text,
            line=line.no,
        )
        parent.breakdowns.append(target)
    target.number, target.name = number, text

    def rebuild(cells: list[str], more_name: str) -> None:
        if more_name:
            target.name = f"{target.name} {more_name}"
        target.values, _problems = year_values(cells, years, line.no)

    years = form.years or Years([], [], None)
    target.values, problems = year_values(raws, years, line.no)
    form.last = _Wrapped(list(raws), rebuild) if raws else None
    if problems or (raws and form.years is None):
        reason = joined(problems) if problems else Message("values before any year header")
        r.not_understood(line, _S, reason)
        return
    r.read(line, _S)
    _note_short(line, raws, years, r)


def _note_short(line: SourceLine, raws: list[str], years: Years, r: ReadingReport) -> None:
    """Fewer cells than years: they are the first years (cells are lost at a row's end)."""
    if 0 < len(raws) < len(years.years):
        short = Message(
            "{count} values for {years} years: read as the first",
            count=len(raws),
            years=len(years.years),
        )
        r.explain(line, _S, short)


def _money(line: SourceLine, body: list[str], form: FormState, r: ReadingReport) -> None:
    """The program's expenditure per year ("мың теңге": thousand tenge)."""
    at = next((i for i, c in enumerate(body) if "теңге" in c.lower()), -1)
    raws = body[at + 1 :] if at >= 0 else [c for c in body if c]
    years = form.years
    if years is None:
        r.not_understood(line, _S, Message("expenditure before any year header"))
        return

    def rebuild(cells: list[str], _name: str) -> None:
        form.expenditure = _amounts(cells, years, line)

    form.expenditure = _amounts(raws, years, line)
    form.last = _Wrapped(list(raws), rebuild)
    form.parent = None
    bad = [e.raw for e in form.expenditure if e.value is None and e.raw and read_value(e.raw)[1]]
    bad += [c for c in raws[len(years.years) :] if c]
    if bad:
        bad_amounts = Message(
            "not amounts of the {years} years: {bad}", years=len(years.years), bad=bad
        )
        r.not_understood(line, _S, bad_amounts)
        return
    r.read(line, _S)
    _note_short(line, raws, years, r)


def _amounts(raws: list[str], years: Years, line: SourceLine) -> list[Expenditure]:
    money = []
    for index, raw in enumerate(raws[: len(years.years)]):
        kind, inferred = years.money_kind(index)
        value, _error = read_value(raw)
        money.append(
            Expenditure(
                year=years.years[index],
                kind=kind,
                value=value,
                raw=raw,
                line=line.no,
                inferred=inferred,
            )
        )
    return money
