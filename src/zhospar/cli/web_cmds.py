"""``zhospar serve``: the web app and its JSON API (the main job of a Zhospar installation)."""

from typing import TYPE_CHECKING, Annotated

import typer

from zhospar.cli._options import PlanOption

if TYPE_CHECKING:
    from zhospar.store.db import Database

__all__ = ["register"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def register(app: typer.Typer) -> None:
    app.command()(serve)


def _first_admin(db: "Database") -> list[str]:
    """Create ``admin`` with a random password when the database has no admin: the lines that
    show the password, once (it is kept hashed only)."""
    from zhospar.store.people import FIRST_ADMIN, ensure_admin

    password = ensure_admin(db)
    if password is None:
        return []
    return [
        f"Created the administrator {FIRST_ADMIN!r}; its password, shown this once:",
        password,
        f"Change it with: zhospar user passwd {FIRST_ADMIN} --password-stdin",
    ]


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 is this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            metavar="URL",
            help="Database URL; default: $ZHOSPAR_DATABASE_URL, else the embedded SQLite file.",
        ),
    ] = None,
    plan: PlanOption = None,
    public: Annotated[
        bool, typer.Option("--public", help="Anyone may read without signing in (never write).")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A host name the server is reached by, besides 127.0.0.1, localhost and [::1].",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            metavar="N",
            help="Worker processes serving requests; default: the number of cores. They share "
            "nothing but the database.",
        ),
    ] = None,
) -> None:
    """Serve the web app (dashboard, plan, indicators, value entry, audit, reports) and /api.

    On the embedded default database (no --database and no $ZHOSPAR_DATABASE_URL) the schema
    and the bundled plan are set up first if missing; another database is served as it is (set
    it up with `zhospar init`). Everyone signs in; values are recorded as the person signed in.
    On a database with no admin, `admin` is created with a random password, printed once.
    Several workers (--workers) each answer requests; sessions, upload previews and the data
    version that tells when to evaluate again are in the database. Stop with Ctrl+C.
    """
    import os

    import uvicorn
    from rich.console import Console

    from zhospar.server import WORKER_OPTIONS, WorkerOptions
    from zhospar.store import Settings, initialize, open_database
    from zhospar.store.db import ENV_URL, default_database_url

    settings = Settings.from_env()
    url = database or settings.database_url
    console = Console(stderr=True, highlight=False, markup=False)
    db = open_database(url)
    try:
        if url == default_database_url():
            for line in initialize(db).lines():
                console.print(line)
        for line in _first_admin(db):
            console.print(line)
        if host not in _LOOPBACK:
            console.print(
                f"Warning: listening on {host}, beyond this machine. Zhospar speaks plain HTTP: "
                "put it behind a TLS proxy (https) so that passwords and sessions are not sent "
                "in clear, and name the proxy's host with --allowed-host."
            )
        count = workers or os.cpu_count() or 1
        console.print(
            f"Zhospar at http://{host}:{port}/ ({db.url}; {count} worker(s)); Ctrl+C stops it"
        )
    finally:
        db.close()
    # the workers are new processes (spawned by uvicorn): they find the database and the
    # options in the environment, and open the database themselves (``zhospar.server``)
    os.environ[ENV_URL] = url
    options = WorkerOptions(plan, public, tuple(allowed_host or ()), settings.user)
    os.environ[WORKER_OPTIONS] = options.to_json()
    uvicorn.run("zhospar.server:worker_app", factory=True, host=host, port=port, workers=count)
