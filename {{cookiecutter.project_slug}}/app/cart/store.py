"""Orders in a database, through st.connection: written at checkout, read back by id.

Without configuration the orders go to a SQLite file in the project's data folder,
created on the first checkout. A ``url`` under ``[connections.orders]`` in
``.streamlit/secrets.toml`` sends them to another database (see secrets.toml.example).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from .catalog import DATA_DIR
from .model import PricedLine, cents, total

logger = logging.getLogger(__name__)

CONNECTION = "orders"  # the [connections.orders] section of secrets.toml
DEFAULT_DATABASE = DATA_DIR / "orders.sqlite"


class SecretsError(RuntimeError):
    """A secrets file exists but Streamlit cannot read it."""


# What a database that is down, locked, unwritable or misconfigured raises; a missing
# driver (psycopg for PostgreSQL, say) is an ImportError.
DATABASE_ERRORS = (SQLAlchemyError, ImportError, SecretsError)
# Of those, the ones no retry mends: the operator must fix the configuration.
CONFIGURATION_ERRORS = (ImportError, SecretsError, ArgumentError, NoSuchModuleError)

METADATA = MetaData()
ORDERS = Table(
    "shop_orders",
    METADATA,
    Column("id", Integer, primary_key=True),
    # One per cart content: a checkout retried with the same token finds its order.
    Column("checkout_token", String(64), nullable=False, unique=True),
    Column("placed_at", DateTime(timezone=True), nullable=False),
    Column("total_cents", Integer, nullable=False),
)
ORDER_LINES = Table(
    "shop_order_lines",
    METADATA,
    Column("order_id", ForeignKey(ORDERS.c.id), primary_key=True),
    Column("sku", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("unit_price_cents", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
)


@dataclass(frozen=True)
class OrderSummary:
    id: int
    placed_at: datetime
    items: int
    total: Decimal


def connection_settings() -> dict[str, Any]:
    """What st.connection gets: the url from secrets, else the embedded SQLite file.

    The url is passed explicitly, even when it comes from secrets, for two reasons.
    st.connection caches one connection per name and arguments, so another url gets
    its own engine instead of a cached one still bound to the old database. And
    Streamlit's own lookup reads the process-wide secrets, which AppTest's
    ``at.secrets`` does not reach; reading ``st.secrets`` here lets tests point the
    app at a temporary database the same way a user points it at PostgreSQL.
    """
    section = _orders_section()
    if "url" in section:
        return {"url": section["url"]}
    if section:  # dialect, host, username...: Streamlit builds the url from them
        return {}
    return {"url": f"sqlite:///{DEFAULT_DATABASE.as_posix()}"}


def _orders_section() -> Any:
    """The [connections.orders] section of the secrets, or {} when there is no file.

    Streamlit raises a FileNotFoundError both when no secrets file exists and when
    one cannot be parsed. Only the first may fall back to the embedded database: a
    typo in a production secrets.toml must not send orders to a local file unseen.
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
    dialect = url.split(":", 1)[0] if url else str(_orders_section().get("dialect", ""))
    return {"poolclass": NullPool} if dialect.startswith("sqlite") else {"pool_pre_ping": True}


def orders_engine() -> Engine:
    """The SQLAlchemy engine of the orders connection, shared by every session."""
    settings = connection_settings()
    return st.connection(CONNECTION, type="sql", **settings, **engine_options(settings)).engine


# The databases whose tables this process has made sure of, by URL.
_SCHEMA_READY: set[str] = set()
_SCHEMA_LOCK = threading.Lock()


def _schema_key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def ensure_schema(engine: Engine) -> None:
    """Create the orders tables once per database and process, before the first order.

    Sessions are threads of one process: the lock makes one checkout create the tables
    while the others wait, instead of racing to create them. Another process (a second
    server) may still create them at the same moment; its CREATE then fails here, and
    finding the tables in place counts as success.
    """
    key = _schema_key(engine)
    if key in _SCHEMA_READY:
        return
    with _SCHEMA_LOCK:
        if key in _SCHEMA_READY:
            return
        try:
            METADATA.create_all(engine)
        except SQLAlchemyError:
            if not _has_tables(engine):
                raise
        _SCHEMA_READY.add(key)


def _has_tables(engine: Engine) -> bool:
    tables = set(inspect(engine).get_table_names())
    return all(table.name in tables for table in METADATA.sorted_tables)


def is_configuration(failure: BaseException) -> bool:
    """Whether ``failure`` needs the operator (a bad URL, a missing driver, unreadable
    secrets), rather than a moment's patience (a database down, locked or busy)."""
    return isinstance(failure, CONFIGURATION_ERRORS)


def log_failure(action: str, failure: BaseException) -> None:
    """Tell the operator, in the server's log, what failed and what to look at."""
    if is_configuration(failure):
        advice = (
            "check [connections.orders] in .streamlit/secrets.toml, and that the "
            "database's driver is installed (PostgreSQL: uv add 'psycopg[binary]')"
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
    _SCHEMA_READY.discard(_schema_key(engine))
    engine.dispose()


def place_order(engine: Engine, token: str, lines: Sequence[PricedLine]) -> int:
    """Write an order and its lines in one transaction; return the order's id.

    A second call with the same token writes nothing and returns the first order's
    id: the UNIQUE token turns a retried checkout into a lookup.
    """
    ensure_schema(engine)
    try:
        with engine.begin() as db:  # commits at the end, or rolls everything back
            order_id = db.execute(
                insert(ORDERS).values(
                    checkout_token=token,
                    placed_at=datetime.now(UTC),
                    total_cents=cents(total(lines)),
                )
            ).inserted_primary_key[0]
            db.execute(
                insert(ORDER_LINES),
                [
                    {
                        "order_id": order_id,
                        "sku": line.product.sku,
                        "name": line.product.name,
                        "unit_price_cents": cents(line.product.price),
                        "quantity": line.quantity,
                    }
                    for line in lines
                ],
            )
    except IntegrityError:
        existing = _order_with_token(engine, token)
        if existing is None:
            raise
        return existing
    return order_id


def _order_with_token(engine: Engine, token: str) -> int | None:
    with engine.connect() as db:
        return db.scalar(select(ORDERS.c.id).where(ORDERS.c.checkout_token == token))


def read_orders(engine: Engine, ids: Sequence[int]) -> list[OrderSummary]:
    """The orders with these ids, oldest first, as the database has them."""
    query = (
        select(
            ORDERS.c.id,
            ORDERS.c.placed_at,
            func.sum(ORDER_LINES.c.quantity),
            ORDERS.c.total_cents,
        )
        .join(ORDER_LINES, ORDER_LINES.c.order_id == ORDERS.c.id)
        .where(ORDERS.c.id.in_(list(ids)))
        .group_by(ORDERS.c.id, ORDERS.c.placed_at, ORDERS.c.total_cents)
        .order_by(ORDERS.c.id)
    )
    with engine.connect() as db:
        return [
            OrderSummary(order_id, placed_at, int(items), Decimal(total_cents) / 100)
            for order_id, placed_at, items, total_cents in db.execute(query)
        ]
