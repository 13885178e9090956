"""Who is signed in, for the sidebar."""

from __future__ import annotations

import streamlit as st

from ..text import literal
from .state import USER


def render_account_status() -> bool:
    """Say who is signed in; True if someone is."""
    user = st.session_state[USER]
    st.caption(f"Signed in as {literal(user['name'])}" if user else "Not signed in")
    return user is not None
