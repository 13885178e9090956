"""Orders in the app's database: written at checkout, read back by id.

The connection, its configuration and its recovery after a failure are app/database.py's;
this module owns the orders' tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

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
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..database import ensure_schema
from .model import PricedLine, cents, total

METADATA = MetaData()
ORDERS = Table(
    "shop_orders",
    METADATA,
    Column("id", Integer, primary_key=True),
    # One per cart content: a checkout retried with the same token finds its order.
    Column("checkout_token", String(64), nullable=False, unique=True),
    Column("placed_at", DateTime(timezone=True), nullable=False),
    Column("total_cents", Integer, nullable=False),
    # Who placed it (the sign-in's subject()), so their orders follow them to any
    # session; None for a guest, whose orders only that session lists.
    Column("customer", String(255), index=True),
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


def place_order(
    engine: Engine,
    token: str,
    lines: Sequence[PricedLine],
    customer: str | None = None,
) -> int:
    """Write an order and its lines in one transaction; return the order's id.

    A second call with the same token writes nothing and returns the first order's
    id: the UNIQUE token turns a retried checkout into a lookup.
    """
    ensure_schema(engine, METADATA)
    try:
        with engine.begin() as db:  # commits at the end, or rolls everything back
            order_id: int = db.execute(
                insert(ORDERS)
                .values(
                    checkout_token=token,
                    placed_at=datetime.now(UTC),
                    total_cents=cents(total(lines)),
                    customer=customer,
                )
                .returning(ORDERS.c.id)
            ).scalar_one()
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


def read_orders(
    engine: Engine,
    ids: Sequence[int],
    customer: str | None = None,
) -> list[OrderSummary]:
    """The orders with these ids, and every order of ``customer`` if one is given, oldest
    first, as the database has them."""
    # A new database has no orders yet, and no table either until the first checkout:
    # made here, it lists no orders instead of failing as a missing table.
    ensure_schema(engine, METADATA)
    chosen = ORDERS.c.id.in_(list(ids))
    if customer is not None:
        chosen = chosen | (ORDERS.c.customer == customer)
    query = (
        select(
            ORDERS.c.id,
            ORDERS.c.placed_at,
            func.sum(ORDER_LINES.c.quantity),
            ORDERS.c.total_cents,
        )
        .join(ORDER_LINES, ORDER_LINES.c.order_id == ORDERS.c.id)
        .where(chosen)
        .group_by(ORDERS.c.id, ORDERS.c.placed_at, ORDERS.c.total_cents)
        .order_by(ORDERS.c.id)
    )
    with engine.connect() as db:
        return [
            OrderSummary(order_id, placed_at, int(items), Decimal(total_cents) / 100)
            for order_id, placed_at, items, total_cents in db.execute(query)
        ]
