"""Who is signed in, for the sidebar."""

from __future__ import annotations

import streamlit as st

from ..text import literal
from . import identity


def render_account_status() -> bool:
    """Say who is signed in; True if someone is."""
    name = identity.display_name()
    st.caption("Not signed in" if name is None else f"Signed in as {literal(name)}")
    return name is not None
