"""``zhospar report``: the annual implementation report, or the multi-year plan-vs-fact table.

The report package (and Pillow with it) is imported only when the command runs, so the CLI
starts fast.
"""

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli._options import PlanOption

if TYPE_CHECKING:
    from zhospar.evaluate import EvaluationOptions
    from zhospar.model.actuals import ActualInput
    from zhospar.model.assessments import RiskAssessment
    from zhospar.model.plan import Plan
    from zhospar.report import AnnualReport
    from zhospar.store import Overrides

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.command()(report)


def report(
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="The file to write: FILE.xlsx, FILE.docx or FILE.html."
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
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="kk|ru|en",
            help="The report's language: kk (Kazakh, the default), ru or en. The plan's own "
            "texts stay as published.",
        ),
    ] = "kk",
) -> None:
    """Write the annual implementation report of a year, or the multi-year table.

    Per direction and goal: every indicator with plan, fact, achievement, status and the
    recorded explanation of a deviation; budget execution by program; milestones; risks with
    the indicators that signal them; a plan-vs-fact chart of each target indicator. Facts come
    from the database unless --facts names import files.
    """
    from rich.console import Console

    from zhospar.i18n import parse_language, use_language
    from zhospar.report import (
        MULTIYEAR_FORMATS,
        build_multiyear,
        build_report,
        report_format,
        write_multiyear,
        write_report,
    )

    language = parse_language(lang)
    if language is None or language != lang.strip().lower():
        raise ValidationError(f'unknown language "{lang}": expected kk, ru or en')
    if (year is None) == (not all_years):
        raise ValidationError("give either --year YEAR or --all-years (one of them)")
    report_format(output, MULTIYEAR_FORMATS if all_years else (".xlsx", ".docx", ".html"))
    the_plan, values, origin, options = _plan_and_facts(plan, facts or [])
    with use_language(language):  # every word and number of the report, not the CLI's lines
        if all_years:
            table = build_multiyear(the_plan, values, options=options, facts_origin=origin)
            written = write_multiyear(table, output)
        else:
            assert year is not None
            assessed = None if facts else _assessments(plan, year)  # the stored plan's register
            built = build_report(
                the_plan, values, year, options=options, facts_origin=origin, assessments=assessed
            )
            written = write_report(_translated(built, plan, facts, language), output)
    Console(stderr=True).print(f"{written}: written ({origin})")


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


def _plan_and_facts(
    plan_key: str | None, files: Sequence[Path]
) -> "tuple[Plan, list[ActualInput], str, EvaluationOptions | None]":
    """The plan, its facts and the evaluation options: from import files when given, else from
    the database. A plan from the database comes with the users' overrides recorded for it."""
    if files:
        the_plan, found, cap = _plan_for_files(plan_key)
        values = _read_files(the_plan, files)
        names = ", ".join(f.name for f in files)
        origin = f"{len(values)} value(s) read from {names}"
        if found is None:
            return the_plan, values, origin, None
        applied = found.describe()
        options = replace(found.options(), cap=cap)
        return the_plan, values, f"{origin}; {applied}" if applied else origin, options
    from zhospar.store import evaluation_inputs, open_database

    with open_database() as db:
        stored = evaluation_inputs(db, plan_key)
    return stored.plan, list(stored.facts), stored.origin, stored.options()


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


def _assessments(plan_key: str | None, year: int) -> "dict[str, RiskAssessment]":
    """The planners' risk assessments of the stored plan in force for ``year``."""
    from zhospar.store import open_database
    from zhospar.store.risk_assessments import assessment_history, assessments_in_force

    with open_database() as db:
        return assessments_in_force(assessment_history(db, plan_key), year)
