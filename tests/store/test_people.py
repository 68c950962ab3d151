"""People, sessions, API tokens, the login throttle and the activity log, on SQLite and
PostgreSQL: a disabled person stops at once, secrets are kept hashed, the log only grows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from tests.store.plan_fixture import one
from zhospar._exceptions import NotFoundError, ValidationError
from zhospar.rules.access import Person, Role
from zhospar.store import Database, open_database, record_actuals, set_actual
from zhospar.store import actuals as actuals_module
from zhospar.store.activity import Actor, acting, activity
from zhospar.store.credentials import (
    FREE_FAILURES,
    create_token,
    list_tokens,
    login_wait,
    note_failed_login,
    open_session,
    revoke_token,
    session_person,
    token_person,
)
from zhospar.store.people import (
    PersonInfo,
    add_person,
    check_password,
    disable_person,
    ensure_admin,
    list_people,
    set_password,
)
from zhospar.store.people_tables import ApiTokenRow, SessionRow

PASSWORD = "a long enough secret"


def _editor(db: Database) -> None:
    add_person(db, "dana", "editor", PASSWORD, scopes=["1.1"], by="boss")


def test_a_person_signs_in_with_their_password_only(loaded: Database) -> None:
    _editor(loaded)
    found = check_password(loaded, "dana", PASSWORD)
    assert found is not None and found.person == Person("dana", Role.EDITOR, ("1.1",))
    assert check_password(loaded, "dana", "a long enough secreT") is None
    assert check_password(loaded, "nobody", PASSWORD) is None
    with loaded.reading() as conn:
        stored = conn.execute(text("SELECT password_hash FROM people")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_wrong_people_are_refused(loaded: Database) -> None:
    _editor(loaded)
    with pytest.raises(ValidationError, match='already a user "dana"'):
        _editor(loaded)
    with pytest.raises(ValidationError, match="unknown role"):
        add_person(loaded, "x", "boss", PASSWORD, by="t")
    with pytest.raises(ValidationError, match="no such direction, goal, task or program code"):
        add_person(loaded, "x", "editor", PASSWORD, scopes=["9.9"], by="t")
    with pytest.raises(ValidationError, match="only an editor has a scope"):
        add_person(loaded, "x", "viewer", PASSWORD, scopes=["1.1"], by="t")
    with pytest.raises(ValidationError, match="8 to 1000 characters"):
        add_person(loaded, "x", "viewer", "short", by="t")
    assert [p.name for p in list_people(loaded)] == ["dana"]


def test_disabling_stops_sessions_and_tokens_at_once(loaded: Database) -> None:
    _editor(loaded)
    session = open_session(loaded, "dana")
    token = create_token(loaded, "dana", days=30, by="boss")
    assert session_person(loaded, session) == token_person(loaded, token) is not None
    disable_person(loaded, "dana", by="boss")
    assert session_person(loaded, session) is None
    assert token_person(loaded, token) is None
    assert check_password(loaded, "dana", PASSWORD) is None
    with loaded.reading() as conn:  # only hashes are kept
        kept = " ".join(conn.execute(text("SELECT token_hash FROM api_tokens")).scalars())
    assert token not in kept and token.startswith("zh_")


def test_a_new_password_ends_sessions_and_a_revoked_token_stops(loaded: Database) -> None:
    _editor(loaded)
    session = open_session(loaded, "dana")
    set_password(loaded, "dana", "another long secret", by="dana")
    assert session_person(loaded, session) is None
    assert check_password(loaded, "dana", "another long secret") is not None
    token = create_token(loaded, "dana", days=None, by="boss")
    (info,) = list_tokens(loaded)
    assert info.user == "dana" and info.expires_at is None
    revoke_token(loaded, info.id, by="boss")
    assert token_person(loaded, token) is None
    with pytest.raises(NotFoundError, match="no token"):
        revoke_token(loaded, info.id, by="boss")


def test_failed_logins_are_slowed_per_name_and_per_address(loaded: Database) -> None:
    for _ in range(FREE_FAILURES):
        note_failed_login(loaded, "dana", "10.0.0.1")
    assert login_wait(loaded, "dana", "10.0.0.1") == 0  # five are free
    note_failed_login(loaded, "dana", "10.0.0.1")
    assert login_wait(loaded, "dana", "10.0.0.9") > 0  # the name is slowed from anywhere
    assert login_wait(loaded, "someone", "10.0.0.1") > 0  # the address for any name
    assert login_wait(loaded, "someone", "10.0.0.9") == 0
    failed = activity(loaded, action="login-failed")
    assert len(failed) == FREE_FAILURES + 1 and failed[0].detail == "failed login as dana"


def test_the_first_admin_is_made_once(loaded: Database) -> None:
    password = ensure_admin(loaded)
    assert password is not None and check_password(loaded, "admin", password) is not None
    assert ensure_admin(loaded) is None


def test_two_servers_starting_at_once_make_one_first_admin(
    loaded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another host (its own engine) adds ``admin`` between this server's check and its insert:
    the unique name keeps one, and this server shows no password rather than failing."""
    import zhospar.store.people as people

    url = loaded.engine.url.render_as_string(hide_password=False)
    real = people.find_person
    shown: list[str | None] = []

    def other_server_first(db: Database, name: str) -> PersonInfo | None:
        if db is not loaded:
            return real(db, name)
        if not shown:
            with open_database(url) as other:
                shown.append(ensure_admin(other))
        return None  # what this server saw before the other's insert

    monkeypatch.setattr(people, "find_person", other_server_first)
    assert ensure_admin(loaded) is None
    monkeypatch.undo()
    assert shown[0] is not None and check_password(loaded, "admin", shown[0]) is not None
    assert [p.name for p in list_people(loaded) if p.role is Role.ADMIN] == ["admin"]


