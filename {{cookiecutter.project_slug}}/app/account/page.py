"""Account page: a demo sign-in whose state the log-out flow clears."""

import streamlit as st

from app.account import state as account
from app.account.callbacks import sign_in
from app.session import log_out

st.title("Account")
user = st.session_state[account.USER]
if user:
    st.text(f"Signed in as {user['name']}")
    st.button("Log out", key=account.LOG_OUT, on_click=log_out, type="primary")
    st.caption("Logging out forgets everything you did here.")
else:
    # A form: typing costs no script run, and Enter or the button sends the name.
    with st.form(account.SIGN_IN_FORM_KEY, border=False):
        st.text_input(
            f"Display name (up to {account.MAX_NAME_LENGTH} characters)",
            key=account.NAME_INPUT,
            max_chars=account.MAX_NAME_LENGTH,
            persist_state="session",
        )
        st.form_submit_button("Sign in", key=account.SIGN_IN, on_click=sign_in)
    if st.session_state[account.ERROR]:
        st.error(st.session_state[account.ERROR])
