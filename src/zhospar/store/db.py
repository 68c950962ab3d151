"""The database: settings, engine, migrations and the ``Database`` handle.

Nothing here runs at import time: ``Settings.from_env()`` reads the environment when called, and
``open_database`` connects and brings the schema to the newest migration. SQLite (the default, a
file in the user's data folder) and PostgreSQL through psycopg 3 are supported:

    ZHOSPAR_DATABASE_URL=postgresql+psycopg://user@host:5432/dbname

Writers are serialized per database (SQLite: ``BEGIN IMMEDIATE``) or per plan (PostgreSQL: a
transaction-scoped advisory lock), so that revision numbers are handed out one writer at a time;
the unique key on revisions is the safety net, and ``write`` retries the whole transaction when it
trips or when SQLite stays locked.

A database that fails (unreachable, the connection lost, the disk full, a read-only file) raises
``DatabaseUnavailable``, a ``StoreError``, wherever the store meets it (``reading``, ``writing``,
``write`` once its retries are spent, ``session``, ``open_database``): one sentence for the user,
exit status 7 on the command line, HTTP 503 on the web, never the driver's traceback.
"""

from __future__ import annotations

import getpass
import os
import random
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from zhospar._exceptions import DatabaseUnavailable, NotFoundError, StoreError
from zhospar.model.plan import Plan
from zhospar.store._sqlite_turns import WriterTurns
from zhospar.store.schema import PlanRow

__all__ = [
    "Database",
    "Settings",
    "database_error",
    "default_database_url",
    "is_database_error",
    "migrate",
    "open_database",
    "schema_revision",
]

T = TypeVar("T")
ENV_URL = "ZHOSPAR_DATABASE_URL"
ENV_USER = "ZHOSPAR_USER"
_LOCK_NAMESPACE = 0x5A48  # "ZH": first key of the PostgreSQL advisory lock taken by writers
_SQLITE_BUSY_SECONDS = 60.0
_WRITE_ATTEMPTS = 8
_MIGRATING = threading.Lock()


def default_database_url() -> str:
    """A SQLite file in the user's data folder, e.g. ~/.local/share/zhospar/zhospar.sqlite3."""
    folder = Path(platformdirs.user_data_dir("zhospar", appauthor=False))
    return f"sqlite:///{folder / 'zhospar.sqlite3'}"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name on this system (e.g. a container's uid)
        return "unknown"


@dataclass(frozen=True)
class Settings:
    """What the application needs from its surroundings: where the data lives and who is acting."""

    database_url: str
    user: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get(ENV_URL) or default_database_url(),
            user=env.get(ENV_USER) or _login_name(),
        )


@dataclass
class Database:
    """An open Zhospar database. Create it with ``open_database``."""

    engine: Engine
    migrated_from: str | None = None  # schema revision before open_database upgraded it
    created: bool = False  # True when open_database created the schema from nothing
    retries: int = 0  # write transactions run again after a revision conflict or a busy lock
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    _turns: WriterTurns | None = field(default=None, init=False, repr=False)  # SQLite files

    def __post_init__(self) -> None:
        path = self.sqlite_path
        self._turns = WriterTurns(path) if path is not None else None

    @property
    def url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database (None for PostgreSQL or an in-memory SQLite)."""
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:":
            return None
        return Path(database)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._failures(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._failures(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self, plan_id: int | None = None) -> Iterator[Connection]:
        """One write transaction, serialized against other writers (see the module doc); with
        ``plan_id``, the plan's data version is bumped in it (as ``write`` does)."""
        with self._failures(), self._transaction(plan_id) as conn:
            yield conn
            if plan_id is not None:
                _bump(conn, plan_id)

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """The driver's errors as ``StoreError``s (see ``database_error``)."""
        try:
            yield
        except Exception as error:
            if not is_database_error(error):
                raise
            raise database_error(error, self.url) from error

    @contextmanager
    def _transaction(self, plan_id: int | None) -> Iterator[Connection]:
        with self._writer_turn(), self.engine.connect() as conn:
            conn.execution_options(zhospar_write=True)
            with conn.begin():
                if self.dialect == "postgresql" and plan_id is not None:
                    self._lock_plan(conn, plan_id)
                yield conn

    def _writer_turn(self) -> AbstractContextManager[None]:
        """A SQLite file's writers take turns (``_sqlite_turns``); PostgreSQL queues them on
        the plan's lock itself."""
        return nullcontext() if self._turns is None else self._turns.turn()

    def _lock_plan(self, conn: Connection, plan_id: int) -> None:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_NAMESPACE}, {int(plan_id)})")

    def write(
        self,
        work: Callable[[Connection], T],
        *,
        plan_id: int | None = None,
        changes_data: bool = True,
    ) -> T:
        """Run ``work`` in one write transaction; retry it whole on a revision conflict.

        A write for a plan (``plan_id``) takes the plan's lock and, unless ``changes_data`` is
        False (e.g. the search index), bumps the plan's data version in the same transaction,
        so every process drops the evaluation it keeps for the plan (``data_version``).
        """
        with self._failures():
            for attempt in range(1, _WRITE_ATTEMPTS + 1):
                try:
                    with self._transaction(plan_id) as conn:
                        done = work(conn)
                        if plan_id is not None and changes_data:
                            _bump(conn, plan_id)
                        return done
                except (IntegrityError, OperationalError) as error:
                    if attempt == _WRITE_ATTEMPTS or not _is_retryable(error):
                        raise
                    self.retries += 1
                    time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def plan_keys(self) -> list[str]:
        with self.reading() as conn:
            return list(conn.scalars(select(PlanRow.key).order_by(PlanRow.id)))

    def plan_titles(self) -> list[tuple[str, str]]:
        """Each stored plan's key and title, in the order they were stored (the switcher)."""
        with self.reading() as conn:
            rows = conn.execute(select(PlanRow.key, PlanRow.title).order_by(PlanRow.id))
            return [(key, title) for key, title in rows]

    def default_plan_key(self) -> str:
        """The first plan stored (the bundled one after ``zhospar init``)."""
        keys = self.plan_keys()
        if not keys:
            raise NotFoundError(
                f"no plan is stored in {self.url}: run `zhospar init` to load the bundled plan"
            )
        return keys[0]

    def load_plan(self, plan_key: str | None = None) -> Plan:
        """The plan as read (``KEY``), or as it stood in one version (``KEY@VERSION``)."""
        from zhospar.store.plans import load_plan

        return load_plan(self, plan_key)


