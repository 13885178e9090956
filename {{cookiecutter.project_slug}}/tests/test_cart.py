"""The Shop page: a shared catalog, a cart per session, orders written to a database.

Every test that can reach the database points the app at a temporary SQLite file
through ``at.secrets``, the way a user points it at PostgreSQL in secrets.toml; no
test touches data/app.sqlite.
"""

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from streamlit.proto.LabelVisibility_pb2 import LabelVisibility
from streamlit.testing.v1.element_tree import Block

from app import database as app_database
from app.cart import catalog, model, store
from app.cart.catalog import load_catalog, read_catalog_file
from app.cart.model import CartError, CatalogError
from app.cart.state import (
    AT_ADD,
    AT_CART,
    AT_CHECKOUT,
    CHECK_OUT,
    CHECKOUT_TOKEN,
    CLEAR,
    ERROR,
    LINES,
    ORDER_IDS,
    PICK_QUANTITY,
    PICK_SKU,
    PLACED,
    add_key,
    line_quantity_key,
    remove_line_key,
)
from app.pages import ACCOUNT, HOME, page_named
from app.session import LOG_OUT, RESET_ALL, RESET_PAGE
from app.text import literal

SHOP = page_named("cart")

# Products of the shipped catalog (data/catalog.csv) that the tests rely on.
CLIPS = "CLIP-100"  # $0.10: three of them must cost $0.30, not 0.30000000000000004
PENCIL = "PENCIL-HB"  # $0.29: 0.29 * 3 * 100 is 86.99999999999999 in float
PEN = "PEN-BLACK"  # $1.15
MUG = "MUG"  # $8.00, at most 6 per order
LAMP = "DESK-LAMP"  # $24.99, at most 3 per order


def sqlite_url(path: Path) -> str:
    # timeout=0: a locked database fails at once instead of after SQLite's 5 s wait.
    return f"sqlite:///{path.as_posix()}?timeout=0"


def use_database(user, url: str):
    """Point this session's app at ``url``, as [connections.app] in secrets.toml does."""
    user.at.secrets["connections"] = {app_database.CONNECTION: {"url": url}}
    return user


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "app.sqlite"


@pytest.fixture
def shop(user, database):
    """A new session on the Shop page; its orders go to a temporary SQLite file."""
    return use_database(user, sqlite_url(database)).open(SHOP.path)


def add(user, sku: str, quantity: int = 1):
    """Choose a product, type a quantity, click Add to cart: three interactions."""
    user.set("selectbox", PICK_SKU, sku).set("number_input", PICK_QUANTITY, quantity)
    return user.click(add_button(user))


def add_button(user) -> str:
    """The Add button's key as drawn: it changes with the cart's content."""
    return add_key(user.state[CHECKOUT_TOKEN])


def set_line(user, sku: str, quantity: int):
    return user.set("number_input", quantity_key(user, sku), quantity)


def quantity_key(user, sku: str) -> str:
    """A line's quantity input, as drawn for the cart's current content."""
    return line_quantity_key(sku, user.state[CHECKOUT_TOKEN])


def shown_errors(user) -> list[str]:
    return [error.value for error in user.at.error]


def line_keys(user) -> list[str]:
    """The quantity inputs of the cart's lines, as drawn."""
    return [widget.key for widget in user.at.number_input if widget.key != PICK_QUANTITY]


def total_shown(user) -> str:
    return user.at.metric[0].value


def line_texts(user, sku: str) -> list[str]:
    """The text of a cart line, in the box that also holds its quantity input (as
    Markdown: what the page escaped shows escaped)."""
    key = quantity_key(user, sku)
    # The outermost box that holds this input and no other: the line's, inside the
    # cart's part of the page.
    line = next(box for box in blocks(user.at.main) if [w.key for w in box.number_input] == [key])
    return [text.value for text in line.markdown]


def blocks(node) -> Iterator[Block]:
    """Every block under ``node``, outer ones first."""
    for child in getattr(node, "children", {}).values():
        if isinstance(child, Block):
            yield child
            yield from blocks(child)


def query(database: Path, sql: str) -> list[tuple]:
    """Read the database back with sqlite3 itself, not through the app's code."""
    with closing(sqlite3.connect(database)) as db:
        return db.execute(sql).fetchall()


# The catalog: shipped with the project, the same for everyone, read once.


def test_the_shipped_catalog_lists_a_dozen_products_with_prices_in_cents():
    products = read_catalog_file()
    assert len(products) == 12
    assert products[CLIPS].price == Decimal("0.10")
    assert all(product.stock >= 1 for product in products.values())


