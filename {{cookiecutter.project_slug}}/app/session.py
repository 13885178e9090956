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


def render_session_controls(home: StreamlitPage, feature: Feature, signed_in: bool) -> None:
    """The sidebar's reset buttons, and Log out for a signed-in user; ``feature`` is
    the current page's."""
    controls = [
        ("Reset this page", RESET_PAGE, reset_feature, (feature,), "This page as you found it."),
        ("Reset everything", RESET_ALL, reset_all, (), "Every page; you stay signed in."),
    ]
    if signed_in:
        controls.append(("Log out", LOG_OUT, log_out, (home,), "Sign out; forget this visit."))
    for label, key, callback, args, help_text in controls:
        st.button(label, key=key, on_click=callback, args=args, help=help_text, width="stretch")


def log_out(home: StreamlitPage | None = None) -> None:
    """End the session: drop every key, widget values included, and go to ``home``.

    ``home`` is the st.Page itself: a callback runs before st.navigation has
    registered this run's pages, when a page's path would not be found yet.
    """
    st.session_state.clear()
    # % if cookiecutter.sign_in == "oidc"
    # The identity cookie goes too: the browser passes through the provider's sign-out
    # page and comes back to the home page in a new session, signed out; what the user
    # saved stays for their next visit. No st.switch_page here: the rerun it starts
    # drops the redirect st.logout() queued if the server has not sent it yet (its event
    # loop busy for a moment), and the click would be lost.
    st.logout()
    # % else
    if home is not None:
        st.switch_page(home)
    # % endif
