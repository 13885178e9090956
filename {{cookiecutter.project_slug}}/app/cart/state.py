"""The cart's session-state keys, their defaults, and its widget keys."""

from __future__ import annotations

from ..state import register

LINES = "cart.lines"  # {sku: quantity}, in the order the products were added
# A new token for every change of the cart's content; the order stores it under a
# UNIQUE constraint, so a checkout retried for the same content finds its order.
CHECKOUT_TOKEN = "cart.checkout_token"  # noqa: S105 (the key's name, not a secret)
PICK_SKU = "cart.pick_sku"  # the "Product" selectbox; None until one is chosen
PICK_QUANTITY = "cart.pick_quantity"  # the quantity number input beside it
ERROR = "cart.error"  # None, or {"at": where the message belongs, "message": ...}
PLACED = "cart.placed"  # None, or the confirmation of the last order placed

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
    saved=(LINES, CHECKOUT_TOKEN),  # a signed-in user's cart, for their next visit
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
