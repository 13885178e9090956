"""The app's database, through st.connection: one engine per process, shared by every session.

Without configuration it is a SQLite file in the project's data folder, created on first
use. A ``url`` under ``[connections.app]`` in ``.streamlit/secrets.toml`` points it at
another database (see secrets.toml.example). Each feature that stores something defines
its own tables and calls ``ensure_schema`` before it reads or writes them: a new database
has none.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Found from this file rather than the working directory, so the app finds its data
# wherever `streamlit run` is started.
PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"
CONNECTION = "app"  # the [connections.app] section of secrets.toml
DEFAULT_DATABASE = DATA_DIR / "app.sqlite"


class SecretsError(RuntimeError):
    """A secrets file exists but Streamlit cannot read it."""


# What a database that is down, locked, unwritable or misconfigured raises; a missing
# driver (psycopg for PostgreSQL, say) is an ImportError.
DATABASE_ERRORS = (SQLAlchemyError, ImportError, SecretsError)
# Of those, the ones no retry mends: the operator must fix the configuration.
CONFIGURATION_ERRORS = (ImportError, SecretsError, ArgumentError, NoSuchModuleError)


def connection_settings() -> dict[str, Any]:
    """What st.connection gets: the url from secrets, else the embedded SQLite file.

    The url is passed explicitly, even when it comes from secrets, for two reasons.
    st.connection caches one connection per name and arguments, so another url gets
    its own engine instead of a cached one still bound to the old database. And
    Streamlit's own lookup reads the process-wide secrets, which AppTest's
    ``at.secrets`` does not reach; reading ``st.secrets`` here lets tests point the
    app at a temporary database the same way a user points it at PostgreSQL.
    """
    section = _section()
    if "url" in section:
        return {"url": section["url"]}
    if section:  # dialect, host, username...: Streamlit builds the url from them
        return {}
    DEFAULT_DATABASE.parent.mkdir(parents=True, exist_ok=True)
    return {"url": f"sqlite:///{DEFAULT_DATABASE.as_posix()}"}


def _section() -> Any:
    """The [connections.app] section of the secrets, or {} when there is no file.

    Streamlit raises a FileNotFoundError both when no secrets file exists and when
    one cannot be parsed. Only the first may fall back to the embedded database: a
    typo in a production secrets.toml must not send data to a local file unseen.
    """
    try:
        return st.secrets.get("connections", {}).get(CONNECTION, {})
    except FileNotFoundError as unreadable:
        files = [Path(name).expanduser() for name in st.get_option("secrets.files")]
        present = [str(path) for path in files if path.is_file()]
        if present:
            raise SecretsError(f"cannot read {', '.join(present)}") from unreadable
        return {}


def engine_options(settings: dict[str, Any]) -> dict[str, Any]:
    """How the engine connects. A SQLite file is opened afresh for each use (no pool):
    a file deleted or replaced while the app runs is seen at once, reads included, not
    through a connection that still holds the old one. A server's pooled connections
    are tested before use, so one that a database restart broke is replaced."""
    url = str(settings.get("url", ""))
    dialect = url.split(":", 1)[0] if url else str(_section().get("dialect", ""))
    return {"poolclass": NullPool} if dialect.startswith("sqlite") else {"pool_pre_ping": True}


def app_engine() -> Engine:
    """The SQLAlchemy engine of the app's connection, shared by every session."""
    settings = connection_settings()
    return st.connection(CONNECTION, type="sql", **settings, **engine_options(settings)).engine


# The (database, tables) pairs this process has made sure of.
_SCHEMA_READY: set[tuple[str, tuple[str, ...]]] = set()
_SCHEMA_LOCK = threading.Lock()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def ensure_schema(engine: Engine, metadata: MetaData) -> None:
    """Create ``metadata``'s tables once per database and process, before first use.

    Sessions are threads of one process: the lock makes one of them create the tables
    while the others wait, instead of racing to create them. Another process (a second
    server) may still create them at the same moment; its CREATE then fails here, and
    finding the tables in place counts as success.
    """
    key = (_url(engine), tuple(sorted(metadata.tables)))
    if key in _SCHEMA_READY:
        return
    with _SCHEMA_LOCK:
        if key in _SCHEMA_READY:
            return
        try:
            metadata.create_all(engine)
        except SQLAlchemyError:
            if not set(metadata.tables) <= set(inspect(engine).get_table_names()):
                raise
        _SCHEMA_READY.add(key)


def is_configuration(failure: BaseException) -> bool:
    """Whether ``failure`` needs the operator (a bad URL, a missing driver, unreadable
    secrets), rather than a moment's patience (a database down, locked or busy)."""
    return isinstance(failure, CONFIGURATION_ERRORS)


def log_failure(action: str, failure: BaseException) -> None:
    """Tell the operator, in the server's log, what failed and what to look at."""
    if is_configuration(failure):
        advice = (
            f"check [connections.{CONNECTION}] in .streamlit/secrets.toml, and that the "
            "database's driver is installed (PostgreSQL: uv sync --extra postgres)"
        )
    else:
        advice = (
            "check that the database is running and reachable, and that its file or "
            "disk is writable; the app reconnects on the next try"
        )
    logger.error("%s failed: %s: %s", action, type(failure).__name__, advice, exc_info=failure)


def recover(engine: Engine) -> None:
    """After a failure: drop the engine's connections and check the tables again on next
    use, so a database that was repaired (or replaced) works without a restart."""
    url = _url(engine)
    _SCHEMA_READY.difference_update({key for key in _SCHEMA_READY if key[0] == url})
    engine.dispose()


def on_database(action: str, work: Callable[[Engine], T]) -> T | None:
    """``work`` on the app's engine; None if the database failed, which is logged for the
    operator (``action`` says what was being done) and recovered from, so that the next
    try reconnects and checks the tables again."""
    engine = None
    try:
        engine = app_engine()
        return work(engine)
    except DATABASE_ERRORS as failure:
        if engine is not None:
            recover(engine)
        log_failure(action, failure)
        return None
