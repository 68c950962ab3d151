"""The columns an import file may have, with the Kazakh and Russian names people give them.

A header cell is matched after ``normalise_header`` (lower case, letters and digits only), so
"Өлшем бірлігі", "өлшем_бірлігі" and "ӨЛШЕМ БІРЛІГІ" are the same column.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar._exceptions import Problem
from zhospar.i18n import gettext
from zhospar.imports.read import normalise_header

__all__ = ["COLUMNS", "HEADER_NAMES", "ColumnMap", "map_columns"]

# canonical name -> the names it may be written as (the canonical name included)
COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "indicator id", "id", "көрсеткіш id", "id показателя"),
    "code": ("code", "код", "коды", "шифр"),
    "indicator": (
        "indicator",
        "name",
        "indicator name",
        "көрсеткіш",
        "көрсеткіштер",
        "индикатор",
        "нысаналы индикатор",
        "атауы",
        "көрсеткіш атауы",
        "показатель",
        "наименование",
        "наименование показателя",
    ),
    "breakdown": (
        "breakdown",
        "оның ішінде",
        "бөлінісі",
        "санат",
        "в том числе",
        "разрез",
        "категория",
    ),
    "unit": ("unit", "өлшем бірлігі", "бірлігі", "единица измерения", "ед изм", "единица"),
    "target": ("target", "жоспар", "план", "plan"),
    "year": ("year", "жыл", "год"),
    "period": ("period", "кезең", "период"),
    "value": (
        "value",
        "actual",
        "мән",
        "мәні",
        "нақты",
        "факт",
        "значение",
        "фактическое значение",
    ),
    "region": ("region", "өңір", "облыс", "аймақ", "регион", "область"),
    "source": ("source", "дереккөз", "көзі", "ақпарат көзі", "источник"),
    "comment": ("comment", "note", "түсініктеме", "ескерту", "комментарий", "примечание"),
    "force_reason": ("force_reason", "force reason", "reason", "негіздеме", "обоснование"),
}

_LOOKUP: dict[str, str] = {
    normalise_header(alias): name for name, aliases in COLUMNS.items() for alias in aliases
}
HEADER_NAMES = frozenset(_LOOKUP)


@dataclass(frozen=True)
class ColumnMap:
    """Where each known column stands in the file, and what the file calls it."""

    position: dict[str, int]
    label: dict[str, str]

    def has(self, name: str) -> bool:
        return name in self.position


def map_columns(header: list[str], header_row: int) -> tuple[ColumnMap, list[Problem]]:
    """The known columns of a header; problems for a column given twice or required and missing."""
    position: dict[str, int] = {}
    label: dict[str, str] = {}
    problems: list[Problem] = []
    for index, text in enumerate(header):
        name = _LOOKUP.get(normalise_header(text))
        if name is None:
            continue
        if name in position:
            twice = gettext('the column "{column}" is given twice').format(column=label[name])
            problems.append(Problem(header_row, text, twice))
            continue
        position[name], label[name] = index, text
    columns = ColumnMap(position, label)
    missing = _missing(columns)
    if missing:
        found = ", ".join(f'"{h}"' for h in header if h) or gettext("no column names")
        message = gettext("missing required column(s) {missing}; the header has {found}")
        problems.append(Problem(header_row, None, message.format(missing=missing, found=found)))
    return columns, problems


def _missing(columns: ColumnMap) -> str:
    lacking: list[str] = []
    if not columns.has("indicator_id") and not (columns.has("code") and columns.has("indicator")):
        lacking.append('"indicator_id" (or "code" and "indicator")')
    if not columns.has("year") and not columns.has("period"):
        lacking.append('"year" (or "period")')
    if not columns.has("value"):
        lacking.append('"value"')
    return ", ".join(lacking)
