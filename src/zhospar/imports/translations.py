"""Translations of a plan's names: the CSV ``id, lang, text`` read and checked, and its template.

A plan is published in Kazakh; its names (directions, goals, tasks, indicators and their
breakdowns, budget programs, units, risks) may be given in Russian and English beside it. The
translators' file has one row per name and language:

    id,lang,text,published
    G1.1,ru,"Повышение уровня занятости населения",Халықты жұмыспен қамтуды арттыру
    U:адам,ru,человек,адам

``id`` is the element's id in the plan (``D1``, ``G1.1``, ``T1.1.1``, ``G1.1-I1``,
``G1.1-I1-b1``, ``P002``, ``R1``); a unit's id is ``U:`` and the unit as the plan prints it.
``published`` (the Kazakh name, written by the template) is not read. Every row is checked before
anything is recorded; one bad row refuses the whole file with every problem and its row number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhospar._exceptions import ImportFileError, Problem
from zhospar.i18n import gettext
from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.rules.formula_guard import FORMULA_STARTS, guard_text, unguard

__all__ = [
    "MAX_ROWS",
    "MAX_TEXT",
    "TRANSLATED_LANGUAGES",
    "NameTranslation",
    "plan_names",
    "read_translations",
    "write_translation_template",
]

TRANSLATED_LANGUAGES = ("ru", "en")  # the published names are Kazakh
MAX_TEXT = 2000  # characters of one translated name
MAX_ROWS = 100_000  # rows of one file (the bundled plan has about 700 names)
MAX_BYTES = 20 * 1024 * 1024
UNIT_PREFIX = "U:"
COLUMNS = ("id", "lang", "text")


@dataclass(frozen=True)
class NameTranslation:
    element_id: str
    lang: str
    text: str
    row: int  # the row of the file it came from (1: the header)


def plan_names(plan: Plan) -> dict[str, str]:
    """Every translatable name of ``plan`` by its id, as published, in document order."""
    names: dict[str, str] = {}
    for direction in plan.directions:
        names[direction.id] = direction.name
        for goal in direction.goals:
            names[goal.id] = goal.name
            for task in goal.tasks:
                names[task.id] = task.name
    for place in iter_indicators(plan):
        names.setdefault(place.indicator.id, place.indicator.name)
    for program in plan.budget_programs:
        names.setdefault(program.id, program.name)
    for form in plan.program_forms:
        names.setdefault(form.id, form.name)
    for risk in plan.risks:
        names.setdefault(risk.id, " ".join(risk.risks))
    for place in iter_indicators(plan):
        unit = place.indicator.unit
        if unit:
            names.setdefault(UNIT_PREFIX + unit, unit)
    return names


def write_translation_template(plan: Plan, lang: str, path: str | Path) -> Path:
    """The translators' CSV for ``lang``: every id with its published name, the text empty.
    Names that a spreadsheet would run as a formula are guarded with a leading quote."""
    _check_language(lang)
    target = Path(path)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "published"])
        for ident, name in plan_names(plan).items():
            writer.writerow([guard_text(ident), lang, "", guard_text(name)])
    return target


def _check_language(lang: str) -> None:
    if lang not in TRANSLATED_LANGUAGES:
        raise ValueError(f'unknown language "{lang}": expected ru or en')


def read_translations(path: str | Path, plan: Plan) -> list[NameTranslation]:
    """The rows of a translations CSV, each checked against ``plan``; ImportFileError listing
    every problem (with its row) when one is wrong, so that nothing is half recorded."""
    file = str(path)
    rows = _rows(Path(path), file)
    names = plan_names(plan)
    problems: list[Problem] = []
    found: list[NameTranslation] = []
    seen: dict[tuple[str, str], int] = {}
    header = [cell.strip().lower().lstrip("\ufeff") for cell in rows[0]] if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        message = gettext("the header must have the columns id, lang, text; missing: {missing}")
        raise ImportFileError(file, [Problem(1, None, message.format(missing=", ".join(missing)))])
    at = {name: header.index(name) for name in COLUMNS}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        ident, lang, text = (cells[at[c]] if at[c] < len(cells) else "" for c in COLUMNS)
        ident, lang, text = unguard(ident.strip()), lang.strip().lower(), text.strip()
        before = len(problems)
        if ident not in names:
            message = gettext('unknown id "{id}": not a name of the plan (see the template)')
            problems.append(Problem(number, "id", message.format(id=ident)))
        if lang not in TRANSLATED_LANGUAGES:
            message = gettext('unknown language "{lang}": expected ru or en')
            problems.append(Problem(number, "lang", message.format(lang=lang)))
        problems.extend(_text_problems(number, text))
        key = (ident, lang)
        if len(problems) == before and key in seen:
            message = gettext("{id} in {lang} is given twice: first at row {row}")
            problems.append(
                Problem(number, "id", message.format(id=ident, lang=lang, row=seen[key]))
            )
        if len(problems) == before:
            seen[key] = number
            found.append(NameTranslation(ident, lang, text, number))
    if not found and not problems:
        problems.append(Problem(None, None, gettext("the file has no translations")))
    if problems:
        raise ImportFileError(file, problems)
    return found


def _text_problems(number: int, text: str) -> Iterable[Problem]:
    if not text:
        yield Problem(number, "text", gettext("the translation is empty"))
    elif text.startswith(FORMULA_STARTS):
        message = gettext('the text starts with "{start}", which a spreadsheet runs as a formula')
        yield Problem(number, "text", message.format(start=text[0]))
    elif "\x00" in text:
        yield Problem(
            number, "text", gettext("the text holds a NUL character, which cannot be stored")
        )
    elif len(text) > MAX_TEXT:
        message = gettext("the text has {count} characters; at most {limit} are kept")
        yield Problem(number, "text", message.format(count=len(text), limit=MAX_TEXT))


def _rows(path: Path, file: str) -> list[list[str]]:
    """The file's rows, the limits checked before it is read whole."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(file, [Problem(None, None, gettext("no such file"))]) from None
    if size > MAX_BYTES:
        message = gettext("the file is larger than {limit} MB").format(limit=MAX_BYTES // 2**20)
        raise ImportFileError(file, [Problem(None, None, message)])
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = []
            for row in csv.reader(handle):
                rows.append(row)
                if len(rows) > MAX_ROWS + 1:
                    message = gettext("the file has more than {limit} rows")
                    raise ImportFileError(
                        file, [Problem(None, None, message.format(limit=MAX_ROWS))]
                    )
    except UnicodeDecodeError:
        message = gettext('is not UTF-8 text: save the file as "CSV UTF-8"')
        raise ImportFileError(file, [Problem(None, None, message)]) from None
    except csv.Error as exc:
        message = gettext("is not a well-formed CSV file ({why})").format(why=exc)
        raise ImportFileError(file, [Problem(None, None, message)]) from None
    if not rows:
        message = gettext("the file is empty: expected the header id, lang, text")
        raise ImportFileError(file, [Problem(None, None, message)])
    return rows