def test_the_catalog_file_is_read_once_for_every_session(new_user, monkeypatch):
    reads = []

    def counted_read():
        reads.append(1)
        return read_catalog_file()

    monkeypatch.setattr(catalog, "read_catalog_file", counted_read)
    load_catalog.clear()
    first, second = new_user().open(SHOP.path), new_user().open(SHOP.path)
    add(first, MUG)
    add(second, LAMP)
    assert len(reads) == 1


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        pytest.param(["sku,name,price"], "the header must be", id="missing-column"),
        pytest.param(["sku,name,price,stock"], "no product", id="empty"),
        pytest.param(["sku,name,price,stock", "A,Apple,0.1,5", "A,Axe,9,1"], "twice", id="dup"),
        pytest.param(["sku,name,price,stock", "A,Apple,cheap,5"], "not a number", id="price"),
        pytest.param(["sku,name,price,stock", "A,Apple,0.001,5"], "in cents", id="sub-cent"),
        pytest.param(["sku,name,price,stock", "A,Apple,-1,5"], "in cents", id="negative"),
        pytest.param(["sku,name,price,stock", "A,Apple,1,0"], "stock", id="no-stock"),
        pytest.param(["sku,name,price,stock", "A,Apple,1,2.5"], "stock", id="stock-fraction"),
        pytest.param(["sku,name,price,stock", "A,,1,2"], "must not be empty", id="no-name"),
    ],
)
def test_a_malformed_catalog_is_refused_with_the_reason(rows, problem):
    with pytest.raises(CatalogError, match=problem):
        model.parse_catalog(rows)


@pytest.fixture
def catalog_file(tmp_path, monkeypatch):
    """Points the app at a catalog file of the test's own, read afresh."""
    path = tmp_path / "catalog.csv"
    monkeypatch.setattr(catalog, "CATALOG_CSV", path)
    load_catalog.clear()
    yield path
    load_catalog.clear()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        pytest.param(
            "sku,name,price,stock\nA,Apple,0.10,5\nB,Bread,cheap,2\n",
            "catalog.csv, line 3: price 'cheap' is not a number",
            id="bad-price",
        ),
        pytest.param(None, "catalog.csv cannot be read (No such file or directory)", id="missing"),
        pytest.param(
            b"sku,name,price,stock\nA,\xe9,1,1\n",
            "catalog.csv cannot be read (not UTF-8 text)",
            id="bytes",
        ),
    ],
)
def test_a_broken_catalog_closes_the_shop_with_a_message_naming_the_fault(
    user, catalog_file, text, said
):
    if isinstance(text, bytes):
        catalog_file.write_bytes(text)
    elif text is not None:
        catalog_file.write_text(text, encoding="utf-8")
    shop = user.open(SHOP.path)
    assert shown_errors(shop) == [literal(f"The shop is closed: its catalog {said}.")]
    assert CHECK_OUT not in button_keys(shop)


def test_the_shop_opens_once_the_catalog_is_mended_and_the_cache_cleared(user, catalog_file):
    catalog_file.write_text("sku,name,price,stock\nA,Apple,cheap,5\n", encoding="utf-8")
    shop = user.open(SHOP.path)
    assert shown_errors(shop)
    catalog_file.write_text("sku,name,price,stock\nA,Apple,0.10,5\n", encoding="utf-8")
    shop.open(HOME.path).open(SHOP.path)  # a failed read is not cached: no clear needed
    assert not shown_errors(shop)
    add(shop, "A", 2)
    assert shop.state[LINES] == {"A": 2}


def button_keys(user) -> list[str]:
    return [button.key for button in user.at.button]


# The cart's rules as functions: each refusal raises CartError and changes nothing.

PRODUCTS = model.parse_catalog(["sku,name,price,stock", "A,Apple,0.10,5", "B,Bread,2.35,2"])


@pytest.mark.parametrize(
    ("sku", "quantity", "message"),
    [
        pytest.param("A", 0, "The quantity must be at least 1, not 0.", id="zero"),
        pytest.param("A", -2, "The quantity must be at least 1, not -2.", id="negative"),
        pytest.param("A", 2.5, "The quantity must be a whole number, not 2.5.", id="fraction"),
        pytest.param("A", "2", "The quantity must be a whole number, not '2'.", id="text"),
        pytest.param("A", True, "The quantity must be a whole number, not True.", id="bool"),
        pytest.param("A", float("nan"), "The quantity must be a whole number, not nan.", id="nan"),
        pytest.param("A", 5, "Apple: at most 5 per order; you asked for 5 and", id="merge"),
        pytest.param("B", 3, "Bread: at most 2 per order; you asked for 3.", id="above-stock"),
        pytest.param("Z", 1, "There is no product 'Z' in the catalog.", id="unknown-sku"),
        pytest.param(None, 1, "Choose a product first.", id="no-product"),
    ],
)
def test_add_refuses_a_bad_request_and_leaves_the_cart_as_it_was(sku, quantity, message):
    lines = {"A": 1}
    with pytest.raises(CartError) as refused:
        model.add(lines, PRODUCTS, sku, quantity)
    assert str(refused.value).startswith(message)
    assert lines == {"A": 1}


def test_add_merges_a_product_already_in_the_cart_into_a_new_cart():
    lines = {"A": 2, "B": 1}
    assert model.add(lines, PRODUCTS, "A", 3) == {"A": 5, "B": 1}
    assert lines == {"A": 2, "B": 1}


