"""The cart's state changes, each run as a widget callback before the script reruns.

A rule that refuses raises CartError before anything is written; the callback then
stores the message where the page shows it, next to the control that was used.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ..account import identity
from ..database import DATABASE_ERRORS, app_engine, is_configuration, log_failure, recover
from ..state import Key
from . import model
from .catalog import load_catalog
from .model import CartError, CatalogError
from .state import (
    AT_ADD,
    AT_CART,
    AT_CHECKOUT,
    CHECKOUT_TOKEN,
    ERROR,
    LINES,
    ORDER_IDS,
    PICK_QUANTITY,
    PICK_SKU,
    PLACED,
    Placed,
    line_quantity_key,
    new_token,
)
from .store import place_order


def _show_error(at: str, message: str) -> None:
    ERROR.set({"at": at, "message": message})


def _change_lines(lines: Mapping[str, int]) -> None:
    """Store the cart's new content. Its new token gives every line a new quantity
    input, which the page starts from the line (see state.line_quantity_key)."""
    LINES.set(dict(lines))
    CHECKOUT_TOKEN.set(new_token(lines))
    ERROR.set(None)
    PLACED.set(None)


def add_to_cart(drawn_token: str) -> None:
    """Add the chosen product; ``drawn_token`` is the cart content the button was drawn for."""
    if drawn_token != CHECKOUT_TOKEN.get():
        return  # a second click, from a page drawn before the first one changed the cart
    try:
        lines = model.add(
            LINES.get(),
            load_catalog(),
            PICK_SKU.get(),
            PICK_QUANTITY.get(),
        )
    except (CartError, CatalogError) as refused:
        _show_error(AT_ADD, str(refused))
        return
    _change_lines(lines)


def change_quantity(sku: str, key: Key[float]) -> None:
    """The on_change of a line's quantity input ``key``; a refused value is put back."""
    lines = LINES.get()
    if sku not in lines or key != line_quantity_key(sku, CHECKOUT_TOKEN.get()):
        # Sent with a page drawn before the cart changed (a double click elsewhere):
        # that input is no longer on screen, and its value asks nothing.
        return
    try:
        changed = model.set_quantity(lines, load_catalog(), sku, key.get())
    except (CartError, CatalogError) as refused:
        key.set(lines[sku])  # the input shows the line's quantity again
        _show_error(key, f"{refused} The quantity stays {lines[sku]}.")
        return
    _change_lines(changed)


def remove_line(sku: str) -> None:
    try:
        lines = model.remove(LINES.get(), sku)
    except CartError as refused:
        _show_error(AT_CART, str(refused))
        return
    _change_lines(lines)


def clear_cart() -> None:
    try:
        lines = model.clear(LINES.get())
    except CartError as refused:
        _show_error(AT_CART, str(refused))
        return
    _change_lines(lines)


def _place(token: str, priced: list[model.PricedLine]) -> int:
    """Place the order; after a database error, reconnect and try once more. The token
    makes the second try find an order the first one placed, never place a second."""
    for attempt in range(2):
        engine = None
        try:
            engine = app_engine()
            return place_order(engine, token, priced, customer=identity.subject())
        except DATABASE_ERRORS as failure:
            if engine is not None:
                recover(engine)
            if attempt or is_configuration(failure):
                raise
    raise AssertionError("unreachable: the second attempt returns or raises")


def not_placed(failure: BaseException) -> str:
    """What the user is told when the database fails, and whether to try again."""
    if is_configuration(failure):
        return (
            "Your order was not placed: the shop's orders database is not set up right. "
            "Your cart is unchanged; please tell the app's operator."
        )
    return (
        "Your order was not placed: the orders database did not answer. Your cart is "
        "unchanged; try again in a moment."
    )


def check_out() -> None:
    """Write the order; empty the cart only once the database has committed it."""
    lines = LINES.get()
    if not lines:
        # Right after an order (a double click, say) its confirmation says why.
        if PLACED.get() is None:
            _show_error(AT_CHECKOUT, "Your cart is empty: add a product before checking out.")
        return
    try:
        priced = model.priced(lines, load_catalog())
    except (CartError, CatalogError) as refused:
        _show_error(AT_CHECKOUT, str(refused))
        return
    token = CHECKOUT_TOKEN.get() or new_token(lines)
    CHECKOUT_TOKEN.set(token)
    try:
        order_id = _place(token, priced)
    except DATABASE_ERRORS as failure:
        log_failure("checkout (the cart is kept)", failure)
        _show_error(AT_CHECKOUT, not_placed(failure))
        return
    placed = Placed(
        order_id=order_id,
        items=model.item_count(lines),
        total=model.money(model.total(priced)),
    )
    _change_lines({})
    PLACED.set(placed)
    if order_id not in ORDER_IDS.get():
        ORDER_IDS.set([*ORDER_IDS.get(), order_id])
    # The list of orders, outside the cart's part of the page, shows the new one: the
    # click that placed it reruns the whole page, once.
    st.rerun()
