"""Sign-in through an OpenID Connect provider, with st.login, st.logout and st.user.

Streamlit keeps the signed-in identity in a cookie, not in session state: st.user says
who is signed in, in every tab of that browser and after a refresh. The provider is set
up under [auth] in .streamlit/secrets.toml (see secrets.toml.example). Without it the
app works for guests, and the Account page says how to set sign-in up.

The same functions as any sign-in of this app (see __init__.py). A signed-in user's
work is kept between visits and shared by their tabs: sync_saved_work() brings it in
before anything is drawn, and run_page() saves what the page changed (app/saved.py);
save_after_part() after a part of the page reran alone (app/parts.py).
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from .. import saved
from ..session import log_out
from . import state


def configured() -> bool:
    """Whether the secrets have an [auth] section; never raises."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file (or one that does not parse)
        return False


def display_name() -> str | None:
    """Who is signed in, as the provider names them (else their e-mail or id), or None."""
    # .get: without [auth], st.user has no is_logged_in at all.
    if not st.user.get("is_logged_in"):
        return None
    return str(st.user.get("name") or st.user.get("email") or st.user.get("sub"))


def subject() -> str | None:
    """A lasting id for the signed-in user's saved work, or None for a guest."""
    return saved.subject()


def render_account_page() -> None:
    name = display_name()
    if name is not None:
        st.text(f"Signed in as {name}")
        st.caption("What you do here is kept for your next visit.")
        st.button("Log out", key=state.LOG_OUT, on_click=log_out, type="primary")
    elif configured():
        st.write("You are browsing as a guest: a refresh or a new tab starts over.")
        st.caption("Log in to keep what you do here between visits.")
        st.button("Log in", key=state.LOG_IN, on_click=st.login, type="primary")
    else:
        st.info(
            "Sign-in is not set up for this app yet, so everyone browses as a guest and "
            "a refresh starts over. To set it up, the app's operator copies the [auth] "
            "section of .streamlit/secrets.toml.example into .streamlit/secrets.toml, "
            "fills in the identity provider's details, and restarts the app."
        )


def sync_saved_work() -> None:
    """First thing in a run: the user's saved work, as their other tabs left it, met with
    what this run's callback changed (app/saved.py)."""
    saved.sync()


def run_page(page: StreamlitPage) -> None:
    """Run the page, then save what it changed."""
    with st.sidebar:
        saved.render_notice()
    saved.render_merge_notice()
    try:
        page.run()
    finally:  # st.stop() and st.switch_page() end a run early: what it changed is kept too
        saved.keep()


def save_after_part() -> None:
    """After a part of the page reran alone, save what it changed, as run_page does
    after a full run. Two outcomes change more than the part shows, and make the
    interaction a full run: another tab saved first (the full run's sync() merges both
    tabs' changes), or a save starts or stops failing (the sidebar's notice)."""
    failed = saved.FAILED.get()
    if saved.keep() or saved.FAILED.get() != failed:
        st.rerun()
