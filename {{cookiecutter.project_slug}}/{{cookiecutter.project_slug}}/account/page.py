"""Account page: a demo sign-in whose state the log-out flow clears."""

import streamlit as st

from {{ cookiecutter.project_slug }}.account import state as account
from {{ cookiecutter.project_slug }}.account.callbacks import sign_in

st.title("Account")
user = st.session_state[account.USER]
if user:
    st.text(f"Signed in as {user['name']}")
    st.caption("Log out, in the sidebar, ends the session and brings you back home.")
else:
    # No st.form: init_state writes registered keys back on every run, which would
    # reset what a user typed into a form field and has not submitted yet.
    st.text_input("Display name", key=account.NAME_INPUT, max_chars=account.MAX_NAME_LENGTH)
    st.button("Sign in", key=account.SIGN_IN, on_click=sign_in)
    if st.session_state[account.ERROR]:
        st.error(st.session_state[account.ERROR])
