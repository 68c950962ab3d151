"""``zhospar report``: the annual implementation report, the official form, or the multi-year
plan-vs-fact table.

The report package (and Pillow and ReportLab with it) is imported only when the command runs,
so the CLI starts fast.
"""

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli._options import PlanOption

if TYPE_CHECKING:
    from zhospar.evaluate import EvaluationOptions
    from zhospar.i18n import Language
    from zhospar.model.actuals import ActualInput
    from zhospar.model.plan import Plan
    from zhospar.report import AnnualReport
    from zhospar.store import Overrides

__all__ = ["Form", "register"]


class Form(StrEnum):
    """Which report: Zhospar's annual report, or the published form of the state's report."""

    ANNUAL = "annual"
    OFFICIAL = "official"


def register(app: typer.Typer) -> None:
    app.command()(report)


def report(
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="The file to write: FILE.xlsx, FILE.docx, FILE.pdf or FILE.html.",
        ),
    ],
    year: Annotated[
        int | None, typer.Option(help="The year to report on, e.g. 2011 (one of the plan's).")
    ] = None,
    all_years: Annotated[
        bool,
        typer.Option(
            "--all-years",
            help="Write the plan-vs-fact table of every indicator in every year (.xlsx or .html).",
        ),
    ] = False,
    form: Annotated[
        Form,
        typer.Option(
            help="annual: Zhospar's annual report; official: the published form of a state "
            "body's report on its strategic plan (Appendix 5 to the Methodological instruction "
            "on monitoring), with the reasons for non-achievement (with --year).",
        ),
    ] = Form.ANNUAL,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="kk|ru|en",
            help="The report's language: kk (Kazakh, the default), ru or en. The plan's own "
            "texts stay as published.",
        ),
    ] = "kk",
    plan: PlanOption = None,
    facts: Annotated[
        list[Path] | None,
        typer.Option(
            "--facts",
            metavar="FILE",
            help="Read facts from this CSV or XLSX import file instead of the database "
            "(repeat for several files). Without --plan the bundled plan is used.",
        ),
    ] = None,
) -> None:
    """Write the annual implementation report of a year, the official form, or the multi-year
    table.

    Per direction and goal: every indicator with plan, fact, achievement, status and the
    recorded explanation of a deviation; budget execution by program; milestones; risks with
    the indicators that signal them; a plan-vs-fact chart of each target indicator. With
    --form official: the state's published form (direction, goal and its budget programs,
    target indicators, tasks, direct-result indicators; plan, fact, status and the reason for
    non-achievement). Facts come from the database unless --facts names import files. Every
    report says whether the year is approved (by whom, when) or a draft, on every page.
    """
    from rich.console import Console

    from zhospar.i18n import parse_language, use_language
    from zhospar.report import (
        FORMATS,
        MULTIYEAR_FORMATS,
        OFFICIAL_FORMATS,
        build_multiyear,
        report_format,
        write_multiyear,
    )

    if (year is None) == (not all_years):
        raise ValidationError("give either --year YEAR or --all-years (one of them)")
    language = parse_language(lang)
    if language is None or language != lang.strip().lower():
        raise ValidationError(f'unknown language "{lang}": expected kk, ru or en')
    if all_years and form is Form.OFFICIAL:
        raise ValidationError("the official form is of one year: give --year YEAR")
    official = form is Form.OFFICIAL
    report_format(
        output, MULTIYEAR_FORMATS if all_years else OFFICIAL_FORMATS if official else FORMATS
    )
    if facts:  # read in the CLI's language: a problem of the file is the CLI's message
        the_plan, values, origin, options = _plan_and_facts(plan, facts, language)
    with use_language(language):  # every word and number of the report, not the CLI's lines
        if facts:
            if all_years:
                table = build_multiyear(the_plan, values, options=options, facts_origin=origin)
                written = write_multiyear(table, output)
            else:
                assert year is not None
                built = _from_files(the_plan, values, origin, options, year)
                written = _write(built, the_plan, official, output, plan, facts, language)
        else:
            written, origin = _from_database(plan, year, official, output, language)
    Console(stderr=True).print(f"{written}: written ({origin})")