def test_writes_are_logged_in_their_transaction_as_who_acts(loaded: Database) -> None:
    record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,4")], entered_by="cli-user")
    with acting(Actor("dana", "10.0.0.7")):
        record_actuals(loaded, "small", [one("G1.1-I1", "2011", "6,5")], entered_by="dana")
    newest, oldest = activity(loaded, action="record-facts")
    assert (oldest.user, oldest.address) == ("cli-user", "cli")
    assert (newest.user, newest.address) == ("dana", "10.0.0.7")
    assert newest.detail.startswith("G1.1-I1 2011 = 6.5 (revision 2;")
    since = activity(loaded, since=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    assert since == []


@pytest.mark.parametrize(
    "statement", ["UPDATE activity SET user_name = 'x'", "DELETE FROM activity"]
)
def test_the_activity_log_is_append_only(loaded: Database, statement: str) -> None:
    _editor(loaded)
    with pytest.raises(DBAPIError, match="append-only"), loaded.engine.begin() as conn:
        conn.execute(text(statement))
    assert [a.user for a in activity(loaded)] == ["boss"]


def test_set_actual_answers_the_revision_it_wrote(
    loaded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # another writer records revision 2 between this write's commit and its reading back: the
    # answer must still be this write's revision 1 (it was the latest read back, i.e. 2)
    real_history = actuals_module.history

    def history_after_another_writer(*args: object, **kwargs: object) -> object:
        monkeypatch.setattr(actuals_module, "history", real_history)
        record_actuals(loaded, "small", [one("G1.1-I1", "2012", "7")], entered_by="other")
        return real_history(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(actuals_module, "history", history_after_another_writer)
    done = set_actual(loaded, "small", one("G1.1-I1", "2012", "5,3"), entered_by="dana")
    assert (done.actual.revision, str(done.actual.value), done.actual.entered_by) == (
        1,
        "5.3",
        "dana",
    )


def test_an_expired_token_or_session_stops_and_a_valid_one_names_role_and_scopes(
    loaded: Database,
) -> None:
    _editor(loaded)  # dana, editor, scope 1.1
    session = open_session(loaded, "dana")
    token = create_token(loaded, "dana", days=1, by="boss")
    dana = Person("dana", Role.EDITOR, ("1.1",))
    assert session_person(loaded, session) == token_person(loaded, token) == dana
    assert token_person(loaded, token + "x") is None and token_person(loaded, "") is None
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with loaded.engine.begin() as conn:  # both run out a second ago
        conn.execute(update(ApiTokenRow).values(expires_at=past))
        conn.execute(update(SessionRow).values(expires_at=past))
    assert token_person(loaded, token) is None
    assert session_person(loaded, session) is None