@pytest.mark.parametrize(
    ("sku", "quantity", "message"),
    [
        pytest.param("A", 0, "The quantity must be at least 1, not 0. Remove takes", id="zero"),
        pytest.param("A", -1, "The quantity must be at least 1, not -1.", id="negative"),
        pytest.param("A", 1.5, "The quantity must be a whole number, not 1.5.", id="fraction"),
        pytest.param("A", 6, "Apple: at most 5 per order; you asked for 6.", id="above-stock"),
        pytest.param("B", 1, "'B' is not in your cart.", id="not-in-cart"),
    ],
)
def test_set_quantity_refuses_a_bad_request_and_leaves_the_cart_as_it_was(sku, quantity, message):
    lines = {"A": 2}
    with pytest.raises(CartError) as refused:
        model.set_quantity(lines, PRODUCTS, sku, quantity)
    assert str(refused.value).startswith(message)
    assert lines == {"A": 2}


def test_remove_refuses_a_line_that_is_not_there():
    with pytest.raises(CartError, match="'B' is not in your cart, so there is nothing to remove"):
        model.remove({"A": 1}, "B")


def test_clear_refuses_an_empty_cart():
    with pytest.raises(CartError, match="Your cart is already empty"):
        model.clear({})


def test_totals_are_decimal_and_exact_to_the_cent():
    lines = model.priced({"A": 3, "B": 1}, PRODUCTS)
    assert model.total(lines) == Decimal("2.65")
    assert model.cents(model.total(model.priced({"A": 3}, PRODUCTS))) == 30
    assert model.cents(Decimal("0.29") * 8) == 232  # through float: int(2.32 * 100) == 231
    assert model.money(Decimal("0.3")) == "$0.30"
    assert model.money(Decimal("1234.5")) == "$1,234.50"


# The page: adding, merging, changing, removing, clearing.


def test_a_new_session_has_an_empty_cart(shop):
    assert shop.state[LINES] == {}
    assert "Your cart is empty." in [caption.value for caption in shop.at.main.caption]
    assert total_shown(shop) == "$0.00"


def test_adding_a_product_makes_a_line_with_its_quantity(shop):
    add(shop, MUG, 2)
    assert shop.state[LINES] == {MUG: 2}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 2
    assert total_shown(shop) == "$16.00"


def test_each_line_labels_its_unit_price_quantity_and_line_total(shop):
    # Labels beside each value, not a header row: a phone stacks a line's columns.
    add(shop, CLIPS, 3)
    add(shop, MUG, 2)
    product, line_total = line_texts(shop, CLIPS)
    assert literal("Paper clips (box of 100)") in product
    assert f"{literal('$0.10')} each" in product
    label, amount = line_total.split("\n")
    assert "Line total" in label
    assert literal("$0.30") in amount
    quantity = shop.at.number_input(key=quantity_key(shop, CLIPS))
    assert quantity.label == "Quantity of Paper clips (box of 100)"
    assert quantity.proto.label_visibility.value == LabelVisibility.VISIBLE


def test_a_product_name_shows_in_its_line_as_written_not_as_markdown(user, catalog_file):
    name = "*Star* pen [ink](https://example.com) :red[x]"
    catalog_file.write_text(f"sku,name,price,stock\nA,{name},1.00,5\n", encoding="utf-8")
    shop = user.open(SHOP.path)
    add(shop, "A", 2)
    product, line_total = line_texts(shop, "A")
    assert literal(name) in product
    assert literal("$2.00") in line_total


def test_adding_the_same_product_twice_merges_into_one_line(shop):
    add(shop, MUG, 2)
    add(shop, MUG, 3)
    assert shop.state[LINES] == {MUG: 5}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 5
    assert line_keys(shop) == [quantity_key(shop, MUG)]


def test_lines_keep_the_order_their_products_were_added_in(shop):
    add(shop, LAMP)
    add(shop, CLIPS)
    add(shop, LAMP)
    assert list(shop.state[LINES]) == [LAMP, CLIPS]


def test_three_items_at_ten_cents_total_exactly_thirty_cents(shop):
    add(shop, CLIPS, 3)
    assert total_shown(shop) == "$0.30"


def test_changing_a_line_quantity_updates_the_line_and_the_total(shop):
    add(shop, MUG, 1)
    add(shop, CLIPS, 3)
    set_line(shop, MUG, 4)
    assert shop.state[LINES] == {MUG: 4, CLIPS: 3}
    assert literal("$32.00") in line_texts(shop, MUG)[1]
    assert total_shown(shop) == "$32.30"
    assert not shown_errors(shop)


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        pytest.param(0, "The quantity must be at least 1, not 0. Remove takes", id="zero"),
        pytest.param(-3, "The quantity must be at least 1, not -3.", id="negative"),
        pytest.param(7, "Coffee mug: at most 6 per order; you asked for 7.", id="above-stock"),
        pytest.param(1.5, "The quantity must be a whole number, not 1.5.", id="fraction"),
    ],
)
def test_a_refused_line_quantity_is_put_back_and_says_why(shop, quantity, message):
    add(shop, MUG, 2)
    set_line(shop, MUG, quantity)
    assert shop.state[LINES] == {MUG: 2}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 2
    assert shop.state[ERROR]["at"] == quantity_key(shop, MUG)
    assert shop.state[ERROR]["message"].startswith(message)
    assert shop.state[ERROR]["message"].endswith("The quantity stays 2.")
    assert shown_errors(shop) == [literal(shop.state[ERROR]["message"])]
    assert total_shown(shop) == "$16.00"


