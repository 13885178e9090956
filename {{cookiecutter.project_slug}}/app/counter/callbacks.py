"""The counter's state changes. Each runs as a widget callback, before the script reruns."""

from __future__ import annotations

import streamlit as st

from .state import COUNT, HISTORY, HISTORY_LENGTH


def add_to_count(amount: int) -> None:
    st.session_state[COUNT] += amount
    history = st.session_state[HISTORY]
    history.append(f"+{amount}")
    del history[:-HISTORY_LENGTH]
