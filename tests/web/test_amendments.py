"""Amendments made in the app: each a new version of the plan, compared by the diff, and each
year scored against the version in force in it (issue 12, item 3).

Figures from the bundled text: G1.1-I1 (unemployment rate, a decrease) has targets 6,2 for 2012
and 6,0 for 2013 (line 217); T1.2.2-I1 (thousand people sent to training, an increase) 28,0 for
2012 and 29,0 for 2013 (line 236). The bundled plan was approved by No. 2342 (31.12.2009) and
amended by No. 415 (14.05.2010) and No. 1417 (27.12.2010).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests._webapp import TestClient, csrf_token, new_client
from zhospar._exceptions import ConflictError, ValidationError
from zhospar.ingest import read_plan
from zhospar.model.amendments import (
    AddIndicator,
    AddMilestone,
    AddTask,
    Amendment,
    DeleteItem,
    SetTarget,
    apply_amendment,
    in_force,
)
from zhospar.model.plan import ActRef
from zhospar.server import create_app
from zhospar.services.amendments import amend
from zhospar.store import Database, Settings
from zhospar.store.amendments import amendments_of
from zhospar.store.diff import diff_versions

KEY = "mlsp-2010-2014"
ACT = ActRef(number="77", date=dt.date(2013, 3, 1))


def _targets(plan_indicator: object) -> dict[int, str]:
    return {v.year: v.raw for v in plan_indicator.values}  # type: ignore[attr-defined]


def _find(plan, item_id):  # type: ignore[no-untyped-def]
    from zhospar.model.walk import iter_indicators

    return next(p.indicator for p in iter_indicators(plan) if p.indicator.id == item_id)


# --- the pure model ---------------------------------------------------------------------------


def test_an_amendment_makes_a_new_plan_and_leaves_the_old_one_as_it_was() -> None:
    plan = read_plan().plan
    change = SetTarget(indicator_id="G1.1-I1", year=2013, value=Decimal("5.5"))
    amended = apply_amendment(plan, Amendment(act=ACT, reason="faster fall", changes=[change]))
    assert _targets(_find(amended, "G1.1-I1"))[2013] == "5.5"
    assert _targets(_find(plan, "G1.1-I1"))[2013] == "6,0"  # line 217, untouched
    assert [a.number for a in amended.amended_by] == ["415", "1417", "77"]
    new = next(v for v in _find(amended, "G1.1-I1").values if v.year == 2013)
    assert new.line == 0 and new.note == "amended by resolution No. 77 of 2013-03-01"


def test_added_rows_take_the_next_ids_of_their_parent() -> None:
    plan = read_plan().plan  # goal 1.1: one target indicator, tasks 1.1.1-1.1.4
    changes = [
        AddIndicator(parent_id="G1.1", name="Youth in work", unit="%",
                     targets={2013: Decimal("60")}),
        AddTask(goal_id="G1.1", name="A new task"),
        AddMilestone(task_id="T1.1.5", name="Its first step", due_years=[2014]),
        AddIndicator(parent_id="T1.1.5", name="Its measure", unit="адам"),
    ]  # fmt: skip
    amended = apply_amendment(plan, Amendment(act=ACT, reason="r", changes=changes))
    goal = amended.directions[0].goals[0]
    assert [i.id for i in goal.target_indicators] == ["G1.1-I1", "G1.1-I2"]
    task = goal.tasks[-1]
    assert (task.id, task.code) == ("T1.1.5", "1.1.5")
    assert [m.id for m in task.milestones] == ["T1.1.5-M1"]
    assert [i.id for i in task.indicators] == ["T1.1.5-I1"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (SetTarget(indicator_id="X9", year=2013, value=Decimal(1)), 'no indicator "X9"'),
        (SetTarget(indicator_id="G1.1-I1", year=2016, value=Decimal(1)), "2016 is not a year"),
        (DeleteItem(item_id="G2.1-I2"), "already deleted (by No. 415)"),
        (DeleteItem(item_id="G1.1"), "is a goal"),
        (AddTask(goal_id="T1.1.1", name="x"), "not a goal"),
    ],
)
def test_a_change_that_cannot_apply_is_refused_by_its_position(change: object, words: str) -> None:
    plan = read_plan().plan
    good = SetTarget(indicator_id="G1.1-I1", year=2013, value=Decimal("5.5"))
    amendment = Amendment(act=ACT, reason="r", changes=[good, change])  # type: ignore[list-item]
    with pytest.raises(ValidationError) as refused:
        apply_amendment(plan, amendment)
    assert str(refused.value).startswith("change 2 (") and words in str(refused.value)


def test_the_version_in_force_is_the_last_made_by_the_years_end() -> None:
    dates = [dt.date(2009, 12, 31), dt.date(2010, 5, 14), dt.date(2010, 12, 27),
             dt.date(2013, 3, 1)]  # fmt: skip
    assert in_force(dates, 2009) == 0
    assert in_force(dates, 2010) == 2
    assert in_force(dates, 2012) == 2
    assert in_force(dates, 2013) == 3
    assert in_force(dates, 2014) == 3


# --- the store, the scores, the pages (SQLite and PostgreSQL) ---------------------------------


@pytest.fixture(scope="module")
def amended(empty_database: Database) -> Database:
    """The bundled plan amended twice: 2013's unemployment target by No. 77 (01.03.2013), and
    T1.2.2-I1 deleted by No. 78 (01.06.2013); facts for 2012 and 2013."""
    db = empty_database
    change = SetTarget(indicator_id="G1.1-I1", year=2013, value=Decimal("5.5"))
    amend(db, KEY, "77", "2013-03-01", "unemployment fell faster", [change], by="aigerim")
    deletion = DeleteItem(item_id="T1.2.2-I1")
    amend(db, KEY, "78", "2013-06-01", "no longer measured", [deletion], by="aigerim")
    from zhospar.model.actuals import ActualInput
    from zhospar.model.periods import Period
    from zhospar.store import set_actual

    for indicator, period, value in [("G1.1-I1", "2012", "5.3"), ("G1.1-I1", "2013", "5.3"),
                                     ("T1.2.2-I1", "2012", "28.0"),
                                     ("T1.2.2-I1", "2013", "30")]:  # fmt: skip
        set_actual(db, KEY, ActualInput(indicator_id=indicator, period=Period.parse(period),
                                 value=Decimal(value)),
                   entered_by="statistics")  # fmt: skip
    return db


@pytest.fixture(scope="module")
def planner(amended: Database) -> TestClient:
    app = create_app(amended, settings=Settings(amended.url, "os-user"))
    with new_client(app) as client:
        yield client  # type: ignore[misc]


def test_each_amendment_is_a_version_and_the_old_ones_stay(amended: Database) -> None:
    assert _targets(_find(amended.load_plan(KEY), "G1.1-I1"))[2013] == "5.5"
    assert _targets(_find(amended.load_plan(f"{KEY}@1417"), "G1.1-I1"))[2013] == "6,0"
    change = diff_versions(amended, f"{KEY}@1417", f"{KEY}@77").targets_changed
    assert [(c.indicator_id, c.year, c.old, c.new) for c in change] == [
        ("G1.1-I1", 2013, Decimal("6.0"), Decimal("5.5"))
    ]
    deleted = diff_versions(amended, f"{KEY}@77", f"{KEY}@78").deleted
    assert [(d.id, d.deleted_by) for d in deleted] == [("T1.2.2-I1", "78")]
    records = amendments_of(amended, KEY)
    assert [(r.version, r.entered_by, r.amendment.reason) for r in records] == [
        (f"{KEY}@77", "aigerim", "unemployment fell faster"),
        (f"{KEY}@78", "aigerim", "no longer measured"),
    ]


def test_the_same_act_twice_and_a_bad_date_are_refused(amended: Database) -> None:
    change = SetTarget(indicator_id="G1.1-I1", year=2014, value=Decimal("5"))
    with pytest.raises(ConflictError, match="already has a version"):
        amend(amended, KEY, "77", "2013-03-01", "again", [change], by="aigerim")
    with pytest.raises(ValidationError, match="act date"):
        amend(amended, KEY, "79", "1 March 2013", "r", [change], by="aigerim")
    with pytest.raises(ValidationError, match="reason"):
        amend(amended, KEY, "79", "2013-03-01", " ", [change], by="aigerim")


def test_each_year_is_scored_against_the_version_in_force_in_it(planner: TestClient) -> None:
    def line(indicator: str, year: int) -> dict:  # type: ignore[type-arg]
        answer = planner.get(f"/api/indicators/{indicator}", params={"year": year})
        assert answer.status_code == 200, answer.text
        return answer.json()["indicator"]  # type: ignore[no-any-return]

    # 2012: No. 1417 in force: 6.2 / 5.3 x 100 = 116.98 (a decrease)
    assert line("G1.1-I1", 2012)["display_percent"] == "116.98"
    # 2013: No. 77 in force: 5.5 / 5.3 x 100 = 103.77
    assert line("G1.1-I1", 2013)["display_percent"] == "103.77"
    # T1.2.2-I1, deleted in 2013: scored in 2012 (28.0 / 28.0 = 100 %), no target in 2013
    assert line("T1.2.2-I1", 2012)["display_percent"] == "100.00"
    later = line("T1.2.2-I1", 2013)
    assert later["display_percent"] is None and later["target"] is None


def test_the_versions_page_and_the_diff_page(planner: TestClient) -> None:
    page = planner.get("/plan/versions")
    assert page.status_code == 200
    for key in ("@2342", "@415", "@1417", "@77", "@78"):
        assert f"{KEY}{key}" in page.text
    assert "unemployment fell faster" in page.text
    diff = planner.get("/plan/diff", params={"from": f"{KEY}@1417", "to": f"{KEY}@77"})
    assert diff.status_code == 200 and 'id="targets-changed"' in diff.text
    assert "G1.1-I1" in diff.text
    unknown = planner.get("/plan/diff", params={"from": f"{KEY}@nope", "to": f"{KEY}@77"})
    assert unknown.status_code == 404


def test_a_planner_amends_in_the_page_and_a_viewer_may_not(planner: TestClient) -> None:
    token = csrf_token(planner, "/plan/versions")
    form = {"csrf_token": token, "kind": "set-target", "item": "G1.1-I1", "year": "2014",
            "value": "5,2", "act_number": "90", "act_date": "2014-02-01",
            "reason": "a new programme"}  # fmt: skip
    done = planner.post("/plan/amend", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert f"{KEY}@90" in planner.get("/plan/versions").text
    targets = {t["year"]: t["raw"] for t in planner.get("/api/indicators/G1.1-I1/targets").json()}
    assert targets[2014] == "5.2"
    bad = planner.post("/plan/amend", data={**form, "act_number": "91", "item": "X9"})
    assert bad.status_code == 422 and "no indicator &#34;X9&#34;" in bad.text  # escaped
    with new_client(planner.app, "viewer-vera", role="viewer") as viewer:
        token = csrf_token(viewer, "/plan/versions")
        refused = viewer.post("/plan/amend", data={**form, "csrf_token": token, "act_number": "92"})
        assert refused.status_code == 403
        assert 'id="amend-form"' not in viewer.get("/plan/versions").text


def test_an_amendment_by_another_process_reaches_the_checks_of_new_facts(
    amended: Database,
) -> None:
    """The facts' checks are cached per plan version: an indicator another server added is
    accepted at once (before, this process kept the plan it had read first)."""
    from zhospar.model.actuals import ActualInput
    from zhospar.model.periods import Period
    from zhospar.store import open_database, set_actual

    def record(db: Database, indicator: str) -> None:
        item = ActualInput(indicator_id=indicator, period=Period.parse("2014"), value=Decimal(61))
        set_actual(db, KEY, item, entered_by="statistics")

    record(amended, "G1.1-I1")  # this process reads the plan's checks
    url = amended.engine.url.render_as_string(hide_password=False)
    with open_database(url) as other:
        change = AddIndicator(parent_id="G1.1", name="Youth in work", unit="%",
                              targets={2014: Decimal("60")})  # fmt: skip
        amend(other, KEY, "95", "2014-01-15", "a new measure", [change], by="aigerim")
    record(amended, "G1.1-I2")  # the indicator the other server added