@pytest.mark.parametrize(
    ("sku", "quantity", "message"),
    [
        pytest.param(MUG, 0, "The quantity must be at least 1, not 0.", id="zero"),
        pytest.param(MUG, -1, "The quantity must be at least 1, not -1.", id="negative"),
        pytest.param(MUG, 2.5, "The quantity must be a whole number, not 2.5.", id="fraction"),
        pytest.param(LAMP, 4, "Desk lamp: at most 3 per order; you asked for 4.", id="stock"),
        pytest.param(
            MUG, 5, "Coffee mug: at most 6 per order; you asked for 5 and your cart", id="merge"
        ),
    ],
)
def test_a_refused_add_changes_nothing_and_says_why(shop, sku, quantity, message):
    add(shop, MUG, 2)
    add(shop, sku, quantity)
    assert shop.state[LINES] == {MUG: 2}
    assert shop.state[ERROR]["at"] == AT_ADD
    assert shop.state[ERROR]["message"].startswith(message)
    assert shown_errors(shop) == [literal(shop.state[ERROR]["message"])]


def test_a_double_click_on_add_adds_the_quantity_once(shop):
    add(shop, LAMP, 1)
    shop.set("selectbox", PICK_SKU, MUG).set("number_input", PICK_QUANTITY, 3)
    shop.double_click(add_button(shop))
    assert shop.state[LINES] == {LAMP: 1, MUG: 3}


def test_a_double_click_on_add_of_a_product_in_the_cart_merges_once(shop):
    add(shop, MUG, 2)
    shop.set("number_input", PICK_QUANTITY, 3)
    shop.double_click(add_button(shop))
    assert shop.state[LINES] == {MUG: 5}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 5


def test_adding_without_choosing_a_product_says_so(shop):
    shop.click(add_button(shop))
    assert shop.state[LINES] == {}
    assert shown_errors(shop) == [literal("Choose a product first.")]


def test_a_product_the_catalog_no_longer_lists_is_explained_not_a_crash(shop):
    shop.at.session_state[LINES] = {"RETIRED-1": 2}  # held since before a catalog edit
    shop.click(CHECK_OUT)
    assert shop.state[ERROR] == {
        "at": AT_CHECKOUT,
        "message": "There is no product 'RETIRED-1' in the catalog.",
    }
    assert literal("There is no product 'RETIRED-1' in the catalog.") in shown_errors(shop)[0]
    shop.click(CLEAR)
    assert shop.state[LINES] == {}


def test_a_successful_change_clears_the_last_error(shop):
    add(shop, LAMP, 9)
    assert shown_errors(shop)
    add(shop, LAMP, 1)
    assert shop.state[ERROR] is None
    assert not shown_errors(shop)


def test_remove_takes_out_only_that_line(shop):
    add(shop, MUG, 2)
    add(shop, CLIPS, 3)
    shop.click(remove_line_key(MUG))
    assert shop.state[LINES] == {CLIPS: 3}
    assert total_shown(shop) == "$0.30"
    assert line_keys(shop) == [quantity_key(shop, CLIPS)]


def test_a_removed_product_added_again_starts_from_its_new_quantity(shop):
    add(shop, MUG, 2)
    set_line(shop, MUG, 5)
    shop.click(remove_line_key(MUG))
    add(shop, MUG, 1)
    assert shop.state[LINES] == {MUG: 1}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 1


def test_a_double_clicked_remove_removes_once_and_says_the_line_is_gone(shop):
    add(shop, MUG, 2)
    add(shop, CLIPS, 3)
    shop.double_click(remove_line_key(MUG))
    assert shop.state[LINES] == {CLIPS: 3}
    assert shop.state[ERROR] == {
        "at": AT_CART,
        "message": "'MUG' is not in your cart, so there is nothing to remove.",
    }
    assert line_keys(shop) == [quantity_key(shop, CLIPS)]


def test_clear_empties_the_cart(shop):
    add(shop, MUG, 2)
    add(shop, CLIPS, 3)
    shop.click(CLEAR)
    assert shop.state[LINES] == {}
    assert line_keys(shop) == []
    assert total_shown(shop) == "$0.00"


def test_clearing_an_empty_cart_says_it_is_already_empty(shop):
    shop.click(CLEAR)
    assert shop.state[ERROR] == {"at": AT_CART, "message": "Your cart is already empty."}
    assert shown_errors(shop) == [literal("Your cart is already empty.")]


