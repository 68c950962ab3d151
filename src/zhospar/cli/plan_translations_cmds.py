"""``zhospar plan translations import|template``: a plan's names in Russian and English.

A translator fills in the template (ids and published Kazakh names, ``zhospar plan translations
template --lang ru -o FILE``) and it is loaded with ``zhospar plan translations import FILE``:
every row is checked first, and one bad row refuses the whole file (with every problem and its
row). Loading again adds rows; the latest translation of a name is in force, the older ones
are kept.
"""

from pathlib import Path
from typing import Annotated

import typer

from zhospar.cli._options import PlanOption, UserOption

__all__ = ["attach"]


def attach(plan_app: typer.Typer) -> None:
    """Add the ``translations`` group to ``zhospar plan``."""
    group = typer.Typer(help="The plan's names in Russian and English (CSV: id, lang, text).")
    group.command("import")(translations_import)
    group.command("template")(translations_template)
    plan_app.add_typer(group, name="translations", no_args_is_help=True)


def translations_import(
    file: Annotated[Path, typer.Argument(help="The CSV with the columns id, lang, text.")],
    plan: PlanOption = None,
    user: UserOption = None,
) -> None:
    """Load translations of the plan's names from a CSV (all rows or none)."""
    from zhospar.cli.evaluate_cmds import _console, _open
    from zhospar.imports.translations import read_translations
    from zhospar.store import Settings
    from zhospar.store.translations import record_translations

    with _open() as db:
        key = plan or db.default_plan_key()
        rows = read_translations(file, db.load_plan(key))
        count = record_translations(
            db, key, rows, file=file.name, user=user or Settings.from_env().user
        )
    languages = ", ".join(sorted({row.lang for row in rows}))
    _console().print(f"{count} name translation(s) ({languages}) recorded for {key}")


def translations_template(
    lang: Annotated[str, typer.Option("--lang", help="The language to translate into: ru or en.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The CSV file to write.")],
    plan: PlanOption = None,
) -> None:
    """Write the translators' CSV: every id of the plan with its published (Kazakh) name."""
    from zhospar._exceptions import ValidationError
    from zhospar.cli.evaluate_cmds import _console, _open
    from zhospar.imports.translations import TRANSLATED_LANGUAGES, write_translation_template

    chosen = lang.strip().lower()
    if chosen not in TRANSLATED_LANGUAGES:
        raise ValidationError(f'unknown language "{lang}": expected ru or en')
    with _open() as db:
        the_plan = db.load_plan(plan or db.default_plan_key())
    written = write_translation_template(the_plan, chosen, output)
    _console().print(f"{written}: written")
