"""The reset and log-out flow, as callbacks, and the sidebar buttons that trigger it.

Each callback changes state before the rerun that the click causes anyway, so a
reset costs one script run and never calls st.rerun().
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from .state import Feature, reset_all, reset_feature

RESET_PAGE = "session.reset_page"
RESET_ALL = "session.reset_all"
LOG_OUT = "session.log_out"


def log_out(home: StreamlitPage) -> None:
    """End the session: drop every key, widget values included, and show ``home``.

    ``home`` is the st.Page itself: a callback runs before st.navigation has
    registered this run's pages, when a page's path would not be found yet.
    """
    st.session_state.clear()
    st.switch_page(home)


def render_session_controls(home: StreamlitPage, feature: Feature) -> None:
    """The sidebar's reset and log-out buttons; ``feature`` is the current page's."""
    controls = (
        ("Reset this page", RESET_PAGE, reset_feature, (feature,), "This page back to defaults."),
        ("Reset everything", RESET_ALL, reset_all, (), "Every page; you stay signed in."),
        ("Log out", LOG_OUT, log_out, (home,), "Clear this session and go back home."),
    )
    for label, key, callback, args, help_text in controls:
        st.button(label, key=key, on_click=callback, args=args, help=help_text, width="stretch")