def test_line_quantities_survive_a_visit_to_another_page(shop):
    add(shop, MUG, 2)
    set_line(shop, MUG, 4)
    shop.open(HOME.path).open(SHOP.path)
    assert shop.state[LINES] == {MUG: 4}
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 4


def test_the_chosen_product_and_quantity_survive_a_visit_to_another_page(shop):
    shop.set("selectbox", PICK_SKU, LAMP).set("number_input", PICK_QUANTITY, 2)
    shop.open(HOME.path).open(SHOP.path)
    assert shop.at.selectbox(key=PICK_SKU).value == LAMP
    assert shop.at.number_input(key=PICK_QUANTITY).value == 2
    shop.click(add_button(shop))
    assert shop.state[LINES] == {LAMP: 2}


def test_two_sessions_carts_are_isolated(new_user, database):
    first = use_database(new_user(), sqlite_url(database)).open(SHOP.path)
    second = use_database(new_user(), sqlite_url(database)).open(SHOP.path)
    add(first, MUG, 2)
    add(second, CLIPS, 3)
    assert first.state[LINES] == {MUG: 2}
    assert second.state[LINES] == {CLIPS: 3}
    assert total_shown(first) == "$16.00"
    assert total_shown(second) == "$0.30"


# Checkout: one transaction, the cart emptied only after the commit.


def test_checkout_writes_the_order_and_its_lines_to_the_database(shop, database):
    add(shop, CLIPS, 3)
    add(shop, PENCIL, 3)
    add(shop, PEN, 1)
    shop.click(CHECK_OUT)
    (order_id,) = shop.state[ORDER_IDS]
    assert query(database, "SELECT id, total_cents FROM shop_orders") == [(order_id, 232)]
    assert query(
        database,
        "SELECT order_id, sku, name, unit_price_cents, quantity FROM shop_order_lines ORDER BY sku",
    ) == [
        (order_id, CLIPS, "Paper clips (box of 100)", 10, 3),
        (order_id, PEN, "Black gel pen", 115, 1),
        (order_id, PENCIL, "HB pencil", 29, 3),
    ]


def test_an_order_whose_lines_fail_to_write_leaves_no_order_behind(shop, database):
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)  # creates the tables
    with closing(sqlite3.connect(database)) as db, db:
        db.execute(
            "CREATE TRIGGER refuse_lines BEFORE INSERT ON shop_order_lines"
            " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    add(shop, CLIPS, 3)
    shop.click(CHECK_OUT)
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]
    assert shop.state[LINES] == {CLIPS: 3}
    assert shop.state[ERROR]["message"].startswith("Your order was not placed")


def test_checkout_empties_the_cart_and_shows_the_order_id(shop):
    add(shop, CLIPS, 3)
    shop.click(CHECK_OUT)
    (order_id,) = shop.state[ORDER_IDS]
    assert shop.state[LINES] == {}
    assert line_keys(shop) == []
    assert shop.at.success[0].value == (
        f"Order #{order_id} placed: 3 items, {literal('$0.30')}. Thank you!"
    )


def test_checking_out_an_empty_cart_writes_nothing_and_says_why(shop, database):
    shop.click(CHECK_OUT)
    assert shop.state[ERROR] == {
        "at": AT_CHECKOUT,
        "message": "Your cart is empty: add a product before checking out.",
    }
    assert not database.exists()


def test_a_double_clicked_checkout_creates_one_order(shop, database):
    add(shop, MUG, 2)
    shop.double_click(CHECK_OUT)
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]
    assert len(shop.state[ORDER_IDS]) == 1
    assert shop.state[ERROR] is None
    assert len(shop.at.success) == 1


def test_a_checkout_retried_for_the_same_cart_finds_its_order(shop, database):
    add(shop, MUG, 2)
    lines, token = shop.state[LINES], shop.state[CHECKOUT_TOKEN]
    shop.click(CHECK_OUT)
    (order_id,) = shop.state[ORDER_IDS]
    # The commit went through but the session never learnt it (a lost response): the
    # same cart, with the same token, is checked out again.
    shop.at.session_state[LINES] = lines
    shop.at.session_state[CHECKOUT_TOKEN] = token
    shop.at.session_state[ORDER_IDS] = []
    shop.click(CHECK_OUT)
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]
    assert query(database, "SELECT count(*) FROM shop_order_lines") == [(1,)]
    assert shop.state[ORDER_IDS] == [order_id]
    assert shop.state[LINES] == {}


def test_a_changed_cart_is_a_new_order(shop, database):
    add(shop, MUG, 2)
    shop.click(CHECK_OUT)
    add(shop, MUG, 2)
    shop.click(CHECK_OUT)
    assert query(database, "SELECT count(*) FROM shop_orders") == [(2,)]
    assert len(shop.state[ORDER_IDS]) == 2


