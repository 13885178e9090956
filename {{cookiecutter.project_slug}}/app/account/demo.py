"""A demo sign-in kept in session state, so that logging out has something to end.

The same functions as any sign-in of this app (see __init__.py): who is signed in, the
Account page, and how a page runs. A demo user has no lasting identity: nothing of
theirs outlives the session.
"""

from __future__ import annotations

import secrets

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ..session import log_out
from . import state


def sign_in() -> None:
    """The sign-in form's submit callback."""
    name = state.NAME_INPUT.get().strip()
    if not name:
        state.ERROR.set("Type a display name to sign in.")
        return
    state.USER.set({"name": name})
    state.TOKEN.set(secrets.token_urlsafe(16))
    state.ERROR.set("")


def display_name() -> str | None:
    """Who is signed in, or None."""
    user = state.USER.get()
    return user["name"] if user else None


def subject() -> str | None:
    """A lasting id for the signed-in user's saved work: a demo user has none."""
    return None


def render_account_page() -> None:
    user = state.USER.get()
    if user:
        st.text(f"Signed in as {user['name']}")
        st.button("Log out", key=state.LOG_OUT, on_click=log_out, type="primary")
        st.caption("Logging out forgets everything you did here.")
        return
    # A form: typing costs no script run, and Enter or the button sends the name.
    with st.form(state.SIGN_IN_FORM_KEY, border=False):
        st.text_input(
            f"Display name (up to {state.MAX_NAME_LENGTH} characters)",
            key=state.NAME_INPUT,
            max_chars=state.MAX_NAME_LENGTH,
            persist_state="session",
        )
        st.form_submit_button("Sign in", key=state.SIGN_IN, on_click=sign_in)
    if state.ERROR.get():
        st.error(state.ERROR.get())


def sync_saved_work() -> None:
    """A demo user has no saved work."""


def run_page(page: StreamlitPage) -> None:
    page.run()


def save_after_part() -> None:
    """A demo user has no saved work."""
