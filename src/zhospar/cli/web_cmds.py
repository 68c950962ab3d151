"""``zhospar serve``: the web app and its JSON API (the main job of a Zhospar installation)."""

from typing import Annotated

import typer

from zhospar.cli._options import PlanOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.command()(serve)


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
) -> None:
    """Serve the web app (dashboard, plan, indicators, value entry, audit, reports) and /api.

    On the embedded default database (no --database and no $ZHOSPAR_DATABASE_URL) the schema
    and the bundled plan are set up first if missing; another database is served as it is (set
    it up with `zhospar init`). Values entered in the pages are recorded as $ZHOSPAR_USER, else
    the login name. Stop with Ctrl+C.
    """
    import uvicorn
    from rich.console import Console

    from zhospar.server import create_app
    from zhospar.store import Settings, initialize, open_database
    from zhospar.store.db import default_database_url

    settings = Settings.from_env()
    url = database or settings.database_url
    console = Console(stderr=True, highlight=False, markup=False)
    db = open_database(url)
    try:
        if url == default_database_url():
            for line in initialize(db).lines():
                console.print(line)
        console.print(f"Zhospar at http://{host}:{port}/ ({db.url}); Ctrl+C stops it")
        uvicorn.run(create_app(db, settings=settings, plan_key=plan), host=host, port=port)
    finally:
        db.close()
