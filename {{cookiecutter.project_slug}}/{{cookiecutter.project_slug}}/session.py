"""The reset and log-out flow, as callbacks, and the sidebar buttons that trigger it.

Each callback changes state before the rerun that the click causes anyway, so a
reset costs one script run and never calls st.rerun().
"""

from __future__ import annotations

import streamlit as st

from .state import Feature, reset_all, reset_feature


def log_out(home: st.Page) -> None:
    """End the session: drop every key, widget values included, and show ``home``.

    ``home`` is the st.Page itself: a callback runs before st.navigation has
    registered this run's pages, when a page's path would not be found yet.
    """
    st.session_state.clear()
    st.switch_page(home)


def render_session_controls(home: st.Page, feature: Feature) -> None:
    """The sidebar's reset and log-out buttons; ``feature`` is the current page's."""
    st.button(
        "Reset this page",
        key="session.reset_page",
        on_click=reset_feature,
        args=(feature,),
        help="This page's values back to their defaults.",
        width="stretch",
    )
    st.button(
        "Reset everything",
        key="session.reset_all",
        on_click=reset_all,
        help="Every page back to its defaults; you stay signed in.",
        width="stretch",
    )
    st.button(
        "Log out",
        key="session.log_out",
        on_click=log_out,
        args=(home,),
        help="Clear this session and go back to the home page.",
        width="stretch",
    )