def _from_files(
    the_plan: "Plan",
    values: "list[ActualInput]",
    origin: str,
    options: "EvaluationOptions | None",
    year: int,
) -> "AnnualReport":
    """A year's report on facts read from files: no sign-off, no reasons (a draft)."""
    from zhospar.report import build_report

    return build_report(the_plan, values, year, options=options, facts_origin=origin)


def _write(
    built: "AnnualReport",
    the_plan: "Plan",
    official: bool,
    output: Path,
    plan_key: str | None,
    files: list[Path] | None,
    language: str,
) -> Path:
    from zhospar.report import official_form, write_official, write_report

    translated = _translated(built, plan_key, files, language)
    if official:
        return write_official(official_form(the_plan, translated), output)
    return write_report(translated, output)


def _translated(
    built: "AnnualReport", plan_key: str | None, files: list[Path] | None, language: str
) -> "AnnualReport":
    """The report with the stored plan's names in ``language`` where translations are loaded
    (the published names beside them); the bundled plan read from its text has none."""
    if language == "kk" or (files and plan_key is None):
        return built
    from zhospar.report.names import with_translated_names
    from zhospar.store import open_database
    from zhospar.store.translations import translations_in_force

    with open_database() as db:
        names = translations_in_force(db, plan_key, language)
    return with_translated_names(built, names)


def _from_database(
    plan_key: str | None, year: int | None, official: bool, output: Path, language: str
) -> tuple[Path, str]:
    """A year's report, or the multi-year table, of the stored plan, read through the service
    layer the pages use: the year's sign-off, the risk assessments and the reasons in force."""
    from zhospar.report import build_multiyear, write_multiyear, write_official, write_report
    from zhospar.services import queries
    from zhospar.store import evaluation_inputs, open_database

    with open_database() as db:
        stored = evaluation_inputs(db, plan_key)
        if year is None:
            table = build_multiyear(
                stored.plan, stored.facts, options=stored.options(), facts_origin=stored.origin
            )
            return write_multiyear(table, output), stored.origin
        chosen = queries.check_year(stored, year)
        built = _translated(queries.year_report(stored, chosen), plan_key, None, language)
        if official:
            written = write_official(queries.official_report(db, stored, chosen, built), output)
        else:
            written = write_report(built, output)
        return written, stored.origin


def _plan_and_facts(
    plan_key: str | None, files: Sequence[Path], language: "Language"
) -> "tuple[Plan, list[ActualInput], str, EvaluationOptions | None]":
    """The plan, the facts of import files, where they came from (in the report's
    ``language``: the report prints it) and the evaluation options. A plan from the database
    comes with the users' overrides recorded for it."""
    from zhospar.i18n import ngettext, use_language

    the_plan, found, cap = _plan_for_files(plan_key)
    values = _read_files(the_plan, files)
    names = ", ".join(f.name for f in files)
    with use_language(language):
        origin = ngettext(
            "{count} value read from {files}", "{count} values read from {files}", len(values)
        ).format(count=len(values), files=names)
        applied = found.describe() if found is not None else ""
    if found is None:
        return the_plan, values, origin, None
    options = replace(found.options(), cap=cap)
    return the_plan, values, f"{origin}; {applied}" if applied else origin, options


def _plan_for_files(plan_key: str | None) -> "tuple[Plan, Overrides | None, Decimal]":
    """The bundled plan; or a stored plan, with the overrides recorded for it and its cap."""
    if plan_key is None:
        from zhospar.evaluate.aggregate import CAP
        from zhospar.ingest import read_plan

        return read_plan().plan, None, CAP
    from zhospar.store import open_database
    from zhospar.store.evaluation import plan_overrides
    from zhospar.store.plan_settings import cap_in_force

    with open_database() as db:
        the_plan = db.load_plan(plan_key)
        return the_plan, plan_overrides(db, plan_key, the_plan), cap_in_force(db, plan_key)[0]


def _read_files(plan: "Plan", files: Sequence[Path]) -> "list[ActualInput]":
    """Every file's values, checked by the import's own reader and validator."""
    from zhospar.imports import parse_file

    values: list[ActualInput] = []
    for path in files:
        values.extend(parse_file(path, plan))
    return values