def _bump(conn: Connection, plan_id: int) -> None:
    from zhospar.store.data_version import bump_data_version  # it imports this module

    bump_data_version(conn, plan_id)


def _is_retryable(error: IntegrityError | OperationalError) -> bool:
    text = str(error.orig)
    if isinstance(error, IntegrityError):
        return "uq_actuals_revision" in text or "actuals.revision" in text
    return "locked" in text or "busy" in text


def is_database_error(error: BaseException) -> bool:
    """An error of the database: SQLAlchemy's ``DBAPIError`` or a driver's own (sqlite3;
    psycopg raised past SQLAlchemy, e.g. by ``COPY``, looked up only when it is loaded)."""
    psycopg = sys.modules.get("psycopg")
    drivers: tuple[type[BaseException], ...] = (DBAPIError, sqlite3.Error)
    return isinstance(error, drivers + ((psycopg.Error,) if psycopg is not None else ()))


def _unavailable(error: BaseException) -> bool:
    """The database failed, rather than refused: OperationalError or InterfaceError."""
    from sqlalchemy.exc import InterfaceError

    orig = error.orig if isinstance(error, DBAPIError) else error
    psycopg = sys.modules.get("psycopg")
    failed: tuple[type[BaseException], ...] = (
        OperationalError, InterfaceError, sqlite3.OperationalError, sqlite3.InterfaceError,
    )  # fmt: skip
    if psycopg is not None:
        failed += (psycopg.OperationalError, psycopg.InterfaceError)
    return isinstance(error, failed) or isinstance(orig, failed)


def database_error(error: BaseException, url: str | None = None) -> StoreError:
    """The ``StoreError`` for a database failure, in one sentence naming the database.

    A database that failed (unreachable, connection lost, disk full, read-only, locked for too
    long) gives ``DatabaseUnavailable``; any other refusal (a constraint, a bad statement) a
    plain ``StoreError``. The driver's message is kept to its first line: its hints ("This
    probably means ...") are for the database's administrator, not a sentence for the user.
    """
    orig = error.orig if isinstance(error, DBAPIError) else error
    reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0].rstrip(".")
    database = f"the database {url}" if url else "the database"
    if _unavailable(error):
        return DatabaseUnavailable(f"{database} cannot be used now: {reason}")
    return StoreError(f"{database} refused the change: {reason}")


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Connect to the database at ``url`` (default: ``Settings.from_env()``) and migrate it."""
    url = url or Settings.from_env().database_url
    engine = _create_engine(url)
    db = Database(engine)
    if upgrade:
        try:
            db.migrated_from = schema_revision(engine)
            db.created = db.migrated_from is None
            migrate(engine, "head")
        except DBAPIError as error:
            engine.dispose()
            raise database_error(error, db.url) from None
    return db


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f'"{url}" is not a database URL: expected sqlite:///PATH or '
            "postgresql+psycopg://USER@HOST:PORT/DB"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": _SQLITE_BUSY_SECONDS})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(
            f"{parsed.get_backend_name()} is not supported: use SQLite or PostgreSQL (psycopg)"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, a busy timeout, a write-ahead log, and transactions that this code
    begins itself.

    A file database keeps a write-ahead log (``journal_mode = WAL``, which stays with the
    file): readers read the last committed state while a writer writes, and a writer commits
    without waiting for every reader to finish. With SQLite's default rollback journal, a
    commit waited until no page was being read, and with forty readers of a server there
    always was one: writes waited seconds. ``synchronous`` stays FULL, so a write that has
    returned is on disk (nothing entered is lost in a power cut). The log's price: a bulk
    import writes each page twice, and the file must be on a local disk (the log's index is
    shared memory, which network file systems do not share). A killed process leaves a log that
    the next connection replays; the backup API copies the log's pages too (``backup``).

    Python's sqlite3 module opens transactions lazily; with ``isolation_level = None`` it leaves
    that to us, so a write transaction can start with ``BEGIN IMMEDIATE`` and wait for the
    write lock up front instead of failing half-way.
    """

    file_database = engine.url.database not in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(_SQLITE_BUSY_SECONDS * 1000)}")
        if file_database:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("zhospar_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _alembic_config(conn: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: the scripts live inside the installed package."""
    location = resources.files("zhospar.store").joinpath("migrations")
    config = Config()
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = conn
    return config


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> None:
    """Upgrade (or with ``down``, downgrade) the schema to ``revision`` through Alembic.

    Alembic keeps its running context in module globals, so two threads of one process must not
    migrate at once; a lock takes turns (other processes are kept apart by the transaction).
    """
    if not down and revision == "head" and schema_revision(engine) == head_revision():
        return
    with _MIGRATING, engine.connect() as conn:
        conn.execution_options(zhospar_write=True)
        with conn.begin():
            config = _alembic_config(conn)
            if down:
                command.downgrade(config, revision)
            else:
                command.upgrade(config, revision)


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest migration this version of Zhospar knows."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {
        script.revision
        for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }
