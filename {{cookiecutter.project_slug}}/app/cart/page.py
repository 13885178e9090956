"""Shop page: one catalog for everyone, one cart per session, orders in a database."""

import logging
from datetime import UTC, datetime

import streamlit as st

from app.account import identity
from app.cart import state as cart
from app.cart.callbacks import (
    add_to_cart,
    change_quantity,
    check_out,
    clear_cart,
    remove_line,
)
from app.cart.catalog import load_catalog
from app.cart.model import CartError, CatalogError, PricedLine, money, priced, total
from app.cart.store import read_orders
from app.database import on_database
from app.parts import part
from app.text import literal

# Quantities are float inputs shown without decimals (step=1.0, format="%g"). An integer
# input turns a typed 2.5 into 2 before any callback sees it; this one passes 2.5 on,
# for the cart's rules to refuse.
logger = logging.getLogger(__name__)


def as_utc(moment: datetime) -> datetime:
    # SQLite hands back the naive UTC time it stored; PostgreSQL an aware one in the
    # session's time zone.
    return moment if moment.tzinfo is None else moment.astimezone(UTC)


def show_error(at: str) -> None:
    """The cart's error, if it belongs at this place on the page."""
    error = cart.ERROR.get()
    if error and error["at"] == at:
        st.error(literal(error["message"]))


def show_line(line: PricedLine, token: str) -> None:
    """One line of the cart, in a box of its own. Every value says what it is: on a
    phone the columns stack, and a header row would stack into a list of words far
    from the values it names."""
    sku, name = line.product.sku, line.product.name
    key = cart.line_quantity_key(sku, token)
    # Streamlit forgets an input's value while its page is closed: start it from the line.
    key.setdefault(line.quantity)
    with st.container(border=True):
        item, count, amount, remove = st.columns([3, 3.5, 2, 1.5], vertical_alignment="bottom")
        item.markdown(f"**{literal(name)}**  \n{literal(money(line.product.price))} each")
        count.number_input(
            f"Quantity of {name}",
            key=key,
            on_change=change_quantity,
            args=(sku, key),
            step=1.0,
            format="%g",
        )
        amount.markdown(f":small[Line total]  \n**{literal(money(line.amount))}**")
        remove.button("Remove", key=cart.remove_line_key(sku), on_click=remove_line, args=(sku,))
        show_error(key)


st.title("Shop")
try:
    catalog = load_catalog()
except CatalogError as broken:
    logger.error(
        "the shop is closed: its catalog %s; fix the file: the next run reads it again", broken
    )
    st.error(literal(f"The shop is closed: its catalog {broken}."))
    st.stop()
labels = {sku: f"{product.name} · {money(product.price)}" for sku, product in catalog.items()}
# The catalog is the same for everyone (st.cache_data), the cart belongs to this tab
# (st.session_state), and orders go to a database (st.connection): see README.md.
if identity.subject() is not None:
    st.caption("Your cart is kept for your next visit.")
else:
    st.caption("Your cart is kept while this tab stays open; reloading the page empties it.")


# Adding, changing and removing lines change only what this part draws: each reruns it
# alone (app/parts.py). A checkout also lists the new order below: its callback makes
# that click a full run.
@part(cart.PART)
def cart_and_checkout() -> None:
    st.subheader("Add to cart")
    pick, quantity, add = st.columns([3, 1, 1], vertical_alignment="bottom")
    pick.selectbox(
        "Product",
        list(labels),
        format_func=lambda sku: labels.get(str(sku), str(sku)),
        key=cart.PICK_SKU,
        persist_state="session",
        placeholder="Choose a product",
    )
    quantity.number_input(
        "Quantity", key=cart.PICK_QUANTITY, persist_state="session", step=1.0, format="%g"
    )
    token = cart.CHECKOUT_TOKEN.get()
    add.button(
        "Add to cart", key=cart.add_key(token), on_click=add_to_cart, args=(token,), width="stretch"
    )
    show_error(cart.AT_ADD)

    st.subheader("Your cart")
    try:
        lines = priced(cart.LINES.get(), catalog)
    except CartError as gone:  # the catalog lost a product this cart holds
        lines = []
        st.error(literal(f"{gone} The catalog has changed: clear the cart to go on."))
    if not cart.LINES.get():
        st.caption("Your cart is empty.")
    for line in lines:
        show_line(line, token)

    st.metric("Total", money(total(lines)))
    clear, check = st.columns(2)
    clear.button("Clear cart", key=cart.CLEAR, on_click=clear_cart, width="stretch")
    check.button(
        "Check out", key=cart.CHECK_OUT, on_click=check_out, type="primary", width="stretch"
    )
    show_error(cart.AT_CART)
    show_error(cart.AT_CHECKOUT)
    placed = cart.PLACED.get()
    if placed:
        items = f"{placed['items']} item" + ("" if placed["items"] == 1 else "s")
        st.success(
            f"Order #{placed['order_id']} placed: {items}, {literal(placed['total'])}. Thank you!"
        )


cart_and_checkout()

st.subheader("Your orders")
order_ids = cart.ORDER_IDS.get()
customer = identity.subject()  # a signed-in user's orders from every session; a guest's here
orders = (
    on_database("reading the orders to list", lambda db: read_orders(db, order_ids, customer))
    if order_ids or customer is not None
    else []  # a guest who has placed no order: nothing to read
)
if orders is None:
    st.warning("Your orders cannot be shown just now; please try again in a moment.")
else:
    if not orders:
        st.caption("No order placed yet.")
    else:
        st.dataframe(
            [
                {
                    "Order": order.id,
                    "Placed (UTC)": f"{as_utc(order.placed_at):%Y-%m-%d %H:%M}",
                    "Items": order.items,
                    "Total": money(order.total),
                }
                for order in orders
            ],
            hide_index=True,
        )
