"""The findings of probing the app as an outsider, each kept out by a regression test: no
login, DNS rebinding, an unsigned CSRF cookie, unbounded text, a 201 naming another writer's
revision; and signing in itself (sessions, tokens, slowed failures, the activity log).

Runs on the plan alone (one database per module and backend); each test writes to indicators
and periods of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests._webapp import (
    BASE_URL,
    ENGLISH,
    PASSWORD,
    USER,
    TestClient,
    csrf_token,
    new_client,
    post_form,
    sign_in,
)
from zhospar.server import create_app
from zhospar.store import Database, Settings
from zhospar.store.activity import activity
from zhospar.store.credentials import FREE_FAILURES, create_token
from zhospar.store.people import add_person, disable_person


@pytest.fixture(scope="module")
def app(empty_database: Database) -> Any:
    return create_app(
        empty_database, settings=Settings(empty_database.url, "os-user"), allowed_hosts=["zh.lan"]
    )


@pytest.fixture(scope="module")
def planner(app: Any) -> Iterator[TestClient]:
    with new_client(app) as client:
        yield client


def _record(client: TestClient, indicator: str, value: str, **extra: str) -> Any:
    body = {"indicator_id": indicator, "period": "2013", "value": value, **extra}
    return client.post("/api/actuals", json=body)


def _values(db: Database, indicator: str) -> list[str]:
    from zhospar.store import history

    return [str(a.value) for a in history(db, indicator)]


# --- no login -----------------------------------------------------------------------------------


def test_nobody_writes_without_signing_in(app: Any, empty_database: Database) -> None:
    with new_client(app, None) as anyone:
        answer = _record(anyone, "G4.2-I1", "5")
        assert answer.status_code == 401 and answer.headers["www-authenticate"].startswith("Bearer")
        token = csrf_token(anyone, "/login")
        page = anyone.post(
            "/indicators/G4.2-I1/overrides",
            data={"csrf_token": token, "kind": "polarity", "value": "decrease", "reason": "x"},
        )
        assert page.status_code == 401
        assert anyone.get("/api/scores").status_code == 401
        redirect = anyone.get("/indicators/G4.2-I1?year=2013", follow_redirects=False)
        assert redirect.status_code == 303
        assert redirect.headers["location"] == "/login?next=/indicators/G4.2-I1%3Fyear%3D2013"
    assert _values(empty_database, "G4.2-I1") == []


# --- DNS rebinding ------------------------------------------------------------------------------


def test_a_foreign_host_name_is_refused_even_with_a_matching_origin(planner: TestClient) -> None:
    headers = {"Host": "evil.example:8701", "Origin": "http://evil.example:8701"}
    body = {"indicator_id": "G4.1-I2", "period": "2013", "value": "5"}
    answer = planner.post("/api/actuals", json=body, headers=headers)
    assert answer.status_code == 400 and "evil.example" in answer.text
    assert planner.get("/", headers={"Host": "evil.example"}).status_code == 400
    for allowed in ("127.0.0.1:8000", "[::1]:8000", "localhost", "zh.lan:443"):
        assert planner.get("/api/plans", headers={"Host": allowed}).status_code == 200, allowed


# --- CSRF ---------------------------------------------------------------------------------------


def test_a_csrf_cookie_planted_by_another_page_is_worth_nothing(app: Any) -> None:
    planted = "p" * 43  # the double-submit pair a page on another local port could set
    with new_client(app) as client:
        client.cookies.set("zhospar_csrf", planted, domain="localhost")
        status, _ = post_form(client, "/indicators/G4.1-I2/actuals", "/login")
        assert status == 422  # the page's own token still passes: the form is merely empty
        answer = client.post(
            "/indicators/G4.1-I2/actuals",
            data={"csrf_token": planted, "period": "2013", "value": "5"},
        )
    assert answer.status_code == 403 and "security token" in answer.text


def test_a_form_token_is_bound_to_its_session(app: Any) -> None:
    with new_client(app, None) as client:
        before = csrf_token(client, "/login")
        sign_in(client)
        after = csrf_token(client, "/")
        assert before != after
        stale = client.post(
            "/indicators/G4.1-I2/actuals", data={"csrf_token": before, "value": "5"}
        )
        assert stale.status_code == 403
        with new_client(app) as other:  # the same person in another browser
            foreign = other.post(
                "/indicators/G4.1-I2/actuals", data={"csrf_token": after, "value": "5"}
            )
        assert foreign.status_code == 403


# --- sessions -----------------------------------------------------------------------------------


def _session_cookie(response: Any) -> str:
    return next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("zhospar_session=")
    )


def _login(client: TestClient, name: str = USER, password: str = PASSWORD) -> Any:
    data = {"csrf_token": csrf_token(client, "/login"), "name": name, "password": password}
    return client.post("/login", data=data, follow_redirects=False)


def test_a_session_cookie_is_httponly_lax_and_renewed_at_each_login(app: Any) -> None:
    with new_client(app) as client:
        first = _session_cookie(_login(client))
        second = _session_cookie(_login(client))
        assert first.split(";")[0] != second.split(";")[0]  # a new id at every login
        flags = second.lower()
        assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags
        old = first.split(";")[0].split("=", 1)[1]
        with TestClient(app, base_url=BASE_URL, cookies={"zhospar_session": old}) as replay:
            assert replay.get("/api/plans").status_code == 401  # the old id is gone
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
        assert client.get("/api/plans").status_code == 401
    with TestClient(app, base_url="https://localhost") as secure:
        assert "secure" in _session_cookie(_login(secure)).lower()


def test_failed_logins_are_slowed_and_logged(app: Any, empty_database: Database) -> None:
    with TestClient(
        app, base_url=BASE_URL, client=("10.20.30.40", 5000), headers=ENGLISH
    ) as client:
        for _ in range(FREE_FAILURES + 1):
            answer = _login(client, password="wrong password")
            assert answer.status_code == 401 and "wrong name or password" in answer.text
        slowed = _login(client)  # the right password, but too soon
        assert slowed.status_code == 429 and "too many failed logins" in slowed.text
    failed = activity(empty_database, action="login-failed")
    assert failed[0].address == "10.20.30.40" and failed[0].detail == f"failed login as {USER}"


def test_a_successful_login_is_logged_as_the_person_from_their_address(
    app: Any, empty_database: Database
) -> None:
    add_person(empty_database, "logs-in", "viewer", PASSWORD, by="tests")
    before = len(activity(empty_database, action="login"))
    with TestClient(app, base_url=BASE_URL, client=("10.9.8.7", 5000)) as client:
        assert _login(client, name="logs-in").status_code == 303
        assert _login(client, name="logs-in", password="wrong").status_code == 401
    logged = activity(empty_database, action="login")
    assert len(logged) == before + 1  # the failure is logged as login-failed, not as a login
    assert (logged[0].user, logged[0].address) == ("logs-in", "10.9.8.7")
    assert logged[0].detail == "signed in as logs-in"


def test_a_disabled_person_is_stopped_at_once(app: Any, empty_database: Database) -> None:
    add_person(empty_database, "leaver", "planner", PASSWORD, by="tests")
    token = create_token(empty_database, "leaver", days=1, by="tests")
    bearer = {"Authorization": f"Bearer {token}"}
    with new_client(app, "leaver") as client:
        assert client.get("/api/plans").status_code == 200
        assert client.get("/api/plans", headers=bearer).status_code == 200
        disable_person(empty_database, "leaver", by="tests")
        assert client.get("/api/plans").status_code == 401
        assert client.get("/api/plans", headers=bearer).status_code == 401


# --- API tokens ---------------------------------------------------------------------------------


def test_a_bearer_token_reads_pages_downloads_and_the_api_and_writes_through_the_api(
    app: Any, empty_database: Database
) -> None:
    add_person(empty_database, "script", "editor", PASSWORD, scopes=["4.1"], by="tests")
    bearer = {
        "Authorization": f"Bearer {create_token(empty_database, 'script', days=None, by='t')}"
    }
    with new_client(app, None) as client:
        client.headers.update(bearer)
        assert client.get("/indicators/G4.1-I1").status_code == 200
        download = client.get("/import/template?format=csv")
        assert download.status_code == 200 and "indicator_id" in download.text
        done = _record(client, "T4.1.2-I1", "7,5", source="bulletin")
        assert done.status_code == 201 and done.json()["actual"]["entered_by"] == "script"
        outside = _record(client, "G1.1-I1", "5")  # goal 1.1 is not under 4.1
        assert outside.status_code == 403
        form = client.post("/indicators/T4.1.2-I1/actuals", data={"value": "1"})
        assert form.status_code == 401  # a form needs a signed-in browser (and its CSRF token)
    with new_client(app, None) as client:
        client.headers["Authorization"] = "Bearer zh_not-a-token"
        assert client.get("/api/plans").status_code == 401


# --- text and messages --------------------------------------------------------------------------


def test_text_over_the_limit_is_refused_before_any_work(
    planner: TestClient, empty_database: Database
) -> None:
    long = "s" * 2001
    assert _record(planner, "T4.1.2-I3", "5", source=long).status_code == 422
    assert _record(planner, "T4.1.2-I3", "5", comment=long).status_code == 422
    page = "/indicators/T4.1.2-I3?year=2013"
    status, _ = post_form(
        planner, "/indicators/T4.1.2-I3/actuals", page, period="2013", value="5", source=long
    )
    assert status == 422
    status, _ = post_form(
        planner, "/indicators/T4.1.2-I3/overrides", page, kind="polarity", value="decrease",
        reason=long,
    )  # fmt: skip
    assert status == 422
    assert _values(empty_database, "T4.1.2-I3") == []
    assert _record(planner, "T4.1.2-I3", "5", source="s" * 2000).status_code == 201


def test_a_bad_value_is_quoted_at_most_80_characters(planner: TestClient) -> None:
    answer = _record(planner, "T4.1.3-I1", "x" * 50_000)
    assert answer.status_code == 422
    assert len(answer.text) < 1000  # not 50 KB echoed back
    assert answer.json()["detail"][0]["input"] == "x" * 79 + "…"
    shown = _record(planner, "T4.1.3-I1", "z" * 99).json()["detail"][0]
    assert shown["msg"] == f'expected a number such as 5.3 or 5,3; got "{"z" * 79}…"'
    status, html = post_form(
        planner, "/indicators/T4.1.3-I1/actuals", "/indicators/T4.1.3-I1",
        period="2013", value="y" * 99,
    )  # fmt: skip
    assert status == 422
    message = html.split('id="value-error"')[1].split("</")[0]
    assert message.endswith(f"got &#34;{'y' * 79}…&#34;")


# --- who did what -------------------------------------------------------------------------------


def test_the_201_names_the_revision_this_request_wrote(planner: TestClient) -> None:
    first = _record(planner, "T4.1.5-I1", "1").json()["actual"]
    second = _record(planner, "T4.1.5-I1", "2").json()["actual"]
    assert (first["revision"], first["value"]) == (1, "1")
    assert (second["revision"], second["value"]) == (2, "2")


def test_every_write_is_logged_with_the_person_and_shown_to_planners(
    planner: TestClient, empty_database: Database
) -> None:
    page = "/indicators/G4.1-I1?year=2013"
    status, html = post_form(
        planner, "/indicators/G4.1-I1/actuals", page, period="2013", value="4,2"
    )
    assert status == 200 and "2013: recorded" in html
    assert USER in html.split('id="revisions"')[1]  # the fact's history names the person
    status, _ = post_form(
        planner, "/indicators/G4.1-I1/overrides", page, kind="polarity", value="decrease",
        reason="fewer is better",
    )  # fmt: skip
    assert status == 200
    override, fact = activity(empty_database, user=USER)[:2]
    assert (fact.action, fact.address) == ("record-facts", "testclient")
    assert fact.detail.startswith("G4.1-I1 2013 = 4.2 (revision 1;")
    assert override.detail == "polarity of G4.1-I1 set to decrease: fewer is better"
    shown = planner.get(f"/activity?user={USER}&action=override").text
    assert "polarity of G4.1-I1 set to decrease" in shown and "G4.1-I1 2013 = 4.2" not in shown


# --- the plan's own writes: risk assessments, overrides, a plan's imports -----------------------


def test_assessments_and_overrides_name_the_person_signed_in_not_the_server_s_user(
    app: Any, empty_database: Database
) -> None:
    with new_client(app, "dana", "planner") as dana:
        body = {"year": 2012, "likelihood": 3, "impact": 4, "note": "benefits indexed late"}
        assessed = dana.post("/api/risks/R2/assessments", json=body)
        assert assessed.status_code == 201, assessed.text
        assert assessed.json()["entered_by"] == "dana"
        body = {"kind": "polarity", "value": "decrease", "reason": "a fall is the aim"}
        overridden = dana.post("/api/indicators/G2.2-I2/overrides", json=body)
        assert overridden.status_code == 201, overridden.text
        assert overridden.json()["entered_by"] == "dana"
    actions = {(a.action, a.user) for a in activity(empty_database, user="dana")}
    assert {("risk-assessment", "dana"), ("override", "dana")} <= actions


def test_an_editor_may_not_assess_a_risk_nor_override(app: Any, empty_database: Database) -> None:
    with new_client(app, "erlan", "editor") as erlan:
        body = {"year": 2012, "likelihood": 3, "impact": 4, "note": "x"}
        assert erlan.post("/api/risks/R2/assessments", json=body).status_code == 403
        body = {"kind": "polarity", "value": "decrease", "reason": "x"}
        assert erlan.post("/api/indicators/G4.1-I2/overrides", json=body).status_code == 403
    assert activity(empty_database, user="erlan", action="override") == []


def test_a_note_past_the_text_limit_is_refused_before_any_work(planner: TestClient) -> None:
    body = {"year": 2012, "likelihood": 3, "impact": 4, "note": "x" * 2001}
    refused = planner.post("/api/risks/R3/assessments", json=body)
    assert refused.status_code == 422
    assert "at most 2000 characters" in refused.text