def test_a_locked_database_keeps_the_cart_and_says_why(shop, database):
    add(shop, CLIPS, 3)
    with closing(sqlite3.connect(database)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
        shop.click(CHECK_OUT)
        other.rollback()
    assert shop.state[LINES] == {CLIPS: 3}
    assert shop.at.number_input(key=quantity_key(shop, CLIPS)).value == 3
    assert shop.state[ORDER_IDS] == []
    assert shop.state[PLACED] is None
    assert shop.state[ERROR]["at"] == AT_CHECKOUT
    assert shop.state[ERROR]["message"].startswith("Your order was not placed")
    assert shown_errors(shop) == [literal(shop.state[ERROR]["message"])]


def test_checkout_works_once_the_database_is_free_again(shop, database):
    add(shop, CLIPS, 3)
    with closing(sqlite3.connect(database)) as other:
        other.execute("BEGIN EXCLUSIVE")
        shop.click(CHECK_OUT)
        other.rollback()
    shop.click(CHECK_OUT)
    assert shop.state[LINES] == {}
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]


def test_a_database_overwritten_then_restored_works_again_without_a_restart(shop, database):
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    database.write_bytes(b"not a database at all " * 100)  # a fault while the app runs
    add(shop, LAMP, 1)
    shop.click(CHECK_OUT)
    assert shop.state[ERROR]["message"] == checkout_failed_and_try_again()
    assert shop.state[LINES] == {LAMP: 1}
    database.unlink()  # the operator removes the broken file
    shop.click(CHECK_OUT)
    assert shop.state[LINES] == {}
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]


def test_a_database_deleted_while_the_app_runs_is_made_again_at_the_next_checkout(shop, database):
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    database.unlink()
    add(shop, LAMP, 1)
    shop.click(CHECK_OUT)
    # Written to the file that is there now, not to the deleted one through an old
    # connection, where the order would be lost.
    assert shop.state[LINES] == {}
    assert query(database, "SELECT name FROM shop_order_lines") == [("Desk lamp",)]


def test_orders_that_cannot_be_listed_are_listed_again_at_the_next_run(shop, database):
    add(shop, MUG, 1).click(CHECK_OUT)
    database.unlink()  # the next run finds a new, empty file: no orders table
    shop.open(SHOP.path)
    (warning,) = shop.at.main.warning
    assert "Your orders cannot be shown just now" in warning.value
    shop.open(SHOP.path)  # the tables are made again, as for a new database
    assert not shop.at.main.warning
    assert "No order placed yet." in [caption.value for caption in shop.at.main.caption]


def checkout_failed_and_try_again() -> str:
    return (
        "Your order was not placed: the orders database did not answer. Your cart is "
        "unchanged; try again in a moment."
    )


def test_a_misconfigured_database_says_to_tell_the_operator(user, caplog):
    use_database(user, "nosuchdialect://shop@db/shop")
    shop = user.open(SHOP.path)
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    assert shop.state[ERROR]["message"] == (
        "Your order was not placed: the shop's orders database is not set up right. "
        "Your cart is unchanged; please tell the app's operator."
    )
    assert "check [connections.app] in .streamlit/secrets.toml" in caplog.text


def test_simultaneous_first_checkouts_on_a_new_database_all_succeed(database):
    # Sessions are threads of one process: twenty first checkouts at once must not race
    # to create the tables ("table shop_orders already exists").
    url = f"sqlite:///{database.as_posix()}"  # SQLite's own 5 s wait for the write lock
    engine = create_engine(url, **app_database.engine_options({"url": url}))
    lines = model.priced({MUG: 1}, read_catalog_file())
    start = threading.Barrier(20)

    def check_out(n: int) -> int:
        start.wait()
        return store.place_order(engine, f"token-{n}", lines)

    with ThreadPoolExecutor(20) as pool:
        order_ids = list(pool.map(check_out, range(20)))
    assert len(set(order_ids)) == 20
    assert query(database, "SELECT count(*) FROM shop_orders") == [(20,)]


def test_an_unwritable_database_keeps_the_cart_and_says_why(user, tmp_path):
    use_database(user, sqlite_url(tmp_path / "no-such-folder" / "app.sqlite"))
    shop = user.open(SHOP.path)
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    assert shop.state[LINES] == {MUG: 1}
    assert shop.state[ERROR]["message"].startswith("Your order was not placed")
    assert shop.state[ORDER_IDS] == []


def test_without_a_connections_section_the_orders_go_to_the_default_sqlite_file(
    user, tmp_path, monkeypatch
):
    default = tmp_path / "app.sqlite"
    monkeypatch.setattr(app_database, "DEFAULT_DATABASE", default)
    user.at.secrets["unrelated"] = {"token": "not the orders"}  # no [connections.app]
    shop = user.open(SHOP.path)
    add(shop, MUG, 1)
    assert not default.exists()
    shop.click(CHECK_OUT)
    assert query(default, "SELECT count(*) FROM shop_orders") == [(1,)]


# % if cookiecutter.sign_in == "oidc"
# A signed-in user's cart and orders follow them from session to session (app/saved.py).


