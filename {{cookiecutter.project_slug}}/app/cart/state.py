"""The cart's session-state keys, their defaults, and its widget keys."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TypedDict

# % if cookiecutter.sign_in == "oidc"
from app.merge import Merged, Saved, State, newer_field_wins

# % endif
from ..state import Key, register


class Message(TypedDict):
    at: str  # where on the page it belongs: AT_ADD, AT_CART, AT_CHECKOUT or a line's input
    message: str


class Placed(TypedDict):
    order_id: int
    items: int
    total: str  # as the page shows it: "$3.30"


LINES = Key[dict[str, int]]("cart.lines", {})  # {sku: quantity}, in the order added
# A new token for every change of the cart's content; the order stores it under a
# UNIQUE constraint, so a checkout retried for the same content finds its order.
CHECKOUT_TOKEN = Key("cart.checkout_token", "")
PICK_SKU = Key[str | None]("cart.pick_sku", None)  # the "Product" selectbox; None until chosen
# The quantity number input beside it: a float input, so that a typed 2.5 reaches the
# cart's rules to be refused instead of being cut to 2 (see page.py).
PICK_QUANTITY = Key[float]("cart.pick_quantity", 1)
ERROR = Key[Message | None]("cart.error", None)
PLACED = Key[Placed | None]("cart.placed", None)  # the confirmation of the last order


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
    [LINES, CHECKOUT_TOKEN, PICK_SKU, PICK_QUANTITY, ERROR, PLACED],
    # % if cookiecutter.sign_in == "oidc"
    # A signed-in user's cart, for their next visit and their other tabs.
    saved=Saved((LINES, CHECKOUT_TOKEN), "Your cart", merge_carts),
    # % endif
)

# The ids of the orders this session placed. They stay through both resets, like the
# rows they point to; logging out ends the session and forgets them.
ORDER_IDS = Key[list[int]]("cart.order_ids", [])
ORDERS = register("cart.orders", [ORDER_IDS], keep_on_reset_all=True)

# Where an error is shown: by the Add button, by the cart buttons, or under a line (its
# quantity input's key).
AT_ADD = "add"
AT_CART = "cart"
AT_CHECKOUT = "checkout"
PART = "cart"  # the fragment that draws the add form, the lines and the checkout

CLEAR = "cart.clear"
CHECK_OUT = "cart.check_out"


def line_quantity_key(sku: str, token: str) -> Key[float]:
    """The key of a line's quantity input, for one cart content (CHECKOUT_TOKEN).

    A widget key, not a registered one. Each new content draws new inputs, started from
    the lines, and Streamlit forgets the keys no longer drawn: a removed line's old
    quantity never comes back, and a value sent by a page drawn before the cart changed
    (the second click of a double click) belongs to no input on screen."""
    return Key(f"cart.quantity.{token}.{sku}", 1.0)  # the page starts it from the line


def remove_line_key(sku: str) -> str:
    return f"cart.remove.{sku}"


def add_key(token: str) -> str:
    """The Add button's key, new with each cart content (CHECKOUT_TOKEN). The second
    click of a double click comes from the page drawn before the first: its button is
    gone, so it cannot add the product a second time."""
    return f"cart.add.{token}"
