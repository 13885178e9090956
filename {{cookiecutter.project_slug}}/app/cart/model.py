"""The cart's rules, in plain Python: no Streamlit, no database.

A cart is a mapping of sku to quantity, kept in insertion order. Every function
returns a new mapping and leaves its argument alone, so a rule that refuses (by
raising CartError) changes nothing. Prices are Decimal, read from the catalog's text,
and every sum stays Decimal: 0.10 x 3 is 0.30, not 0.30000000000000004.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CURRENCY = "$"
CENT = Decimal("0.01")
CATALOG_COLUMNS = ("sku", "name", "price", "stock")

Lines = Mapping[str, int]  # sku -> quantity


class CartError(ValueError):
    """A request the cart refuses; the message is written for the user."""


class CatalogError(ValueError):
    """The catalog file is malformed; the message names the row and the problem."""


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Decimal
    stock: int  # the most of this product one cart may hold


@dataclass(frozen=True)
class PricedLine:
    product: Product
    quantity: int

    @property
    def amount(self) -> Decimal:
        return self.product.price * self.quantity


def money(amount: Decimal) -> str:
    """``$3.30``: the amount to the cent, never through float."""
    return f"{CURRENCY}{amount.quantize(CENT):,}"


def cents(amount: Decimal) -> int:
    """Whole cents, for storage; refuses an amount that is not a whole number of cents."""
    exact = amount * 100
    if exact != exact.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(exact)


def parse_catalog(rows: Iterable[str]) -> dict[str, Product]:
    """Products by sku, from the lines of a CSV file with the CATALOG_COLUMNS header."""
    reader = csv.DictReader(rows)
    if tuple(reader.fieldnames or ()) != CATALOG_COLUMNS:
        raise CatalogError(f"the header must be {','.join(CATALOG_COLUMNS)}")
    products: dict[str, Product] = {}
    for row in reader:
        product = _product(row, reader.line_num)
        if product.sku in products:
            raise CatalogError(f"line {reader.line_num}: sku {product.sku!r} appears twice")
        products[product.sku] = product
    if not products:
        raise CatalogError("the catalog lists no product")
    return products


def _product(row: Mapping[str, str | None], line: int) -> Product:
    sku, name, price, stock = (str(row[column] or "").strip() for column in CATALOG_COLUMNS)
    if not sku or not name:
        raise CatalogError(f"line {line}: sku and name must not be empty")
    try:
        amount = Decimal(price)
    except InvalidOperation:
        raise CatalogError(f"line {line}: price {price!r} is not a number") from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise CatalogError(f"line {line}: price {price!r} is not a positive amount in cents")
    if not stock.isdigit() or int(stock) < 1:
        raise CatalogError(f"line {line}: stock {stock!r} is not a whole number above 0")
    return Product(sku, name, amount, int(stock))


def whole_quantity(value: object) -> int:
    """``value`` as an int of at least 1, or a CartError that says what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise CartError(f"The quantity must be a whole number, not {value!r}.")
    try:
        whole = int(value)
    except (ValueError, OverflowError):  # nan, infinity
        raise CartError(f"The quantity must be a whole number, not {value}.") from None
    if value != whole:
        raise CartError(f"The quantity must be a whole number, not {value}.")
    if whole < 1:
        raise CartError(f"The quantity must be at least 1, not {whole}.")
    return whole


def _product_for(catalog: Mapping[str, Product], sku: object) -> Product:
    if sku is None:
        raise CartError("Choose a product first.")
    if not isinstance(sku, str) or sku not in catalog:
        raise CartError(f"There is no product {sku!r} in the catalog.")
    return catalog[sku]


def _within_stock(product: Product, quantity: int, already: int = 0) -> None:
    if already + quantity > product.stock:
        held = f" and your cart already holds {already}" if already else ""
        raise CartError(
            f"{product.name}: at most {product.stock} per order; you asked for {quantity}{held}."
        )


def add(
    lines: Lines, catalog: Mapping[str, Product], sku: object, quantity: object
) -> dict[str, int]:
    """Add ``quantity`` of a product; a product already in the cart grows its one line."""
    product = _product_for(catalog, sku)
    wanted = whole_quantity(quantity)
    already = lines.get(product.sku, 0)
    _within_stock(product, wanted, already)
    return {**lines, product.sku: already + wanted}


def set_quantity(
    lines: Lines, catalog: Mapping[str, Product], sku: str, quantity: object
) -> dict[str, int]:
    """Give a line a new quantity; 0 is refused (Remove takes a line out)."""
    if sku not in lines:
        raise CartError(f"{sku!r} is not in your cart.")
    product = _product_for(catalog, sku)
    try:
        wanted = whole_quantity(quantity)
    except CartError as refused:
        if quantity == 0:
            raise CartError(f"{refused} Remove takes {product.name} out of the cart.") from None
        raise
    _within_stock(product, wanted)
    return {**lines, sku: wanted}


def remove(lines: Lines, sku: str) -> dict[str, int]:
    if sku not in lines:
        raise CartError(f"{sku!r} is not in your cart, so there is nothing to remove.")
    return {other: quantity for other, quantity in lines.items() if other != sku}


def clear(lines: Lines) -> dict[str, int]:
    if not lines:
        raise CartError("Your cart is already empty.")
    return {}


def priced(lines: Lines, catalog: Mapping[str, Product]) -> list[PricedLine]:
    """The cart's lines with their products, in the order they were added."""
    return [PricedLine(_product_for(catalog, sku), quantity) for sku, quantity in lines.items()]


def total(lines: Iterable[PricedLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0"))


def item_count(lines: Lines) -> int:
    return sum(lines.values())
