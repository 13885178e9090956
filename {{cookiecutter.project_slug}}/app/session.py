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


def log_out(home: StreamlitPage | None = None) -> None:
    """End the session: drop every key, widget values included, and show ``home``.

    ``home`` is the st.Page itself: a callback runs before st.navigation has
    registered this run's pages, when a page's path would not be found yet. Without
    it, the user stays on the page they logged out from.
    """
    st.session_state.clear()
    # % if cookiecutter.sign_in == "oidc"
    # The identity cookie goes too; the browser passes through the provider's sign-out
    # page and comes back signed out. What the user saved stays for their next visit.
    st.logout()
    # % endif
    if home is not None:
        st.switch_page(home)


def render_session_controls(home: StreamlitPage, feature: Feature, signed_in: bool) -> None:
    """The sidebar's reset buttons, and Log out for a signed-in user; ``feature`` is
    the current page's."""
    st.button(
        "Reset this page",
        key=RESET_PAGE,
        on_click=reset_feature,
        args=(feature,),
        help="Put this page back as it was when you arrived.",
        width="stretch",
    )
    st.button(
        "Reset everything",
        key=RESET_ALL,
        on_click=reset_all,
        help="Put every page back as it was; you stay signed in.",
        width="stretch",
    )
    if signed_in:
        st.button(
            "Log out",
            key=LOG_OUT,
            on_click=log_out,
            args=(home,),
            help="Sign out and forget everything you did here.",
            width="stretch",
        )