def test_a_new_session_of_the_same_user_finds_their_cart(new_user):
    first = new_user().sign_in("Ada").open(SHOP.path)
    add(first, "MUG", 2)
    later = new_user().sign_in("Ada").open(SHOP.path)
    assert later.state[LINES] == {"MUG": 2}
    assert "Your cart is kept for your next visit." in [c.value for c in later.at.main.caption]


def test_another_user_never_sees_that_cart(new_user):
    add(new_user().sign_in("Ada").open(SHOP.path), "MUG", 2)
    bo = new_user().sign_in("Bo").open(SHOP.path)
    assert bo.state[LINES] == {}
    guest = new_user().open(SHOP.path)
    assert guest.state[LINES] == {}


def test_an_emptied_cart_stays_empty_in_the_next_session(new_user):
    first = new_user().sign_in("Ada").open(SHOP.path)
    add(first, "MUG", 2).click(RESET_ALL)
    assert new_user().sign_in("Ada").open(SHOP.path).state[LINES] == {}


def test_your_orders_lists_the_users_orders_from_every_session_and_no_one_elses(new_user):
    first = new_user().sign_in("Ada").open(SHOP.path)
    add(first, "MUG", 1).click(CHECK_OUT)
    add(new_user().sign_in("Bo").open(SHOP.path), "MUG", 3).click(CHECK_OUT)
    later = new_user().sign_in("Ada").open(SHOP.path)
    (orders,) = later.at.main.dataframe
    assert list(orders.value["Items"]) == [1]
    assert later.state[LINES] == {}  # the order emptied the cart, and that was saved


def test_log_out_keeps_the_saved_cart_for_the_next_sign_in(new_user):
    first = new_user().sign_in("Ada").open(SHOP.path)
    add(first, "MUG", 2).click(LOG_OUT)
    assert first.at.sidebar.caption[0].value == "Not signed in"
    assert new_user().sign_in("Ada").open(SHOP.path).state[LINES] == {"MUG": 2}


def test_a_database_that_cannot_save_keeps_the_cart_in_the_tab_and_says_so(user, tmp_path):
    user.at.secrets["connections"] = {"app": {"url": f"sqlite:///{tmp_path}/no/such/app.sqlite"}}
    shop = user.sign_in("Ada").open(SHOP.path)
    add(shop, "MUG", 2)
    assert shop.state[LINES] == {"MUG": 2}
    (notice,) = shop.at.sidebar.warning
    assert "cannot be saved for your next visit" in notice.value


# Two tabs of one signed-in user: each is a session; their carts meet line by line.


@pytest.fixture
def two_tabs(new_user):
    """Two tabs of Ada's on the Shop page, both open before either changes the cart."""
    return [new_user().sign_in("Ada").open(SHOP.path) for _ in range(2)]


def notices(user) -> list[str]:
    return [notice.value for notice in user.at.main.info]


