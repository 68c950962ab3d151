"""Other printings of the bundled plan read the same, or loudly fail: never a silent difference.

Each variant is the bundled text as another copy of the era prints it (headings reworded,
year headers spelled otherwise, cells separated otherwise, other line ends, a byte-order mark,
decimal points, every year moved, sections cut). A variant either gives the very values of the
bundled text (every id, name, unit, phase, year and value: ``_variants.values``) with every line
read and every section found, or it is loud: a PlanReadError, a line not understood or a section
not found (which make ``validate``, ``summary`` and ``export`` exit non-zero).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from tests.ingest import _variants as v
from zhospar._exceptions import PlanReadError
from zhospar.export import element_counts
from zhospar.ingest import ReadResult, read_plan_text
from zhospar.model.plan import GapKind

BUNDLED = read_plan_text(v.TEXT)
VALUES = v.values(BUNDLED)
RISK_HEADING = "6. Қатер менеджменті"  # line 479
ANALYSIS_HEADING = "2. Ағымдағы ахуалды талдау"  # line 61 (and the contents, line 43)


def _not_found(result: ReadResult) -> list[str]:
    return [g.where for g in result.plan.gaps if g.kind is GapKind.SECTION_NOT_FOUND]


def _assert_same(result: ReadResult, shift: int = 0) -> None:
    assert result.report.problems == []
    assert _not_found(result) == []
    assert v.values(result, shift) == VALUES


def _is_loud(text: str) -> bool:
    try:
        result = read_plan_text(text)
    except PlanReadError:
        return True
    return bool(result.report.problems or _not_found(result))


def _forms_years(style: str) -> Callable[[str], str]:
    """The program forms' "2010 жыл" headers (notes kept) in another spelling."""

    def change(text: str) -> str:
        return re.sub(r"(?<=\t)((?:19|20)\d\d) жыл(?= \(|\t|$)", lambda m: style.format(m[1]), text)

    return change


SAME: dict[str, Callable[[str], str]] = {
    "cells separated by ' | '": v.pipes,
    "' | ' cells, line ends trimmed": lambda t: "\n".join(
        line.rstrip() for line in v.pipes(t).split("\n")
    ),
    "tabs as two spaces": v.spaces,
    "tabs as three spaces": lambda t: v.spaces(t, 3),
    "tabs as four spaces": lambda t: v.spaces(t, 4),
    "tabs as two no-break spaces": lambda t: t.replace("\t", "\u00a0\u00a0"),
    "lines alternately ' | ' and two spaces": lambda t: "\n".join(
        line.replace("\t", " | ") if i % 2 else line.replace("\t", "  ")
        for i, line in enumerate(t.split("\n"))
    ),
    "CRLF line ends": v.crlf,
    "byte-order mark": v.bom,
    "CRLF and a byte-order mark": lambda t: v.bom(v.crlf(t)),
    "decimal points": v.decimal_points,
    "year headers '2008 ж.'": lambda t: v.year_headers(t, "{} ж."),
    "year headers '2008 жыл'": lambda t: v.year_headers(t, "{} жыл"),
    "year headers '2008 жылы'": lambda t: v.year_headers(t, "{} жылы"),
    "year headers '2008'": lambda t: v.year_headers(t, "{}"),
    "form headers '2010 ж'": _forms_years("{} ж"),
    "form headers '2010 жылы'": _forms_years("{} жылы"),
    "form headers '2010'": _forms_years("{}"),
    "risk heading 'Тәуекелдерді басқару'": lambda t: v.replace_line(
        t, RISK_HEADING, "6. Тәуекелдерді басқару"
    ),
    "risk heading 'Қатерлерді басқару'": lambda t: v.replace_line(
        t, RISK_HEADING, "6. Қатерлерді басқару"
    ),
    "risk heading 'Тәуекел менеджменті'": lambda t: v.replace_line(
        t, RISK_HEADING, "6. Тәуекел менеджменті"
    ),
    "risk heading 'VI. Тәуекелдерді басқару'": lambda t: v.replace_line(
        t, RISK_HEADING, "VI. Тәуекелдерді басқару"
    ),
    "risk heading '6) Қатер менеджменті.'": lambda t: v.replace_line(
        t, RISK_HEADING, "6) Қатер менеджменті."
    ),
    "risk heading '6 Тәуекелдерді басқару жүйесі:'": lambda t: v.replace_line(
        t, RISK_HEADING, "6 Тәуекелдерді басқару жүйесі:"
    ),
    "risk heading of an unknown wording (found by the table's columns)": lambda t: v.replace_line(
        t, RISK_HEADING, "6. Жоспарды орындаудың кедергілері"
    ),
    "analysis heading 'Ағымдағы жағдайды талдау'": lambda t: v.replace_line(
        t, ANALYSIS_HEADING, "2. Ағымдағы жағдайды талдау"
    ),
    "analysis heading of an unknown wording, the contents alike": lambda t: v.replace_line(
        t, ANALYSIS_HEADING, "2. Саланың жай-күйіне шолу"
    ),
    "legal acts heading of an unknown wording, the contents alike": lambda t: t.replace(
        "Негізінде Стратегиялық жоспар әзірленген", "Жоспарға негіз болған"
    ),
    "all at once: ' | ', CRLF, BOM, '2008 жыл', decimal points, reworded headings": lambda t: v.bom(
        v.crlf(
            v.pipes(
                v.decimal_points(
                    v.year_headers(
                        v.replace_line(
                            v.replace_line(t, RISK_HEADING, "6. Тәуекелдерді басқару"),
                            ANALYSIS_HEADING,
                            "2. Ағымдағы жағдайды талдау",
                        ),
                        "{} жыл",
                    )
                )
            )
        )
    ),
}


