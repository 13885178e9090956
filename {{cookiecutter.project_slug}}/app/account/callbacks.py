"""Signing in, as the sign-in form's submit callback."""

from __future__ import annotations

import secrets

import streamlit as st

from .state import ERROR, NAME_INPUT, TOKEN, USER


def sign_in() -> None:
    name = st.session_state[NAME_INPUT].strip()
    if not name:
        st.session_state[ERROR] = "Type a display name to sign in."
        return
    st.session_state[USER] = {"name": name}
    st.session_state[TOKEN] = secrets.token_urlsafe(16)
    st.session_state[ERROR] = ""