def orders_stored(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        return db.execute("SELECT count(*) FROM shop_orders").fetchone()[0]


def test_two_tabs_adding_different_products_both_end_in_the_cart(two_tabs, new_user):
    first, second = two_tabs
    add(first, PENCIL)
    add(second, CLIPS, 2)
    assert second.state[LINES] == {PENCIL: 1, CLIPS: 2}
    assert total_shown(second) == "$0.49"
    assert notices(second) == []
    assert first.open(SHOP.path).state[LINES] == {PENCIL: 1, CLIPS: 2}
    assert new_user().sign_in("Ada").open(SHOP.path).state[LINES] == {PENCIL: 1, CLIPS: 2}


def test_a_tab_that_has_not_clicked_shows_the_other_tabs_cart_on_its_next_run(two_tabs):
    first, second = two_tabs
    add(first, MUG, 2)
    second.open(SHOP.path)
    assert second.state[LINES] == {MUG: 2}
    assert line_keys(second) == [quantity_key(second, MUG)]


def test_quantities_changed_in_two_tabs_on_different_lines_are_both_kept(two_tabs):
    first, second = two_tabs
    add(add(first, PENCIL), CLIPS)
    second.open(SHOP.path)
    set_line(first, PENCIL, 3)
    set_line(second, CLIPS, 5)
    assert second.state[LINES] == {PENCIL: 3, CLIPS: 5}
    assert notices(second) == []
    assert first.open(SHOP.path).state[LINES] == {PENCIL: 3, CLIPS: 5}


def test_one_line_changed_in_two_tabs_keeps_the_later_change_and_says_so(two_tabs):
    first, second = two_tabs
    add(first, PENCIL)
    second.open(SHOP.path)
    set_line(first, PENCIL, 3)
    set_line(second, PENCIL, 5)
    assert second.state[LINES] == {PENCIL: 5}
    (notice,) = notices(second)
    assert notice.startswith("Your cart also changed in another tab")
    assert first.open(SHOP.path).state[LINES] == {PENCIL: 5}


def test_a_clear_in_one_tab_keeps_what_the_other_added_since(two_tabs, new_user):
    first, second = two_tabs
    add(first, PENCIL)
    second.open(SHOP.path)
    add(second, MUG)  # the first tab has not seen the mug
    first.click(CLEAR)
    assert first.state[LINES] == {MUG: 1}
    assert second.open(SHOP.path).state[LINES] == {MUG: 1}
    assert new_user().sign_in("Ada").open(SHOP.path).state[LINES] == {MUG: 1}


def test_interleaved_adds_changes_and_a_clear_converge_in_every_tab(two_tabs, new_user):
    first, second = two_tabs
    add(first, PENCIL)
    add(second, CLIPS)  # {pencil, clips}
    set_line(first.open(SHOP.path), CLIPS, 4)
    second.click(remove_line_key(PENCIL))  # drawn before the clips went to 4: {clips 4}
    add(first, MUG)  # {clips 4, mug}
    second.click(CLEAR)  # drawn before the mug: the clips go, the mug it never saw stays
    expected = {MUG: 1}
    third = new_user().sign_in("Ada").open(SHOP.path)
    assert [tab.open(SHOP.path).state[LINES] for tab in (first, second, third)] == [expected] * 3


def test_a_cart_checked_out_in_one_tab_is_not_ordered_again_from_the_other(two_tabs, database):
    first, second = two_tabs  # their database is the test's: new_user points them at it
    add(first, MUG, 2)
    second.open(SHOP.path)  # both tabs show the mugs
    first.click(CHECK_OUT)
    second.click(CHECK_OUT)  # from the page drawn before the first tab's checkout
    assert orders_stored(database) == 1
    assert second.state[LINES] == {}
    assert second.state[PLACED]["order_id"] == first.state[PLACED]["order_id"]


# % endif
# Your orders: this session's, read back from the database.


def test_your_orders_lists_this_sessions_orders_as_the_database_has_them(shop, database):
    add(shop, CLIPS, 3)
    shop.click(CHECK_OUT)
    add(shop, LAMP, 2)
    shop.click(CHECK_OUT)
    first, second = shop.state[ORDER_IDS]
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("UPDATE shop_orders SET total_cents = 12345 WHERE id = ?", (first,))
    shop.set("number_input", PICK_QUANTITY, 2)  # any interaction redraws the page
    table = shop.at.dataframe[0].value
    assert list(table["Order"]) == [first, second]
    assert list(table["Items"]) == [3, 2]
    assert list(table["Total"]) == ["$123.45", "$49.98"]


def test_another_sessions_orders_are_not_listed(new_user, database):
    first = use_database(new_user(), sqlite_url(database)).open(SHOP.path)
    second = use_database(new_user(), sqlite_url(database)).open(SHOP.path)
    add(first, MUG, 1)
    first.click(CHECK_OUT)
    second.set("number_input", PICK_QUANTITY, 2)
    assert second.state[ORDER_IDS] == []
    assert not second.at.dataframe
    assert len(first.at.dataframe[0].value) == 1


def test_listing_orders_on_a_database_nobody_checked_out_on_finds_none(database):
    # Its orders table is made at the first checkout, or at the first listing.
    engine = create_engine(sqlite_url(database))
    assert store.read_orders(engine, [1], customer="https://id.example.com ada") == []


def test_a_signed_in_user_on_a_new_database_sees_no_order_placed_yet(signed_in_user, database):
    # A signed-in user's orders are looked up even when this session placed none.
    shop = use_database(signed_in_user, sqlite_url(database)).open(SHOP.path)
    assert "No order placed yet." in [caption.value for caption in shop.at.main.caption]
    assert not shop.at.warning


# Reset and log out empty the cart; placed orders stay in the database.


@pytest.mark.parametrize("button", [RESET_PAGE, RESET_ALL])
def test_a_reset_empties_the_cart_and_keeps_the_placed_orders(shop, database, button):
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    add(shop, CLIPS, 3)
    shop.click(button)
    assert shop.state[LINES] == {}
    assert total_shown(shop) == "$0.00"
    assert len(shop.state[ORDER_IDS]) == 1
    assert len(shop.at.dataframe[0].value) == 1
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]


def test_after_a_reset_a_product_added_again_shows_its_new_quantity(shop):
    add(shop, MUG, 2)
    set_line(shop, MUG, 5)
    shop.click(RESET_PAGE)
    add(shop, MUG, 1)
    assert shop.at.number_input(key=quantity_key(shop, MUG)).value == 1


def test_log_out_empties_the_cart_and_the_orders_stay_in_the_database(shop, database):
    shop.open(ACCOUNT.path).sign_in("Ada").open(SHOP.path)  # Log out shows only once signed in
    add(shop, MUG, 1)
    shop.click(CHECK_OUT)
    add(shop, CLIPS, 3)
    shop.click(LOG_OUT).open(SHOP.path)
    assert shop.state[LINES] == {}
    assert shop.state[ORDER_IDS] == []
    assert query(database, "SELECT count(*) FROM shop_orders") == [(1,)]
