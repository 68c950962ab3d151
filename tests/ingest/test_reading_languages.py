"""The reading report's notes and the gaps in the language that asks (issue 11), English as kept."""

from __future__ import annotations

from zhospar.i18n import use_language
from zhospar.ingest import read_plan
from zhospar.ingest.words import gap_shown, section_word


def test_a_line_note_is_kept_in_english_and_shown_in_russian() -> None:
    # line 670 of the bundled text goes on with the name of program 057, begun on line 668
    notes = read_plan().report.notes_for(670)
    english = "name and amounts continue program 057 (line 668)"
    note = next(n for n in notes if n.reason == english)
    assert note.shown == english  # the CLI's default language: as before
    with use_language("ru"):
        assert note.shown == "наименование и суммы продолжают программу 057 (строка 668)"
        assert note.reason == english  # what is exported and compared stays English


def test_a_gap_kept_in_english_is_said_again_in_the_language() -> None:
    # direction 3 is listed (line 203) but the text holds no table for it
    gaps = {(g.where, g.what) for g in read_plan().plan.gaps}
    assert ("direction 3", "table of goals, target indicators and tasks") in gaps
    with use_language("kk"):
        assert gap_shown("direction 3") == "3-бағыт"
        # the same word as the pages' link to the risks: the catalogs are merged
        assert gap_shown("section risks") == "«тәуекелдер» бөлімі"
        assert section_word("budget-list") == "бюджеттік бағдарламалар тізбесі"
        assert gap_shown("a wording of an older version") == "a wording of an older version"
    with use_language("en"):
        assert gap_shown("direction 3") == "direction 3"
