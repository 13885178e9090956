"""The catalog: the same for every user, so it is read once per process."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .model import Product, parse_catalog

# The project's data folder, found from this file rather than the working directory,
# so the app finds it wherever `streamlit run` is started.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CATALOG_CSV = DATA_DIR / "catalog.csv"


def read_catalog_file() -> dict[str, Product]:
    with CATALOG_CSV.open(newline="", encoding="utf-8") as rows:
        return parse_catalog(rows)


@st.cache_data(show_spinner=False)
def load_catalog() -> dict[str, Product]:
    """Products by sku, in file order. st.cache_data reads the file on the first call
    and hands every later caller, in any session, its own copy of the result.

    Edited catalog.csv? Clear the cache (the app menu's "Clear cache", or restart).
    """
    return read_catalog_file()
