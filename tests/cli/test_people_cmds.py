"""``zhospar user``, ``token`` and ``log`` end to end, on SQLite and PostgreSQL: passwords only
from standard input, a token alone on the last line, every change in the log as the CLI's user."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhospar._exceptions import ZhosparError
from zhospar.cli import app
from zhospar.cli._errors import exit_code
from zhospar.store import open_database
from zhospar.store.credentials import token_person
from zhospar.store.people import check_password


@pytest.fixture
def env(bundled_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database as after ``zhospar init`` (a copy of one made once per test process)."""
    monkeypatch.setenv("ZHOSPAR_DATABASE_URL", bundled_url)
    monkeypatch.setenv("ZHOSPAR_USER", "it-admin")
    monkeypatch.setenv("COLUMNS", "200")
    return bundled_url


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    if isinstance(result.exception, ZhosparError):
        return exit_code(result.exception), str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_people_are_added_listed_changed_and_disabled(env: str) -> None:
    added = run("user", "add", "dana", "--role", "editor", "--scope", "1.3", "--scope", "002",
                "--password-stdin", stdin="first password\n")  # fmt: skip
    assert added == (0, "added dana as editor within 1.3, 002\n")
    assert run("user", "passwd", "dana", "--password-stdin", stdin="second password\n")[0] == 0
    with open_database(env) as db:
        assert check_password(db, "dana", "second password") is not None
        assert check_password(db, "dana", "first password") is None
    assert run("user", "disable", "dana")[0] == 0
    code, listing = run("user", "list")
    row = next(line for line in listing.splitlines() if "dana" in line)
    assert code == 0 and "editor" in row and "1.3 002" in row and "disabled" in row


def test_a_password_never_comes_from_the_command_line(env: str) -> None:
    code, message = run("user", "add", "dana", "--role", "viewer")
    assert code == 5 and "--password-stdin" in message
    code, message = run("user", "add", "dana", "--role", "chief", "--password-stdin", stdin="x" * 9)
    assert code == 5 and 'unknown role "chief"' in message


def test_a_token_is_printed_alone_on_its_last_line_and_can_be_revoked(env: str) -> None:
    run("user", "add", "bot", "--role", "viewer", "--password-stdin", stdin="bot password\n")
    code, output = run("token", "create", "bot", "--days", "30")
    token = output.splitlines()[-1]
    assert code == 0 and token.startswith("zh_") and " " not in token
    with open_database(env) as db:
        assert token_person(db, token) is not None
    listing = run("token", "list")[1]
    assert "bot" in listing and token not in listing
    assert run("token", "revoke", "1") == (0, "revoked token 1\n")
    with open_database(env) as db:
        assert token_person(db, token) is None
    assert run("token", "revoke", "1")[0] == 6  # no token in force


def test_the_log_lists_changes_by_person_and_date(env: str) -> None:
    run("user", "add", "bot", "--role", "viewer", "--password-stdin", stdin="bot password\n")
    run("token", "create", "bot")
    code, output = run("log", "--user", "it-admin")
    assert code == 0 and "token-create" in output and "user-add" in output
    assert "added bot as viewer" in output
    assert "created a token for bot" in output
    assert "user-add" not in run("log", "--user", "someone-else")[1]
    assert "user-add" not in run("log", "--since", "2999-01-01")[1]
    code, message = run("log", "--since", "yesterday")
    assert code == 5 and 'expected a date such as 2012-03-01; got "yesterday"' in message


def test_a_year_is_approved_refuses_values_and_is_reopened_with_a_reason(env: str) -> None:
    approved = run("period", "approve", "2012")
    assert approved[0] == 0 and approved[1].startswith("2012 approved by it-admin on ")
    code, message = run("actual", "set", "G1.1-I1", "2012", "5,3")
    assert code == 8 and "takes no new value: 2012 approved by it-admin on" in message
    assert run("period", "reopen", "2012", "--reason", " ")[0] == 5
    reopened = run("period", "reopen", "2012", "--reason", "revised bulletin")
    assert reopened[0] == 0 and "(revised bulletin)" in reopened[1]
    assert run("actual", "set", "G1.1-I1", "2012", "5,3")[0] == 0
    listing = run("period", "list")[1]
    assert "reopened (draft)" in listing and "revised bulletin" in listing
