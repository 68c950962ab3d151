"""``zhospar user``, ``zhospar token`` and ``zhospar log``: people, API tokens, the activity log.

Passwords are read from standard input (``--password-stdin``), never from the command line,
where other users of the machine could see them. A token is printed once, alone on the last line,
so that a script can take it with ``tail -n 1``; the database keeps only its hash. Each change
is noted in the activity log as the CLI's user ($ZHOSPAR_USER, else the login name).
"""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from zhospar._exceptions import ValidationError
from zhospar.cli.store_cmds import _console, _open

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    user_app = typer.Typer(help="People who sign in to the web app, with their roles.")
    user_app.command("add")(user_add)
    user_app.command("list")(user_list)
    user_app.command("disable")(user_disable)
    user_app.command("passwd")(user_passwd)
    token_app = typer.Typer(help="API tokens for scripts (Authorization: Bearer TOKEN).")
    token_app.command("create")(token_create)
    token_app.command("list")(token_list)
    token_app.command("revoke")(token_revoke)
    app.add_typer(user_app, name="user", no_args_is_help=True)
    app.add_typer(token_app, name="token", no_args_is_help=True)
    app.command("log")(log)


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]


def _me() -> str:
    from zhospar.store import Settings

    return Settings.from_env().user


def _password(from_stdin: bool) -> str:
    """The password: the first line of standard input (its line end removed)."""
    if not from_stdin:
        raise ValidationError("give the password on standard input with --password-stdin")
    return sys.stdin.readline().rstrip("\r\n")


def _when(moment: "dt.datetime | None") -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else ""


def user_add(
    name: str,
    role: Annotated[str, typer.Option(help="admin, planner, editor or viewer.")],
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            metavar="CODE",
            help="An editor's direction, goal, task or program code (repeat it); none: all.",
        ),
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a person who signs in with NAME and the password given on standard input."""
    from zhospar.store.people import add_person

    password = _password(password_stdin)
    with _open() as db:
        added = add_person(db, name, role, password, scopes=scope or [], by=_me())
    where = f" within {', '.join(added.scopes)}" if added.scopes else ""
    _console().print(f"added {added.name} as {added.role.value}{where}")


def user_list() -> None:
    """Every person: role, scope, whether disabled."""
    from rich.table import Table

    from zhospar.store.people import list_people

    with _open() as db:
        people = list_people(db)
    table = Table("name", "role", "scope", "state", "added (UTC)")
    for p in people:
        state = "disabled" if p.disabled else "active"
        scope = " ".join(p.scopes) or "whole plan"
        table.add_row(p.name, p.role.value, scope, state, _when(p.created_at))
    _console().print(table)


def user_disable(name: str) -> None:
    """Disable a person: their sessions and tokens stop at once."""
    from zhospar.store.people import disable_person

    with _open() as db:
        disable_person(db, name, by=_me())
    _console().print(f"disabled {name}; their sessions and tokens no longer work")


def user_passwd(name: str, password_stdin: PasswordStdin = False) -> None:
    """Set a person's password from standard input; their open sessions end."""
    from zhospar.store.people import set_password

    password = _password(password_stdin)
    with _open() as db:
        set_password(db, name, password, by=_me())
    _console().print(f"changed the password of {name}; their sessions ended")


def token_create(
    name: str,
    days: Annotated[
        int | None, typer.Option(help="Valid this many days; until revoked if omitted.")
    ] = None,
) -> None:
    """Create an API token for NAME, printed once on the last line."""
    from zhospar.store.credentials import create_token

    with _open() as db:
        token = create_token(db, name, days=days, by=_me())
    console = _console()
    console.print(f"a token for {name}; it is shown this once (only its hash is kept):")
    console.print(token, soft_wrap=True)


def token_list() -> None:
    """Every token: its number, owner, and when it was made, expires or was revoked."""
    from rich.table import Table

    from zhospar.store.credentials import list_tokens

    with _open() as db:
        tokens = list_tokens(db)
    table = Table("id", "user", "created (UTC)", "expires", "revoked")
    for t in tokens:
        table.add_row(
            str(t.id), t.user, _when(t.created_at), _when(t.expires_at), _when(t.revoked_at)
        )
    _console().print(table)


def token_revoke(token_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Revoke token ID (see `zhospar token list`): it stops at once."""
    from zhospar.store.credentials import revoke_token

    with _open() as db:
        revoke_token(db, token_id, by=_me())
    _console().print(f"revoked token {token_id}")


def log(
    user: Annotated[str | None, typer.Option(help="Only this person's actions.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only from this date on (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many lines.", min=1)] = 200,
) -> None:
    """The activity log, newest first: who did what, when, from where."""
    from rich.table import Table

    from zhospar.store.activity import activity, since_day

    start = since_day(since)
    with _open() as db:
        found = activity(db, user=user, since=start, limit=limit)
    table = Table("when (UTC)", "who", "from", "action", "what")
    for a in found:
        table.add_row(f"{a.at:%Y-%m-%d %H:%M:%S}", a.user, a.address, a.action, a.detail)
    _console().print(table)
