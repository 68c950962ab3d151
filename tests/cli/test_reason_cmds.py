"""``zhospar reason set/list`` and ``period approve`` refusing a year with unexplained misses, on
SQLite and PostgreSQL.

From the published text (line 217): unemployment (G1.1-I1) is planned at 6,2 % for 2012, to
decrease; a fact of 7.0 scores 6.2 / 7.0 = 88.57 %, below the 90 % of "nearly": not achieved.
"""

from __future__ import annotations

from tests.cli.test_people_cmds import env, run  # noqa: F401  (fixture)


def test_a_missed_indicator_needs_a_reason_before_its_year_is_approved(
    env: str,  # noqa: F811
    seed_lines: list[str],
) -> None:
    assert seed_lines[217 - 1].split("\t")[-3] == "6,2"
    assert run("actual", "set", "G1.1-I1", "2012", "7.0")[0] == 0
    code, listing = run("reason", "list", "2012")
    assert code == 0 and "G1.1-I1" in listing and "missing" in listing
    code, message = run("period", "approve", "2012")
    assert code == 8
    assert message.startswith("2012 cannot be approved: 1 indicator(s) not achieved")
    assert message.endswith("zhospar reason set ID 2012 TEXT) and approve again")
    assert ": G1.1-I1. Record one" in message
    code, said = run("reason", "set", "G1.1-I1", "2012", "the ILO method changed")
    assert code == 0 and said.startswith("G1.1-I1 2012: reason recorded by it-admin on ")
    code, listing = run("reason", "list", "2012")
    assert "the ILO method changed" in listing and "missing" not in listing
    assert run("period", "approve", "2012")[0] == 0
    code, message = run("reason", "set", "G1.1-I1", "2012", "again")
    assert code == 8 and "2012 approved by it-admin" in message
    assert run("reason", "set", "G1.1-I1", "2030", "x")[0] == 5
    assert run("reason", "set", "NOPE", "2012", "x")[0] == 6
    assert "record-reason" in run("log")[1]


def test_a_value_is_recorded_with_its_status_and_coverage_and_shown_with_them(
    env: str,  # noqa: F811
) -> None:
    code, said = run("actual", "set", "G1.1-I1", "2013", "5.9", "--status", "operational",
                     "--coverage", "2013-01..2013-05")  # fmt: skip
    assert code == 0 and said.startswith("G1.1-I1 2013 = 5.9 (operational, January–May 2013)")
    code, said = run("actual", "set", "G1.1-I1", "2013", "5.9", "--status", "final")
    assert code == 0 and "= 5.9: revised, revision 2" in said  # the same number, now final
    assert "5.9 (operational, January–May 2013)" in run("history", "G1.1-I1")[1]
    code, message = run("actual", "set", "G1.1-I1", "2013", "5.9", "--coverage", "2012-Q1")
    assert code == 5 and "lies outside the fact's period 2013" in message
    run("actual", "set", "G1.1-I1", "2012", "6.1", "--status", "preliminary")
    assert "6.1 (preliminary)" in run("score", "--year", "2012")[1]