@pytest.mark.parametrize("change", SAME.values(), ids=SAME.keys())
def test_a_variant_reads_the_same_values(change: Callable[[str], str]) -> None:
    _assert_same(read_plan_text(change(v.TEXT)))


@pytest.mark.parametrize("by", [4, -8])
def test_years_shifted_consistently_read_the_same_values_shifted(by: int) -> None:
    result = read_plan_text(v.shift_years(v.TEXT, by))
    assert (result.plan.period_start, result.plan.period_end) == (2010 + by, 2014 + by)
    _assert_same(result, by)


# Sections cut out: (the first line cut, the line the cut stops at) and the section's kind.
CUTS = {
    "vision": ("Пайымдауы", ANALYSIS_HEADING),
    "analysis": (ANALYSIS_HEADING, "3. Қызметінің стратегиялық бағыттары"),
    "directions-list": (
        "3. Қызметінің стратегиялық бағыттары",
        "Қызметінің стратегиялық бағыттары, даму мақсаты және негізгі индикаторлары",
    ),
    "alignment": (
        "4. Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігінің "
        "стратегиялық бағыттары мен мақсаттарының мемлекеттің стратегиялық мақсаттарына "
        "сәйкестігі",
        "5. Функционалдық мүмкіндіктері және ықтимал қатерлері",
    ),
    "functional-capabilities": (
        "5. Функционалдық мүмкіндіктері және ықтимал қатерлері",
        RISK_HEADING,
    ),
    "risks": (RISK_HEADING, "1-қосымша"),
}


@pytest.mark.parametrize("kind", CUTS.keys())
def test_a_section_cut_out_is_a_gap_not_found(kind: str) -> None:
    first, until = CUTS[kind]
    result = read_plan_text(v.cut(v.TEXT, first, until))
    assert f"section {kind}" in _not_found(result)
    document_gaps = [g.where for g in result.plan.gaps if g.kind is GapKind.DOCUMENT]
    assert f"section {kind}" not in document_gaps


def test_an_unknown_heading_the_contents_do_not_give_is_a_gap() -> None:
    """The body rewords the analysis heading but the contents (line 43) keep the old one."""
    lines = v.TEXT.split("\n")
    assert lines[60] == ANALYSIS_HEADING and lines[42] == ANALYSIS_HEADING
    lines[60] = "2. Саланың жай-күйіне шолу"
    result = read_plan_text("\n".join(lines))
    assert _not_found(result) == ["section analysis"]


LOUD: dict[str, Callable[[str], str]] = {
    "every run of tabs as two spaces (empty cells lost)": lambda t: re.sub("\t+", "  ", t),
    "tabs expanded to the next tab stop": lambda t: "\n".join(
        line.expandtabs(8) for line in t.split("\n")
    ),
    "a table printed with bars at both ends ('| a | b |')": lambda t: "\n".join(
        f"| {line.replace(chr(9), ' | ')} |" if "\t" in line else line for line in t.split("\n")
    ),
    "the title's period moved alone": lambda t: t.replace(
        "2010 - 2014 жылдарға", "2011 - 2015 жылдарға"
    ),
    "the forms' years moved alone": lambda t: re.sub(
        r"(?<=\t)(20\d\d)(?= жыл( \(|\t|$))", lambda m: str(int(m[1]) + 1), t
    ),
    "the directions' year headers moved alone": lambda t: v.year_headers(t, "{}").replace(
        "\t2008\t2009\t2010\t2011\t2012\t2013\t2014", "\t2009\t2010\t2011\t2012\t2013\t2014\t2015"
    ),
}


@pytest.mark.parametrize("change", LOUD.values(), ids=LOUD.keys())
def test_a_variant_that_cannot_read_the_same_is_loud(change: Callable[[str], str]) -> None:
    text = change(v.TEXT)
    assert text != v.TEXT
    assert _is_loud(text)


