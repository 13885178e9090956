"""The catalog: the same for every user, so it is read once per process."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .model import CatalogError, Product, parse_catalog

# The project's data folder, found from this file rather than the working directory,
# so the app finds it wherever `streamlit run` is started.
PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "data"
CATALOG_CSV = DATA_DIR / "catalog.csv"


def shown_path(path: Path) -> str:
    """``path`` as a message names it: from the project's folder, never the server's root."""
    return (
        path.relative_to(PROJECT_DIR).as_posix() if path.is_relative_to(PROJECT_DIR) else path.name
    )


def read_catalog_file() -> dict[str, Product]:
    """The products of CATALOG_CSV; a CatalogError names the file, the line and the fault."""
    try:
        with CATALOG_CSV.open(newline="", encoding="utf-8") as rows:
            return parse_catalog(rows)
    except CatalogError as fault:
        raise CatalogError(f"{shown_path(CATALOG_CSV)}, {fault}") from None
    except (OSError, UnicodeDecodeError) as unreadable:
        reason = unreadable.strerror if isinstance(unreadable, OSError) else "not UTF-8 text"
        raise CatalogError(f"{shown_path(CATALOG_CSV)} cannot be read ({reason})") from None


@st.cache_data(show_spinner=False)
def load_catalog() -> dict[str, Product]:
    """Products by sku, in file order. st.cache_data reads the file on the first call
    and hands every later caller, in any session, its own copy of the result.

    A catalog that cannot be read raises CatalogError, which st.cache_data does not
    keep: the file is read again on the next run. A good catalog is kept until the
    server restarts (or the menu's Clear cache, with `--client.toolbarMode=developer`).
    """
    return read_catalog_file()
