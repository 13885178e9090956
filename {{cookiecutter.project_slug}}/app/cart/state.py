"""The cart's session-state keys, their defaults, and its widget keys."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

# % if cookiecutter.sign_in == "oidc"
from app.merge import Merged, Saved, State, newer_field_wins

# % endif
from ..state import register

LINES = "cart.lines"  # {sku: quantity}, in the order the products were added
# A new token for every change of the cart's content; the order stores it under a
# UNIQUE constraint, so a checkout retried for the same content finds its order.
CHECKOUT_TOKEN = "cart.checkout_token"  # noqa: S105 (the key's name, not a secret)
PICK_SKU = "cart.pick_sku"  # the "Product" selectbox; None until one is chosen
PICK_QUANTITY = "cart.pick_quantity"  # the quantity number input beside it
ERROR = "cart.error"  # None, or {"at": where the message belongs, "message": ...}
PLACED = "cart.placed"  # None, or the confirmation of the last order placed


def new_token(lines: Mapping[str, int]) -> str:
    """The checkout token of a new cart content; an empty cart has none."""
    return secrets.token_hex(16) if lines else ""


# % if cookiecutter.sign_in == "oidc"
def merge_carts(base: State, mine: State, theirs: State) -> Merged:
    """Two tabs' carts meet line by line: each keeps the products the other added,
    changed or removed, and where both changed one line this tab's quantity is kept.
    The token follows the content: a cart that neither tab held gets a new one, so a
    checkout that a tab started for its own content cannot place this one."""
    lines = newer_field_wins({LINES: base[LINES]}, {LINES: mine[LINES]}, {LINES: theirs[LINES]})
    merged = lines.state[LINES]
    same = next((side for side in (theirs, mine) if side[LINES] == merged), None)
    token = same[CHECKOUT_TOKEN] if same else new_token(merged)
    return Merged({LINES: merged, CHECKOUT_TOKEN: token}, lines.outcome)


# % endif
FEATURE = register(
    "cart",
    {
        LINES: {},
        CHECKOUT_TOKEN: "",
        PICK_SKU: None,
        PICK_QUANTITY: 1,
        ERROR: None,
        PLACED: None,
    },
    # % if cookiecutter.sign_in == "oidc"
    # A signed-in user's cart, for their next visit and their other tabs.
    saved=Saved((LINES, CHECKOUT_TOKEN), "Your cart", merge_carts),
    # % endif
)

# The ids of the orders this session placed. They stay through both resets, like the
# rows they point to; logging out ends the session and forgets them.
ORDER_IDS = "cart.order_ids"
ORDERS = register("cart.orders", {ORDER_IDS: []}, keep_on_reset_all=True)

# Where an error is shown: by the Add button, by the cart buttons, or under a line (its
# quantity input's key).
AT_ADD = "add"
AT_CART = "cart"
AT_CHECKOUT = "checkout"

CLEAR = "cart.clear"
CHECK_OUT = "cart.check_out"


def line_quantity_key(sku: str, token: str) -> str:
    """The key of a line's quantity input, for one cart content (CHECKOUT_TOKEN).

    A widget key, not a registered one. Each new content draws new inputs, started from
    the lines, and Streamlit forgets the keys no longer drawn: a removed line's old
    quantity never comes back, and a value sent by a page drawn before the cart changed
    (the second click of a double click) belongs to no input on screen."""
    return f"cart.quantity.{token}.{sku}"


def remove_line_key(sku: str) -> str:
    return f"cart.remove.{sku}"


def add_key(token: str) -> str:
    """The Add button's key, new with each cart content (CHECKOUT_TOKEN). The second
    click of a double click comes from the page drawn before the first: its button is
    gone, so it cannot add the product a second time."""
    return f"cart.add.{token}"