# The findings of issue 12, one by one.


@pytest.mark.parametrize("wording", ["Тәуекелдерді басқару", "Қатерлерді басқару"])
def test_finding_risk_heading_wordings_give_the_five_risks(wording: str) -> None:
    result = read_plan_text(v.replace_line(v.TEXT, RISK_HEADING, f"6. {wording}"))
    assert [r.number for r in result.plan.risks] == [1, 2, 3, 4, 5]  # the table numbers 1.-5.
    assert result.plan.functional_capabilities == BUNDLED.plan.functional_capabilities
    assert "Ықтимал салдары" not in (result.plan.functional_capabilities or "")
    assert result.report.ok


def test_finding_analysis_heading_wording_keeps_the_analysis() -> None:
    text = v.replace_line(v.TEXT, ANALYSIS_HEADING, "2. Ағымдағы жағдайды талдау")
    plan = read_plan_text(text).plan
    # The analysis begins "2008 - 2009 жылдары әлеуметтік ..." (line 63).
    assert (plan.analysis or "").startswith("2008 - 2009 жылдары")
    assert len(plan.analysis or "") > 18_000
    assert plan.vision == BUNDLED.plan.vision
    assert "2008 - 2009 жылдары" not in (plan.vision or "")


def test_finding_title_period_mismatch_is_an_error_naming_both() -> None:
    text = v.TEXT.replace("2010 - 2014 жылдарға", "2011 - 2015 жылдарға")
    with pytest.raises(PlanReadError) as caught:
        read_plan_text(text, "copy.txt")
    message = str(caught.value)
    assert "2011-2015" in message  # the title's period
    assert "2010-2014" in message  # the years the headers plan (line 215: 2010 ж ... 2014 ж)
    assert "line 215" in message


@pytest.mark.parametrize("style", ["{} жыл", "{} жылы", "{} ж.", "{}"])
def test_finding_year_headers_give_1043_values_and_14_targets(style: str) -> None:
    counts = element_counts(read_plan_text(v.year_headers(v.TEXT, style)).plan)
    assert counts["indicator values"] == 1043
    assert counts["target indicators"] == 14


def test_a_section_found_by_its_columns_says_so_in_the_report() -> None:
    result = read_plan_text(v.replace_line(v.TEXT, RISK_HEADING, "6. Жоспардың кедергілері"))
    reasons = [n.reason for n in result.report.notes_for(479)]  # the reworded heading's line
    assert any("found by its table's columns" in r for r in reasons)
    assert [r.number for r in result.plan.risks] == [1, 2, 3, 4, 5]


def test_incomplete_names_what_makes_a_reading_untrustworthy() -> None:
    assert BUNDLED.incomplete is None  # the document's own two gaps do not count
    cut = read_plan_text(v.cut(v.TEXT, *CUTS["risks"]))
    assert cut.incomplete == "1 section(s) not found (section risks)"


@pytest.mark.parametrize(
    ("line", "kind", "how"),
    [
        (479, "risks", "its table's columns"),  # Р/с № | Қатерлердің атауы | Ықтимал салдары ...
        (397, "alignment", "its table's columns"),  # ... бағыттары мен мақсаты | мемлекеттің ...
        (537, "legal-acts", "its first item"),  # "1. «Қазақстан Республикасының Еңбек кодексі»"
    ],
)
def test_a_heading_of_unknown_wording_in_the_body_only_is_found_by_what_it_holds(
    line: int, kind: str, how: str
) -> None:
    """The contents (lines 40-51) keep the old wording, so only the section's content tells."""
    lines = v.TEXT.split("\n")
    lines[line - 1] = "9. Бөлімнің белгісіз тақырыбы"
    result = read_plan_text("\n".join(lines))
    _assert_same(result)
    reasons = [n.reason for n in result.report.notes_for(line)]
    assert f"{kind} section found by {how}: its heading is worded otherwise" in reasons


@pytest.mark.parametrize("seed", range(6))
def test_random_combinations_of_variants_read_the_same_values(seed: int) -> None:
    """Every year shifted by a seeded amount, one reworded heading, then two printing variants
    (cells, line ends, years, decimals) in a seeded random order: still the bundled values."""
    rng = random.Random(seed)
    headings = sorted(n for n in SAME if "heading" in n and "all at once" not in n)
    printings = sorted(n for n in SAME if "heading" not in n)
    shift = rng.choice([-4, 4, 8])
    text = SAME[rng.choice(headings)](v.shift_years(v.TEXT, shift))
    for name in rng.sample(printings, 2):
        text = SAME[name](text)
    _assert_same(read_plan_text(text), shift)
