"""Section 7, the legal acts; expectations typed from lines 537-623."""

from __future__ import annotations

import pytest

from zhospar.ingest import ReadResult
from zhospar.ingest._sections import Section, SectionKind, split_sections
from zhospar.ingest._text import SourceLine, join_spaced_letters, to_lines
from zhospar.ingest.acts import parse_legal_acts
from zhospar.ingest.reader import bundled_plan_path
from zhospar.ingest.report import ReadingReport
from zhospar.model.plan import LegalAct


@pytest.fixture(scope="module")
def section() -> Section:
    lines = to_lines(bundled_plan_path().read_text(encoding="utf-8"))
    return next(s for s in split_sections(lines) if s.kind is SectionKind.LEGAL_ACTS)


@pytest.fixture(scope="module")
def parsed(section: Section) -> tuple[dict[int, LegalAct], ReadingReport]:
    report = ReadingReport()
    return {a.number: a for a in parse_legal_acts(section, report)}, report


def test_thirty_five_acts(parsed: tuple[dict[int, LegalAct], ReadingReport]) -> None:
    acts = parsed[0]
    assert sorted(acts) == list(range(1, 36))
    assert [acts[n].id for n in (1, 35)] == ["L1", "L35"]


def test_title_over_four_lines_with_letter_spacing(
    parsed: tuple[dict[int, LegalAct], ReadingReport],
) -> None:
    act = parsed[0][20]
    assert (act.line, act.end_line) == (578, 581)
    assert act.title == (
        "«Қазақстан Республикасының кейбір заңнамалық актілеріне жұмыспен қамту және міндетті "
        "әлеуметтік сақтандыру мәселелері бойынша өзгерістер мен толықтырулар енгізу туралы» "
        "Қазақстан Республикасының 2009 жылғы 5 мамырдағы Заңы"
    )


@pytest.mark.parametrize(
    ("number", "lines", "ending"),
    [
        (1, (539, 539), "2007 жылғы 15 мамырдағы Кодексі"),
        (11, (549, 549), "Қазақстан Республикасының 2001 жылғы"),  # printed cut short
        (21, (583, 585), "2007 жылғы 28 тамыздағы № 399 Жарлығы"),
        (23, (591, 593), "2001 жылғы 19 маусымдағы № 836 қаулысы"),
        (25, (601, 603), "2004 жылғы 21 маусымдағы № 683 қаулысы"),  # a blank line inside
        (26, (605, 605), "2004 жылғы 29 қазандағы № 1132 қаулысы"),
        (35, (623, 623), "Жолдауын іске асыру жөніндегі шаралар туралы»"),
    ],
)
def test_act_titles(
    parsed: tuple[dict[int, LegalAct], ReadingReport],
    number: int,
    lines: tuple[int, int],
    ending: str,
) -> None:
    act = parsed[0][number]
    assert (act.line, act.end_line) == lines
    assert act.title.endswith(ending)


def test_line_starting_with_a_number_continues_its_act(
    parsed: tuple[dict[int, LegalAct], ReadingReport],
) -> None:
    # Line 592 begins "23 қаңтардағы" inside act 23; it must not start a new act.
    assert "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы Заңын іске асыру" in (
        parsed[0][23].title
    )


def test_every_line_is_marked(
    section: Section, parsed: tuple[dict[int, LegalAct], ReadingReport]
) -> None:
    report = parsed[1]
    assert report.problems == []
    assert [ln.no for ln in section.lines if not ln.is_blank and ln.no not in report.notes] == []


def test_text_before_the_first_act_is_reported() -> None:
    lines = [SourceLine(2, "Кіріспе"), SourceLine(3, "1. «А»"), SourceLine(4, "Заңы")]
    report = ReadingReport()
    acts = parse_legal_acts(Section(SectionKind.LEGAL_ACTS, None, lines), report)
    assert [(a.number, a.title, a.end_line) for a in acts] == [(1, "«А» Заңы", 4)]
    assert [n.line for n in report.problems] == [2]


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("З а ң ы", "Заңы"),
        ("№ 2 3 4 2", "№ 2342"),
        ("№ 1 1 3 2 қ а у л ы с ы", "№ 1132 қаулысы"),
        ("« I I б ө л і м .", "« II бөлім ."),
    ],
)
def test_letter_spacing_keeps_words_apart(spaced: str, joined: str) -> None:
    assert join_spaced_letters(spaced) == joined


def test_the_whole_read_has_thirty_five_acts(bundled: ReadResult) -> None:
    acts = bundled.plan.legal_acts
    assert len(acts) == 35
    assert acts[19].title.endswith("Заңы")


def test_an_act_out_of_sequence_is_reported() -> None:
    lines = [SourceLine(2, "1. «А» Заңы"), SourceLine(3, "3. «В» Заңы"), SourceLine(4, "2. «Б»")]
    report = ReadingReport()
    acts = parse_legal_acts(Section(SectionKind.LEGAL_ACTS, None, lines), report)
    assert [(a.number, a.title) for a in acts] == [(1, "«А» Заңы"), (2, "«Б»")]
    assert [(n.line, n.reason) for n in report.problems] == [
        (3, "act number 3 out of sequence, 2 next")
    ]
