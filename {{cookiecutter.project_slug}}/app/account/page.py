"""Account page: who is signed in, and the way in or out."""

import streamlit as st

from app.account import identity

st.title("Account")
identity.render_account_page()
