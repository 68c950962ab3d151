"""Settings come from the environment only when asked for."""

from __future__ import annotations

import subprocess
import sys

from zhospar.store import Settings


def test_settings_from_the_environment() -> None:
    env = {"ZHOSPAR_DATABASE_URL": "sqlite:////tmp/x.db", "ZHOSPAR_USER": "aigerim"}
    assert Settings.from_env(env) == Settings("sqlite:////tmp/x.db", "aigerim")


def test_defaults_are_a_sqlite_file_in_the_data_folder_and_the_login_name() -> None:
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("zhospar/zhospar.sqlite3")
    assert settings.user


def test_importing_the_store_touches_no_database() -> None:
    code = (
        "import sys, zhospar.store, zhospar.cli; "
        "print('sqlalchemy.engine.base' in sys.modules and "
        "any(type(o).__name__ == 'Engine' for o in vars(zhospar.store.db).values()))"
    )
    env = {"ZHOSPAR_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"
