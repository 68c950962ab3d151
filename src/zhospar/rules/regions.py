"""Reference data: the regions of Kazakhstan of the plan's time.

Regions are the 14 oblasts and the two cities of republican significance (Astana, Almaty) as they
stood in 2010-2014, keyed by the first two digits of their KATO code (Қазақстан Республикасының
әкімшілік-аумақтық объектілерінің классификаторы, the official classifier of administrative
territorial units). Later changes (Shymkent city and Turkistan region, both from 2018, codes 79
and 61) are outside the plan's time and are not listed. "The whole country" is no region: an
actual for the republic is recorded with ``region=None``.

``find_region`` accepts a code or any of the names, in any case, with or without the words
"облысы", "области", "Region", "қаласы", "city" and so on; "Алматы" alone is ambiguous (the city
or the oblast around it) and is not resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

__all__ = [
    "REGIONS",
    "Region",
    "find_region",
    "region_by_code",
]


@dataclass(frozen=True)
class Region:
    """An oblast or a city of republican significance (облыс, республикалық маңызы бар қала)."""

    code: str  # the first two digits of the KATO code, e.g. "11"
    name_kk: str
    name_ru: str
    name_en: str
    is_city: bool = False
    aliases: tuple[str, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"


REGIONS: list[Region] = [
    Region("11", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    Region("15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", aliases=("Aqtobe",)),
    Region("19", "Алматы облысы", "Алматинская область", "Almaty Region"),
    Region("23", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    Region(
        "27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        aliases=("БҚО", "ЗКО"),
    ),
    Region("31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", aliases=("Jambyl",)),
    Region(
        "35",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        aliases=("Karagandy", "Qaraghandy"),
    ),
    Region(
        "39",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
        aliases=("Kostanai", "Qostanay"),
    ),
    Region("43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    Region(
        "47",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        aliases=("Mangistau",),
    ),
    Region(
        "51",
        "Оңтүстік Қазақстан облысы",
        "Южно-Казахстанская область",
        "South Kazakhstan Region",
        aliases=("ОҚО", "ЮКО"),
    ),
    Region("55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    Region(
        "59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        aliases=("СҚО", "СКО"),
    ),
    Region(
        "63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        aliases=("ШҚО", "ВКО"),
    ),
    Region(
        "71",
        "Астана қаласы",
        "город Астана",
        "Astana city",
        is_city=True,
        aliases=("Астана", "Astana", "г. Астана", "Астана қ."),
    ),
    Region(
        "75",
        "Алматы қаласы",
        "город Алматы",
        "Almaty city",
        is_city=True,
        aliases=("г. Алматы", "Алматы қ.", "Almaty City"),
    ),
]

# Words that name the kind of unit and may be left out when a region is typed.
_KIND_WORDS = re.compile(
    r"\b(облысы|облыс|области|область|обл\.?|region|oblast|province|қаласы|city|город|г\.)(?=\s|$)",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    return " ".join(text.replace("ё", "е").casefold().split())


@cache
def _index() -> dict[str, Region | None]:
    """Every accepted spelling -> region; a spelling shared by two regions maps to None."""
    index: dict[str, Region | None] = {}

    def add(text: str, region: Region) -> None:
        for form in {_key(text), _key(_KIND_WORDS.sub(" ", text))}:
            if form and index.get(form, region) is not region:
                index[form] = None  # ambiguous: "алматы" is both the city and the oblast
            elif form:
                index[form] = region

    for region in REGIONS:
        index[region.code] = region
        for text in (region.name_kk, region.name_ru, region.name_en, *region.aliases):
            add(text, region)
    for region in REGIONS:  # full names always win over a shortened form
        for text in (region.name_kk, region.name_ru, region.name_en, *region.aliases):
            index[_key(text)] = region
    return index


def find_region(text: str) -> Region | None:
    """The region named by a code ("75") or a name in Kazakh, Russian or English, else None."""
    index = _index()
    found = index.get(_key(str(text)))
    return found if found is not None else index.get(_key(_KIND_WORDS.sub(" ", str(text))))


def region_by_code(code: str) -> Region | None:
    for region in REGIONS:
        if region.code == code:
            return region
    return None
