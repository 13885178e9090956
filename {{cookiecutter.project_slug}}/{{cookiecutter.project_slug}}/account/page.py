"""Account page: a demo sign-in whose state the log-out flow clears."""

import streamlit as st

from {{ cookiecutter.project_slug }}.account.callbacks import sign_in
from {{ cookiecutter.project_slug }}.account.state import ERROR, MAX_NAME_LENGTH, NAME_INPUT, USER

st.title("Account")
user = st.session_state[USER]
if user:
    st.text(f"Signed in as {user['name']}")  # text, not Markdown: a name is not markup
    st.caption("Log out from the sidebar ends the session and brings you back home.")
else:
    st.text_input("Display name", key=NAME_INPUT, max_chars=MAX_NAME_LENGTH)
    st.button("Sign in", key="account.sign_in", on_click=sign_in)
    if st.session_state[ERROR]:
        st.error(st.session_state[ERROR])
